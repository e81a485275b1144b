"""Reads for the participant's own pages: only ever what belongs to the one person asked about."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from angkatan.hari_pelatihan import rentang_tanggal
from angkatan.models import Angkatan, HariPelatihan
from diklat.angka import persen_tampil
from peserta.models import Pendaftaran, Peserta, Presensi
from peserta.nilai.aturan import nilai_tampil
from peserta.presensi.services import STATUS_PRESENSI, label_status

Status = Pendaftaran.Status


@dataclass
class HariSaya:
    """One training day as the participant sees it: what was recorded, or that it is still to come."""

    tanggal: datetime.date
    status: str
    akan_datang: bool

    @property
    def label(self) -> str:
        return label_status(self.status)


@dataclass
class PelatihanSaya:
    """One of the participant's enrolments with its days, ready for their home page."""

    pendaftaran: Pendaftaran
    hari: list[HariSaya] = field(default_factory=list)
    # HTML that higher floors give through diklat.signals.portal_pendaftaran (the certificate, say).
    bagian_tambahan: list[str] = field(default_factory=list)

    @property
    def angkatan(self) -> Angkatan:
        return self.pendaftaran.angkatan

    @property
    def tanggal(self) -> str:
        return rentang_tanggal(self.angkatan.tanggal_mulai, self.angkatan.tanggal_selesai)

    @property
    def hasil_final(self) -> bool:
        """Whether the result is decided: the results are final and this enrolment has one."""
        return self.angkatan.hasil_final and self.pendaftaran.status in (Status.LULUS, Status.TIDAK_LULUS)

    @property
    def tampilkan_kehadiran(self) -> bool:
        """Whether to show the attendance so far: attending a batch that has training days, result not decided."""
        return self.pendaftaran.status in STATUS_PRESENSI and not self.hasil_final and bool(self.hari)

    @property
    def hari_berlalu(self) -> list[HariSaya]:
        return [h for h in self.hari if not h.akan_datang]

    @property
    def jumlah(self) -> Counter:
        return Counter(h.status for h in self.hari_berlalu if h.status)

    @property
    def hadir(self) -> int:
        return self.jumlah[Presensi.Status.HADIR]

    @property
    def nilai_akhir(self) -> str:
        return nilai_tampil(self.pendaftaran.nilai_akhir, desimal=2)

    @property
    def persen_kehadiran(self) -> str:
        return persen_tampil(self.pendaftaran.persen_kehadiran)


def pelatihan_untuk_peserta(peserta: Peserta, *, hari_ini: datetime.date | None = None) -> list[PelatihanSaya]:
    """Return the person's enrolments, newest first, each with its training days and their attendance.

    Three queries whatever the number of enrolments. Only this person's rows are read.
    """
    hari_ini = hari_ini or timezone.localdate()
    pendaftaran = list(
        Pendaftaran.objects.filter(peserta=peserta)
        .select_related("peserta", "angkatan", "angkatan__program", "angkatan__venue")
        .order_by("-angkatan__tanggal_mulai", "-angkatan__nomor", "-pk")
    )
    hari_per_angkatan: dict[int, list[HariPelatihan]] = {}
    for hari in HariPelatihan.objects.filter(angkatan__in={p.angkatan_id for p in pendaftaran}).order_by("tanggal"):
        hari_per_angkatan.setdefault(hari.angkatan_id, []).append(hari)
    presensi = Presensi.objects.filter(pendaftaran__in=pendaftaran)
    status = {(p, h): s for p, h, s in presensi.values_list("pendaftaran_id", "hari_id", "status")}
    return [
        PelatihanSaya(
            pendaftaran=p,
            hari=[
                HariSaya(tanggal=h.tanggal, status=status.get((p.pk, h.pk), ""), akan_datang=h.tanggal > hari_ini)
                for h in hari_per_angkatan.get(p.angkatan_id, [])
            ],
        )
        for p in pendaftaran
    ]
