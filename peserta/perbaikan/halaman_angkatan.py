"""What the check of printed data adds to an angkatan's pages: the Perbaikan data tab, with the open requests as
its badge (a receiver of ``diklat.signals.tab_angkatan``, connected in ``PesertaConfig.ready``), and the link to
it that the certificate pages give beside their warning of unconfirmed data."""

from django.urls import reverse
from django.utils.translation import gettext as _

from angkatan.tabs import Tab
from peserta.perbaikan.selectors import jumlah_permintaan_terbuka
from peserta.perbaikan.services import IZIN_LIHAT, TAB


def tab_perbaikan_data(sender, *, angkatan, request, **kwargs) -> list[Tab]:
    """Shown to those who may see the requests; the badge counts those waiting for staff."""
    if request is None or not request.user.has_perms(IZIN_LIHAT):
        return []
    return [
        Tab(
            TAB,
            _("Perbaikan data"),
            reverse("peserta:perbaikan-data", args=[angkatan.pk]),
            35,
            badge=jumlah_permintaan_terbuka(angkatan) or None,
        )
    ]


def url_perbaikan_data(user, angkatan) -> str:
    """Return the address of the angkatan's Perbaikan data tab, or "" when this user may not open it."""
    if not user.has_perms(IZIN_LIHAT):
        return ""
    return reverse("peserta:perbaikan-data", args=[angkatan.pk])
