"""The parts of an angkatan's pages that the floors above fill: its tab bar and its first tab."""

from django import template
from django.utils.html import format_html_join

from angkatan.models import Angkatan
from angkatan.tabs import tab_angkatan_list
from diklat.signals import isi_halaman_angkatan

register = template.Library()


@register.inclusion_tag("angkatan/_tabs.html", takes_context=True)
def tab_angkatan(context, angkatan, aktif=""):
    """Render the angkatan's tab bar, marking the tab named ``aktif`` (by default, the angkatan's own page)."""
    tabs = tab_angkatan_list(angkatan, context.get("request"))
    if not aktif:
        aktif = next((tab.kunci for tab in tabs if tab.url == angkatan.get_absolute_url()), "")
    return {"tabs": tabs, "aktif": aktif}


@register.simple_tag(takes_context=True)
def isi_angkatan(context, angkatan):
    """Render what the floors above show on the angkatan's own page, below its tabs."""
    jawaban = isi_halaman_angkatan.send(sender=Angkatan, angkatan=angkatan, request=context.get("request"))
    return format_html_join("\n", "{}", ((html,) for _receiver, html in jawaban if html))
