"""The roster part of the angkatan page, which the angkatan app cannot build itself."""

from django import template

from peserta.selectors import FilterRoster, roster_with_summary

register = template.Library()


@register.inclusion_tag("peserta/_roster.html", takes_context=True)
def angkatan_roster(context, angkatan):
    """Render the roster of an angkatan, narrowed by the page's ``?status=``, ``?q=`` and ``?belum_lengkap=1``.

    One query for the rows whatever their number; the counts per status come from the same rows.
    """
    request = context.get("request")
    saringan = FilterRoster.dari(request.GET) if request is not None else FilterRoster()
    roster = roster_with_summary(angkatan, saringan=saringan)
    return {
        "angkatan": angkatan,
        "roster": roster,
        "saringan": saringan,
        "rows": roster.rows,
        "jumlah": roster.jumlah,
        # Where a row's "edit" link returns: this roster, as it is narrowed now.
        "url_roster": f"{angkatan.get_absolute_url()}?{saringan.query()}#judul-peserta"
        if saringan.aktif
        else f"{angkatan.get_absolute_url()}#judul-peserta",
        "pil_status": [
            (value, label, count, saringan.query(status=value)) for value, label, count in roster.per_status
        ],
        "query_semua": saringan.query(status=""),
        "query_belum_lengkap": saringan.query(belum_lengkap="" if saringan.belum_lengkap else "1"),
        "query_tanpa_cari": saringan.query(q=""),
        "perms": context.get("perms"),
        "request": request,
    }
