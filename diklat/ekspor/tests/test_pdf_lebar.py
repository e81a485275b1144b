"""The PDF list's column widths: digits keep to their content, names get room, nothing leaves the page."""

import datetime
import re
import subprocess
from decimal import Decimal

import pytest

from diklat.ekspor.kolom import Kolom
from diklat.ekspor.pdf import pdf_daftar, tata_kolom

# A4 landscape in points, and the right margin of templates/diklat/ekspor/daftar.html (12 mm).
LEBAR_HALAMAN_PT = 841.89
TEPI_KANAN_PT = 12 * 72 / 25.4

NAMA = [
    "Dr. Ir. Raden Roro Kusumawardhani Setyaningsih Purwaningtyas, S.T., M.T., M.Sc.",
    "Prof. Dr. H. Muhammad Abdurrahman Wahidiyatullah Syarifuddin, S.H., M.Hum.",
    "Ardi, S.H.",
]

# Every column a roster export may tick, of every kind.
SEMUA_KOLOM = [
    Kolom("nomor", "No.", "angka"),
    Kolom("nama", "Nama dan gelar", bobot=2),
    Kolom("nip", "NIP", "teks_angka"),
    Kolom("tempat_lahir", "Tempat lahir"),
    Kolom("tanggal_lahir", "Tanggal lahir", "tanggal"),
    Kolom("pangkat", "Pangkat/golongan"),
    Kolom("jabatan", "Jabatan"),
    Kolom("instansi", "Instansi"),
    Kolom("pemda", "Pemda"),
    Kolom("provinsi", "Provinsi"),
    Kolom("email", "E-mail"),
    Kolom("telepon", "Telepon", "teks_angka"),
    Kolom("status", "Status"),
    Kolom("kehadiran", "Kehadiran (%)", "persen"),
    Kolom("nilai", "Nilai akhir", "angka"),
    Kolom("predikat", "Predikat"),
    Kolom("nomor_sertifikat", "Nomor sertifikat"),
]


def _baris(i: int, nama: str) -> dict:
    return {
        "nomor": i,
        "nama": nama,
        "nip": f"19660801198803100{i}",
        "tempat_lahir": "Kabupaten Humbang Hasundutan",
        "tanggal_lahir": datetime.date(1966, 8, 1),
        "pangkat": "Pembina Utama Muda (IV/c)",
        "jabatan": "Sekretaris Badan Penanggulangan Bencana Daerah",
        "instansi": "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Rokan Hilir",
        "pemda": "Kabupaten Humbang Hasundutan",
        "provinsi": "Kepulauan Bangka Belitung",
        "email": "kusumawardhani.setyaningsih1966@pemkab-humbanghasundutan.go.id",
        "telepon": "081234567890",
        "status": "Mengundurkan diri",
        "kehadiran": Decimal("100"),
        "nilai": Decimal("91.25"),
        "predikat": "Sangat Memuaskan",
        "nomor_sertifikat": f"000{i}/STTP/PTSPD-IV/BPSDM/2022",
    }


def _kata(pdf: bytes) -> list[tuple[str, float]]:
    """Every word of the PDF with its right edge, in points."""
    keluaran = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True)
    return [
        (kata, float(x))
        for x, kata in re.findall(
            r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)</word>', keluaran.stdout.decode()
        )
    ]


def test_digits_keep_to_their_content_and_text_columns_share_the_rest():
    kolom = [Kolom("nama", "Nama", bobot=2), Kolom("nip", "NIP", "teks_angka"), Kolom("status", "Status")]
    isi = [[nama, "196608011988031001", "Lulus"] for nama in NAMA]

    tata = tata_kolom(kolom, isi)

    assert tata.lebar[1] == "1%"
    nama, status = (float(tata.lebar[i].rstrip("%")) for i in (0, 2))
    assert nama > 4 * status
    assert nama + status + 1 == pytest.approx(100, abs=0.05)
    assert tata.ukuran == "8.5pt" and "penggalan" not in " ".join(tata.kelas)


def test_every_column_ticked_stays_on_the_page_with_names_and_nips_whole():
    baris = [_baris(i, nama) for i, nama in enumerate(NAMA, start=1)]

    kata = _kata(pdf_daftar(SEMUA_KOLOM, baris, judul=["Daftar Peserta"]))

    assert kata
    batas = LEBAR_HALAMAN_PT - TEPI_KANAN_PT + 1
    assert [k for k, x in kata if x > batas] == []
    teks = {k for k, _ in kata}
    for b in baris:
        assert b["nip"] in teks and b["telepon"] in teks
    # Names are never hyphenated, even when the other columns must be.
    for nama in NAMA:
        for bagian in nama.split():
            assert bagian in teks


def test_many_columns_take_a_smaller_type_before_words_are_hyphenated():
    isi = [[str(v) for v in _baris(1, NAMA[0]).values()]]

    tata = tata_kolom(SEMUA_KOLOM, isi)

    assert tata.ukuran == "7.5pt"
    assert tata.kelas[1] == "teks"  # the name
    assert tata.kelas[6] == "teks penggalan"  # the position
    assert tata.kelas[2] == "teks_angka"
