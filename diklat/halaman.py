"""Pages of a long list: a page number that is none gives the nearest page, never a 404."""

from __future__ import annotations

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
