"""What every search box of the site does to what was typed before it reaches a query."""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.http import QueryDict

from diklat.nip import ketikan_nip

# Nobody searches with more than a line of text. SQLite refuses a LIKE pattern past its limit (a 500
# instead of "nothing found"), and every character more is work for the database on each row.
CARI_MAKS = 200


def teks_cari(nilai: object) -> str:
    """Return a search text fit for a query: NUL bytes dropped, spaces trimmed, cut to ``CARI_MAKS`` characters.

    PostgreSQL refuses a NUL byte in a query; the cut keeps SQLite's LIKE under its pattern limit.
    """
    if nilai is None:
        return ""
    return str(nilai).replace("\x00", "").strip()[:CARI_MAKS].strip()


def data_cari(data: Mapping | None, *nama: str) -> QueryDict | Mapping | None:
    """Return a copy of a request's GET data with the named search fields passed through ``teks_cari``.

    For forms (django-filter's) that read the search box themselves: they then show, and search for,
    the text as it was cut.
    """
    if data is None or not any(n in data for n in nama):
        return data
    salinan = data.copy()
    for n in nama:
        if n in salinan:
            salinan[n] = teks_cari(salinan[n])
    return salinan


class CariAdminMixin:
    """Cut a ModelAdmin's search (its change list and autocomplete) as every search box of the site is cut.

    ``DiklatAdminSite.register`` mixes it into every admin registered on the site, libraries' included.
    """

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, teks_cari(search_term))


_DIGIT = re.compile(r"[0-9]+", re.ASCII)


def digit_nip_cari(teks: str) -> str:
    """Return the digits of a search that is a NIP or a part of one (``NIP. 19660801 1988``), else ``""``.

    Read as ``parse_nip`` reads a NIP (full-width ``１９６６`` is 1966). Only a text made of digits and the
    separators people type between them counts: ``Budi 1966`` is a name search.
    """
    sisa = ketikan_nip(teks)
    return sisa if _DIGIT.fullmatch(sisa) else ""
