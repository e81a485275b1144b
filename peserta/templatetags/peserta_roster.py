"""The roster part of the angkatan page, which the angkatan app cannot build itself."""

from django import template

from diklat.halaman import tautan_halaman
from peserta.pendaftaran.selectors import FilterRoster, roster_with_summary

register = template.Library()


@register.inclusion_tag("peserta/_roster.html", takes_context=True)
def angkatan_roster(context, angkatan):
    """Render one page of an angkatan's roster, narrowed by the page's ``?status=``, ``?q=`` and ``?belum_lengkap=1``.

    The queries do not grow with the rows; the counts per status are of the whole roster. A filter chosen
    anew starts at its first page; the pages, the row actions and the edit links keep the page.
    """
    request = context.get("request")
    roster = roster_with_summary(angkatan, saringan=FilterRoster.dari(request.GET) if request is not None else None)
    saringan = roster.saringan
    halaman = roster.halaman
    return {
        "angkatan": angkatan,
        "roster": roster,
        "saringan": saringan,
        "rows": roster.rows,
        "halaman": halaman,
        "jumlah": roster.jumlah,
        # Where a row's "edit" link returns: this roster, as it is narrowed now, at this page.
        "url_roster": saringan.alamat(angkatan),
        "pil_status": [
            (value, label, count, saringan.query(status=value, page="")) for value, label, count in roster.per_status
        ],
        "query_semua": saringan.query(status="", page=""),
        "query_belum_lengkap": saringan.query(belum_lengkap="" if saringan.belum_lengkap else "1", page=""),
        "query_tanpa_cari": saringan.query(q="", page=""),
        "tautan_halaman": tautan_halaman(halaman, lambda nomor: "?" + saringan.query(page=nomor)),
        "perms": context.get("perms"),
        "request": request,
    }
