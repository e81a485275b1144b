"""Reads for the participant's own pages: only ever what belongs to the one person asked about."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from angkatan.hari_pelatihan import rentang_tanggal
from angkatan.models import Angkatan, HariPelatihan
from diklat.angka import persen_tampil
from peserta.models import Pendaftaran, Peserta, Presensi, RiwayatStatus
from peserta.nilai.aturan import nilai_tampil
from peserta.presensi.services import STATUS_PRESENSI, label_status, persen_kehadiran

Status = Pendaftaran.Status

# The way an enrolment is meant to go, in the participant's words; the last step is the result.
ALUR = [Status.DIUSULKAN, Status.DIVERIFIKASI, Status.MENGIKUTI]
HASIL = "hasil"
STATUS_HASIL = {Status.LULUS, Status.TIDAK_LULUS}
# Ways out of the path, each with the reason staff gave, which the participant is shown.
STATUS_KELUAR = {Status.DITOLAK, Status.MENGUNDURKAN_DIRI}


@dataclass
class Langkah:
    """One step of an enrolment's timeline: reached (with its date when known), or still ahead."""

    label: str
    tercapai: bool
    pada: datetime.datetime | None = None
    alasan: str = ""
    # "selesai" (a step passed), "kini" (where it stands), "akan" (ahead), "gagal" (refused, withdrawn, not passed)
    jenis: str = "akan"


def linimasa(pendaftaran: Pendaftaran, riwayat: list[RiwayatStatus]) -> list[Langkah]:
    """Return the timeline of an enrolment: diusulkan → diverifikasi → mengikuti → lulus / tidak lulus.

    Each step reached carries the date it was last reached (a result unlocked and decided again shows
    the later date). A refusal or withdrawal ends the timeline there, with the reason staff gave.
    """
    terakhir: dict[str, RiwayatStatus] = {}
    for r in riwayat:
        terakhir[r.ke] = r
    sekarang = pendaftaran.status
    langkah = []
    if sekarang in STATUS_KELUAR:
        for status in ALUR:
            if status in terakhir or status == Status.DIUSULKAN:
                langkah.append(_langkah_lewat(status, terakhir, pendaftaran))
        keluar = terakhir.get(sekarang)
        langkah.append(
            Langkah(
                label=pendaftaran.get_status_display(),
                tercapai=True,
                pada=keluar.pada if keluar else None,
                alasan=pendaftaran.alasan or (keluar.alasan if keluar else ""),
                jenis="gagal",
            )
        )
        return langkah
    posisi = len(ALUR) if sekarang in STATUS_HASIL else ALUR.index(sekarang)
    for i, status in enumerate(ALUR):
        if i < posisi:
            langkah.append(_langkah_lewat(status, terakhir, pendaftaran))
        elif i == posisi:
            langkah.append(_langkah_lewat(status, terakhir, pendaftaran, jenis="kini"))
        else:
            langkah.append(Langkah(label=Status(status).label, tercapai=False))
    if sekarang in STATUS_HASIL:
        hasil = terakhir.get(sekarang)
        langkah.append(
            Langkah(
                label=pendaftaran.get_status_display(),
                tercapai=True,
                pada=hasil.pada if hasil else None,
                jenis="selesai" if sekarang == Status.LULUS else "gagal",
            )
        )
    else:
        langkah.append(Langkah(label=_("Lulus / tidak lulus"), tercapai=False))
    return langkah


def _langkah_lewat(status: str, terakhir: dict[str, RiwayatStatus], pendaftaran: Pendaftaran, jenis="selesai"):
    r = terakhir.get(status)
    pada = r.pada if r else (pendaftaran.created_at if status == Status.DIUSULKAN else None)
    return Langkah(label=Status(status).label, tercapai=True, pada=pada, jenis=jenis)


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
    langkah: list[Langkah] = field(default_factory=list)
    # HTML that higher floors give through diklat.signals.portal_pendaftaran (the certificate, say).
    bagian_tambahan: list[str] = field(default_factory=list)
    # Where the check of the data the certificate will print stands (peserta.perbaikan), when it is open.
    periksa: object | None = None

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
    def persen_sejauh_ini(self) -> str:
        """The share of the days so far the person was there: what they can see grow or fall each day."""
        return persen_tampil(persen_kehadiran(self.hadir, len(self.hari_berlalu)))

    @property
    def persen_paling_tinggi(self) -> Decimal | None:
        """The attendance they would end with if present on every day still ahead or not yet recorded."""
        belum = sum(1 for h in self.hari if h.akan_datang or not h.status)
        return persen_kehadiran(self.hadir + belum, len(self.hari))

    @property
    def min_kehadiran(self) -> str:
        return persen_tampil(self.angkatan.program.min_kehadiran_persen)

    @property
    def persen_paling_tinggi_tampil(self) -> str:
        return persen_tampil(self.persen_paling_tinggi)

    @property
    def kehadiran_tak_tercapai(self) -> bool:
        """Whether even full attendance from here on stays under the program's minimum."""
        paling = self.persen_paling_tinggi
        return paling is not None and paling < self.angkatan.program.min_kehadiran_persen

    @property
    def nilai_akhir(self) -> str:
        return nilai_tampil(self.pendaftaran.nilai_akhir, desimal=2)

    @property
    def persen_kehadiran(self) -> str:
        return persen_tampil(self.pendaftaran.persen_kehadiran)


def pelatihan_untuk_peserta(
    peserta: Peserta, *, hari_ini: datetime.date | None = None, pk: int | None = None
) -> list[PelatihanSaya]:
    """Return the person's enrolments, newest first, each with its timeline, training days and attendance.

    Four queries whatever the number of enrolments; each enrolment's ``peserta`` is the one given. Only this
    person's rows are read; ``pk`` narrows them to one of theirs (none when it is somebody else's).
    """
    hari_ini = hari_ini or timezone.localdate()
    pendaftaran = Pendaftaran.objects.filter(peserta=peserta)
    if pk is not None:
        pendaftaran = pendaftaran.filter(pk=pk)
    pendaftaran = list(
        pendaftaran.select_related("angkatan", "angkatan__program", "angkatan__venue").order_by(
            "-angkatan__tanggal_mulai", "-angkatan__nomor", "-pk"
        )
    )
    for p in pendaftaran:
        # The person as the caller has them (the portal's, with the rank the data check prints): not read again.
        p.peserta = peserta
    riwayat: dict[int, list[RiwayatStatus]] = {}
    for r in RiwayatStatus.objects.filter(pendaftaran__in=pendaftaran).order_by("pada", "pk"):
        riwayat.setdefault(r.pendaftaran_id, []).append(r)
    hari_per_angkatan: dict[int, list[HariPelatihan]] = {}
    for hari in HariPelatihan.objects.filter(angkatan__in={p.angkatan_id for p in pendaftaran}).order_by("tanggal"):
        hari_per_angkatan.setdefault(hari.angkatan_id, []).append(hari)
    presensi = Presensi.objects.filter(pendaftaran__in=pendaftaran)
    status = {(p, h): s for p, h, s in presensi.values_list("pendaftaran_id", "hari_id", "status")}
    return [
        PelatihanSaya(
            pendaftaran=p,
            langkah=linimasa(p, riwayat.get(p.pk, [])),
            hari=[
                HariSaya(tanggal=h.tanggal, status=status.get((p.pk, h.pk), ""), akan_datang=h.tanggal > hari_ini)
                for h in hari_per_angkatan.get(p.angkatan_id, [])
            ],
        )
        for p in pendaftaran
    ]
