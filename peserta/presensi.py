"""Attendance: one cell per participant and training day, the percentage that counts, and reads for the grid.

The rule of the programs: the attendance percentage is the number of days marked *hadir* over the
number of training days of the angkatan. *Izin* and *sakit* are shown apart but do not count as present;
an empty cell counts as not present. The percentage is stored in ``Pendaftaran.persen_kehadiran``
whenever it changes, so that other pages (scores, graduation, the participant's portal) read it
without counting again.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from angkatan.hari_pelatihan import (
    hari_pelatihan_hapus,
    hari_pelatihan_siapkan,
    hari_pelatihan_tambah,
    tanggal_panjang,
)
from angkatan.kunci import angkatan_terkunci, pastikan_hasil_belum_final
from angkatan.models import Angkatan, HariPelatihan
from peserta.models import Pendaftaran, Presensi

Status = Presensi.Status
KOSONG = ""

# Who appears in the grid and on the sign-in sheets: people who attend. Proposed people are not yet
# verified; lulus and tidak lulus exist only after finalising, when the grid is read-only.
STATUS_PRESENSI = [
    Pendaftaran.Status.DIVERIFIKASI,
    Pendaftaran.Status.MENGIKUTI,
    Pendaftaran.Status.LULUS,
    Pendaftaran.Status.TIDAK_LULUS,
]

# What a click on a cell makes of it: empty → hadir → tidak hadir → izin → sakit → empty.
URUTAN_SIKLUS = [KOSONG, Status.HADIR, Status.ALPA, Status.IZIN, Status.SAKIT]
SINGKATAN = {KOSONG: "–", Status.HADIR: "H", Status.ALPA: "A", Status.IZIN: "I", Status.SAKIT: "S"}


def status_berikut(status: str) -> str:
    """Return what a cell holding ``status`` becomes when clicked."""
    return URUTAN_SIKLUS[(URUTAN_SIKLUS.index(status) + 1) % len(URUTAN_SIKLUS)]


def label_status(status: str) -> str:
    return Status(status).label if status else _("Belum diisi")


def persen_kehadiran(hadir: int, jumlah_hari: int) -> Decimal | None:
    """Return ``hadir`` over ``jumlah_hari`` in percent with two decimals; None without training days."""
    if jumlah_hari <= 0:
        return None
    return (Decimal(hadir) * 100 / Decimal(jumlah_hari)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# Writes -----------------------------------------------------------------------------------------------------


def kehadiran_hitung_ulang(*, angkatan: Angkatan, pendaftaran_ids: list[int] | None = None) -> int:
    """Store the attendance percentage of the angkatan's attending participants; return how many changed.

    Three queries whatever the number of participants. The stored value is derived, so it is written
    with ``update()``: no ``updated_at`` bump and no audit-log entry for every click in the grid.
    Call it before deciding who passes, to be sure the stored percentages are current.
    """
    jumlah_hari = HariPelatihan.objects.filter(angkatan=angkatan).count()
    baris = Pendaftaran.objects.filter(angkatan=angkatan, status__in=STATUS_PRESENSI)
    if pendaftaran_ids is not None:
        baris = baris.filter(pk__in=pendaftaran_ids)
    baris = baris.annotate(
        hadir=Count("presensi", filter=Q(presensi__status=Status.HADIR, presensi__hari__angkatan=angkatan))
    ).only("pk", "persen_kehadiran")
    berubah = []
    for pendaftaran in baris:
        persen = persen_kehadiran(pendaftaran.hadir, jumlah_hari)
        if pendaftaran.persen_kehadiran != persen:
            pendaftaran.persen_kehadiran = persen
            berubah.append(pendaftaran)
    Pendaftaran.objects.bulk_update(berubah, ["persen_kehadiran"], batch_size=500)
    return len(berubah)


def _pastikan_bisa_diisi(pendaftaran: Pendaftaran, hari: HariPelatihan) -> None:
    if pendaftaran.angkatan_id != hari.angkatan_id:
        raise ValidationError(
            _("Hari pelatihan dan peserta tidak berasal dari angkatan yang sama."), code="angkatan_berbeda"
        )
    if pendaftaran.status not in STATUS_PRESENSI:
        raise ValidationError(
            _(
                "%(nama)s berstatus “%(status)s”; presensi hanya dicatat untuk peserta yang sudah "
                "diverifikasi atau sedang mengikuti pelatihan."
            ),
            code="status_tanpa_presensi",
            params={"nama": pendaftaran.peserta.nama_lengkap, "status": pendaftaran.get_status_display()},
        )


@transaction.atomic
def presensi_set(*, pendaftaran: Pendaftaran, hari: HariPelatihan, status: str) -> Presensi | None:
    """Set one cell of the grid to ``status`` (empty string: clear it) and store the new percentage.

    The grid sends the status a click leads to, not "the next one": a double click or two people
    clicking at once then give the same cell, not one that has moved twice.
    """
    status = (status or "").strip()
    if status not in URUTAN_SIKLUS:
        raise ValidationError(
            _("Status presensi “%(status)s” tidak dikenal."), code="status_tidak_dikenal", params={"status": status}
        )
    angkatan = angkatan_terkunci(hari.angkatan)
    pastikan_hasil_belum_final(angkatan)
    pendaftaran = Pendaftaran.objects.select_related("peserta").get(pk=pendaftaran.pk)
    _pastikan_bisa_diisi(pendaftaran, hari)
    presensi = None
    if status == KOSONG:
        Presensi.objects.filter(pendaftaran=pendaftaran, hari=hari).delete()
    else:
        presensi = Presensi.objects.filter(pendaftaran=pendaftaran, hari=hari).first() or Presensi(
            pendaftaran=pendaftaran, hari=hari
        )
        if presensi.status != status:
            presensi.status = status
            # Day and person were checked above; the uniqueness of the pair is held by the angkatan lock.
            presensi.full_clean(exclude=["pendaftaran", "hari"], validate_unique=False, validate_constraints=False)
            presensi.save()
    kehadiran_hitung_ulang(angkatan=angkatan, pendaftaran_ids=[pendaftaran.pk])
    return presensi


@transaction.atomic
def presensi_semua_hadir(*, hari: HariPelatihan) -> int:
    """Mark every attending participant without a record for the day as *hadir*; return how many.

    Recorded cells stay as they are: someone already marked izin, sakit or absent is not made present.
    """
    angkatan = angkatan_terkunci(hari.angkatan)
    pastikan_hasil_belum_final(angkatan)
    kosong = list(
        Pendaftaran.objects.filter(angkatan=angkatan, status__in=STATUS_PRESENSI)
        .exclude(presensi__hari=hari)
        .values_list("pk", flat=True)
    )
    Presensi.objects.bulk_create(
        [Presensi(pendaftaran_id=pk, hari=hari, status=Status.HADIR) for pk in kosong], batch_size=500
    )
    kehadiran_hitung_ulang(angkatan=angkatan, pendaftaran_ids=kosong)
    return len(kosong)


@transaction.atomic
def presensi_hari_siapkan(*, angkatan: Angkatan) -> list[HariPelatihan]:
    """Create the default training days once (see ``hari_pelatihan_siapkan``) and store the percentages."""
    hari = hari_pelatihan_siapkan(angkatan=angkatan)
    if hari:
        kehadiran_hitung_ulang(angkatan=angkatan)
    return hari


@transaction.atomic
def presensi_hari_tambah(*, angkatan: Angkatan, tanggal: datetime.date, keterangan: str = "") -> HariPelatihan:
    """Add a training day and store everyone's new percentage (one more day to attend)."""
    hari = hari_pelatihan_tambah(angkatan=angkatan, tanggal=tanggal, keterangan=keterangan)
    kehadiran_hitung_ulang(angkatan=angkatan)
    return hari


@transaction.atomic
@transaction.atomic
def presensi_hari_hapus(*, hari: HariPelatihan, termasuk_presensi: bool = False) -> int:
    """Remove a training day and store everyone's new percentage; return how many records went with it.

    A day that already holds attendance is removed only when the caller
    confirms it (``termasuk_presensi=True``): the records cannot come back.
    """
    angkatan = hari.angkatan
    jumlah = Presensi.objects.filter(hari=hari).count()
    if jumlah and not termasuk_presensi:
        raise ValidationError(
            _(
                "%(tanggal)s sudah berisi %(jumlah)s catatan presensi. Menghapus hari tersebut juga menghapus "
                "catatan tersebut."
            ),
            code="hari_berisi_presensi",
            params={"tanggal": tanggal_panjang(hari.tanggal), "jumlah": jumlah},
        )
    hari_pelatihan_hapus(hari=hari)
    kehadiran_hitung_ulang(angkatan=angkatan)
    return jumlah


# Reads --------------------------------------------------------------------------------------------------------


@dataclass
class SelPresensi:
    hari: HariPelatihan
    status: str

    @property
    def berikut(self) -> str:
        return status_berikut(self.status)

    @property
    def singkatan(self) -> str:
        return SINGKATAN[self.status]

    @property
    def label(self) -> str:
        return label_status(self.status)

    @property
    def label_berikut(self) -> str:
        return label_status(self.berikut)


class JumlahPresensiMixin:
    """Counts by attendance status, read from ``self.jumlah`` (a Counter)."""

    jumlah: Counter

    @property
    def hadir(self) -> int:
        return self.jumlah[Status.HADIR]

    @property
    def izin(self) -> int:
        return self.jumlah[Status.IZIN]

    @property
    def sakit(self) -> int:
        return self.jumlah[Status.SAKIT]

    @property
    def alpa(self) -> int:
        return self.jumlah[Status.ALPA]


@dataclass
class BarisPresensi(JumlahPresensiMixin):
    nomor: int
    pendaftaran: Pendaftaran
    sel: list[SelPresensi]
    min_persen: Decimal

    @property
    def jumlah(self) -> Counter:
        return Counter(s.status for s in self.sel)

    @property
    def kosong(self) -> int:
        return self.jumlah[KOSONG]

    @property
    def tercatat(self) -> bool:
        return self.kosong < len(self.sel)

    @property
    def persen(self) -> Decimal | None:
        return persen_kehadiran(self.hadir, len(self.sel))

    @property
    def memenuhi(self) -> bool:
        return self.persen is not None and self.persen >= self.min_persen

    @property
    def masih_bisa_memenuhi(self) -> bool:
        """Return whether the minimum can still be reached if every day not yet marked is *hadir*.

        While an angkatan runs, its later days are still empty: someone present every day so far is
        below the minimum of the whole training without having missed anything.
        """
        terbaik = persen_kehadiran(self.hadir + self.kosong, len(self.sel))
        return terbaik is not None and terbaik >= self.min_persen

    @property
    def bisa_diubah(self) -> bool:
        return self.pendaftaran.status in STATUS_PRESENSI


@dataclass
class KolomHari:
    hari: HariPelatihan
    hadir: int


@dataclass
class GridPresensi:
    angkatan: Angkatan
    hari: list[HariPelatihan]
    baris: list[BarisPresensi]
    jumlah_hadir_per_hari: dict[int, int] = field(default_factory=dict)

    @property
    def terkunci(self) -> bool:
        return self.angkatan.hasil_final

    @property
    def kolom(self) -> list[KolomHari]:
        return [KolomHari(hari=h, hadir=self.jumlah_hadir_per_hari.get(h.pk, 0)) for h in self.hari]


def _pendaftaran_hadir(angkatan: Angkatan):
    return (
        Pendaftaran.objects.filter(angkatan=angkatan, status__in=STATUS_PRESENSI)
        .select_related("peserta", "peserta__pangkat", "peserta__provinsi", "peserta__kabupaten_kota")
        .order_by("peserta__nama", "peserta__nip")
    )


def presensi_grid(*, angkatan: Angkatan, pendaftaran_ids: list[int] | None = None) -> GridPresensi:
    """Return the attendance grid of an angkatan in three queries, whatever its size.

    With ``pendaftaran_ids``, only those rows (the fragment a click in the grid swaps back in).
    """
    hari = list(HariPelatihan.objects.filter(angkatan=angkatan).order_by("tanggal"))
    pendaftaran = _pendaftaran_hadir(angkatan)
    if pendaftaran_ids is not None:
        pendaftaran = pendaftaran.filter(pk__in=pendaftaran_ids)
    pendaftaran = list(pendaftaran)
    catatan = Presensi.objects.filter(hari__angkatan=angkatan)
    if pendaftaran_ids is not None:
        catatan = catatan.filter(pendaftaran_id__in=pendaftaran_ids)
    status_sel = {(p, h): s for p, h, s in catatan.values_list("pendaftaran_id", "hari_id", "status")}
    min_persen = angkatan.program.min_kehadiran_persen
    baris = [
        BarisPresensi(
            nomor=nomor,
            pendaftaran=p,
            sel=[SelPresensi(hari=h, status=status_sel.get((p.pk, h.pk), KOSONG)) for h in hari],
            min_persen=min_persen,
        )
        for nomor, p in enumerate(pendaftaran, start=1)
    ]
    terdaftar = {p.pk for p in pendaftaran}
    hadir_per_hari = Counter(h for (p, h), s in status_sel.items() if s == Status.HADIR and p in terdaftar)
    return GridPresensi(angkatan=angkatan, hari=hari, baris=baris, jumlah_hadir_per_hari=dict(hadir_per_hari))


def jumlah_hadir_pada_hari(hari: HariPelatihan) -> int:
    """Return how many attending participants are marked *hadir* on a day (the grid's footer cell)."""
    return Presensi.objects.filter(hari=hari, status=Status.HADIR, pendaftaran__status__in=STATUS_PRESENSI).count()


def unit_kerja_singkat(peserta) -> str:
    """Return the unit line of the sign-in sheet: only the pemda when the jabatan already names the agency.

    "Sekretaris Dinas Sosial" of "Dinas Sosial Kabupaten Bangli" prints as "Kabupaten Bangli" under
    the jabatan, which keeps a row to two lines; any other agency is printed whole.
    """
    instansi = peserta.instansi.strip()
    pemda = peserta.pemda
    nama_pemda = [pemda.nama] if peserta.kabupaten_kota_id else [f"Provinsi {pemda.nama}", pemda.nama]
    for nama in nama_pemda:
        perangkat = instansi.removesuffix(nama).strip()
        if perangkat != instansi and perangkat and perangkat.casefold() in peserta.jabatan.casefold():
            return nama_pemda[0]
    return instansi


@dataclass
class BarisDaftarHadir:
    nomor: int
    pendaftaran: Pendaftaran

    @property
    def peserta(self):
        return self.pendaftaran.peserta

    @property
    def unit_kerja(self) -> str:
        return unit_kerja_singkat(self.pendaftaran.peserta)

    @property
    def ttd_kanan(self) -> bool:
        """Even rows sign on the right, odd rows on the left."""
        return self.nomor % 2 == 0


@dataclass
class DaftarHadir(JumlahPresensiMixin):
    """What a day's sign-in sheet prints: the rows, and the day's counts when attendance is recorded."""

    hari: HariPelatihan
    baris: list[BarisDaftarHadir]
    jumlah: Counter

    @property
    def tercatat(self) -> bool:
        return sum(self.jumlah.values()) > 0

    @property
    def tidak_hadir(self) -> int:
        return self.jumlah[Status.ALPA] + self.jumlah[Status.IZIN] + self.jumlah[Status.SAKIT]

    @property
    def belum_tercatat(self) -> int:
        return len(self.baris) - sum(self.jumlah.values())

    @property
    def tanggal_panjang(self) -> str:
        return tanggal_panjang(self.hari.tanggal)


def daftar_hadir_untuk_hari(*, hari: HariPelatihan) -> DaftarHadir:
    """Return the rows of a day's sign-in sheet and the day's recorded counts, in two queries."""
    baris = [BarisDaftarHadir(nomor=n, pendaftaran=p) for n, p in enumerate(_pendaftaran_hadir(hari.angkatan), 1)]
    jumlah = Counter(
        Presensi.objects.filter(hari=hari, pendaftaran__status__in=STATUS_PRESENSI).values_list("status", flat=True)
    )
    return DaftarHadir(hari=hari, baris=baris, jumlah=jumlah)
