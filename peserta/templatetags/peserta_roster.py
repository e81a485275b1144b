"""The roster part of the angkatan page, which the angkatan app cannot build itself."""

from django import template

from peserta.selectors import roster_with_summary

register = template.Library()


@register.inclusion_tag("peserta/_roster.html", takes_context=True)
def angkatan_roster(context, angkatan):
    """Render the roster of an angkatan, filtered by the page's ``?status=`` when it names a status.

    One query for the rows whatever their number; the counts per status come from the same rows.
    """
    request = context.get("request")
    status = request.GET.get("status", "") if request is not None else ""
    roster = roster_with_summary(angkatan, status=status)
    return {
        "angkatan": angkatan,
        "roster": roster,
        "rows": roster.rows,
        "jumlah": roster.jumlah,
        "perms": context.get("perms"),
        "request": request,
    }
