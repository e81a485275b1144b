"""Deciding who passes, on plain objects: no database is opened by these tests."""

from decimal import Decimal

import pytest

from diklat.models import KomponenNilai, Predikat, Program
from peserta.models import Pendaftaran
from peserta.nilai.aturan import hasil_putuskan

SIKAP = KomponenNilai(pk=1, nama="Sikap dan perilaku", bobot=20)
TUGAS = KomponenNilai(pk=2, nama="Tugas", bobot=30)
UJIAN = KomponenNilai(pk=3, nama="Ujian", bobot=50)
KOMPONEN = [SIKAP, TUGAS, UJIAN]
BANDS = [
    Predikat(nama="Sangat Memuaskan", nilai_minimal=Decimal("90.01")),
    Predikat(nama="Memuaskan", nilai_minimal=Decimal("80.01")),
    Predikat(nama="Cukup Memuaskan", nilai_minimal=Decimal("70.01")),
]


def program(dengan_evaluasi=True, min_kehadiran="90"):
    return Program(nama="PTSPD", dengan_evaluasi=dengan_evaluasi, min_kehadiran_persen=Decimal(min_kehadiran))


def peserta(pk, kehadiran):
    return Pendaftaran(pk=pk, persen_kehadiran=Decimal(kehadiran))


def nilai(sikap, tugas, ujian):
    return {SIKAP.pk: Decimal(sikap), TUGAS.pk: Decimal(tugas), UJIAN.pk: Decimal(ujian)}


@pytest.fixture(autouse=True)
def _tanpa_basis_data(django_db_blocker):
    # Any query in these tests fails: the decision reads only what it is given.
    with django_db_blocker.block():
        yield


def putuskan(prog, orang, skor):
    keputusan = hasil_putuskan(program=prog, peserta=orang, nilai=skor, komponen=KOMPONEN, bands=BANDS)
    return {k.pendaftaran.pk: k for k in keputusan}


def test_attendance_and_final_score_decide_the_result_and_the_reasons():
    orang = [peserta(1, "100"), peserta(2, "80"), peserta(3, "100"), peserta(4, "87.5")]
    skor = {1: nilai(90, 90, 95), 2: nilai(90, 90, 95), 3: nilai(70, 70, 70), 4: nilai(60, 60, 70)}

    hasil = putuskan(program(), orang, skor)

    assert [hasil[pk].lulus for pk in (1, 2, 3, 4)] == [True, False, False, False]
    assert (hasil[1].nilai_akhir, hasil[1].predikat, hasil[1].alasan) == (Decimal("92.50"), "Sangat Memuaskan", [])
    assert hasil[2].alasan == ["Kehadiran 80% di bawah batas 90%"]
    # Failing on attendance keeps the final score but gives no predikat.
    assert (hasil[2].nilai_akhir, hasil[2].predikat) == (Decimal("92.50"), "")
    assert hasil[3].alasan == ["Nilai akhir 70,00 di bawah batas kelulusan 70,01"]
    assert hasil[4].alasan == [
        "Kehadiran 87,5% di bawah batas 90%",
        "Nilai akhir 65,00 di bawah batas kelulusan 70,01",
    ]


@pytest.mark.parametrize(
    ("skor", "lulus", "predikat"),
    [
        ("70", False, ""),
        ("70.01", True, "Cukup Memuaskan"),
        ("80.01", True, "Memuaskan"),
        ("100", True, "Sangat Memuaskan"),
    ],
)
def test_the_pass_mark_is_the_lowest_band_and_the_predikat_the_highest_reached(skor, lulus, predikat):
    hasil = putuskan(program(), [peserta(1, "90")], {1: nilai(skor, skor, skor)})
    assert (hasil[1].lulus, hasil[1].predikat, hasil[1].nilai_akhir) == (
        lulus,
        predikat,
        Decimal(skor).quantize(Decimal("0.01")),
    )


def test_without_an_evaluation_attendance_alone_decides():
    hasil = hasil_putuskan(
        program=program(dengan_evaluasi=False, min_kehadiran="80"),
        peserta=[peserta(1, "80"), peserta(2, "60")],
        nilai={},
        komponen=[],
        bands=[],
    )
    assert [(k.lulus, k.nilai_akhir, k.predikat, k.alasan) for k in hasil] == [
        (True, None, "", []),
        (False, None, "", ["Kehadiran 60% di bawah batas 80%"]),
    ]
