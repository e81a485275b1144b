"""A column of an export: its key in a row, its header and what kind of value it holds."""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Choices
from django.utils.translation import get_language

JENIS = frozenset({"teks", "teks_angka", "angka", "tanggal", "persen"})


@dataclass(frozen=True)
class Kolom:
    """A column. ``jenis`` says how each format writes the value:

    - ``teks``: text, formula-neutralised;
    - ``teks_angka``: a digit string that must stay text (NIP, phone), never a number in Excel;
    - ``angka``: an int, Decimal or float, written as a number;
    - ``tanggal``: a ``datetime.date``, written as a date;
    - ``persen``: a Decimal percentage (``91.25`` for 91.25%), written as a number.

    ``lebar`` is a width hint for XLSX, in characters; without it the width is estimated. ``bobot`` weighs a
    text column in the PDF: with ``2`` (a name) it wraps into about half as many lines as the others.
    """

    kunci: str
    judul: str
    jenis: str = "teks"
    lebar: int | None = None
    bobot: float = 1

    def __post_init__(self):
        if self.jenis not in JENIS:
            raise ValueError(f"Jenis kolom tidak dikenal: {self.jenis!r}")


def nilai_baris(kolom: Sequence[Kolom], baris: Mapping[str, Any] | Sequence[Any]) -> list[Any]:
    """Return a row's values in column order; a mapping gives its values by key (a missing key is empty)."""
    if isinstance(baris, Mapping):
        return [baris.get(k.kunci) for k in kolom]
    nilai = list(baris)
    if len(nilai) < len(kolom):
        nilai.extend([None] * (len(kolom) - len(nilai)))
    return nilai[: len(kolom)]


def semua_nilai(kolom: Sequence[Kolom], baris: Iterable) -> Iterable[list[Any]]:
    """Yield every row's values in column order, one at a time."""
    for satu in baris:
        yield nilai_baris(kolom, satu)


def label_pilihan(pilihan: type[Choices]) -> Callable[[Any], str]:
    """Return a reader of a choice's label that translates each label once per language, not once per row.

    ``get_FOO_display`` translates the field's every label again on each call: over 100,000 rows that is
    a good part of an export's time. A value that is not a choice is given back as it is.
    """
    per_bahasa: dict[str | None, dict[Any, str]] = {}

    def label(nilai: Any) -> str:
        bahasa = get_language()
        labels = per_bahasa.get(bahasa)
        if labels is None:
            labels = per_bahasa[bahasa] = {kunci: str(teks) for kunci, teks in pilihan.choices}
        return labels.get(nilai, "" if nilai is None else str(nilai))

    return label
