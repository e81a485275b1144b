"""Reads of the score page: the grid with each row's final score and predikat, and the history of its lock."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from angkatan.models import Angkatan
from diklat.models import KomponenNilai, Predikat
from peserta.models import Pendaftaran
from peserta.nilai.aturan import nilai_akhir_hitung, predikat_untuk
from peserta.nilai.services import PERISTIWA_BUKA_KUNCI, PERISTIWA_FINALISASI, STATUS_DINILAI


@dataclass
class BarisNilai:
    """One participant's row of the grid."""

    pendaftaran: Pendaftaran
    nilai: dict[int, Decimal]
    nilai_akhir: Decimal | None
    predikat: Predikat | None
    lengkap: bool

    @property
    def lulus_sementara(self) -> bool | None:
        """Whether the score alone passes, before finalisation (``None`` while incomplete)."""
        if not self.lengkap:
            return None
        return self.predikat is not None


@dataclass
class GridNilai:
    angkatan: Angkatan
    komponen: list[KomponenNilai]
    bands: list[Predikat]
    baris: list[BarisNilai]

    @property
    def terkunci(self) -> bool:
        return self.angkatan.hasil_final

    @property
    def jumlah_bobot(self) -> int:
        return sum(k.bobot for k in self.komponen)


def nilai_grid(angkatan: Angkatan, *, pendaftaran_ids: Iterable[int] | None = None) -> GridNilai:
    """Return the score grid of an angkatan (or of some of its rows) in a fixed handful of queries."""
    program = angkatan.program
    komponen = list(program.komponen_nilai.all()) if program.dengan_evaluasi else []
    bands = list(program.predikat.all()) if program.dengan_evaluasi else []
    pendaftaran = (
        Pendaftaran.objects.filter(angkatan=angkatan, status__in=STATUS_DINILAI)
        .select_related("peserta")
        .prefetch_related("nilai")
        .order_by("peserta__nama", "peserta__nip")
    )
    if pendaftaran_ids is not None:
        pendaftaran = pendaftaran.filter(pk__in=list(pendaftaran_ids))
    baris = []
    for p in pendaftaran:
        nilai = {n.komponen_id: n.nilai for n in p.nilai.all()}
        akhir = nilai_akhir_hitung(nilai, komponen)
        baris.append(
            BarisNilai(
                pendaftaran=p,
                nilai=nilai,
                nilai_akhir=akhir,
                predikat=predikat_untuk(akhir, bands),
                lengkap=akhir is not None,
            )
        )
    return GridNilai(angkatan=angkatan, komponen=komponen, bands=bands, baris=baris)


def riwayat_kunci(angkatan: Angkatan) -> list[LogEntry]:
    """Return the finalisations and unlocks of an angkatan, newest first, from the audit log."""
    return list(
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Angkatan),
            object_pk=str(angkatan.pk),
            additional_data__peristiwa__in=[PERISTIWA_FINALISASI, PERISTIWA_BUKA_KUNCI],
        )
        .select_related("actor")
        .order_by("-timestamp", "-pk")
    )
