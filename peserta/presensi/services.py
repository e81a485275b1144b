"""Attendance: one cell per participant and training day, the percentage that counts, and the writes.

The rule of the programs: the attendance percentage is the number of days marked *hadir* over the
number of training days of the angkatan. *Izin* and *sakit* are shown apart but do not count as present;
an empty cell counts as not present. The percentage is stored in ``Pendaftaran.persen_kehadiran``
whenever it changes, so that other pages (scores, graduation, the participant's portal) read it
without counting again.
"""

import datetime
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
def presensi_hari_hapus(*, hari: HariPelatihan, termasuk_presensi: bool = False) -> int:
    """Remove a training day and store everyone's new percentage; return how many records went with it.

    A day that already holds attendance is removed only when the caller
    confirms it (``termasuk_presensi=True``): the records cannot come back.
    """
    # Locked before the records are counted, so that none written meanwhile goes unconfirmed.
    angkatan = angkatan_terkunci(hari.angkatan_id)
    pastikan_hasil_belum_final(angkatan)
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
