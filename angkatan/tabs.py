"""The tab bar of an angkatan's pages, filled by the floors that add pages to it."""

from dataclasses import dataclass

from angkatan.models import Angkatan
from diklat.signals import tab_angkatan


@dataclass(frozen=True)
class Tab:
    """One tab: ``kunci`` names it for the page that marks it active; ``urutan`` places it."""

    kunci: str
    label: str
    url: str
    urutan: int
    badge: int | None = None


def tab_angkatan_list(angkatan: Angkatan, request) -> list[Tab]:
    """Return the tabs the floors above give this angkatan's pages, for this user, in order."""
    tabs = [
        tab
        for _receiver, jawaban in tab_angkatan.send(sender=Angkatan, angkatan=angkatan, request=request)
        for tab in jawaban
    ]
    return sorted(tabs, key=lambda tab: tab.urutan)
