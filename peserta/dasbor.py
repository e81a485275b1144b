"""What the dashboard cards that count something per angkatan share (``peserta/_dasbor_per_angkatan.html``):
the enrolments waiting for verification, the correction requests waiting, the graduates without a certificate."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from angkatan.models import Angkatan


@dataclass(frozen=True)
class JumlahDiAngkatan:
    """One angkatan's count on a card: how many, where to act on them, and since when they wait (if it says)."""

    angkatan: Angkatan
    jumlah: int
    url: str
    sejak: datetime.datetime | None = None


@dataclass(frozen=True)
class JumlahPerAngkatan:
    """A card's count: in all, over how many angkatan, and the first few angkatan shown."""

    jumlah: int
    jumlah_angkatan: int
    per_angkatan: list[JumlahDiAngkatan]


def jumlah_per_angkatan(
    baris: list[dict], *, kunci: str, maks: int, url: Callable[[Angkatan], str]
) -> JumlahPerAngkatan:
    """Sum rows counted per angkatan (``kunci``: the angkatan's id, ``jumlah``, perhaps ``sejak``), in the order
    the card lists them, and load the first ``maks`` angkatan with their program: one query."""
    pertama = baris[:maks]
    angkatan = Angkatan.objects.select_related("program").in_bulk([b[kunci] for b in pertama])
    return JumlahPerAngkatan(
        jumlah=sum(b["jumlah"] for b in baris),
        jumlah_angkatan=len(baris),
        per_angkatan=[
            JumlahDiAngkatan(
                angkatan=angkatan[b[kunci]], jumlah=b["jumlah"], url=url(angkatan[b[kunci]]), sejak=b.get("sejak")
            )
            for b in pertama
        ],
    )
