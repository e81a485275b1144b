"""Training days of an angkatan: the dates it meets on, one attendance column and one sign-in sheet each.

By default an angkatan meets on every date from its start to its end except Saturdays, Sundays,
national holidays (*libur nasional*) and *cuti bersama*: the participants are civil servants, for whom
cuti bersama is a day off by decree, and BPSDM schedules no sessions on it. Staff add a Saturday or a
holiday session by hand when one is held.

The holiday calendar comes from ``lokal-id``, which knows only the years for which the SKB 3 Menteri has
been published; for other years only weekends are skipped and the attendance page says so.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from lokal import HOLIDAY_YEARS, holidays_on

from angkatan.kunci import angkatan_terkunci, pastikan_hasil_belum_final
from angkatan.models import Angkatan, HariPelatihan

SABTU, MINGGU = 5, 6


@dataclass(frozen=True)
class HariLibur:
    tanggal: datetime.date
    nama: str
    cuti_bersama: bool


def tanggal_panjang(tanggal: datetime.date) -> str:
    """Return a date as Indonesian documents write it: ``Senin, 20 Juni 2022``."""
    return date_format(tanggal, "l, j F Y")


def rentang_tanggal(mulai: datetime.date, selesai: datetime.date, *, resmi: bool = False) -> str:
    """Return a span of days as Indonesian writes it: ``20–24 Juni 2022``, ``28 Juni – 2 Juli 2022``.

    ``resmi`` gives the wording of official documents (certificates): ``20 s.d. 24 Juni 2022``.
    """
    dekat, jauh = (" s.d. ", " s.d. ") if resmi else ("–", " – ")
    if mulai == selesai:
        return date_format(mulai, "j F Y")
    if (mulai.year, mulai.month) == (selesai.year, selesai.month):
        return f"{mulai.day}{dekat}{date_format(selesai, 'j F Y')}"
    if mulai.year == selesai.year:
        return f"{date_format(mulai, 'j F')}{jauh}{date_format(selesai, 'j F Y')}"
    return f"{date_format(mulai, 'j F Y')}{jauh}{date_format(selesai, 'j F Y')}"


def libur_pada(tanggal: datetime.date) -> list[HariLibur]:
    """Return the national holidays and cuti bersama on a date; none for a year without data."""
    if tanggal.year not in HOLIDAY_YEARS:
        return []
    return [
        HariLibur(tanggal=tanggal, nama=libur.name, cuti_bersama=libur.type == "cuti_bersama")
        for libur in holidays_on(tanggal)
    ]


def akhir_pekan(tanggal: datetime.date) -> bool:
    """Tell whether a date is a Saturday or a Sunday."""
    return tanggal.weekday() in (SABTU, MINGGU)


def hari_latihan(tanggal: datetime.date) -> bool:
    """Tell whether sessions are held on a date by default: not a weekend, national holiday or cuti bersama."""
    return not akhir_pekan(tanggal) and not libur_pada(tanggal)


def libur_dalam_jadwal(angkatan: Angkatan) -> list[HariLibur]:
    """Return the holidays that fall on a weekday within the angkatan's dates (the days skipped for them)."""
    return [
        libur for tanggal in angkatan.tanggal_pelaksanaan if not akhir_pekan(tanggal) for libur in libur_pada(tanggal)
    ]


def tahun_tanpa_data_libur(angkatan: Angkatan) -> list[int]:
    """Return the years of the angkatan's dates whose holidays ``lokal-id`` does not know."""
    tahun = sorted({angkatan.tanggal_mulai.year, angkatan.tanggal_selesai.year})
    tahun = list(range(tahun[0], tahun[-1] + 1))
    return [t for t in tahun if t not in HOLIDAY_YEARS]


def hari_pelatihan_default(angkatan: Angkatan) -> list[datetime.date]:
    """Return the angkatan's dates without weekends, national holidays and cuti bersama."""
    return [tanggal for tanggal in angkatan.tanggal_pelaksanaan if hari_latihan(tanggal)]


@transaction.atomic
def hari_pelatihan_siapkan(*, angkatan: Angkatan) -> list[HariPelatihan]:
    """Create the default training days if the angkatan has none yet; return the days created.

    Runs once: as soon as an angkatan has a training day, its days are the staff's to change, and
    calling this again creates nothing. The angkatan row is locked so that two people opening the
    attendance page at the same moment do not both create the days.
    """
    angkatan = angkatan_terkunci(angkatan)
    pastikan_hasil_belum_final(angkatan)
    if angkatan.hari_pelatihan.exists():
        return []
    hari = [HariPelatihan(angkatan=angkatan, tanggal=tanggal) for tanggal in hari_pelatihan_default(angkatan)]
    for satu in hari:
        satu.full_clean()
    return HariPelatihan.objects.bulk_create(hari)


@transaction.atomic
def hari_pelatihan_tambah(*, angkatan: Angkatan, tanggal: datetime.date, keterangan: str = "") -> HariPelatihan:
    """Add a training day on any date within the angkatan's dates, a Saturday or a holiday included."""
    angkatan = angkatan_terkunci(angkatan)
    pastikan_hasil_belum_final(angkatan)
    if not angkatan.tanggal_mulai <= tanggal <= angkatan.tanggal_selesai:
        raise ValidationError(
            _("%(tanggal)s di luar jadwal angkatan (%(mulai)s sampai %(selesai)s)."),
            code="di_luar_jadwal",
            params={
                "tanggal": tanggal_panjang(tanggal),
                "mulai": tanggal_panjang(angkatan.tanggal_mulai),
                "selesai": tanggal_panjang(angkatan.tanggal_selesai),
            },
        )
    hari = HariPelatihan(angkatan=angkatan, tanggal=tanggal, keterangan=(keterangan or "").strip())
    hari.full_clean()
    hari.save()
    return hari


@transaction.atomic
def hari_pelatihan_ubah(*, hari: HariPelatihan, keterangan: str) -> HariPelatihan:
    """Change a day's note (session, trainer), printed on its sign-in sheet.

    Allowed after the results are final too: the note changes no one's attendance.
    """
    hari = HariPelatihan.objects.select_for_update().get(pk=hari.pk)
    hari.keterangan = (keterangan or "").strip()
    hari.full_clean()
    hari.save(update_fields=["keterangan"])
    return hari


@transaction.atomic
def hari_pelatihan_hapus(*, hari: HariPelatihan) -> None:
    """Remove a training day (what hangs on it goes with it; peserta asks first, see presensi_hari_hapus).

    The last day of an angkatan stays, since an attendance page without days
    would silently create the defaults again.
    """
    pastikan_hasil_belum_final(angkatan_terkunci(hari.angkatan))
    hari = HariPelatihan.objects.select_related("angkatan").get(pk=hari.pk)
    if not HariPelatihan.objects.filter(angkatan_id=hari.angkatan_id).exclude(pk=hari.pk).exists():
        raise ValidationError(
            _(
                "%(tanggal)s adalah satu-satunya hari pelatihan angkatan ini dan tidak dapat dihapus. "
                "Tambahkan hari lain dahulu."
            ),
            code="hari_terakhir",
            params={"tanggal": tanggal_panjang(hari.tanggal)},
        )
    hari.delete()
