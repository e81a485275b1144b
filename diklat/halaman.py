"""Pages of a long list: a page number that is none gives the nearest page, never a 404; the numbered links."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.paginator import Page, Paginator


def halaman_terdekat(paginator: Paginator, nomor: object) -> Page:
    """Return the page ``nomor`` names, or the nearest one, as ``Paginator.get_page`` does.

    A page past the end gives the last page and one before the first (``0``, ``-1``) the first; what is no
    number (``?page=abc``, digits too many to read) the first. A link kept from a longer list, or typed by
    hand, still shows the list. ``last`` is the last page, as Django's list views read it.
    """
    try:
        nomor = int(nomor)
    except (TypeError, ValueError):
        nomor = paginator.num_pages if nomor == "last" else 1
    return paginator.get_page(max(nomor, 1))


class HalamanTerdekatMixin:
    """Make a list view (``ListView``, django-filter's ``FilterView``) show the nearest page instead of a 404."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(
            queryset, page_size, orphans=self.get_paginate_orphans(), allow_empty_first_page=self.get_allow_empty()
        )
        halaman = halaman_terdekat(
            paginator, self.kwargs.get(self.page_kwarg) or self.request.GET.get(self.page_kwarg)
        )
        return paginator, halaman, halaman.object_list, halaman.has_other_pages()


@dataclass(frozen=True)
class TautanHalaman:
    """One item of a list's page bar: a page number, or the ellipsis, and where it leads."""

    nomor: int | str
    # "" for the current page and the ellipsis, which are not links.
    alamat: str = ""
    kini: bool = False


def tautan_halaman(halaman: Page, alamat_untuk: Callable[[int], str]) -> list[TautanHalaman]:
    """Return the page bar of ``halaman`` (``1 … 4 5 [6] 7 8 … 20``), each page's address from ``alamat_untuk``.

    Drawn by ``templates/_tautan_halaman.html``; a list of one page has none.
    """
    if not halaman.has_other_pages():
        return []
    hasil = []
    for nomor in halaman.paginator.get_elided_page_range(halaman.number, on_each_side=2, on_ends=1):
        if nomor == halaman.number:
            hasil.append(TautanHalaman(nomor, kini=True))
        elif nomor == Paginator.ELLIPSIS:
            hasil.append(TautanHalaman(nomor))
        else:
            hasil.append(TautanHalaman(nomor, alamat_untuk(nomor)))
    return hasil
