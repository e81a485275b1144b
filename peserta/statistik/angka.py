"""The figures of the statistics page in a shape every floor can give: a titled group of counts.

A receiver of ``diklat.signals.angka_statistik`` answers with a list of ``BagianAngka``; the page's own
summary is one too, so the page shows them and writes them to the summary CSV alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal


def persen_dari(bagian: int, keseluruhan: int | None) -> Decimal | None:
    """Return ``bagian`` as a percentage of ``keseluruhan`` with one decimal (``37.5``), None of nothing."""
    if not keseluruhan:
        return None
    return (Decimal(100) * bagian / keseluruhan).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Angka:
    """One count: ``kunci`` names it in the CSV's rows and the tests, ``label`` says what was counted.

    ``dari`` is the whole it is a share of (the 38 provinces, the results decided), when it is one; the
    page then shows the percentage and a bar.
    """

    kunci: str
    label: str
    jumlah: int
    dari: int | None = None
    keterangan: str = ""

    @property
    def persen(self) -> Decimal | None:
        return persen_dari(self.jumlah, self.dari)


@dataclass(frozen=True)
class BagianAngka:
    """A titled group of counts, shown as one card of the page; sorted by ``urutan`` (the page's own: 10)."""

    kunci: str
    judul: str
    angka: list[Angka] = field(default_factory=list)
    urutan: int = 100
    keterangan: str = ""
