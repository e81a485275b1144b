"""The list exporter: what a user opening the CSV, XLSX or PDF would see."""

import csv
import datetime
import io
import subprocess
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from diklat.ekspor.aman import sel_aman
from diklat.ekspor.csv import csv_baris, csv_response
from diklat.ekspor.kolom import Kolom
from diklat.ekspor.pdf import pdf_daftar
from diklat.ekspor.unduhan import disposisi
from diklat.ekspor.xlsx import xlsx_response, xlsx_tulis

JAHAT = '=HYPERLINK("http://x","klik")'

KOLOM = [
    Kolom("no", "No", "angka"),
    Kolom("nama", "Nama"),
    Kolom("nip", "NIP", "teks_angka"),
    Kolom("telepon", "Telepon", "teks_angka"),
    Kolom("tanggal", "Tanggal Lahir", "tanggal"),
    Kolom("nilai", "Nilai Akhir", "angka"),
    Kolom("hadir", "Kehadiran", "persen"),
    Kolom("instansi", "Instansi", lebar=40),
]

BARIS = [
    {
        "no": 1,
        "nama": "Budi Santoso, S.Sos.",
        "nip": "196805121994031004",
        "telepon": "081234567890",
        "tanggal": datetime.date(2022, 6, 20),
        "nilai": Decimal("91.25"),
        "hadir": Decimal("87.5"),
        "instansi": JAHAT,
    },
    # A row may be a sequence in column order; a missing value is empty.
    [2, "Dra. Siti Rahayu, M.Si.", "197001011995032002", "+6281234567890", None, 78, None, "Pemda Kab. Bogor"],
]


@pytest.mark.parametrize(
    "nilai",
    [JAHAT, "+6281234567890", "-1", "@SUM(A1)", "\t=1", "\r=1", " =1", "  @x", "\n-2", "\x01" + JAHAT, "\x00 \x7f=1"],
)
def test_text_that_would_start_a_formula_gets_an_apostrophe(nilai):
    assert sel_aman(nilai) == "'" + nilai


@pytest.mark.parametrize("nilai", ["196805121994031004", "Budi Santoso, S.Sos.", "a=b", "", "Rp 1.000"])
def test_ordinary_text_is_left_alone(nilai):
    assert sel_aman(nilai) == nilai


def test_none_is_an_empty_cell():
    assert sel_aman(None) == ""


def test_kolom_refuses_an_unknown_kind():
    with pytest.raises(ValueError):
        Kolom("x", "X", "uang")


def _baca_csv(teks: str, pemisah: str) -> list[list[str]]:
    assert teks.startswith("\ufeff")
    return list(csv.reader(io.StringIO(teks.removeprefix("\ufeff"), newline=""), delimiter=pemisah))


@pytest.mark.parametrize(("pemisah", "desimal"), [(",", "91.25"), (";", "91,25")])
def test_csv_reads_back_with_either_delimiter(pemisah, desimal):
    baris = _baca_csv("".join(csv_baris(KOLOM, BARIS, pemisah=pemisah)), pemisah)

    assert baris[0] == [k.judul for k in KOLOM]
    assert baris[1] == [
        "1",
        "Budi Santoso, S.Sos.",
        "196805121994031004",
        "081234567890",
        "20/06/2022",
        desimal,
        desimal.replace("91", "87").replace("25", "5"),
        "'" + JAHAT,
    ]
    assert baris[2][3] == "'+6281234567890"
    assert baris[2][4] == "" and baris[2][5] == "78" and baris[2][6] == ""
    assert len(baris) == 3


def test_csv_refuses_another_delimiter():
    with pytest.raises(ValueError):
        list(csv_baris(KOLOM, BARIS, pemisah="\t"))


def test_csv_streams_without_reading_every_row():
    dibaca = 0

    def sumber():
        nonlocal dibaca
        for i in range(100_000):
            dibaca += 1
            yield {"no": i, "nama": f"Peserta {i}"}

    baris = csv_baris(KOLOM, sumber())
    awal = [next(baris) for _ in range(5)]  # BOM, header, three rows

    assert awal[0] == "\ufeff"
    assert awal[4].startswith("2,Peserta 2,")
    assert dibaca == 3


def test_csv_response_is_a_utf8_download_with_a_safe_name():
    respons = csv_response("Daftar Peserta – Angkatan I.csv", KOLOM, BARIS, pemisah=";")

    assert respons.streaming
    assert respons["Content-Type"] == "text/csv; charset=utf-8"
    assert respons["Content-Disposition"] == (
        "attachment; filename=\"Daftar Peserta _ Angkatan I.csv\"; filename*=UTF-8''Daftar%20Peserta%20%E2%80%93%20Angkatan%20I.csv"
    )
    isi = b"".join(respons.streaming_content).decode("utf-8")
    assert _baca_csv(isi, ";")[1][1] == "Budi Santoso, S.Sos."


def test_a_name_cannot_break_the_header():
    nilai = disposisi('a"b\r\nSet-Cookie: x/../é.csv')
    assert "\r" not in nilai and "\n" not in nilai
    assert nilai.startswith('attachment; filename="a_bSet-Cookie_ x_.._e.csv"; ')


def _xlsx(**kw):
    berkas = io.BytesIO()
    xlsx_tulis(berkas, KOLOM, BARIS, **kw)
    berkas.seek(0)
    return load_workbook(berkas)


def test_xlsx_has_a_title_block_a_bold_frozen_header_and_an_autofilter():
    lembar = _xlsx(judul=["Daftar Peserta", "Pelatihan Dasar CPNS · Angkatan I"], nama_lembar="Peserta")["Peserta"]

    assert lembar["A1"].value == "Daftar Peserta"
    assert lembar["A1"].font.b and lembar["A1"].font.sz > 11
    assert lembar["A2"].value == "Pelatihan Dasar CPNS · Angkatan I"
    assert lembar["A3"].value is None
    assert [c.value for c in lembar[4]] == [k.judul for k in KOLOM]
    assert all(c.font.b for c in lembar[4])
    assert lembar.freeze_panes == "A5"
    assert lembar.auto_filter.ref == "A4:H6"
    assert lembar.column_dimensions["H"].width == 40
    assert lembar.column_dimensions["C"].width >= len("196805121994031004")


def test_xlsx_cells_keep_their_kind():
    lembar = _xlsx()["Data"]
    baris = lembar[2]
    no, nama, nip, telepon, tanggal, nilai, hadir, instansi = baris

    assert lembar[1][0].value == "No" and lembar.freeze_panes == "A2"
    assert nip.value == "196805121994031004" and nip.data_type == "s" and nip.number_format == "@"
    assert telepon.value == "081234567890" and telepon.number_format == "@"
    assert tanggal.value == datetime.datetime(2022, 6, 20) and tanggal.number_format == "dd/mm/yyyy"
    assert no.value == 1 and nilai.value == 91.25 and nilai.data_type == "n"
    assert hadir.value == 87.5 and hadir.number_format == '0.00"%"'
    assert nama.value == "Budi Santoso, S.Sos."
    assert instansi.value == "'" + JAHAT and instansi.data_type == "s"
    assert lembar["D3"].value == "'+6281234567890"
    assert lembar["E3"].value is None and lembar["G3"].value is None
    assert lembar["F3"].value == 78 and lembar["F3"].data_type == "n"


def test_xlsx_never_writes_a_formula_hidden_behind_characters_it_drops():
    berkas = io.BytesIO()
    xlsx_tulis(berkas, KOLOM, [{"nama": "\x01" + JAHAT, "nilai": "\x02\x03@SUM(A1)", "instansi": " \x1f=1"}])
    berkas.seek(0)
    lembar = load_workbook(berkas)["Data"]
    for sel in (lembar["B2"], lembar["F2"], lembar["H2"]):
        assert sel.data_type == "s" and str(sel.value).startswith("'"), sel.value


def test_xlsx_drops_characters_excel_refuses():
    berkas = io.BytesIO()
    xlsx_tulis(berkas, KOLOM, [{"nama": "Budi\x00\x07 Santoso"}])
    berkas.seek(0)
    assert load_workbook(berkas)["Data"]["B2"].value == "Budi Santoso"


@pytest.mark.parametrize("teks", ["#N/A", "#DIV/0!", "#REF!"])
def test_xlsx_text_that_reads_as_an_excel_error_stays_text(teks):
    berkas = io.BytesIO()
    xlsx_tulis(berkas, KOLOM, [{"nama": teks, "nilai": teks}])
    berkas.seek(0)
    lembar = load_workbook(berkas)["Data"]
    nama, nilai = lembar["B2"], lembar["F2"]
    assert (nama.value, nama.data_type) == (teks, "s")
    assert (nilai.value, nilai.data_type) == (teks, "s")


def test_xlsx_response_is_a_download():
    respons = xlsx_response("peserta.xlsx", KOLOM, BARIS, judul=["Daftar Peserta"])

    assert respons["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert respons["Content-Disposition"].startswith('attachment; filename="peserta.xlsx"')
    lembar = load_workbook(io.BytesIO(b"".join(respons.streaming_content)))["Data"]
    assert lembar["C4"].value == "196805121994031004"


def _teks_pdf(isi: bytes) -> list[str]:
    """Return the text of each page."""
    keluaran = subprocess.run(["pdftotext", "-layout", "-", "-"], input=isi, capture_output=True, check=True)
    return keluaran.stdout.decode("utf-8").split("\f")


def test_pdf_shows_title_header_rows_page_numbers_and_summary():
    halaman = _teks_pdf(
        pdf_daftar(
            KOLOM,
            BARIS,
            judul=["Daftar Peserta", "Pelatihan Dasar CPNS · Angkatan I"],
            ringkasan=[("Lulus", "1"), ("Tidak lulus", "1")],
        )
    )
    teks = halaman[0]

    assert "Daftar Peserta" in teks and "Pelatihan Dasar CPNS · Angkatan I" in teks
    assert "Tanggal" in teks and "Lahir" in teks and "Instansi" in teks
    assert "Budi Santoso, S.Sos." in teks and "196805121994031004" in teks
    assert "20/06/2022" in teks and "91,25" in teks and "87,5%" in teks
    assert "Halaman 1 dari 1" in teks
    assert "Ringkasan" in teks and "Tidak lulus" in teks


def test_a_long_pdf_repeats_the_header_on_every_page():
    baris = [{"no": i, "nama": f"Peserta Nomor {i}", "nip": f"1990010120200310{i:02d}"} for i in range(1, 301)]

    halaman = [h for h in _teks_pdf(pdf_daftar(KOLOM, baris, judul=["Daftar Peserta"])) if h.strip()]

    assert len(halaman) > 1
    assert "Lahir" in halaman[1] and "Peserta Nomor 300" in halaman[-1]
    assert f"Halaman 2 dari {len(halaman)}" in halaman[1]
