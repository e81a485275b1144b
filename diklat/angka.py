"""Numbers as the pages write them, in the active language: one way to write a count or a percentage."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import formats

_DUA_DESIMAL = Decimal("0.01")


def desimal_tampil(nilai: Decimal | float | int | str | None) -> str:
    """Write a number with at most two decimals, trailing zeros dropped, as the active language does: ``85,5``,
    ``100`` (``85.5`` in English). An empty value (or one that is no number) gives ``""``."""
    if nilai is None or nilai == "":
        return ""
    try:
        angka = Decimal(str(nilai)).quantize(_DUA_DESIMAL, rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return ""
    # normalize() writes 100 as 1E+2; a whole number keeps its digits.
    angka = angka.quantize(Decimal(1)) if angka == angka.to_integral() else angka.normalize()
    return formats.number_format(angka)


def persen_tampil(nilai: Decimal | float | int | str | None) -> str:
    """Write a percentage as Indonesian writes it, without a space: ``90%``, ``87,5%`` (``87.5%`` in English).

    At most two decimals, trailing zeros dropped; an empty value (or one that is no number) gives ``""``.
    """
    angka = desimal_tampil(nilai)
    return f"{angka}%" if angka else ""


def angka_tampil(nilai: Decimal | float | int, desimal: int | None = None) -> str:
    """Write a number with its thousands grouped, as the active language does: ``10.000`` and ``1,5`` in
    Indonesian, ``10,000`` and ``1.5`` in English."""
    if desimal is not None:
        # number_format cuts a float's digits; round half up as people do.
        nilai = Decimal(str(nilai)).quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP)
    elif isinstance(nilai, float) and nilai.is_integer():
        nilai = int(nilai)
    return formats.number_format(nilai, decimal_pos=desimal, force_grouping=True)


def lebar_svg(bagian: Decimal | float | int | None, keseluruhan: Decimal | float | int | None) -> str:
    """Return ``bagian`` as a percentage of ``keseluruhan``, held within 0–100 and written for an SVG attribute
    (a dot, whatever the language): ``lebar_svg(3, 8)`` gives ``"37.5"``; nothing of nothing gives ``"0"``."""
    if not keseluruhan or not bagian or bagian <= 0 or keseluruhan <= 0:
        return "0"
    persen = min(Decimal(100), Decimal(100) * Decimal(str(bagian)) / Decimal(str(keseluruhan)))
    teks = f"{persen:.2f}".rstrip("0").rstrip(".")
    return teks or "0"
