import threading
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction

from angkatan.tests.factories import AngkatanFactory
from diklat.models import KomponenNilai
from diklat.tests.factories import ProgramFactory, admin_user, staf_user
from peserta.models import Nilai, Pendaftaran, RiwayatStatus
from peserta.nilai.aturan import nilai_akhir_hitung, nilai_parse, nilai_tampil, predikat_untuk
from peserta.nilai.selectors import nilai_grid
from peserta.nilai.services import IsianNilaiSalah, hasil_buka_kunci, hasil_finalisasi, nilai_grid_save
from peserta.tests.factories import PendaftaranFactory, PesertaFactory

pytestmark = pytest.mark.django_db
Status = Pendaftaran.Status


def program_dinilai(**kwargs):
    program = ProgramFactory(**kwargs)
    for urutan, (nama, bobot) in enumerate([("Sikap dan perilaku", 20), ("Tugas", 30), ("Ujian", 50)], start=1):
        KomponenNilai.objects.create(program=program, urutan=urutan, nama=nama, bobot=bobot)
    return program


def ikut(angkatan, nama, kehadiran="100", **kwargs):
    return PendaftaranFactory(
        angkatan=angkatan,
        peserta=PesertaFactory(nama=nama, gelar_belakang=""),
        status=Status.MENGIKUTI,
        persen_kehadiran=None if kehadiran is None else Decimal(kehadiran),
        **kwargs,
    )


def beri_nilai(pendaftaran, *nilai):
    komponen = list(pendaftaran.angkatan.program.komponen_nilai.all())
    for k, n in zip(komponen, nilai, strict=True):
        Nilai.objects.create(pendaftaran=pendaftaran, komponen=k, nilai=Decimal(str(n)))


@pytest.fixture
def angkatan():
    return AngkatanFactory(program=program_dinilai())


# Reading a score -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("teks", "nilai"),
    [
        ("85,5", Decimal("85.5")),
        ("85.5", Decimal("85.5")),
        ("100", Decimal("100")),
        ("0", Decimal("0")),
        (" 85,50 ", Decimal("85.5")),
        ("100,00", Decimal("100")),
        ("7", Decimal("7")),
        ("", None),
        ("   ", None),
    ],
)
def test_scores_are_read_as_people_type_them(teks, nilai):
    assert nilai_parse(teks) == nilai


@pytest.mark.parametrize(
    ("teks", "pesan"),
    [
        ("100,01", "Nilai harus antara 0 dan 100; “100,01” di luar rentang itu."),
        ("-1", "Nilai harus antara 0 dan 100; “-1” di bawah 0."),
        ("abc", "“abc” bukan angka. Tulis nilai 0–100, mis. 85,5."),
        ("1.000", "“1.000” tampak memakai pemisah ribuan."),
        ("85,500", "tampak memakai pemisah ribuan"),
        ("85,5,1", "“85,5,1” memuat lebih dari satu tanda pemisah."),
        ("1.000,5", "lebih dari satu tanda pemisah"),
        ("85,5555", "lebih dari dua angka di belakang koma"),
        ("1e2", "bukan angka"),
        ("85 5", "bukan angka"),
        ("٨٥", "bukan angka"),
        ("85,", "bukan angka"),
        ("9" * 40, "terlalu panjang"),
        ("101", "di luar rentang"),
    ],
)
def test_unreadable_or_out_of_range_scores_are_refused_in_indonesian(teks, pesan):
    with pytest.raises(ValidationError) as error:
        nilai_parse(teks)
    assert pesan in error.value.messages[0]


def test_scores_are_shown_with_a_decimal_comma():
    assert nilai_tampil(Decimal("85.50")) == "85,5"
    assert nilai_tampil(Decimal("100.00")) == "100"
    assert nilai_tampil(Decimal("70"), desimal=2) == "70,00"


# The program's rules ---------------------------------------------------------------------------------------------


def test_final_score_is_the_weighted_sum_rounded_half_up(angkatan):
    sikap, tugas, ujian = angkatan.program.komponen_nilai.all()
    nilai = {sikap.pk: Decimal("85"), tugas.pk: Decimal("90"), ujian.pk: Decimal("80")}
    assert nilai_akhir_hitung(nilai, [sikap, tugas, ujian]) == Decimal("84.00")

    dua = ProgramFactory()
    a = KomponenNilai.objects.create(program=dua, nama="A", bobot=50)
    b = KomponenNilai.objects.create(program=dua, nama="B", bobot=50)
    # 80.01 × 0.5 = 40.005: half up gives 40.01 (banker's rounding would give 40.00).
    assert nilai_akhir_hitung({a.pk: Decimal("80.01"), b.pk: Decimal("0")}, [a, b]) == Decimal("40.01")
    assert nilai_akhir_hitung({a.pk: Decimal("80")}, [a, b]) is None


@pytest.mark.parametrize(
    ("nilai_akhir", "predikat"),
    [
        ("100", "Sangat Memuaskan"),
        ("90.01", "Sangat Memuaskan"),
        ("90.00", "Memuaskan"),
        ("80.01", "Memuaskan"),
        ("80.00", "Cukup Memuaskan"),
        ("70.01", "Cukup Memuaskan"),
        ("70.00", None),
        ("0", None),
    ],
)
def test_predikat_at_the_band_edges(angkatan, nilai_akhir, predikat):
    band = predikat_untuk(Decimal(nilai_akhir), angkatan.program.predikat.all())
    assert (band.nama if band else None) == predikat


def simpan_sel(pendaftaran, komponen, teks, *, user):
    """Save one cell of the grid, as the score page does when a cell loses focus."""
    return nilai_grid_save(angkatan=pendaftaran.angkatan, isian={(pendaftaran.pk, komponen.pk): teks}, user=user)


# Entering scores -------------------------------------------------------------------------------------------------


def test_a_score_typed_with_a_comma_is_stored_and_can_be_changed_or_cleared(angkatan):
    p = ikut(angkatan, "Budi Santoso")
    ujian = angkatan.program.komponen_nilai.get(nama="Ujian")
    user = staf_user()

    simpan_sel(p, ujian, "85,5", user=user)
    assert Nilai.objects.get(pendaftaran=p, komponen=ujian).nilai == Decimal("85.5")
    simpan_sel(p, ujian, "90", user=user)
    assert Nilai.objects.get(pendaftaran=p, komponen=ujian).nilai == Decimal("90")
    hasil = simpan_sel(p, ujian, "", user=user)
    assert hasil.kosong and hasil.dihapus == 1
    assert not Nilai.objects.exists()


def test_every_score_change_is_in_the_audit_log(angkatan):
    p = ikut(angkatan, "Budi Santoso")
    ujian = angkatan.program.komponen_nilai.get(nama="Ujian")
    user = staf_user()

    simpan_sel(p, ujian, "80", user=user)
    nilai = Nilai.objects.get(pendaftaran=p, komponen=ujian)
    simpan_sel(p, ujian, "85,5", user=user)
    simpan_sel(p, ujian, "85.50", user=user)  # no change, no entry
    simpan_sel(p, ujian, "", user=user)

    entries = LogEntry.objects.get_for_object(nilai).order_by("pk")
    assert [(e.action, e.changes["nilai"], e.actor) for e in entries] == [
        (LogEntry.Action.CREATE, ["None", "80.00"], user),
        (LogEntry.Action.UPDATE, ["80.00", "85.50"], user),
        (LogEntry.Action.DELETE, ["85.50", "None"], user),
    ]
    assert entries[0].object_repr.startswith("Budi Santoso") and entries[0].object_repr.endswith("Ujian")


def test_a_bad_score_is_refused_and_the_stored_one_kept(angkatan):
    p = ikut(angkatan, "Budi Santoso")
    ujian = angkatan.program.komponen_nilai.get(nama="Ujian")
    simpan_sel(p, ujian, "80", user=None)

    with pytest.raises(IsianNilaiSalah) as error:
        simpan_sel(p, ujian, "800", user=None)
    assert error.value.per_isian == {(p.pk, ujian.pk): ["Nilai harus antara 0 dan 100; “800” di luar rentang itu."]}
    assert Nilai.objects.get().nilai == Decimal("80")


def test_grid_save_is_all_or_nothing_and_names_each_bad_cell(angkatan):
    budi, ani = ikut(angkatan, "Budi"), ikut(angkatan, "Ani")
    sikap, tugas, ujian = angkatan.program.komponen_nilai.all()

    with pytest.raises(IsianNilaiSalah) as error:
        nilai_grid_save(
            angkatan=angkatan,
            isian={(budi.pk, sikap.pk): "85,5", (budi.pk, tugas.pk): "abc", (ani.pk, ujian.pk): "1.000"},
            user=None,
        )

    assert error.value.messages == ["Tidak ada nilai yang disimpan: 2 isian salah."]
    assert set(error.value.per_isian) == {(budi.pk, tugas.pk), (ani.pk, ujian.pk)}
    assert not Nilai.objects.exists()

    hasil = nilai_grid_save(
        angkatan=angkatan,
        isian={(budi.pk, sikap.pk): "85,5", (ani.pk, ujian.pk): "70", (ani.pk, tugas.pk): ""},
        user=None,
    )
    assert (hasil.disimpan, hasil.dihapus, hasil.tidak_berubah) == (2, 0, 1)


def test_ids_of_another_angkatan_or_program_are_refused(angkatan):
    p = ikut(angkatan, "Budi")
    ujian = angkatan.program.komponen_nilai.get(nama="Ujian")
    lain = AngkatanFactory(program=program_dinilai())
    orang_lain = ikut(lain, "Ani")
    komponen_lain = lain.program.komponen_nilai.first()

    for isian in (
        {(orang_lain.pk, ujian.pk): "80"},
        {(p.pk, komponen_lain.pk): "80"},
        {(p.pk, 10**17): "80"},
    ):
        with pytest.raises(ValidationError, match="Isian nilai tidak dikenal"):
            nilai_grid_save(angkatan=angkatan, isian=isian, user=None)
    assert not Nilai.objects.exists()


def test_only_attending_participants_get_scores(angkatan):
    p = PendaftaranFactory(angkatan=angkatan, status=Status.DIVERIFIKASI, peserta=PesertaFactory(nama="Candra"))
    ujian = angkatan.program.komponen_nilai.get(nama="Ujian")
    with pytest.raises(ValidationError, match="hanya untuk peserta berstatus Mengikuti; tidak untuk: Candra"):
        simpan_sel(p, ujian, "80", user=None)


def test_program_without_evaluation_takes_no_scores():
    program = ProgramFactory(dengan_evaluasi=False)
    komponen = KomponenNilai.objects.create(program=program, nama="Tugas", bobot=100)
    p = ikut(AngkatanFactory(program=program), "Budi")
    with pytest.raises(ValidationError, match="tanpa evaluasi"):
        simpan_sel(p, komponen, "80", user=None)


# Finalising ------------------------------------------------------------------------------------------------------


def test_finalisation_is_refused_and_lists_who_misses_what(angkatan):
    budi, ani, cici = ikut(angkatan, "Budi Santoso"), ikut(angkatan, "Ani Lestari"), ikut(angkatan, "Cici")
    beri_nilai(budi, 80, 80, 80)
    sikap = angkatan.program.komponen_nilai.get(nama="Sikap dan perilaku")
    Nilai.objects.create(pendaftaran=ani, komponen=sikap, nilai=90)
    cici.persen_kehadiran = None
    cici.save()
    beri_nilai(cici, 80, 80, 80)

    with pytest.raises(ValidationError) as error:
        hasil_finalisasi(angkatan=angkatan, user=staf_user())

    assert error.value.messages == [
        "Hasil belum dapat difinalisasi; lengkapi dulu:",
        "Ani Lestari: nilai Tugas, Ujian belum diisi",
        "Cici: kehadiran belum tercatat",
    ]
    angkatan.refresh_from_db()
    assert angkatan.nilai_dikunci_pada is None
    assert set(Pendaftaran.objects.values_list("status", flat=True)) == {Status.MENGIKUTI}
    assert not RiwayatStatus.objects.exists()


def test_finalisation_is_refused_when_attendance_was_never_recorded(angkatan):
    beri_nilai(ikut(angkatan, "Budi", kehadiran=None), 80, 80, 80)
    beri_nilai(ikut(angkatan, "Ani", kehadiran=None), 80, 80, 80)
    with pytest.raises(ValidationError) as error:
        hasil_finalisasi(angkatan=angkatan, user=staf_user())
    assert error.value.messages[1] == "Presensi angkatan ini belum dicatat sama sekali."
    assert len(error.value.messages) == 2


def test_finalisation_is_refused_while_attendance_cells_are_empty(angkatan):
    """A half-entered attendance grid must not fail people for days nobody recorded."""
    import datetime

    from angkatan.models import HariPelatihan
    from peserta.presensi.services import presensi_set

    budi, ani = ikut(angkatan, "Budi"), ikut(angkatan, "Ani")
    for p in (budi, ani):
        beri_nilai(p, 80, 80, 80)
    senin = HariPelatihan.objects.create(angkatan=angkatan, tanggal=datetime.date(2022, 6, 20))
    selasa = HariPelatihan.objects.create(angkatan=angkatan, tanggal=datetime.date(2022, 6, 21))
    user = staf_user()
    for p in (budi, ani):
        presensi_set(pendaftaran=p, hari=senin, status="hadir")
    presensi_set(pendaftaran=budi, hari=selasa, status="hadir")

    with pytest.raises(ValidationError) as error:
        hasil_finalisasi(angkatan=angkatan, user=user)
    assert "Ani: presensi 21 Jun belum diisi" in error.value.messages
    assert not any(m.startswith("Budi:") for m in error.value.messages)
    assert not Pendaftaran.objects.filter(status__in=[Status.LULUS, Status.TIDAK_LULUS]).exists()


def test_finalisation_needs_someone_attending_and_weights_of_100(angkatan):
    PendaftaranFactory(angkatan=angkatan, status=Status.DIVERIFIKASI)
    with pytest.raises(ValidationError, match="Belum ada peserta berstatus Mengikuti"):
        hasil_finalisasi(angkatan=angkatan, user=staf_user())

    beri_nilai(ikut(angkatan, "Budi"), 80, 80, 80)
    angkatan.program.komponen_nilai.filter(nama="Ujian").update(bobot=40)
    with pytest.raises(ValidationError, match="berjumlah 90, bukan 100"):
        hasil_finalisasi(angkatan=angkatan, user=staf_user())


def test_finalisation_applies_attendance_and_score_rules_and_locks(angkatan):
    user = staf_user()
    sangat = ikut(angkatan, "Sangat", kehadiran="100")
    beri_nilai(sangat, "90.01", "90.01", "90.01")
    memuaskan = ikut(angkatan, "Memuaskan", kehadiran="90")  # exactly the minimum passes
    beri_nilai(memuaskan, 90, 90, 90)
    bolos = ikut(angkatan, "Bolos", kehadiran="80")
    beri_nilai(bolos, 95, 95, 95)
    rendah = ikut(angkatan, "Rendah", kehadiran="100")
    beri_nilai(rendah, 70, 70, 70)
    keduanya = ikut(angkatan, "Keduanya", kehadiran="87.5")
    beri_nilai(keduanya, 65, 65, 65)
    mundur = PendaftaranFactory(angkatan=angkatan, status=Status.MENGUNDURKAN_DIRI)

    ringkasan = hasil_finalisasi(angkatan=angkatan, user=user)

    assert (ringkasan.lulus, ringkasan.tidak_lulus) == (2, 3)
    hasil = {p.peserta.nama: p for p in Pendaftaran.objects.filter(angkatan=angkatan).select_related("peserta")}
    assert (hasil["Sangat"].status, hasil["Sangat"].nilai_akhir, hasil["Sangat"].predikat) == (
        Status.LULUS,
        Decimal("90.01"),
        "Sangat Memuaskan",
    )
    assert (hasil["Memuaskan"].status, hasil["Memuaskan"].predikat) == (Status.LULUS, "Memuaskan")
    assert hasil["Bolos"].status == Status.TIDAK_LULUS
    assert hasil["Bolos"].alasan == "Kehadiran 80% di bawah batas 90%"
    assert hasil["Bolos"].predikat == ""
    assert hasil["Rendah"].alasan == "Nilai akhir 70,00 di bawah batas kelulusan 70,01"
    assert hasil["Keduanya"].alasan == (
        "Kehadiran 87,5% di bawah batas 90%; Nilai akhir 65,00 di bawah batas kelulusan 70,01"
    )
    assert mundur.status == Pendaftaran.objects.get(pk=mundur.pk).status

    riwayat = RiwayatStatus.objects.get(pendaftaran=hasil["Rendah"])
    assert (riwayat.dari, riwayat.ke, riwayat.oleh) == (Status.MENGIKUTI, Status.TIDAK_LULUS, user)
    assert riwayat.alasan == "Nilai akhir 70,00 di bawah batas kelulusan 70,01"
    angkatan.refresh_from_db()
    assert angkatan.nilai_dikunci_pada is not None
    entry = LogEntry.objects.get_for_object(angkatan).get()
    assert entry.actor == user
    assert entry.additional_data == {"peristiwa": "nilai_finalisasi", "lulus": 2, "tidak_lulus": 3}


def test_scores_are_locked_after_finalisation(angkatan):
    p = ikut(angkatan, "Budi")
    beri_nilai(p, 80, 80, 80)
    hasil_finalisasi(angkatan=angkatan, user=staf_user())
    ujian = angkatan.program.komponen_nilai.get(nama="Ujian")
    p.refresh_from_db()

    with pytest.raises(ValidationError, match="sudah difinalisasi; nilai terkunci"):
        simpan_sel(p, ujian, "100", user=staf_user())
    with pytest.raises(ValidationError, match="sudah difinalisasi"):
        hasil_finalisasi(angkatan=angkatan, user=staf_user())
    assert Nilai.objects.get(komponen=ujian).nilai == Decimal("80")


def test_program_without_evaluation_passes_on_attendance_alone():
    angkatan = AngkatanFactory(program=ProgramFactory(dengan_evaluasi=False, min_kehadiran_persen=Decimal("80")))
    hadir, absen = ikut(angkatan, "Hadir", kehadiran="80"), ikut(angkatan, "Absen", kehadiran="60")

    assert hasil_finalisasi(angkatan=angkatan, user=staf_user()).lulus == 1

    hadir.refresh_from_db()
    absen.refresh_from_db()
    assert (hadir.status, hadir.predikat, hadir.nilai_akhir) == (Status.LULUS, "", None)
    assert (absen.status, absen.alasan) == (Status.TIDAK_LULUS, "Kehadiran 60% di bawah batas 80%")
    assert nilai_grid(angkatan).komponen == []


# Unlocking -------------------------------------------------------------------------------------------------------


def _finalised(angkatan):
    lulus, gagal = ikut(angkatan, "Lulus"), ikut(angkatan, "Gagal")
    beri_nilai(lulus, 90, 90, 90)
    beri_nilai(gagal, 50, 50, 50)
    hasil_finalisasi(angkatan=angkatan, user=staf_user())
    return lulus, gagal


def test_staff_cannot_unlock(angkatan):
    _finalised(angkatan)
    with pytest.raises(PermissionDenied):
        hasil_buka_kunci(angkatan=angkatan, user=staf_user(), alasan="Salah ketik nilai ujian")
    angkatan.refresh_from_db()
    assert angkatan.nilai_dikunci_pada is not None


def test_unlock_needs_a_reason(angkatan):
    _finalised(angkatan)
    with pytest.raises(ValidationError, match="Alasan membuka kunci wajib diisi"):
        hasil_buka_kunci(angkatan=angkatan, user=admin_user(), alasan="   ")


def test_admin_unlocks_with_a_reason_results_reopen_and_the_unlock_is_audited(angkatan):
    lulus, gagal = _finalised(angkatan)
    admin = admin_user()

    assert hasil_buka_kunci(angkatan=angkatan, user=admin, alasan="Salah ketik nilai ujian Gagal") == 2

    angkatan.refresh_from_db()
    assert angkatan.nilai_dikunci_pada is None
    for p in (lulus, gagal):
        p.refresh_from_db()
        assert (p.status, p.nilai_akhir, p.predikat, p.alasan) == (Status.MENGIKUTI, None, "", "")
    terakhir = RiwayatStatus.objects.filter(pendaftaran=lulus).last()
    assert (terakhir.dari, terakhir.ke, terakhir.oleh) == (Status.LULUS, Status.MENGIKUTI, admin)
    assert terakhir.alasan == "Kunci nilai dibuka: Salah ketik nilai ujian Gagal"
    entry = LogEntry.objects.get_for_object(angkatan).filter(additional_data__peristiwa="nilai_buka_kunci").get()
    assert entry.actor == admin
    assert entry.additional_data["alasan"] == "Salah ketik nilai ujian Gagal"
    assert {d["status"] for d in entry.additional_data["hasil_dibuka"]} == {"lulus", "tidak_lulus"}

    # Scores can be corrected and the result decided again.
    ujian = angkatan.program.komponen_nilai.get(nama="Ujian")
    simpan_sel(gagal, ujian, "100", user=admin)
    assert hasil_finalisasi(angkatan=angkatan, user=admin).lulus == 2


def test_unlocking_what_is_not_locked_is_refused(angkatan):
    with pytest.raises(ValidationError, match="tidak sedang terkunci"):
        hasil_buka_kunci(angkatan=angkatan, user=admin_user(), alasan="coba")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_score_saved_while_results_are_being_finalised_waits_and_is_then_refused():
    angkatan = AngkatanFactory(program=program_dinilai())
    p = ikut(angkatan, "Budi")
    beri_nilai(p, 80, 80, 80)
    ujian = angkatan.program.komponen_nilai.get(nama="Ujian")
    hasil = {}

    def simpan():
        try:
            simpan_sel(p, ujian, "10", user=None)
            hasil["disimpan"] = True
        except ValidationError as error:
            hasil["galat"] = error.messages
        finally:
            connection.close()

    with transaction.atomic():
        hasil_finalisasi(angkatan=angkatan, user=None)
        penyimpan = threading.Thread(target=simpan)
        penyimpan.start()
        penyimpan.join(timeout=1)
        assert penyimpan.is_alive(), "the save should wait for the finalisation's lock"
    penyimpan.join(timeout=10)

    assert "nilai terkunci" in hasil["galat"][0]
    assert Nilai.objects.get(komponen=ujian).nilai == Decimal("80")
    assert Pendaftaran.objects.get(pk=p.pk).nilai_akhir == Decimal("80.00")


def test_staff_cannot_move_a_finalised_result_back_by_hand():
    """Only the admin's unlock reopens a result; a roster action on a locked angkatan is refused."""
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from diklat.tests.factories import staf_user
    from peserta.pendaftaran.services import pendaftaran_transition

    pendaftaran = PendaftaranFactory(status=Status.LULUS)
    pendaftaran.angkatan.nilai_dikunci_pada = timezone.now()
    pendaftaran.angkatan.save()
    with pytest.raises(ValidationError, match="sudah difinalisasi"):
        pendaftaran_transition(pendaftaran=pendaftaran, ke=Status.MENGIKUTI, user=staf_user())
    pendaftaran.refresh_from_db()
    assert pendaftaran.status == Status.LULUS
