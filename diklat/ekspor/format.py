"""How a value of each kind of column is written as text (CSV, PDF)."""

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from .aman import sel_aman


def sebagai_tanggal(nilai: Any) -> datetime.date | None:
    """Return the date of a date or datetime (an aware datetime in the site's time zone), else None."""
    if isinstance(nilai, datetime.datetime):
        if timezone.is_aware(nilai):
            nilai = timezone.localtime(nilai)
        return nilai.date()
    if isinstance(nilai, datetime.date):
        return nilai
    return None


def adalah_angka(nilai: Any) -> bool:
    """Whether ``nilai`` is a number a spreadsheet can hold as one (bool is not)."""
    return isinstance(nilai, int | float | Decimal) and not isinstance(nilai, bool)


def angka_polos(nilai: int | float | Decimal, desimal: str = ".") -> str:
    """Write a number plainly, without grouping or exponent: ``91.25`` (``91,25`` with ``desimal=","``)."""
    if isinstance(nilai, Decimal):
        teks = format(nilai, "f")
    elif isinstance(nilai, float):
        teks = format(nilai, "f").rstrip("0").rstrip(".") if nilai.is_integer() else repr(nilai)
    else:
        teks = str(nilai)
    return teks.replace(".", desimal)


def teks_sel(jenis: str, nilai: Any, *, desimal: str = ".") -> str:
    """Write one cell as text: a date as ``dd/mm/yyyy``, a number plainly, any text formula-safe."""
    if nilai is None:
        return ""
    if jenis == "tanggal" and (tanggal := sebagai_tanggal(nilai)) is not None:
        return tanggal.strftime("%d/%m/%Y")
    if jenis in ("angka", "persen") and adalah_angka(nilai):
        return angka_polos(nilai, desimal)
    return sel_aman(nilai)
