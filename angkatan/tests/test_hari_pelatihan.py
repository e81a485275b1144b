import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from angkatan.hari_pelatihan import (
    hari_pelatihan_default,
    hari_pelatihan_hapus,
    hari_pelatihan_siapkan,
    hari_pelatihan_tambah,
    hari_pelatihan_ubah,
    libur_dalam_jadwal,
    tahun_tanpa_data_libur,
)
from angkatan.models import HariPelatihan
from angkatan.tests.factories import AngkatanFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def angkatan_2026(mulai: D, selesai: D, **kwargs):
    return AngkatanFactory(tahun=mulai.year, tanggal_mulai=mulai, tanggal_selesai=selesai, **kwargs)


def tanggal_tersimpan(angkatan) -> list[D]:
    return list(HariPelatihan.objects.filter(angkatan=angkatan).order_by("tanggal").values_list("tanggal", flat=True))


def test_demo_week_monday_to_friday_gives_five_days():
    angkatan = AngkatanFactory(tanggal_mulai=D(2022, 6, 20), tanggal_selesai=D(2022, 6, 24))

    assert hari_pelatihan_default(angkatan) == [D(2022, 6, d) for d in range(20, 25)]


def test_weekend_is_skipped():
    angkatan = AngkatanFactory(tanggal_mulai=D(2022, 6, 23), tanggal_selesai=D(2022, 6, 28))

    assert hari_pelatihan_default(angkatan) == [D(2022, 6, 23), D(2022, 6, 24), D(2022, 6, 27), D(2022, 6, 28)]


def test_independence_day_is_skipped():
    angkatan = angkatan_2026(D(2026, 8, 17), D(2026, 8, 21))

    assert hari_pelatihan_default(angkatan) == [D(2026, 8, d) for d in range(18, 22)]
    assert [(libur.tanggal, libur.nama) for libur in libur_dalam_jadwal(angkatan)] == [
        (D(2026, 8, 17), "Proklamasi Kemerdekaan")
    ]


def test_cuti_bersama_is_skipped_like_a_holiday():
    # Thursday 14 May 2026 is Ascension Day; Friday 15 May is cuti bersama.
    angkatan = angkatan_2026(D(2026, 5, 11), D(2026, 5, 15))

    assert hari_pelatihan_default(angkatan) == [D(2026, 5, 11), D(2026, 5, 12), D(2026, 5, 13)]
    assert [libur.cuti_bersama for libur in libur_dalam_jadwal(angkatan)] == [False, True]


def test_pancasila_day_over_a_weekend_leaves_friday_and_tuesday():
    angkatan = angkatan_2026(D(2026, 5, 29), D(2026, 6, 2))

    assert hari_pelatihan_default(angkatan) == [D(2026, 5, 29), D(2026, 6, 2)]


def test_years_without_holiday_data_are_named():
    assert tahun_tanpa_data_libur(AngkatanFactory()) == [2022]
    assert tahun_tanpa_data_libur(angkatan_2026(D(2026, 12, 28), D(2027, 1, 8))) == []


def test_siapkan_creates_the_default_days_once():
    angkatan = angkatan_2026(D(2026, 8, 17), D(2026, 8, 21))

    dibuat = hari_pelatihan_siapkan(angkatan=angkatan)
    lagi = hari_pelatihan_siapkan(angkatan=angkatan)

    assert [h.tanggal for h in dibuat] == [D(2026, 8, d) for d in range(18, 22)]
    assert lagi == []
    assert tanggal_tersimpan(angkatan) == [D(2026, 8, d) for d in range(18, 22)]


def test_siapkan_does_not_bring_back_a_removed_day():
    angkatan = AngkatanFactory()
    hari_pelatihan_siapkan(angkatan=angkatan)
    hari_pelatihan_hapus(hari=HariPelatihan.objects.get(angkatan=angkatan, tanggal=D(2022, 6, 24)))

    assert hari_pelatihan_siapkan(angkatan=angkatan) == []
    assert len(tanggal_tersimpan(angkatan)) == 4


def test_a_saturday_session_can_be_added():
    angkatan = AngkatanFactory(tanggal_mulai=D(2022, 6, 20), tanggal_selesai=D(2022, 6, 25))
    hari_pelatihan_siapkan(angkatan=angkatan)

    hari = hari_pelatihan_tambah(angkatan=angkatan, tanggal=D(2022, 6, 25), keterangan="  Kunjungan lapangan ")

    assert hari.keterangan == "Kunjungan lapangan"
    assert tanggal_tersimpan(angkatan)[-1] == D(2022, 6, 25)


@pytest.mark.parametrize("tanggal", [D(2022, 6, 19), D(2022, 6, 25), D(2023, 6, 20)])
def test_a_day_outside_the_dates_is_refused(tanggal):
    angkatan = AngkatanFactory(tanggal_mulai=D(2022, 6, 20), tanggal_selesai=D(2022, 6, 24))

    with pytest.raises(ValidationError) as error:
        hari_pelatihan_tambah(angkatan=angkatan, tanggal=tanggal)

    assert "di luar jadwal angkatan (Senin, 20 Juni 2022 sampai Jumat, 24 Juni 2022)" in error.value.messages[0]
    assert not HariPelatihan.objects.exists()


def test_the_same_day_twice_is_refused():
    angkatan = AngkatanFactory()
    hari_pelatihan_tambah(angkatan=angkatan, tanggal=D(2022, 6, 20))

    with pytest.raises(ValidationError) as error:
        hari_pelatihan_tambah(angkatan=angkatan, tanggal=D(2022, 6, 20), keterangan="Sesi kedua")

    assert "Tanggal ini sudah menjadi hari pelatihan angkatan ini." in error.value.messages
    assert HariPelatihan.objects.get().keterangan == ""


def test_a_note_too_long_is_refused_and_the_old_one_kept():
    angkatan = AngkatanFactory()
    hari = hari_pelatihan_tambah(angkatan=angkatan, tanggal=D(2022, 6, 20), keterangan="Sesi 1")

    with pytest.raises(ValidationError):
        hari_pelatihan_ubah(hari=hari, keterangan="x" * 201)
    hari_pelatihan_ubah(hari=hari, keterangan="Sesi 1–2: Dr. Sugeng Hariyono, M.Si.")

    hari.refresh_from_db()
    assert hari.keterangan == "Sesi 1–2: Dr. Sugeng Hariyono, M.Si."


def test_a_note_that_starts_like_a_formula_is_refused():
    # The note heads the day's sign-in sheet and its exports.
    angkatan = AngkatanFactory()
    hari = hari_pelatihan_tambah(angkatan=angkatan, tanggal=D(2022, 6, 20), keterangan="Sesi 1")

    with pytest.raises(ValidationError, match="seperti rumus spreadsheet"):
        hari_pelatihan_ubah(hari=hari, keterangan='=HYPERLINK("http://x","klik")')
    with pytest.raises(ValidationError, match="seperti rumus spreadsheet"):
        hari_pelatihan_tambah(angkatan=angkatan, tanggal=D(2022, 6, 21), keterangan="@Sesi 2")

    hari.refresh_from_db()
    assert hari.keterangan == "Sesi 1"
    assert angkatan.hari_pelatihan.count() == 1


def test_the_last_day_cannot_be_removed():
    angkatan = AngkatanFactory()
    hari = hari_pelatihan_tambah(angkatan=angkatan, tanggal=D(2022, 6, 20))

    with pytest.raises(ValidationError) as error:
        hari_pelatihan_hapus(hari=hari)

    assert error.value.code == "hari_terakhir"
    assert "satu-satunya hari pelatihan" in error.value.messages[0]
    assert HariPelatihan.objects.filter(pk=hari.pk).exists()


def test_days_cannot_change_once_results_are_final():
    angkatan = AngkatanFactory()
    hari_pelatihan_siapkan(angkatan=angkatan)
    angkatan.nilai_dikunci_pada = timezone.now()
    angkatan.save()
    hari = HariPelatihan.objects.filter(angkatan=angkatan).first()

    for tindakan in (
        lambda: hari_pelatihan_tambah(angkatan=angkatan, tanggal=D(2022, 6, 24)),
        lambda: hari_pelatihan_hapus(hari=hari),
    ):
        with pytest.raises(ValidationError) as error:
            tindakan()
        assert "sudah difinalisasi" in error.value.messages[0]
    assert len(tanggal_tersimpan(angkatan)) == 5
    # The note is printed on the sheet and changes no one's attendance: it stays editable.
    assert hari_pelatihan_ubah(hari=hari, keterangan="Sesi penutupan").keterangan == "Sesi penutupan"
