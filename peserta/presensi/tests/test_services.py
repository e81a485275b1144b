import datetime
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from angkatan.models import HariPelatihan
from angkatan.tests.factories import AngkatanFactory
from diklat.models import KabupatenKota
from diklat.tests.factories import ProgramFactory
from peserta.models import Pendaftaran, Presensi
from peserta.presensi.selectors import presensi_grid, unit_kerja_singkat
from peserta.presensi.services import (
    kehadiran_hitung_ulang,
    persen_kehadiran,
    presensi_hari_hapus,
    presensi_hari_siapkan,
    presensi_hari_tambah,
    presensi_semua_hadir,
    presensi_set,
    status_berikut,
)
from peserta.tests.factories import PendaftaranFactory, PesertaFactory

pytestmark = pytest.mark.django_db

MENGIKUTI = Pendaftaran.Status.MENGIKUTI


@pytest.fixture
def angkatan():
    """Angkatan IV: Monday 20 to Friday 24 June 2022, five training days."""
    angkatan = AngkatanFactory(nomor=4, program=ProgramFactory(min_kehadiran_persen=Decimal("80")))
    presensi_hari_siapkan(angkatan=angkatan)
    return angkatan


def hari_ke(angkatan, n: int) -> HariPelatihan:
    return HariPelatihan.objects.filter(angkatan=angkatan).order_by("tanggal")[n]


def persen(pendaftaran) -> Decimal | None:
    pendaftaran.refresh_from_db()
    return pendaftaran.persen_kehadiran


def test_a_click_cycles_empty_present_absent_izin_sakit_empty():
    urutan = [""]
    for _ in range(5):
        urutan.append(status_berikut(urutan[-1]))

    assert urutan == ["", "hadir", "alpa", "izin", "sakit", ""]


def test_percentage_counts_present_days_over_training_days():
    assert persen_kehadiran(4, 5) == Decimal("80.00")
    assert persen_kehadiran(2, 3) == Decimal("66.67")
    assert persen_kehadiran(0, 5) == Decimal("0.00")
    assert persen_kehadiran(0, 0) is None


def test_setting_a_cell_stores_it_and_the_percentage(angkatan):
    pendaftaran = PendaftaranFactory(angkatan=angkatan, status=MENGIKUTI)

    presensi_set(pendaftaran=pendaftaran, hari=hari_ke(angkatan, 0), status="hadir")

    assert Presensi.objects.get().status == "hadir"
    assert persen(pendaftaran) == Decimal("20.00")


def test_izin_and_sakit_do_not_count_as_present(angkatan):
    pendaftaran = PendaftaranFactory(angkatan=angkatan, status=MENGIKUTI)
    for n, status in enumerate(["hadir", "hadir", "hadir", "izin", "sakit"]):
        presensi_set(pendaftaran=pendaftaran, hari=hari_ke(angkatan, n), status=status)

    assert persen(pendaftaran) == Decimal("60.00")
    baris = presensi_grid(angkatan=angkatan).baris[0]
    assert (baris.hadir, baris.izin, baris.sakit, baris.alpa) == (3, 1, 1, 0)
    assert not baris.memenuhi  # 60 % is under the program's 80 %


def test_changing_and_clearing_a_cell(angkatan):
    pendaftaran = PendaftaranFactory(angkatan=angkatan, status=MENGIKUTI)
    hari = hari_ke(angkatan, 0)
    presensi_set(pendaftaran=pendaftaran, hari=hari, status="hadir")

    presensi_set(pendaftaran=pendaftaran, hari=hari, status="izin")
    assert Presensi.objects.get().status == "izin"
    assert persen(pendaftaran) == Decimal("0.00")

    presensi_set(pendaftaran=pendaftaran, hari=hari, status="")
    assert not Presensi.objects.exists()


@pytest.mark.parametrize("status", ["hadir ", "HADIR", "libur", "x" * 500, "1"])
def test_an_unknown_status_is_refused(angkatan, status):
    pendaftaran = PendaftaranFactory(angkatan=angkatan, status=MENGIKUTI)
    if status == "hadir ":
        # Spaces around a known value are forgiven.
        presensi_set(pendaftaran=pendaftaran, hari=hari_ke(angkatan, 0), status=status)
        assert Presensi.objects.get().status == "hadir"
        return

    with pytest.raises(ValidationError) as error:
        presensi_set(pendaftaran=pendaftaran, hari=hari_ke(angkatan, 0), status=status)

    assert "tidak dikenal" in error.value.messages[0]
    assert not Presensi.objects.exists()


def test_a_day_of_another_angkatan_is_refused(angkatan):
    pendaftaran = PendaftaranFactory(angkatan=angkatan, status=MENGIKUTI)
    lain = AngkatanFactory()
    presensi_hari_siapkan(angkatan=lain)

    with pytest.raises(ValidationError) as error:
        presensi_set(pendaftaran=pendaftaran, hari=hari_ke(lain, 0), status="hadir")

    assert error.value.code == "angkatan_berbeda"
    assert not Presensi.objects.exists()


@pytest.mark.parametrize("status", ["diusulkan", "ditolak", "mengundurkan_diri"])
def test_only_people_who_attend_get_attendance(angkatan, status):
    pendaftaran = PendaftaranFactory(angkatan=angkatan, status=status)

    with pytest.raises(ValidationError) as error:
        presensi_set(pendaftaran=pendaftaran, hari=hari_ke(angkatan, 0), status="hadir")

    assert "presensi hanya dicatat untuk peserta yang sudah diverifikasi" in error.value.messages[0]
    assert not Presensi.objects.exists()


def test_all_present_fills_only_empty_cells_of_that_day(angkatan):
    hari = hari_ke(angkatan, 0)
    izin, sakit, alpa, kosong, kosong2 = PendaftaranFactory.create_batch(5, angkatan=angkatan, status=MENGIKUTI)
    diverifikasi = PendaftaranFactory(angkatan=angkatan, status=Pendaftaran.Status.DIVERIFIKASI)
    diusulkan = PendaftaranFactory(angkatan=angkatan)
    presensi_set(pendaftaran=izin, hari=hari, status="izin")
    presensi_set(pendaftaran=sakit, hari=hari, status="sakit")
    presensi_set(pendaftaran=alpa, hari=hari, status="alpa")
    presensi_set(pendaftaran=kosong2, hari=hari_ke(angkatan, 1), status="izin")

    jumlah = presensi_semua_hadir(hari=hari)

    assert jumlah == 3
    status = dict(Presensi.objects.filter(hari=hari).values_list("pendaftaran_id", "status"))
    assert status == {
        izin.pk: "izin",
        sakit.pk: "sakit",
        alpa.pk: "alpa",
        kosong.pk: "hadir",
        kosong2.pk: "hadir",
        diverifikasi.pk: "hadir",
    }
    assert diusulkan.pk not in status
    assert persen(kosong) == Decimal("20.00")
    assert presensi_semua_hadir(hari=hari) == 0


def test_adding_a_day_lowers_everyones_percentage(angkatan):
    pendaftaran = PendaftaranFactory(angkatan=angkatan, status=MENGIKUTI)
    for n in range(5):
        presensi_semua_hadir(hari=hari_ke(angkatan, n))
    assert persen(pendaftaran) == Decimal("100.00")

    angkatan.tanggal_selesai = datetime.date(2022, 6, 25)
    angkatan.save()
    presensi_hari_tambah(angkatan=angkatan, tanggal=datetime.date(2022, 6, 25), keterangan="Sesi Sabtu")

    assert persen(pendaftaran) == Decimal("83.33")


def test_removing_a_day_with_attendance_needs_confirmation(angkatan):
    pendaftaran = PendaftaranFactory(angkatan=angkatan, status=MENGIKUTI)
    senin = hari_ke(angkatan, 0)
    presensi_set(pendaftaran=pendaftaran, hari=senin, status="alpa")
    presensi_set(pendaftaran=pendaftaran, hari=hari_ke(angkatan, 1), status="hadir")

    with pytest.raises(ValidationError) as error:
        presensi_hari_hapus(hari=senin)
    assert error.value.code == "hari_berisi_presensi"
    assert "Senin, 20 Juni 2022 sudah berisi 1 catatan presensi" in error.value.messages[0]
    assert HariPelatihan.objects.filter(pk=senin.pk).exists()
    assert persen(pendaftaran) == Decimal("20.00")

    assert presensi_hari_hapus(hari=senin, termasuk_presensi=True) == 1

    assert not HariPelatihan.objects.filter(pk=senin.pk).exists()
    assert Presensi.objects.count() == 1
    assert persen(pendaftaran) == Decimal("25.00")


def test_removing_an_empty_day_needs_no_confirmation(angkatan):
    assert presensi_hari_hapus(hari=hari_ke(angkatan, 4)) == 0
    assert HariPelatihan.objects.filter(angkatan=angkatan).count() == 4


def test_nothing_changes_once_results_are_final(angkatan):
    pendaftaran = PendaftaranFactory(angkatan=angkatan, status=MENGIKUTI)
    hari = hari_ke(angkatan, 0)
    presensi_set(pendaftaran=pendaftaran, hari=hari, status="izin")
    angkatan.nilai_dikunci_pada = timezone.now()
    angkatan.save()

    tindakan = [
        lambda: presensi_set(pendaftaran=pendaftaran, hari=hari, status="hadir"),
        lambda: presensi_set(pendaftaran=pendaftaran, hari=hari, status=""),
        lambda: presensi_semua_hadir(hari=hari_ke(angkatan, 1)),
        lambda: presensi_hari_hapus(hari=hari, termasuk_presensi=True),
    ]
    for satu in tindakan:
        with pytest.raises(ValidationError) as error:
            satu()
        assert error.value.code == "hasil_final"
        assert "sudah difinalisasi" in error.value.messages[0]

    assert list(Presensi.objects.values_list("status", flat=True)) == ["izin"]
    assert HariPelatihan.objects.filter(angkatan=angkatan).count() == 5


def test_recount_stores_the_percentages_of_attending_people_only(angkatan):
    ikut = PendaftaranFactory(angkatan=angkatan, status=MENGIKUTI)
    usul = PendaftaranFactory(angkatan=angkatan)
    Presensi.objects.create(pendaftaran=ikut, hari=hari_ke(angkatan, 0), status="hadir")

    assert kehadiran_hitung_ulang(angkatan=angkatan) == 1
    assert kehadiran_hitung_ulang(angkatan=angkatan) == 0
    assert persen(ikut) == Decimal("20.00")
    assert persen(usul) is None


def test_grid_rows_are_attending_people_in_name_order(angkatan):
    PendaftaranFactory(angkatan=angkatan, status=MENGIKUTI, peserta=PesertaFactory(nama="Zainal Arifin"))
    PendaftaranFactory(angkatan=angkatan, status="diverifikasi", peserta=PesertaFactory(nama="Ahmad Fauzi"))
    PendaftaranFactory(angkatan=angkatan, peserta=PesertaFactory(nama="Budi Diusulkan"))
    PendaftaranFactory(angkatan=angkatan, status="ditolak", peserta=PesertaFactory(nama="Citra Ditolak"))

    grid = presensi_grid(angkatan=angkatan)

    assert [b.pendaftaran.peserta.nama for b in grid.baris] == ["Ahmad Fauzi", "Zainal Arifin"]
    assert [h.tanggal.day for h in grid.hari] == [20, 21, 22, 23, 24]
    assert all(len(b.sel) == 5 for b in grid.baris)


def test_grid_queries_do_not_grow_with_people_or_days(angkatan):
    def hitung() -> int:
        with CaptureQueriesContext(connection) as ctx:
            grid = presensi_grid(angkatan=angkatan)
            [(b.persen, b.memenuhi, [s.label for s in b.sel]) for b in grid.baris]
            [k.hadir for k in grid.kolom]
        return len(ctx.captured_queries)

    PendaftaranFactory.create_batch(2, angkatan=angkatan, status=MENGIKUTI)
    sedikit = hitung()
    for pendaftaran in PendaftaranFactory.create_batch(20, angkatan=angkatan, status=MENGIKUTI):
        presensi_set(pendaftaran=pendaftaran, hari=hari_ke(angkatan, 2), status="hadir")
    angkatan.tanggal_selesai = datetime.date(2022, 6, 30)
    angkatan.save()
    presensi_hari_tambah(angkatan=angkatan, tanggal=datetime.date(2022, 6, 27))

    assert hitung() == sedikit == 3


def test_all_present_and_recount_take_the_same_queries_for_many_people(angkatan):
    PendaftaranFactory.create_batch(2, angkatan=angkatan, status=MENGIKUTI)
    with CaptureQueriesContext(connection) as sedikit:
        presensi_semua_hadir(hari=hari_ke(angkatan, 0))
    PendaftaranFactory.create_batch(30, angkatan=angkatan, status=MENGIKUTI)
    with CaptureQueriesContext(connection) as banyak:
        presensi_semua_hadir(hari=hari_ke(angkatan, 1))

    assert len(banyak.captured_queries) == len(sedikit.captured_queries)


@pytest.mark.parametrize(
    ("jabatan", "instansi", "kabkota", "unit"),
    [
        ("Sekretaris Dinas Sosial", "Dinas Sosial Kabupaten Banyumas", "33.02", "Kabupaten Banyumas"),
        ("Sekretaris Inspektorat", "Inspektorat Provinsi Jawa Tengah", None, "Provinsi Jawa Tengah"),
        ("Camat Kemang", "Kecamatan Kemang Kabupaten Bogor", "32.01", "Kecamatan Kemang Kabupaten Bogor"),
        ("Kepala Seksi Kelembagaan", "Dinas PMD Kabupaten Banyumas", "33.02", "Dinas PMD Kabupaten Banyumas"),
    ],
)
def test_the_unit_line_drops_what_the_jabatan_already_says(jabatan, instansi, kabkota, unit):
    peserta = PesertaFactory.build(
        jabatan=jabatan,
        instansi=instansi,
        kabupaten_kota=KabupatenKota.objects.get(kode=kabkota) if kabkota else None,
    )

    assert unit_kerja_singkat(peserta) == unit


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_people_marking_all_present_at_once_store_each_cell_once():
    angkatan = AngkatanFactory()
    presensi_hari_siapkan(angkatan=angkatan)
    orang = PendaftaranFactory.create_batch(10, angkatan=angkatan, status=MENGIKUTI)
    hari = hari_ke(angkatan, 0)
    barrier = threading.Barrier(3)
    hasil: list[object] = [None] * 3

    def kerja(i: int) -> None:
        try:
            barrier.wait(timeout=10)
            if i < 2:
                hasil[i] = presensi_semua_hadir(hari=hari)
            else:
                hasil[i] = presensi_set(pendaftaran=orang[0], hari=hari, status="izin")
        except Exception as error:  # noqa: BLE001 - reported by the assertions below
            hasil[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=kerja, args=(i,)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert not any(isinstance(r, Exception) for r in hasil), hasil
    assert Presensi.objects.filter(hari=hari).count() == 10
    # Whoever came first, the izin is either kept (all-present skipped it) or set over hadir afterwards.
    assert Presensi.objects.get(hari=hari, pendaftaran=orang[0]).status == "izin"
    assert sum(hasil[:2]) in (9, 10)
