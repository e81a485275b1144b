"""The roster part of the angkatan page, which the angkatan app cannot build itself."""

from django import template

from peserta.selectors import roster_for_angkatan

register = template.Library()


@register.inclusion_tag("peserta/_roster.html", takes_context=True)
def angkatan_roster(context, angkatan):
    rows = list(roster_for_angkatan(angkatan))
    return {"angkatan": angkatan, "rows": rows, "jumlah": len(rows), "perms": context.get("perms")}
