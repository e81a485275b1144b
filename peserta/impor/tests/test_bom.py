"""Spreadsheet bombs: refused with the bound they cross and nothing stored; real lists read exactly as before.

The hostile files are made by peserta/impor/tests/bom.py. How fast they are refused is measured by
bench/import_bombs.py; here, what staff see, what is stored, and (in a fresh process) how much memory it takes.
"""

import io
import json
import os
import subprocess
import sys
import warnings
import zipfile
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import PatternFill
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from openpyxl.worksheet.formula import ArrayFormula

from angkatan.tests.factories import AngkatanFactory
from peserta.impor import reading
from peserta.impor.reading import baca_berkas
from peserta.impor.services import sesi_impor_create
from peserta.impor.template import templat_impor_xlsx
from peserta.impor.tests import bom
from peserta.impor.tests.test_services import HEADER, buat_csv, buat_xlsx, nip_uji, orang, potret
from peserta.impor.xlsx import Anggaran, BukuKerja
from peserta.models import SesiImpor

pytestmark = pytest.mark.django_db

BASE_DIR = Path(settings.BASE_DIR)


@pytest.fixture
def angkatan():
    return AngkatanFactory(kuota=30)


@cache
def berkas_bom(nama: str) -> bytes:
    return bom.BOM[nama]()


# What each bomb is refused for: the code of the error, and words of the reason staff read.
DITOLAK = {
    "satu_baris_jutaan_sel": ("terlalu_rumit", "lebih dari 1.300.000 unsur"),
    "satu_sel_raksasa": ("terlalu_rumit", "sel A2 di lembar “Lembar1” berisi lebih dari 32.767 karakter"),
    "ribuan_baris": ("terlalu_rumit", "lembar “Lembar1” berisi data sampai baris 10.001"),
    "satu_baris_lebar": ("terlalu_rumit", "baris 2 di lembar “Lembar1” berisi lebih dari 16.384 sel"),
    "satu_baris_jutaan_sel_besar": ("terlalu_rumit", "mengembang menjadi lebih dari 32 MB"),
    "satu_sel_raksasa_besar": ("terlalu_rumit", "menyatakan ukuran lebih dari 200 MB"),
    "teks_bersama_raksasa": ("terlalu_rumit", "teks bersama ke-1 berisi lebih dari 32.767 karakter"),
    "ribuan_baris_besar": ("terlalu_rumit", "mengembang menjadi lebih dari 32 MB"),
    "baris_tanpa_nomor": ("terlalu_rumit", "berisi data sampai baris 10.001"),
    "dimensi_bohong": ("terlalu_rumit", "berisi data sampai baris 10.001"),
    "baris_kosong_jutaan": ("terlalu_rumit", "lebih dari 1.300.000 unsur"),
    "sel_kosong_jutaan": ("terlalu_rumit", "lebih dari 1.300.000 unsur"),
    "teks_bersama_jutaan": ("terlalu_rumit", "lebih dari 1.300.000 unsur"),
    "teks_berulang": ("terlalu_rumit", "lebih dari 10.000.000 karakter seluruhnya"),
    "rumus_raksasa": ("terlalu_rumit", "sel A2 di lembar “Lembar1” berisi lebih dari 32.767 karakter"),
    "rumus_bersama_berulang": ("terlalu_rumit", "rumus bersamanya akan menyalin lebih dari 200.000 karakter"),
    "banyak_lembar": ("terlalu_rumit", "lebih dari 100 lembar"),
    "banyak_lembar_lebar": ("terlalu_rumit", "lebih dari 1.300.000 unsur"),
    "banyak_entri": ("terlalu_rumit", "lebih dari 1.000 bagian"),
    "ukuran_bohong": ("bukan_spreadsheet", "bukan spreadsheet yang dapat dibaca"),
    "ukuran_diaku_raksasa": ("terlalu_rumit", "menyatakan ukuran lebih dari 200 MB"),
    "xml_dalam": ("terlalu_rumit", "bertingkat lebih dari 64 lapis"),
    "xml_spasi_besar": ("terlalu_rumit", "menyatakan ukuran lebih dari 200 MB"),
    "gaya_jutaan": ("terlalu_rumit", "bagian “xl/styles.xml” di dalamnya mengembang menjadi lebih dari 8 MB"),
    "entitas_bom": ("bukan_spreadsheet", "bukan spreadsheet yang dapat dibaca"),
    "entitas_bom_teks_bersama": ("bukan_spreadsheet", "bukan spreadsheet yang dapat dibaca"),
    "entitas_bom_jenis_isi": ("bukan_spreadsheet", "bukan spreadsheet yang dapat dibaca"),
    "entitas_luar": ("bukan_spreadsheet", "bukan spreadsheet yang dapat dibaca"),
    "dimensi_raksasa": (
        "terlalu_rumit",
        "lembar “Lembar1” berisi lebih dari 100.000 baris, yang kosong ikut terhitung",
    ),
    "ods_bom": ("format_ods", "berformat OpenDocument (.ods), yang belum dapat dibaca"),
    "csv_satu_baris_raksasa": ("terlalu_rumit", "sebuah sel di baris 2 berisi lebih dari 32.767 karakter"),
    "csv_jutaan_pemisah": ("terlalu_rumit", "baris 2 berisi lebih dari"),
    "csv_kutip_raksasa": ("terlalu_rumit", "sebuah sel di baris 2 berisi lebih dari 32.767 karakter"),
    "csv_jutaan_baris": ("terlalu_rumit", "berisi 4.194.305 baris teks, lebih dari 100.000"),
}
SARAN = "paling banyak 5.000 baris peserta, hanya kolom yang diperlukan"


def test_every_bomb_has_its_expected_refusal():
    assert set(DITOLAK) == set(bom.BOM)


# The three shapes of the issue and what an attacker tries next --------------------------------------------------


@pytest.mark.parametrize("nama", list(DITOLAK))
def test_bomb_is_refused_with_the_bound_it_crosses_and_nothing_is_stored(angkatan, staf, nama):
    kode, alasan = DITOLAK[nama]
    sebelum = potret()

    with pytest.raises(ValidationError) as galat:
        sesi_impor_create(angkatan=angkatan, user=staf, nama_berkas=f"{nama}.xlsx", isi=berkas_bom(nama))

    assert galat.value.code == kode
    pesan = " ".join(galat.value.messages)
    assert alasan in pesan
    if kode == "terlalu_rumit":
        assert f"Berkas “{nama}.xlsx” tidak dibaca karena terlalu besar atau terlalu rumit" in pesan
        assert SARAN in pesan
    assert not SesiImpor.objects.exists()
    assert potret() == sebelum


@pytest.mark.parametrize("nama", list(DITOLAK))
def test_bomb_upload_shows_the_reason_on_the_form(client, angkatan, staf, nama):
    client.force_login(staf)

    response = client.post(
        reverse("peserta:impor", args=[angkatan.pk]),
        {"berkas": SimpleUploadedFile(f"{nama}.xlsx", berkas_bom(nama))},
    )

    assert response.status_code == 200
    assert DITOLAK[nama][1] in response.content.decode()
    assert response.context["form"].errors["berkas"]
    assert not SesiImpor.objects.exists()


def test_bombs_are_read_within_200_mb_of_memory(tmp_path):
    """A fresh Python loads Django, then forks a child per bomb: each child's peak resident memory is under 200 MB."""
    berkas = []
    for nama in bom.BOM:
        jalur = tmp_path / f"{nama}.bin"
        jalur.write_bytes(berkas_bom(nama))
        berkas.append(str(jalur))
    keluaran = subprocess.run(
        [sys.executable, "-c", _PROGRAM_MEMORI, *berkas],
        capture_output=True,
        text=True,
        cwd=BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "diklat.settings", "PYTHONPATH": str(BASE_DIR)},
        timeout=300,
        check=True,
    )
    laporan = json.loads(keluaran.stdout.strip().splitlines()[-1])

    assert len(laporan) == len(bom.BOM)
    for jalur, hasil in laporan.items():
        assert hasil["kode"] in ("terlalu_rumit", "bukan_spreadsheet", "format_ods"), (jalur, hasil)
        assert hasil["rss_mb"] < 200, (jalur, hasil)


_PROGRAM_MEMORI = """
import json, os, resource, sys
import django
django.setup()
from django.core.exceptions import ValidationError
from peserta.impor.reading import baca_berkas
laporan = {}
for jalur in sys.argv[1:]:
    baca, tulis = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(baca)
        try:
            baca_berkas("bom.xlsx", open(jalur, "rb").read())
            kode = None
        except ValidationError as galat:
            kode = galat.code
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        os.write(tulis, json.dumps({"kode": kode, "rss_mb": rss}).encode())
        os._exit(0)
    os.close(tulis)
    with os.fdopen(baca) as pipa:
        laporan[jalur] = json.loads(pipa.read())
    os.waitpid(pid, 0)
print(json.dumps(laporan))
"""


def _bzip2(isi: bytes) -> bytes:
    masuk = zipfile.ZipFile(io.BytesIO(isi))
    keluar = io.BytesIO()
    with zipfile.ZipFile(keluar, "w", compression=zipfile.ZIP_BZIP2) as arsip:
        for info in masuk.infolist():
            arsip.writestr(info.filename, masuk.read(info))
    return keluar.getvalue()


# Damaged workbooks: openpyxl raised while the rows were read, which gave staff a 500.
RUSAK = {
    "xml_patah": lambda: bom.xlsx([bom.lembar(bom.JUDUL, b'<row r="2"><c r="A2"><v>1</v></row>')]),
    "teks_bersama_hilang": lambda: bom.xlsx([bom.lembar(bom.JUDUL, b'<row r="2"><c r="A2" t="s"><v>5</v></c></row>')]),
    "angka_bukan_angka": lambda: bom.xlsx([bom.lembar(bom.JUDUL, b'<row r="2"><c r="A2"><v>abc</v></c></row>')]),
    "rumus_bersama_rusak": lambda: bom.xlsx(
        [
            bom.lembar(
                bom.JUDUL,
                b'<row r="2"><c r="A2"><f t="shared" ref="A2:A3" si="0">"tanpa akhir</f></c></row>'
                b'<row r="3"><c r="A3"><f t="shared" si="0"/></c></row>',
            )
        ]
    ),
    "sel_tanpa_kolom": lambda: bom.xlsx([bom.lembar(bom.JUDUL, b'<row r="2"><c r="22"><v>1</v></c></row>')]),
    "bzip2": lambda: _bzip2(buat_xlsx([orang(0)])),
}


@pytest.mark.parametrize("nama", list(RUSAK))
def test_a_damaged_workbook_is_refused_on_the_form_never_a_500(client, angkatan, staf, nama):
    client.force_login(staf)

    response = client.post(
        reverse("peserta:impor", args=[angkatan.pk]), {"berkas": SimpleUploadedFile("rusak.xlsx", RUSAK[nama]())}
    )

    assert response.status_code == 200
    assert "Berkas “rusak.xlsx” bukan spreadsheet yang dapat dibaca." in response.content.decode()
    assert not SesiImpor.objects.exists()


def test_the_upload_form_says_how_large_a_list_may_be(client, angkatan, staf):
    client.force_login(staf)

    response = client.get(reverse("peserta:impor", args=[angkatan.pk]))

    assert "Excel (.xlsx) atau CSV, paling besar 5 MB dan 5.000 baris peserta." in response.content.decode()


# Bounds that real lists never meet ------------------------------------------------------------------------------


def test_the_clock_stops_a_reading_that_takes_too_long(monkeypatch):
    monkeypatch.setattr(reading, "BATAS_WAKTU", 0.0)

    with pytest.raises(ValidationError, match="membacanya memakan lebih dari 0 detik") as galat:
        baca_berkas("usulan.xlsx", buat_xlsx([orang(0)]))

    assert galat.value.code == "terlalu_rumit"


def test_the_processor_time_stops_a_reading_too(monkeypatch):
    monkeypatch.setattr(reading, "BATAS_WAKTU_CPU", 0.0)

    with pytest.raises(ValidationError, match="membacanya memakan lebih dari 0 detik"):
        baca_berkas("usulan.xlsx", buat_xlsx([orang(0)]))


def test_the_clock_stops_a_csv_too(monkeypatch):
    monkeypatch.setattr(reading, "BATAS_WAKTU", 0.0)

    with pytest.raises(ValidationError, match="membacanya memakan lebih dari 0 detik"):
        baca_berkas("usulan.csv", buat_csv([orang(i) for i in range(1100)]))


def test_a_value_below_the_last_row_a_list_may_have_is_refused_but_formatted_rows_below_are_not(angkatan, staf):
    rapi = Workbook()
    ws = rapi.active
    ws.append(HEADER)
    ws.append(list(orang(0).values()))
    # Formatting applied far below the table: empty rows and empty styled cells, which Excel keeps.
    for baris in range(3, 40_000, 997):
        ws.cell(row=baris, column=3).fill = PatternFill("solid", fgColor="FFFF00")
    ws.row_dimensions[60_000].height = 30
    keluaran = io.BytesIO()
    rapi.save(keluaran)

    sesi = sesi_impor_create(angkatan=angkatan, user=staf, nama_berkas="rapi.xlsx", isi=keluaran.getvalue())
    assert [r["baris"] for r in sesi.baris] == [2]

    ws.cell(row=10_001, column=8, value="catatan jauh di bawah")
    keluaran = io.BytesIO()
    rapi.save(keluaran)
    with pytest.raises(ValidationError, match="berisi data sampai baris 10.001"):
        sesi_impor_create(angkatan=angkatan, user=staf, nama_berkas="catatan.xlsx", isi=keluaran.getvalue())


def test_a_sheet_declaring_the_whole_grid_is_read_by_the_rows_it_has_formatted_ones_below_too():
    # The dimension is not trusted either way: a list formatted far down declares a large one honestly.
    baris = b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c><c r="B%d" t="inlineStr"><is><t>Budi</t></is></c>'
        b"</row>" % (n, n, nip_uji(n).encode(), n)
        for n in (2, 3, 4)
    )
    diformat = b"".join(b'<row r="%d" s="1" customFormat="1"/>' % n for n in range(5, 90_000))

    tabel = baca_berkas("rapi.xlsx", bom.xlsx([bom.lembar(bom.JUDUL, baris, diformat, dimensi="A1:XFD1048576")]))

    assert [nomor for nomor, _ in tabel.baris] == [2, 3, 4]


def test_a_large_sheet_without_a_header_before_the_list_costs_only_the_rows_looked_at():
    # 450,000 tags in the first sheet, of which the header search reads the first rows; 160,000 in the list.
    rekap = bom.lembar((b'<row><c t="inlineStr"><is><t>rekap</t></is></c></row>' * 1000, 64))
    baris = b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c><c r="B%d" t="inlineStr"><is><t>Budi</t></is></c>'
        b"</row>" % (n, n, nip_uji(n).encode(), n)
        for n in (2, 3)
    )
    daftar = bom.lembar(bom.JUDUL, baris, (b"<row>" + b'<c s="0"/>' * 4000 + b"</row>", 40))

    tabel = baca_berkas("dua_lembar.xlsx", bom.xlsx([rekap, daftar]))

    assert tabel.lembar == "Lembar2"
    assert [nomor for nomor, _ in tabel.baris] == [2, 3]


def test_cells_beyond_the_sixtieth_column_are_not_read(angkatan, staf):
    buku = Workbook()
    ws = buku.active
    ws.append(HEADER)
    ws.append(list(orang(0).values()))
    ws.cell(row=2, column=200, value="X" * 30_000)

    keluaran = io.BytesIO()
    buku.save(keluaran)
    tabel = baca_berkas("lebar.xlsx", keluaran.getvalue())

    assert len(tabel.baris) == 1
    assert len(tabel.baris[0][1]) == 60


def test_a_list_of_5000_rows_still_imports(angkatan, staf):
    angkatan.kuota = 5000
    angkatan.save()

    sesi = sesi_impor_create(
        angkatan=angkatan, user=staf, nama_berkas="5000.xlsx", isi=buat_xlsx([orang(i) for i in range(5000)])
    )

    assert len(sesi.baris) == 5000
    assert not any(r["galat"] for r in sesi.baris)


def test_a_wide_list_of_5000_people_is_read_whole():
    # 5,000 people in 40 columns of text: far wider than any regional list, within every bound.
    buku = Workbook(write_only=True)
    ws = buku.create_sheet()
    ws.append(HEADER + [f"Kolom {i}" for i in range(len(HEADER), 40)])
    for i in range(5000):
        isi = list(orang(i).values())
        ws.append(isi + [f"keterangan {i}-{k}" for k in range(len(isi), 40)])
    keluaran = io.BytesIO()
    buku.save(keluaran)

    tabel = baca_berkas("lebar.xlsx", keluaran.getvalue())

    assert len(tabel.baris) == 5000
    assert tabel.baris[-1][1][39] == "keterangan 4999-39"


# The bounded reader gives what openpyxl gave ---------------------------------------------------------------------


def baris_openpyxl(isi: bytes) -> list:
    """Return each visible sheet's rows as the import read them with openpyxl before it had its own reader."""
    with warnings.catch_warnings():
        # A hand-written workbook has no named style; openpyxl says so, and reads on.
        warnings.simplefilter("ignore", UserWarning)
        buku = load_workbook(io.BytesIO(isi), read_only=True, data_only=False)
    hasil = []
    for lembar in buku.worksheets:
        if lembar.sheet_state != "visible":
            continue
        lembar.reset_dimensions()
        baris = [
            (nomor, tuple(_setara(None if isinstance(v, str) and not v.strip() else v) for v in nilai))
            for nomor, nilai in enumerate(lembar.iter_rows(min_row=1, max_col=60, values_only=True), start=1)
        ]
        # The bounded reader does not give the empty rows under the last row with a value.
        while baris and all(v is None for v in baris[-1][1]):
            baris.pop()
        hasil.append((lembar.title, baris))
    buku.close()
    return hasil


def baris_pembaca(isi: bytes) -> list:
    buku = BukuKerja(isi, Anggaran(detik=60, detik_cpu=60, panjang_sel=32_767, huruf=10**8, baris=10**6))
    buku.muat()
    hasil = [
        (judul, [(n, tuple(_setara(v) for v in nilai)) for n, nilai in buku.baris(judul, bagian, 60)])
        for judul, bagian in buku.lembar_terlihat()
    ]
    buku.close()
    return hasil


def _setara(nilai):
    # Formula objects compare by what they hold.
    if hasattr(nilai, "__dict__") and not isinstance(nilai, (date, time, timedelta)):
        return (type(nilai).__name__, sorted(vars(nilai).items()))
    return nilai


def _buku_beragam(epoch_1904: bool) -> bytes:
    """Return a workbook with every kind of value openpyxl writes, a hidden sheet, and cells far away."""
    buku = Workbook()
    if epoch_1904:
        buku.epoch = CALENDAR_MAC_1904
    ws = buku.active
    ws.title = "Ragam"
    ws.append(
        ["NIP", "Nama", "Tanggal", "Waktu", "Durasi", "Angka", "Pecahan", "Benar", "Rumus", "Galat", None, "Spasi"]
    )
    ws.append(
        [
            "196608011988031001",
            "  Budi  ",
            date(1966, 8, 1),
            datetime(2022, 6, 20, 8, 30, 15),
            time(7, 45),
            timedelta(hours=30, minutes=5),
            196608011988031001,
            1.5,
            True,
            "=SUM(F2:G2)",
            "#N/A",
            "   ",
        ]
    )
    ws["C3"] = 44732
    ws["C3"].number_format = "dd/mm/yyyy"
    ws["D3"] = 0.5
    ws["D3"].number_format = "h:mm"
    ws["E3"] = 1.25
    ws["E3"].number_format = "[hh]:mm:ss"
    ws["F3"] = 1.96608e17
    ws["G3"] = 0.125
    ws["G3"].number_format = "0.00%"
    ws["H3"] = ArrayFormula("H3:H4", "=SUM(F2:F3*G2:G3)")
    ws["I3"] = CellRichText(["Dr. ", TextBlock(InlineFont(b=True), "Budi"), " S.Sos."])
    ws["C4"] = -12
    ws["C4"].number_format = "yyyy-mm-dd"
    ws["A5"] = False
    ws["BH5"] = "kolom 60"
    ws["BI5"] = "kolom 61"
    ws.cell(row=40, column=2, value="jauh di bawah")
    ws.cell(row=45, column=3).fill = PatternFill("solid", fgColor="FFFF00")
    ws.row_dimensions[50].height = 30
    tersembunyi = buku.create_sheet("Tersembunyi")
    tersembunyi.sheet_state = "hidden"
    tersembunyi["A1"] = "NIP"
    buku.create_sheet("Kedua")["B2"] = "isi lembar kedua"
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


_GAYA = (
    f'<?xml version="1.0" encoding="UTF-8"?><styleSheet {bom.NS}>'
    '<numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="[h]:mm"/>'
    '<numFmt numFmtId="166" formatCode="0.00"/></numFmts>'
    '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>'
    '<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/>'
    '<xf numFmtId="166"><alignment wrapText="1"/></xf><xf numFmtId="49"/></cellXfs></styleSheet>'
).encode()
_TEKS_BERSAMA = bom.teks_bersama(
    b"<si><t>NIP</t></si>"
    b"<si><t>Nama</t></si>"
    b'<si><r><rPr><b/></rPr><t>Dr. </t></r><r><t xml:space="preserve">Budi </t></r>'
    b'<rPh sb="0" eb="1"><t>phonetic</t></rPh></si>'
    b"<si><t>a_x005F_x000D_b</t></si>"
    b"<si><t/></si>"
    b"<si><t>  </t></si>"
    b"<si><t>satu</t><t>dua</t></si>"
    b"<si><r><t>run</t></r><t>polos</t></si>"
    b"<si><t>baris\r\nbaru &amp; &lt;tanda&gt;</t></si>"
)
_LEMBAR_TANGAN = bom.lembar(
    b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>'
    b'<row r="2" spans="1:12" ht="20" customHeight="1"><c r="A2" t="inlineStr"><is><t>196608011988031001</t></is></c>'
    b'<c r="B2" t="s"><v>3</v></c><c r="C2" s="1"><v>44732</v></c><c r="D2" s="2"><v>44732.5</v></c>'
    b'<c r="E2" s="3"><v>1.25</v></c><c r="F2" s="4"><v>3.14159</v></c><c r="G2" t="b"><v>1</v></c>'
    b'<c r="H2" t="e"><v>#N/A</v></c><c r="I2" t="str"><f>CONCAT(A2,B2)</f><v>x</v></c>'
    b'<c r="J2" t="d"><v>2022-06-20T08:30:00</v></c><c r="K2" s="1"><v>-5</v></c><c r="L2" s="5"><v>12</v></c></row>'
    b'<row r="4"><c t="s"><v>6</v></c><c t="s"><v>7</v></c><c><v>12</v></c><c t="s"><v>4</v></c>'
    b'<c t="s"><v>5</v></c><c t="s"><v>8</v></c><c><v>1E3</v></c><c><v></v></c></row>'
    b'<row><c r="A5"><f t="shared" ref="A5:A8" si="0">B5+1</f><v>2</v></c><c r="B5"><v>1</v></c>'
    b'<c r="BZ5"><f t="shared" ref="BZ5:BZ6" si="1">CA5*2</f></c></row>'
    b'<row r="6"><c r="A6"><f t="shared" si="0"/><v>3</v></c><c r="B6"><f>B5+1</f></c>'
    b'<c r="BZ6"><f t="shared" si="1"/></c></row>'
    b'<row r="3"><c r="A3"><v>99</v></c></row>'
    b'<row r="6"><c r="A6"><v>100</v></c></row>'
    b'<row r="7"><c r="A7"><v>1</v></c><c r="A7"/><c r="B7" t="inlineStr"><is><r><t>Dr. </t></r>'
    b'<r><rPr><i/></rPr><t>Budi</t></r></is></c><c r="C7" t="inlineStr"><is><t>   </t></is></c>'
    b'<c r="D7" t="inlineStr"><v>diabaikan</v></c><c r="E7"><f t="array" ref="E7:E8">SUM(A1:A2)</f></c></row>'
    b'<row r="9"><c r="BH9" t="inlineStr"><is><t>kolom 60</t></is></c><c r="BI9"><v>61</v></c></row>'
    b'<row r="900"><c r="B900" t="inlineStr"><is><t>jauh</t></is></c></row>'
    b'<row r="950" s="1" customFormat="1"/>'
)
_LEMBAR_AWALAN = [
    (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>'
        b'<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>NIP</x:t></x:is></x:c>'
        b'<x:c r="B1" t="inlineStr"><x:is><x:t>Nama</x:t></x:is></x:c></x:row>'
        b'<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>196608011988031001</x:t></x:is></x:c>'
        b'<x:c r="B2" s="1"><x:v>44732</x:v></x:c></x:row></x:sheetData></x:worksheet>'
    )
]


def _buku_tangan(sifat_buku: str = "") -> bytes:
    """Return a workbook written by hand the way other programs write them: every corner of the format."""
    return bom.xlsx([_LEMBAR_TANGAN, _LEMBAR_AWALAN], teks_bersama=_TEKS_BERSAMA, gaya=[_GAYA], sifat_buku=sifat_buku)


KORPUS = {
    "daftar_resmi": lambda: buat_xlsx([orang(i) for i in range(40)]),
    "lembar_depan": lambda: buat_xlsx([orang(i) for i in range(3)], lembar_depan=True, judul=False),
    "tanpa_tanda_tangan": lambda: buat_xlsx([orang(0)], nomor_kolom=False, tanda_tangan=False),
    "templat": templat_impor_xlsx,
    "beragam": lambda: _buku_beragam(False),
    "beragam_1904": lambda: _buku_beragam(True),
    "tulisan_tangan": _buku_tangan,
    "tulisan_tangan_1904": lambda: _buku_tangan('<workbookPr date1904="1"/>'),
}


@pytest.mark.parametrize("nama", list(KORPUS))
def test_rows_are_read_exactly_as_openpyxl_read_them(nama):
    isi = KORPUS[nama]()

    assert baris_pembaca(isi) == baris_openpyxl(isi)


def test_the_corpus_covers_the_kinds_of_values():
    nilai = {type(v) for _, baris in baris_pembaca(KORPUS["beragam"]()) for _, sel in baris for v in sel}
    nilai |= {type(v) for _, baris in baris_pembaca(KORPUS["tulisan_tangan"]()) for _, sel in baris for v in sel}

    assert {str, int, float, bool, datetime, time, timedelta, tuple, type(None)} <= nilai
