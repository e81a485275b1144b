"""Filters every floor's templates use to write numbers the same way."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from diklat.angka import angka_tampil, lebar_svg, persen_tampil

register = template.Library()


@register.filter
def persen(nilai) -> str:
    """Write a percentage: ``{{ 90|persen }}`` gives ``90%``, ``{{ 87.5|persen }}`` gives ``87,5%``."""
    return persen_tampil(nilai)


@register.filter
def angka(nilai) -> str:
    """Write a count with its thousands grouped: ``{{ 4980|angka }}`` gives ``4.980`` (``4,980`` in English).

    An empty value gives ``""``; anything that is no number is written as it is.
    """
    if nilai is None or nilai == "" or isinstance(nilai, bool):
        return ""
    if isinstance(nilai, str):
        try:
            nilai = int(nilai)
        except ValueError:
            return nilai
    try:
        return angka_tampil(nilai)
    except (TypeError, ValueError):
        return str(nilai)


@register.filter
def pecah_di_garis_miring(teks) -> str:
    """Let a long number or pattern wrap only after its slashes, never inside a part (``{program}``, ``BPSDM``).

    A narrow screen otherwise breaks ``{seq:04d}/STTP/{pro`` ``gram}`` anywhere.
    """
    bagian = str(teks).split("/")
    potongan = [
        f'<span class="text-nowrap">{escape(b)}{"/" if i < len(bagian) - 1 else ""}</span>'
        for i, b in enumerate(bagian)
    ]
    return mark_safe("<wbr>".join(potongan))  # every part is escaped above


@register.simple_tag
def lebar_batang(bagian, keseluruhan) -> str:
    """Give the length of a bar of ``diklat/_batang.html``: ``{% lebar_batang terisi kuota as lebar %}``."""
    return lebar_svg(bagian, keseluruhan)
