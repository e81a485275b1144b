"""The bulk import: files as regions send them (XLSX made by openpyxl, CSV variants), every bad case, the writes."""

import csv
import io
from datetime import date, datetime

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook, load_workbook

from angkatan.models import Angkatan
from angkatan.tests.factories import AngkatanFactory
from diklat.models import KabupatenKota, PangkatGolongan
from diklat.nip import format_nip, parse_nip
from diklat.tests.factories import staf_user
from peserta.impor import plan as rencana_mod
from peserta.impor.reading import BATAS_UKURAN, baca_berkas
from peserta.impor.services import sesi_impor_cancel, sesi_impor_confirm, sesi_impor_create, sesi_impor_plan
from peserta.impor.template import templat_impor_xlsx
from peserta.impor.values import Referensi, baca_tanggal, pisah_gelar
from peserta.models import KategoriJabatan, Pendaftaran, Peserta, RiwayatStatus, SesiImpor
from peserta.tests.factories import PendaftaranFactory, PesertaFactory, nip_ke

pytestmark = pytest.mark.django_db

# Files as regions make them -----------------------------------------------------------------------------------------

HEADER = [
    "No",
    "NIP",
    "Nama Lengkap",
    "Tempat Lahir",
    "Tgl. Lahir",
    "Pangkat/Gol.",
    "Jabatan",
    "Unit Kerja",
    "Provinsi",
    "Kab/Kota",
    "No. HP/WA",
    "E-mail",
]
NAMA = ["Budi Santoso", "Siti Aminah", "Ahmad Fauzi", "Rina Marlina", "Agus Salim", "Dewi Lestari", "Hendra Gunawan"]


def nip_uji(n: int) -> str:
    """Return a valid NIP far from the factory's sequence, so that test people never collide with factory ones."""
    return nip_ke(30000 + n)


def orang(n: int, **ubah) -> dict:
    """Return a valid row of a person (a Sekretaris Dinas of Kabupaten Bogor) as a region writes it."""
    nip = nip_uji(n)
    baris = {
        "No": n + 1,
        "NIP": format_nip(nip),
        "Nama Lengkap": f"Dr. {NAMA[n % len(NAMA)]}, S.Sos., M.Si.",
        "Tempat Lahir": "Bogor",
        "Tgl. Lahir": parse_nip(nip).tanggal_lahir.strftime("%d-%m-%Y"),
        "Pangkat/Gol.": "Pembina Tk. I (IV/b)",
        "Jabatan": "Sekretaris Dinas Kesehatan",
        "Unit Kerja": "Dinas Kesehatan Kabupaten Bogor",
        "Provinsi": "Jawa Barat",
        "Kab/Kota": "Kab. Bogor",
        "No. HP/WA": "0812-3456-7890",
        "E-mail": f"peserta{n}@example.com",
    }
    baris.update(ubah)
    return baris


TANDA_TANGAN = [
    {"Kab/Kota": "Bogor, 1 Juni 2022"},
    {"Kab/Kota": "Mengetahui,"},
    {"Kab/Kota": "Kepala Badan Kepegawaian dan Pengembangan SDM"},
    {},
    {"Nama Lengkap": "(Drs. H. Ahmad Sudirman, M.Si.)"},
    {"NIP": "NIP. 19660801 198803 1 001"},
    # The signer's NIP without its "NIP." label, under the name: not a participant either.
    {"NIP": "19660801 198803 1 001"},
]


def buat_xlsx(
    baris: list[dict],
    *,
    header=HEADER,
    judul=True,
    nomor_kolom=True,
    tanda_tangan=True,
    lembar_depan=False,
    jarak_tanda_tangan=1,
) -> bytes:
    """Build an XLSX like an official list: title block with merged cells, header, column numbers, signature."""
    buku = Workbook()
    ws = buku.active
    if lembar_depan:
        ws.title = "Surat Pengantar"
        ws["A1"] = "Dengan hormat, bersama ini kami sampaikan daftar usulan peserta."
        ws = buku.create_sheet("Daftar")
    else:
        ws.title = "Usulan"
    nomor = 1
    if judul:
        ws["A1"] = "DAFTAR USULAN PESERTA DIKLAT PENGUATAN TUGAS-TUGAS SEKRETARIS PERANGKAT DAERAH"
        ws.merge_cells(start_row=1, end_row=1, start_column=1, end_column=len(header))
        ws["A2"] = "PEMERINTAH PROVINSI JAWA BARAT TAHUN 2022"
        ws.merge_cells(start_row=2, end_row=2, start_column=1, end_column=len(header))
        nomor = 5
    for i, h in enumerate(header, start=1):
        ws.cell(row=nomor, column=i, value=h)
    nomor += 1
    if nomor_kolom:
        for i in range(1, len(header) + 1):
            ws.cell(row=nomor, column=i, value=i)
        nomor += 1
    for isi in baris:
        for i, h in enumerate(header, start=1):
            ws.cell(row=nomor, column=i, value=isi.get(h))
        nomor += 1
    if tanda_tangan:
        nomor += jarak_tanda_tangan
        for isi in TANDA_TANGAN:
            for i, h in enumerate(header, start=1):
                ws.cell(row=nomor, column=i, value=isi.get(h))
            nomor += 1
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


def buat_csv(baris: list[dict], *, pemisah=";", bom=True, crlf=True, encoding="utf-8", header=HEADER) -> bytes:
    keluaran = io.StringIO()
    penulis = csv.writer(keluaran, delimiter=pemisah, lineterminator="\r\n" if crlf else "\n")
    penulis.writerow(header)
    for isi in baris:
        penulis.writerow(["" if isi.get(h) is None else isi.get(h) for h in header])
    data = keluaran.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


# Helpers ----------------------------------------------------------------------------------------------------------


def impor(angkatan, user, isi: bytes, nama="usulan.xlsx"):
    sesi = sesi_impor_create(angkatan=angkatan, user=user, nama_berkas=nama, isi=isi)
    return sesi, sesi_impor_plan(sesi)


def galat_per_baris(rencana) -> dict[int, list[tuple[str, str]]]:
    return {b.baris: [(g["kolom"], g["pesan"]) for g in b.galat] for b in rencana.baris if b.galat}


def potret():
    """Return everything an import may write, to compare before and after."""
    return (
        list(Peserta.objects.order_by("pk").values()),
        list(Pendaftaran.objects.order_by("pk").values()),
        list(RiwayatStatus.objects.order_by("pk").values()),
        list(LogEntry.objects.order_by("pk").values()),
    )


@pytest.fixture
def angkatan():
    return AngkatanFactory(kuota=30)


# Reading official lists -------------------------------------------------------------------------------------------


def test_official_xlsx_with_title_block_numbering_and_signature_is_read_row_by_row(angkatan, staf):
    baris = [
        orang(0),
        orang(1, **{"Nama Lengkap": "Drs. H. Ahmad", "Pangkat/Gol.": "IV/a", "Kab/Kota": "Kota Depok"}),
        orang(2, **{"Nama Lengkap": "Ir. Siti Aminah, M.T.", "Pangkat/Gol.": "penata muda tk.i"}),
        orang(3, **{"Pangkat/Gol.": "IV-c", "Kab/Kota": "Garut", "Provinsi": "Prov. Jawa Barat"}),
    ]
    # Date cells and numbers in a phone cell, as Excel keeps them.
    baris[0]["Tgl. Lahir"] = datetime.combine(parse_nip(nip_uji(0)).tanggal_lahir, datetime.min.time())
    baris[2]["No. HP/WA"] = 81298765432
    tgl = parse_nip(nip_uji(3)).tanggal_lahir
    baris[3]["Tgl. Lahir"] = f"{tgl.day} {['Januari', 'Februari'][tgl.month - 1]} {tgl.year}"

    sesi, rencana = impor(angkatan, staf, buat_xlsx(baris))

    assert galat_per_baris(rencana) == {}
    # Title in rows 1–2, header in row 5, column numbers in row 6: the first person is row 7.
    assert [b.baris for b in rencana.baris] == [7, 8, 9, 10]
    assert sesi.ringkasan["baris_judul"] == 5
    assert [b.aksi for b in rencana.baris] == ["baru"] * 4
    pertama, kedua, ketiga, keempat = (b.nilai for b in rencana.baris)
    assert (pertama["gelar_depan"], pertama["nama"], pertama["gelar_belakang"]) == (
        "Dr.",
        "Budi Santoso",
        "S.Sos., M.Si.",
    )
    assert (kedua["gelar_depan"], kedua["nama"], kedua["gelar_belakang"]) == ("Drs. H.", "Ahmad", "")
    assert (ketiga["gelar_depan"], ketiga["nama"], ketiga["gelar_belakang"]) == ("Ir.", "Siti Aminah", "M.T.")
    assert pertama["pangkat"].golongan == "IV/b"
    assert kedua["pangkat"].golongan == "IV/a"
    assert ketiga["pangkat"].golongan == "III/b"
    assert keempat["pangkat"].golongan == "IV/c"
    assert pertama["kabupaten_kota"].nama == "Kabupaten Bogor"
    assert kedua["kabupaten_kota"].nama == "Kota Depok"
    assert keempat["kabupaten_kota"].nama == "Kabupaten Garut"
    assert pertama["telepon"] == "+6281234567890"
    assert ketiga["telepon"] == "+6281298765432"
    assert pertama["tanggal_lahir"] == parse_nip(nip_uji(0)).tanggal_lahir
    assert keempat["tanggal_lahir"] == tgl
    assert pertama["kategori_jabatan"] == KategoriJabatan.SEKRETARIS_DINAS
    # The signature block under the table is not read, and says so.
    assert any("tanda tangan" in c for c in sesi.ringkasan["catatan"])


def test_header_is_found_on_a_later_sheet_and_a_real_row_after_an_empty_row_is_still_read(angkatan, staf):
    baris = [orang(0), {}, orang(1)]

    _, rencana = impor(angkatan, staf, buat_xlsx(baris, lembar_depan=True, tanda_tangan=False))

    assert [b.baris for b in rencana.baris] == [7, 9]
    assert galat_per_baris(rencana) == {}


def test_signature_block_right_under_the_table_is_not_read(angkatan, staf):
    _, rencana = impor(angkatan, staf, buat_xlsx([orang(0), orang(1)], jarak_tanda_tangan=0))

    assert [b.baris for b in rencana.baris] == [7, 8]
    assert galat_per_baris(rencana) == {}


def test_place_and_date_of_birth_in_one_column(angkatan, staf):
    header = ["NIP", "Nama", "Tempat, Tgl. Lahir", "Pangkat", "Jabatan", "Instansi", "Provinsi"]
    nip = nip_uji(0)
    isi = {
        "NIP": format_nip(nip),
        "Nama": "Budi Santoso",
        "Tempat, Tgl. Lahir": f"Kuningan, {parse_nip(nip).tanggal_lahir:%d-%m-%Y}",
        "Pangkat": "III/c",
        "Jabatan": "Camat Ciawigebang",
        "Instansi": "Kecamatan Ciawigebang",
        "Provinsi": "Jawa Barat",
    }

    _, rencana = impor(angkatan, staf, buat_xlsx([isi], header=header, nomor_kolom=False))

    assert galat_per_baris(rencana) == {}
    nilai = rencana.baris[0].nilai
    assert (nilai["tempat_lahir"], nilai["tanggal_lahir"]) == ("Kuningan", parse_nip(nip).tanggal_lahir)
    assert nilai["kategori_jabatan"] == KategoriJabatan.CAMAT


def test_numeric_nip_cells_in_xlsx_are_refused_because_their_digits_are_lost(angkatan, staf):
    baris = [orang(0, NIP=196608011988031001), orang(1, NIP=1.96608e17), orang(2)]

    _, rencana = impor(angkatan, staf, buat_xlsx(baris))

    galat = galat_per_baris(rencana)
    assert set(galat) == {7, 8}
    for baris_ke in (7, 8):
        kolom, pesan = galat[baris_ke][0]
        assert kolom == "NIP"
        assert "tersimpan sebagai angka" in pesan and "tidak dapat dipercaya" in pesan and "Teks" in pesan
        # The damaged value is shown neither in the message nor where the NIP would be.
        assert "1.96608E+17" not in pesan and "1966" not in pesan
    assert [b.nip_tampil for b in rencana.baris[:2]] == ["NIP rusak oleh Excel"] * 2
    assert rencana.baris[2].aksi == "baru"


def test_nip_with_its_label_in_letters_is_read(angkatan, staf):
    baris = [
        orang(0, NIP=f"NIP. {format_nip(nip_uji(0))}"),
        orang(1, NIP=f"nip: {nip_uji(1)}"),
        orang(2, NIP="".join(chr(ord(c) + 0xFEE0) for c in nip_uji(2))),
    ]

    _, rencana = impor(angkatan, staf, buat_xlsx(baris))

    assert galat_per_baris(rencana) == {}
    assert [b.rekaman["nip"] for b in rencana.baris] == [nip_uji(0), nip_uji(1), nip_uji(2)]


def test_nip_with_its_label_is_read_after_an_empty_row(angkatan, staf):
    # A "NIP." row is a participant when it has a name; the signer's "NIP." line under the table has none.
    _, rencana = impor(angkatan, staf, buat_xlsx([orang(0), {}, orang(1, NIP=f"NIP. {format_nip(nip_uji(1))}")]))

    assert [b.baris for b in rencana.baris] == [7, 9]
    assert galat_per_baris(rencana) == {}


@pytest.mark.parametrize(
    ("pemisah", "bom", "crlf", "encoding"),
    [
        (";", True, True, "utf-8"),
        (";", False, True, "utf-8"),
        (",", True, False, "utf-8"),
        (",", False, False, "utf-8"),
        ("\t", False, True, "utf-8"),
        (";", False, True, "cp1252"),
    ],
    ids=["bom-titik-koma-crlf", "titik-koma", "bom-koma-lf", "koma", "tab", "cp1252"],
)
def test_csv_variants_are_read_alike(angkatan, staf, pemisah, bom, crlf, encoding):
    # Quoted fields holding the separator, a quote and a line break; an accented place name.
    baris = [
        orang(0, **{"Unit Kerja": 'Dinas Kesehatan; Bidang "P2P",\nKabupaten Bogor', "Tempat Lahir": "Cianjúr"}),
        orang(1, **{"Pangkat/Gol.": "III/d", "Tgl. Lahir": parse_nip(nip_uji(1)).tanggal_lahir.isoformat()}),
    ]

    _, rencana = impor(angkatan, staf, buat_csv(baris, pemisah=pemisah, bom=bom, crlf=crlf, encoding=encoding))

    assert galat_per_baris(rencana) == {}
    assert [b.baris for b in rencana.baris] == [2, 3]
    assert rencana.baris[0].nilai["instansi"] == 'Dinas Kesehatan; Bidang "P2P", Kabupaten Bogor'
    assert rencana.baris[0].nilai["tempat_lahir"] == "Cianjúr"
    assert rencana.baris[1].nilai["pangkat"].golongan == "III/d"


def test_nip_kept_as_a_text_formula_in_a_csv_is_read_as_the_nip(angkatan, staf):
    # ="1980…" is how many systems write a NIP into a CSV (Excel shows the digits). Written unquoted, quoted with
    # its quotes doubled (the reader unquotes it), and doubled without the outer quotes (the reader keeps them).
    judul = "NIP;Nama Lengkap;Unit Kerja;Provinsi"
    sel = [f'="{nip_uji(0)}"', f'"=""{format_nip(nip_uji(1))}"""', f'=""{nip_uji(2)}""']
    isi = "\r\n".join([judul] + [f"{nip};Budi Santoso;Dinas Kesehatan;Jawa Barat" for nip in sel]).encode()
    pembaca = csv.reader(io.StringIO(isi.decode()), delimiter=";")
    # What the import's reader hands over for those cells.
    assert [r[0] for r in list(pembaca)[1:]] == [
        f'="{nip_uji(0)}"',
        f'="{format_nip(nip_uji(1))}"',
        f'=""{nip_uji(2)}""',
    ]

    _, rencana = impor(angkatan, staf, isi, nama="usulan.csv")

    assert galat_per_baris(rencana) == {}
    assert [b.aksi for b in rencana.baris] == ["baru"] * 3
    assert [b.nip_tampil for b in rencana.baris] == [format_nip(nip_uji(n)) for n in range(3)]


def test_a_nip_a_spreadsheet_kept_as_a_number_is_refused_with_the_advice_for_the_file(angkatan, staf):
    baris = [
        orang(0, NIP="196608011988031001.0"),
        orang(1, NIP="1.97108E+17"),
        orang(2, NIP=196608011988031001),
        orang(3, NIP="19660801 198803 1 000"),
        orang(4, NIP="19660801 198803 1 00"),
    ]

    _, rencana = impor(angkatan, staf, buat_xlsx(baris))

    galat = galat_per_baris(rencana)
    saran = "Di berkas, format kolom NIP sebagai Teks (Text), ketik ulang NIP lengkap, lalu unggah lagi."
    for baris_ke in (7, 8, 9, 10):
        [(kolom, pesan)] = galat[baris_ke]
        # parse_nip's own words (fit for a form too), then the import's advice, once.
        assert kolom == "NIP" and "spreadsheet" in pesan and "18 digit" in pesan
        assert pesan.endswith(saran) and pesan.count("unggah lagi") == 1, pesan
    # A NIP one digit short is a typing slip, not a spreadsheet's doing.
    assert "unggah" not in galat[11][0][1]


def test_csv_with_excel_separator_line(angkatan, staf):
    isi = b"sep=;\r\n" + buat_csv([orang(0)], bom=False)

    _, rencana = impor(angkatan, staf, isi, nama="usulan.csv")

    assert galat_per_baris(rencana) == {}
    assert rencana.baris[0].baris == 2


@pytest.mark.parametrize(
    "header",
    [
        ["NIP", "Nama", "Tempat Lahir", "Tanggal Lahir", "Golongan", "Jabatan", "Instansi", "Kabupaten/Kota"],
        ["nip baru", "NAMA LENGKAP", "Tmp. Lahir", "Tgl Lahir", "Pangkat / Gol. Ruang", "Nama Jabatan", "OPD", "Kab."],
        ["NIP.", "Nama Peserta", "Tempat lahir", "Tanggal lahir (dd-mm-yyyy)", "Pangkat Golongan", "Jabatan",
         "Perangkat Daerah", "Kabupaten"],
    ],
)  # fmt: skip
def test_headers_are_matched_loosely(angkatan, staf, header):
    data = orang(0)
    nilai = [
        data["NIP"],
        data["Nama Lengkap"],
        data["Tempat Lahir"],
        data["Tgl. Lahir"],
        data["Pangkat/Gol."],
        data["Jabatan"],
        data["Unit Kerja"],
        "Kabupaten Bogor",
    ]

    _, rencana = impor(angkatan, staf, buat_xlsx([dict(zip(header, nilai, strict=True))], header=header))

    assert galat_per_baris(rencana) == {}
    assert rencana.baris[0].nilai["kabupaten_kota"].nama == "Kabupaten Bogor"
    # The province comes from the kabupaten when the file has no province column.
    assert rencana.baris[0].nilai["provinsi"].nama == "Jawa Barat"


def test_merged_header_with_sub_headers_and_split_rank_columns(angkatan, staf):
    buku = Workbook()
    ws = buku.active
    ws.append(["DAFTAR PESERTA"])
    ws.append([])
    ws.append(["No", "NIP", "Nama", "Tempat/Tgl Lahir", None, "Pangkat", "Gol.", "Jabatan", "Instansi", "Provinsi"])
    ws.merge_cells("D3:E3")
    ws.append([None, None, None, "Tempat", "Tanggal", None, None, None, None, None])
    nip = nip_uji(0)
    ws.append(
        [1, format_nip(nip), "Budi Santoso", "Garut", parse_nip(nip).tanggal_lahir, "Pembina", "IV/a",
         "Sekretaris Badan Keuangan", "BPKAD", "Jawa Barat"]
    )  # fmt: skip
    keluaran = io.BytesIO()
    buku.save(keluaran)

    _, rencana = impor(angkatan, staf, keluaran.getvalue())

    assert galat_per_baris(rencana) == {}
    nilai = rencana.baris[0].nilai
    assert nilai["tempat_lahir"] == "Garut"
    assert nilai["pangkat"].golongan == "IV/a"
    assert nilai["kabupaten_kota"] is None
    assert nilai["kategori_jabatan"] == KategoriJabatan.SEKRETARIS_BADAN
    assert rencana.baris[0].baris == 5


# Every bad case of a row ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ubah", "kolom", "potongan"),
    [
        ({"NIP": "19800512 200501 1 00"}, "NIP", "NIP harus 18 digit; yang diisi 17 digit"),
        ({"NIP": "1.96608E+17"}, "NIP", "notasi ilmiah"),
        ({"NIP": "196608011988031000"}, "NIP", "tidak mungkin 000"),
        ({"NIP": "19800512 200501 3 002"}, "NIP", "harus 1 (laki-laki) atau 2 (perempuan); yang diisi 3"),
        ({"NIP": ""}, "NIP", "NIP wajib diisi"),
        ({"Tgl. Lahir": "01-01-1960"}, "Tgl. Lahir", "tidak sesuai dengan NIP"),
        ({"Tgl. Lahir": "31-02-1970"}, "Tgl. Lahir", "tanggal 31 tidak ada di bulan Februari 1970"),
        ({"Tgl. Lahir": "12-13-1970"}, "Tgl. Lahir", "bulan 13 tidak ada; bulan ditulis 1 sampai 12"),
        ({"NIP": "19661301 198803 1 001"}, "NIP", "Bulan lahir 13 pada NIP (digit 5–6) tidak ada"),
        ({"NIP": "196608011988031001.0"}, "NIP", "tampak seperti angka yang disimpan spreadsheet"),
        ({"NIP": "NIK 196608011988031001"}, "NIP", "memuat huruf “N”, huruf “I”, huruf “K”"),
        ({"Tgl. Lahir": "kemarin"}, "Tgl. Lahir", "tidak dapat dibaca"),
        ({"Pangkat/Gol.": "Pembina Tk. V"}, "Pangkat/Gol.", "Pangkat/golongan “Pembina Tk. V” tidak dikenal"),
        ({"Pangkat/Gol.": "Pembina (IV/c)"}, "Pangkat/Gol.", "tidak cocok"),
        ({"Kab/Kota": "Kabupaten Atlantis"}, "Kab/Kota", "tidak ditemukan di Provinsi Jawa Barat"),
        ({"Kab/Kota": "Bogor"}, "Kab/Kota", "Kabupaten Bogor atau Kota Bogor"),
        ({"Kab/Kota": "Kabupaten Banyumas"}, "Kab/Kota", "tidak berada di Provinsi Jawa Barat"),
        ({"Provinsi": "Jawa Barat Daya"}, "Provinsi", "Provinsi “Jawa Barat Daya” tidak dikenal"),
        ({"No. HP/WA": "12345"}, "No. HP/WA", "tidak valid"),
        ({"E-mail": "budi@"}, "E-mail", "Alamat e-mail “budi@” tidak valid"),
        ({"Nama Lengkap": ""}, "Nama Lengkap", "Nama wajib diisi"),
        ({"Nama Lengkap": "Dr. , M.Si."}, "Nama Lengkap", "hanya berisi gelar"),
        ({"Jabatan": "x" * 300}, "Jabatan", "terlalu panjang"),
        ({"Nama Lengkap": '=HYPERLINK("http://contoh.id","Budi")'}, "Nama Lengkap", "seperti rumus spreadsheet"),
        ({"Jabatan": "@SUM(A1)"}, "Jabatan", "seperti rumus spreadsheet"),
        ({"Unit Kerja": ""}, "Unit Kerja", "Instansi wajib diisi untuk peserta baru"),
        ({"Provinsi": "", "Kab/Kota": ""}, "Provinsi", "Provinsi wajib diisi untuk peserta baru"),
    ],
)
def test_each_bad_row_names_its_row_column_and_reason(angkatan, staf, ubah, kolom, potongan):
    baris = [orang(0), orang(1, **ubah), orang(2)]
    sebelum = potret()

    _, rencana = impor(angkatan, staf, buat_xlsx(baris))

    galat = galat_per_baris(rencana)
    assert list(galat) == [8], galat
    assert any(k == kolom and potongan in p for k, p in galat[8]), galat[8]
    assert [b.aksi for b in rencana.baris] == ["baru", "galat", "baru"]
    assert potret() == sebelum


def test_same_nip_twice_takes_the_first_row_and_refuses_the_later_naming_it(angkatan, staf):
    baris = [orang(0), orang(1), orang(2, NIP=format_nip(nip_uji(0)), **{"Tgl. Lahir": ""})]

    sesi, rencana = impor(angkatan, staf, buat_xlsx(baris))

    assert [b.aksi for b in rencana.baris] == ["baru", "baru", "galat"]
    assert galat_per_baris(rencana) == {
        9: [("NIP", f"NIP {format_nip(nip_uji(0))} sudah ada di baris 7; baris ini dilewati.")]
    }
    sesi_impor_confirm(sesi=sesi, user=staf, sidik=rencana.sidik)
    assert Peserta.objects.get(nip=nip_uji(0)).nama == "Budi Santoso"


def test_a_row_repeated_exactly_is_counted_once_with_a_note(angkatan, staf):
    # The same person pasted twice, once with the NIP written another way: the same once read.
    kembar = orang(0, NIP=nip_uji(0))
    baris = [orang(0), orang(1), kembar, orang(1)]

    sesi, rencana = impor(angkatan, staf, buat_xlsx(baris))

    assert galat_per_baris(rencana) == {}
    assert [b.baris for b in rencana.baris] == [7, 8]
    assert "Baris 9 sama persis dengan baris 7 dan dihitung sekali." in sesi.ringkasan["catatan"]
    assert "Baris 10 sama persis dengan baris 8 dan dihitung sekali." in sesi.ringkasan["catatan"]
    sesi_impor_confirm(sesi=sesi, user=staf, sidik=rencana.sidik)
    assert Pendaftaran.objects.filter(angkatan=angkatan).count() == 2


def test_a_refused_row_does_not_make_a_later_correct_row_of_the_same_person_a_repeat(angkatan, staf):
    # The region wrote the person twice, the first time with a broken e-mail address.
    baris = [orang(0, **{"E-mail": "budi@"}), orang(0), orang(1)]

    sesi, rencana = impor(angkatan, staf, buat_xlsx(baris))

    assert [b.aksi for b in rencana.baris] == ["galat", "baru", "baru"]
    assert galat_per_baris(rencana) == {
        7: [("E-mail", "Alamat e-mail “budi@” tidak valid; tulis seperti nama@contoh.go.id.")]
    }
    assert not [c for c in sesi.ringkasan["catatan"] if "sama persis" in c]
    sesi_impor_confirm(sesi=sesi, user=staf, sidik=rencana.sidik)
    assert Peserta.objects.get(nip=nip_uji(0)).email == "peserta0@example.com"
    assert Pendaftaran.objects.filter(angkatan=angkatan).count() == 2


def test_a_later_different_row_is_refused_as_a_repeat_of_the_correct_row_taken(angkatan, staf):
    baris = [orang(0, **{"E-mail": "budi@"}), orang(0), orang(0, **{"Jabatan": "Camat"})]

    _, rencana = impor(angkatan, staf, buat_xlsx(baris))

    assert [b.aksi for b in rencana.baris] == ["galat", "baru", "galat"]
    assert galat_per_baris(rencana) == {
        7: [("E-mail", "Alamat e-mail “budi@” tidak valid; tulis seperti nama@contoh.go.id.")],
        9: [("NIP", f"NIP {format_nip(nip_uji(0))} sudah ada di baris 8; baris ini dilewati.")],
    }


def test_a_row_refused_for_a_missing_required_value_does_not_take_the_nip(angkatan, staf):
    # The first row lacks the agency a new person needs: the second, complete, is the one imported, and a third
    # identical to it is counted once.
    baris = [orang(0, **{"Unit Kerja": ""}), orang(0), orang(0)]

    sesi, rencana = impor(angkatan, staf, buat_xlsx(baris))

    assert [b.aksi for b in rencana.baris] == ["galat", "baru"]
    assert galat_per_baris(rencana) == {7: [("Unit Kerja", "Instansi wajib diisi untuk peserta baru.")]}
    assert "Baris 9 sama persis dengan baris 8 dan dihitung sekali." in sesi.ringkasan["catatan"]
    sesi_impor_confirm(sesi=sesi, user=staf, sidik=rencana.sidik)
    assert Peserta.objects.get(nip=nip_uji(0)).instansi == "Dinas Kesehatan Kabupaten Bogor"


def test_identical_rows_with_an_error_are_each_refused_for_it_not_as_repeats(angkatan, staf):
    salah = orang(0, **{"E-mail": "budi@"})

    sesi, rencana = impor(angkatan, staf, buat_xlsx([salah, dict(salah)]))

    assert galat_per_baris(rencana) == {
        7: [("E-mail", "Alamat e-mail “budi@” tidak valid; tulis seperti nama@contoh.go.id.")],
        8: [("E-mail", "Alamat e-mail “budi@” tidak valid; tulis seperti nama@contoh.go.id.")],
    }
    assert not [c for c in sesi.ringkasan["catatan"] if "sama persis" in c]


def test_many_repeated_rows_are_said_in_one_note(angkatan, staf):
    daftar = [orang(i) for i in range(5)]

    sesi, rencana = impor(angkatan, staf, buat_xlsx(daftar + daftar))

    assert len(rencana.baris) == 5 and galat_per_baris(rencana) == {}
    catatan = [c for c in sesi.ringkasan["catatan"] if "sama persis" in c]
    assert catatan == [
        "5 baris sama persis dengan baris sebelumnya yang ber-NIP sama, dan masing-masing dihitung sekali "
        "(baris 12 = baris 7, baris 13 = baris 8, baris 14 = baris 9, baris 15 = baris 10, baris 16 = baris 11)."
    ]


def test_rows_over_the_kuota_are_errors_in_file_order(staf):
    angkatan = AngkatanFactory(kuota=3)
    PendaftaranFactory(angkatan=angkatan)
    # A withdrawn person holds no place.
    PendaftaranFactory(angkatan=angkatan, status=Pendaftaran.Status.MENGUNDURKAN_DIRI)

    _, rencana = impor(angkatan, staf, buat_xlsx([orang(i) for i in range(4)]))

    assert [b.aksi for b in rencana.baris] == ["baru", "baru", "galat", "galat"]
    assert rencana.sisa == 2
    # Each row only points to the one message above the rows, which says how many, the kuota and what was free.
    assert [b.galat for b in rencana.baris[2:]] == [
        [{"kolom": "", "huruf": "", "pesan": "Melebihi kuota angkatan (lihat keterangan di atas)."}]
    ] * 2
    assert rencana.kuota_terlampaui.pesan == (
        "2 baris melebihi kuota dan tidak dapat diimpor: kuota angkatan 3 orang, tempat yang masih kosong 2, dan "
        "baris-baris sebelumnya sudah mengisinya."
    )
    assert "naikkan kuota di halaman ubah angkatan" in rencana.kuota_terlampaui.saran


def test_a_full_kuota_is_said_once_with_its_figures(staf):
    angkatan = AngkatanFactory(kuota=2)
    PendaftaranFactory.create_batch(2, angkatan=angkatan)

    _, rencana = impor(angkatan, staf, buat_xlsx([orang(i) for i in range(3)]))

    assert {g["pesan"] for b in rencana.baris for g in b.galat} == {
        "Melebihi kuota angkatan (lihat keterangan di atas)."
    }
    assert rencana.kuota_terlampaui.pesan == (
        "3 baris tidak dapat diimpor: kuota angkatan (2 orang) sudah penuh, tidak ada tempat tersisa."
    )
    assert rencana.jumlah_melebihi_kuota == 3


def test_no_kuota_message_when_every_row_fits(angkatan, staf):
    _, rencana = impor(angkatan, staf, buat_xlsx([orang(0)]))

    assert rencana.kuota_terlampaui is None


def test_the_fingerprint_covers_the_kuota_said_above_the_rows(staf):
    angkatan = AngkatanFactory(kuota=3)
    PendaftaranFactory(angkatan=angkatan)
    sesi, rencana = impor(angkatan, staf, buat_xlsx([orang(i) for i in range(4)]))
    # The kuota is raised by one and one more person enrolled: the same two rows fit, the same two do not, but
    # the preview's "kuota 3 orang" is no longer true.
    Angkatan.objects.filter(pk=angkatan.pk).update(kuota=4)
    PendaftaranFactory(angkatan=angkatan)
    sebelum = potret()

    baru = sesi_impor_plan(SesiImpor.objects.select_related("angkatan").get(pk=sesi.pk))
    assert [b.aksi for b in baru.baris] == [b.aksi for b in rencana.baris]
    assert [b.galat for b in baru.baris] == [b.galat for b in rencana.baris]
    with pytest.raises(ValidationError, match="Data berubah sejak pratinjau"):
        sesi_impor_confirm(sesi=sesi, user=staf, sidik=rencana.sidik)
    assert potret() == sebelum
    sesi_impor_confirm(sesi=sesi, user=staf, sidik=baru.sidik)
    assert Pendaftaran.objects.filter(angkatan=angkatan).count() == 4


def test_missing_required_column_is_said_once_and_rows_point_to_it(angkatan, staf):
    lama = PesertaFactory(nip=nip_uji(1))
    header = ["NIP", "Nama"]

    _, rencana = impor(
        angkatan,
        staf,
        buat_xlsx(
            [
                {"NIP": nip_uji(0), "Nama": "Budi"},
                {"NIP": lama.nip, "Nama": lama.nama},
                {"NIP": nip_uji(2), "Nama": "A"},
            ],
            header=header,
        ),
    )

    baru, ada, baru2 = rencana.baris
    assert baru.aksi == baru2.aksi == "galat"
    assert [g["pesan"] for g in baru.galat] == [
        "Kolom Unit Kerja/Instansi tidak ada di berkas (lihat keterangan di atas).",
        "Kolom Provinsi atau Kabupaten/Kota tidak ada di berkas (lihat keterangan di atas).",
    ]
    wajib = [k.pesan for k in rencana.kolom_tidak_ada if k.wajib]
    assert len(wajib) == 2
    assert "tidak punya kolom Unit Kerja/Instansi" in wajib[0] and "Tambahkan kolom itu" in wajib[0]
    assert "tidak punya kolom Provinsi maupun Kabupaten/Kota" in wajib[1]
    assert [k.pesan for k in rencana.kolom_tidak_ada if not k.wajib] == [
        "Berkas tidak punya kolom Tempat Lahir, Pangkat/Golongan dan Jabatan. Peserta baru tetap diimpor, tetapi "
        "ditandai belum lengkap: lengkapi datanya sebelum sertifikat dibuat."
    ]
    # Someone already stored needs only the NIP and name.
    assert ada.aksi == "lama"
    assert ada.perubahan == []


def test_new_people_without_printed_data_are_imported_and_marked_incomplete(angkatan, staf):
    header = ["NIP", "Nama", "Pangkat/Gol.", "Jabatan", "Unit Kerja", "Kab/Kota"]
    isi = [
        {"NIP": nip_uji(0), "Nama": "Budi Santoso", "Pangkat/Gol.": "IV/a", "Jabatan": "Camat Cibinong",
         "Unit Kerja": "Kecamatan Cibinong", "Kab/Kota": "Kabupaten Bogor"},
        {"NIP": nip_uji(1), "Nama": "Siti Aminah", "Pangkat/Gol.": "-", "Unit Kerja": "Dinas Kesehatan",
         "Kab/Kota": "Kota Depok"},
    ]  # fmt: skip

    sesi, rencana = impor(angkatan, staf, buat_xlsx(isi, header=header))

    assert galat_per_baris(rencana) == {}
    assert [b.aksi for b in rencana.baris] == ["baru", "baru"]
    assert [b.kurang for b in rencana.baris] == [["tempat lahir"], ["tempat lahir", "pangkat/golongan", "jabatan"]]
    assert rencana.jumlah_belum_lengkap == 2
    assert [k.pesan for k in rencana.kolom_tidak_ada] == [
        "Berkas tidak punya kolom Tempat Lahir. Peserta baru tetap diimpor, tetapi ditandai belum lengkap: "
        "lengkapi datanya sebelum sertifikat dibuat."
    ]

    sesi_impor_confirm(sesi=sesi, user=staf, sidik=rencana.sidik)

    budi, siti = Peserta.objects.get(nip=nip_uji(0)), Peserta.objects.get(nip=nip_uji(1))
    assert (budi.tempat_lahir, budi.jabatan, budi.pangkat.golongan) == ("", "Camat Cibinong", "IV/a")
    assert (siti.tempat_lahir, siti.jabatan, siti.pangkat) == ("", "", None)
    # The birth date comes from the NIP; the province from the kab/kota.
    assert budi.tanggal_lahir == parse_nip(nip_uji(0)).tanggal_lahir
    assert siti.provinsi_id == "32"
    assert set(Peserta.objects.belum_lengkap()) == {budi, siti}
    assert sesi.__class__.objects.get(pk=sesi.pk).ringkasan["hasil"]["belum_lengkap"] == 2


def test_a_file_with_kab_kota_but_no_province_column_needs_the_kab_kota_of_new_people(angkatan, staf):
    header = ["NIP", "Nama", "Unit Kerja", "Kab/Kota"]
    isi = [
        {"NIP": nip_uji(0), "Nama": "Budi", "Unit Kerja": "Dinas Kesehatan", "Kab/Kota": "Kota Depok"},
        {"NIP": nip_uji(1), "Nama": "Siti", "Unit Kerja": "Dinas Kesehatan", "Kab/Kota": ""},
    ]

    _, rencana = impor(angkatan, staf, buat_xlsx(isi, header=header))

    assert [b.aksi for b in rencana.baris] == ["baru", "galat"]
    assert galat_per_baris(rencana)[8] == [
        (
            "Kab/Kota",
            "Kabupaten/Kota wajib diisi untuk peserta baru: dari sanalah provinsinya terbaca (berkas ini tidak "
            "punya kolom Provinsi).",
        )
    ]
    assert not any(k.wajib for k in rencana.kolom_tidak_ada)


def test_a_missing_column_or_an_empty_cell_never_blanks_what_is_stored(angkatan, staf):
    lengkap = PesertaFactory(nip=nip_uji(0), tempat_lahir="Garut", jabatan="Camat Garut Kota")
    kurang = PesertaFactory(nip=nip_uji(1), tempat_lahir="", jabatan="Sekretaris Camat")
    header = ["NIP", "Nama", "Jabatan"]
    isi = [
        {"NIP": lengkap.nip, "Nama": lengkap.nama, "Jabatan": ""},
        {"NIP": kurang.nip, "Nama": kurang.nama, "Jabatan": "-"},
    ]
    sebelum = list(Peserta.objects.order_by("pk").values())

    sesi, rencana = impor(angkatan, staf, buat_xlsx(isi, header=header))

    assert [b.aksi for b in rencana.baris] == ["lama", "lama"]
    assert [b.perubahan for b in rencana.baris] == [[], []]
    # The person already missing a birth place stays marked; the complete one is not.
    assert [b.kurang for b in rencana.baris] == [[], ["tempat lahir"]]
    sesi_impor_confirm(sesi=sesi, user=staf, sidik=rencana.sidik)
    assert list(Peserta.objects.order_by("pk").values()) == sebelum


# Files that cannot be read -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("isi", "potongan"),
    [
        (b"", "kosong"),
        (b"   \r\n  ", "kosong"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "bukan spreadsheet"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "bukan spreadsheet"),
        (b"PK\x03\x04 this is no zip", "bukan spreadsheet"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "Excel 97–2003 (.xls)"),
        (b"<html><body><table><tr><td>NIP</td></tr></table></body></html>", "bukan spreadsheet"),
        (b"Daftar hadir rapat\nTidak ada kolom yang dikenal\n", "Baris judul kolom tidak ditemukan"),
        (b"Nama;Jabatan;Instansi\nBudi;Camat;Kecamatan X\n", "Kolom NIP tidak ditemukan"),
        (b"x" * (BATAS_UKURAN + 1), "terlalu besar"),
    ],
    ids=["kosong", "spasi", "pdf", "png", "zip-rusak", "xls", "html", "tanpa-judul", "tanpa-nip", "terlalu-besar"],
)
def test_unreadable_files_get_a_clear_message_and_nothing_is_stored(angkatan, staf, isi, potongan):
    with pytest.raises(ValidationError) as galat:
        sesi_impor_create(angkatan=angkatan, user=staf, nama_berkas="usulan.bin", isi=isi)

    assert potongan in " ".join(galat.value.messages)
    assert not SesiImpor.objects.exists()


def test_empty_workbook_and_header_without_rows(angkatan, staf):
    keluaran = io.BytesIO()
    Workbook().save(keluaran)
    with pytest.raises(ValidationError, match="kosong"):
        sesi_impor_create(angkatan=angkatan, user=staf, nama_berkas="kosong.xlsx", isi=keluaran.getvalue())

    with pytest.raises(ValidationError, match="Tidak ada baris data di bawah baris judul"):
        sesi_impor_create(angkatan=angkatan, user=staf, nama_berkas="u.xlsx", isi=buat_xlsx([]))


def test_too_many_rows_are_refused(angkatan, staf, monkeypatch):
    monkeypatch.setattr("peserta.impor.reading.BATAS_BARIS", 3)

    with pytest.raises(ValidationError, match="lebih dari 3 baris data"):
        baca_berkas("u.csv", buat_csv([orang(i) for i in range(4)]))


# Confirming: the writes, the audit trail, the kuota ------------------------------------------------------------------


def test_confirm_creates_people_enrolments_history_and_audit_entries(angkatan, staf):
    sesi, rencana = impor(angkatan, staf, buat_xlsx([orang(0), orang(1)]))

    hasil = sesi_impor_confirm(sesi=sesi, user=staf, sidik=rencana.sidik)

    assert hasil.jumlah_baru == 2
    peserta = Peserta.objects.get(nip=nip_uji(0))
    assert peserta.nama_lengkap == "Dr. Budi Santoso, S.Sos., M.Si."
    assert peserta.jenis_kelamin == "L"
    assert peserta.pangkat.golongan == "IV/b"
    assert peserta.kabupaten_kota.kode == "32.01"
    assert peserta.provinsi_id == "32"
    daftar = Pendaftaran.objects.get(peserta=peserta, angkatan=angkatan)
    assert daftar.status == Pendaftaran.Status.DIUSULKAN
    riwayat = RiwayatStatus.objects.get(pendaftaran=daftar)
    assert (riwayat.dari, riwayat.ke, riwayat.oleh) == ("", "diusulkan", staf)
    sesi.refresh_from_db()
    assert sesi.status == SesiImpor.Status.DIIMPOR
    assert sesi.ringkasan["hasil"]["baru"] == 2

    log_peserta = LogEntry.objects.get(content_type=ContentType.objects.get_for_model(Peserta), object_id=peserta.pk)
    assert log_peserta.action == LogEntry.Action.CREATE
    assert log_peserta.actor == staf
    assert log_peserta.changes["nip"] == ["None", nip_uji(0)]
    assert log_peserta.changes["nama"] == ["None", "Budi Santoso"]
    log_daftar = LogEntry.objects.get(content_type=ContentType.objects.get_for_model(Pendaftaran), object_id=daftar.pk)
    assert log_daftar.action == LogEntry.Action.CREATE
    assert log_daftar.changes["status"] == ["None", "diusulkan"]
    assert str(peserta) in log_daftar.object_repr


def test_existing_person_is_updated_with_the_changes_shown_and_audited(angkatan, staf):
    lama = PesertaFactory(
        nip=nip_uji(0), jabatan="Kepala Bidang", pangkat=PangkatGolongan.objects.get(golongan="IV/a")
    )
    ubah_kemarin = lama.updated_at

    sesi, rencana = impor(angkatan, staf, buat_xlsx([orang(0, **{"Nama Lengkap": lama.nama})]))

    baris = rencana.baris[0]
    assert baris.aksi == "lama"
    berubah = {p.kolom: (p.lama, p.baru) for p in baris.perubahan}
    assert berubah["jabatan"] == ("Kepala Bidang", "Sekretaris Dinas Kesehatan")
    assert berubah["pangkat"] == ("Pembina (IV/a)", "Pembina Tingkat I (IV/b)")
    assert berubah["kabupaten_kota"] == ("Kabupaten Banyumas", "Kabupaten Bogor")
    assert "nama" not in berubah

    sesi_impor_confirm(sesi=sesi, user=staf, sidik=rencana.sidik)

    lama.refresh_from_db()
    assert lama.jabatan == "Sekretaris Dinas Kesehatan"
    assert lama.pangkat.golongan == "IV/b"
    assert lama.updated_at > ubah_kemarin
    assert Pendaftaran.objects.filter(peserta=lama, angkatan=angkatan).exists()
    log = LogEntry.objects.get(object_id=lama.pk, action=LogEntry.Action.UPDATE)
    assert log.changes["jabatan"] == ["Kepala Bidang", "Sekretaris Dinas Kesehatan"]
    assert log.changes["pangkat"] == [str(PangkatGolongan.objects.get(golongan="IV/a").pk), str(lama.pangkat_id)]
    assert "nama" not in log.changes
    assert log.actor == staf


def test_empty_cells_keep_what_is_stored(angkatan, staf):
    lama = PesertaFactory(nip=nip_uji(0), telepon="+6281111111111", email="lama@example.com")

    _, rencana = impor(
        angkatan, staf, buat_xlsx([orang(0, **{"Nama Lengkap": lama.nama_lengkap, "No. HP/WA": "", "E-mail": "-"})])
    )

    kolom = {p.kolom for p in rencana.baris[0].perubahan}
    assert "telepon" not in kolom and "email" not in kolom


def test_importing_the_same_file_twice_changes_nothing_the_second_time(angkatan, staf):
    isi = buat_xlsx([orang(0), orang(1), orang(2)])
    sesi, rencana = impor(angkatan, staf, isi)
    sesi_impor_confirm(sesi=sesi, user=staf, sidik=rencana.sidik)
    sebelum = potret()

    sesi2, rencana2 = impor(angkatan, staf, isi)

    assert [b.aksi for b in rencana2.baris] == ["terdaftar"] * 3
    assert all(not b.perubahan for b in rencana2.baris)
    assert not rencana2.ada_yang_ditulis
    sesi_impor_confirm(sesi=sesi2, user=staf, sidik=rencana2.sidik)
    assert potret() == sebelum


def test_only_the_good_rows_are_imported(angkatan, staf):
    baris = [orang(0), orang(1, NIP="123"), orang(2), orang(3, **{"Pangkat/Gol.": "Jenderal"})]
    sesi, rencana = impor(angkatan, staf, buat_xlsx(baris))
    assert rencana.jumlah_benar == 2

    sesi_impor_confirm(sesi=sesi, user=staf, sidik=rencana.sidik)

    assert set(Peserta.objects.values_list("nip", flat=True)) == {nip_uji(0), nip_uji(2)}
    assert Pendaftaran.objects.filter(angkatan=angkatan).count() == 2


def test_bad_rows_fixed_and_uploaded_again_join_the_good_ones(angkatan, staf):
    baris = [orang(0), orang(1, **{"Kab/Kota": "Bogor"})]
    sesi, rencana = impor(angkatan, staf, buat_xlsx(baris))
    sesi_impor_confirm(sesi=sesi, user=staf, sidik=rencana.sidik)

    baris[1]["Kab/Kota"] = "Kota Bogor"
    sesi2, rencana2 = impor(angkatan, staf, buat_xlsx(baris))

    assert [b.aksi for b in rencana2.baris] == ["terdaftar", "baru"]
    sesi_impor_confirm(sesi=sesi2, user=staf, sidik=rencana2.sidik)
    assert Peserta.objects.get(nip=nip_uji(1)).kabupaten_kota.nama == "Kota Bogor"
    assert Pendaftaran.objects.filter(angkatan=angkatan).count() == 2


def test_cancel_leaves_the_database_as_it_was(angkatan, staf):
    PendaftaranFactory(angkatan=angkatan, peserta=PesertaFactory(nip=nip_uji(0)))
    sebelum = potret()
    sesi, rencana = impor(angkatan, staf, buat_xlsx([orang(0), orang(1)]))

    sesi_impor_cancel(sesi=sesi, user=staf)

    assert potret() == sebelum
    sesi.refresh_from_db()
    assert sesi.status == SesiImpor.Status.DIBATALKAN
    assert sesi.baris == []
    with pytest.raises(ValidationError, match="sudah dibatalkan"):
        sesi_impor_confirm(sesi=sesi, user=staf, sidik=rencana.sidik)
    assert potret() == sebelum


def test_confirm_twice_is_refused_and_changes_nothing(angkatan, staf):
    sesi, rencana = impor(angkatan, staf, buat_xlsx([orang(0)]))
    sesi_impor_confirm(sesi=sesi, user=staf, sidik=rencana.sidik)
    sebelum = potret()

    with pytest.raises(ValidationError, match="sudah diimpor"):
        sesi_impor_confirm(sesi=sesi, user=staf, sidik=rencana.sidik)
    with pytest.raises(ValidationError, match="sudah diimpor"):
        sesi_impor_cancel(sesi=sesi, user=staf)
    assert potret() == sebelum


def test_database_changed_since_the_preview_refuses_the_whole_confirmation(staf):
    angkatan = AngkatanFactory(kuota=2)
    sesi, rencana = impor(angkatan, staf, buat_xlsx([orang(0), orang(1)]))
    # Meanwhile someone enrols another person: the second row no longer fits.
    PendaftaranFactory(angkatan=angkatan)
    sebelum = potret()

    with pytest.raises(ValidationError, match="Data berubah sejak pratinjau"):
        sesi_impor_confirm(sesi=sesi, user=staf, sidik=rencana.sidik)

    assert potret() == sebelum
    baru = sesi_impor_plan(SesiImpor.objects.get(pk=sesi.pk))
    assert [b.aksi for b in baru.baris] == ["baru", "galat"]


def test_a_failure_while_writing_leaves_the_database_as_it_was(angkatan, staf, monkeypatch):
    PendaftaranFactory(angkatan=angkatan, peserta=PesertaFactory(nip=nip_uji(5), jabatan="Lama"))
    sesi, rencana = impor(angkatan, staf, buat_xlsx([orang(0), orang(1), orang(5)]))
    sebelum = potret()

    def gagal(*args, **kwargs):
        raise RuntimeError("disk penuh")

    # Peserta and Pendaftaran are already written when the history fails.
    monkeypatch.setattr(RiwayatStatus.objects, "bulk_create", gagal)
    with pytest.raises(RuntimeError):
        sesi_impor_confirm(sesi=sesi, user=staf, sidik=rencana.sidik)

    assert potret() == sebelum
    assert SesiImpor.objects.get(pk=sesi.pk).status == SesiImpor.Status.PRATINJAU


def test_forged_fingerprint_writes_nothing(angkatan, staf):
    sesi, _ = impor(angkatan, staf, buat_xlsx([orang(0)]))
    sebelum = potret()

    with pytest.raises(ValidationError):
        sesi_impor_confirm(sesi=sesi, user=staf, sidik="0" * 64)

    assert potret() == sebelum


def test_closed_angkatan_takes_no_import(staf):
    angkatan = AngkatanFactory(status=Angkatan.Status.CLOSED)

    with pytest.raises(ValidationError, match="tidak dapat ditambahkan"):
        impor(angkatan, staf, buat_xlsx([orang(0)]))


def test_queries_do_not_grow_with_the_number_of_rows(staf):
    def hitung(jumlah: int, awal: int) -> tuple[int, int]:
        angkatan = AngkatanFactory(kuota=200)
        # Some people exist already, so that updates and enrolments of known people are counted too.
        for i in range(awal, awal + jumlah, 3):
            PesertaFactory(nip=nip_uji(i), jabatan="Lama")
        isi = buat_xlsx([orang(i) for i in range(awal, awal + jumlah)])
        with CaptureQueriesContext(connection) as pratinjau:
            sesi, rencana = impor(angkatan, staf, isi)
        with CaptureQueriesContext(connection) as konfirmasi:
            sesi_impor_confirm(sesi=sesi, user=staf, sidik=rencana.sidik)
        assert rencana.jumlah_baru and rencana.jumlah_lama
        return len(pratinjau), len(konfirmasi)

    ContentType.objects.get_for_models(Peserta, Pendaftaran)
    # Four times the rows, the same queries (24 rows stay within one SQLite batch of each bulk write).
    assert hitung(6, 0) == hitung(24, 100)


# The template -----------------------------------------------------------------------------------------------------


def test_template_has_header_example_text_nip_and_drop_downs(angkatan, staf):
    buku = load_workbook(io.BytesIO(templat_impor_xlsx()))
    data = buku.worksheets[0]

    judul = [c.value for c in data[1]]
    assert judul[:3] == ["NIP", "Nama Lengkap", "Gelar Depan"]
    assert "Pangkat/Golongan" in judul and "Kategori Jabatan" in judul
    assert data["A2"].value == "19800512 200501 1 002"
    assert data["A2"].number_format == "@" and data["A3"].number_format == "@"
    daftar = buku["Daftar"]
    assert daftar.sheet_state == "hidden"
    pangkat = [c.value for c in daftar["A"][1:] if c.value]
    assert len(pangkat) == 17 and pangkat[13] == "Pembina Tingkat I (IV/b)"
    kategori = [c.value for c in daftar["B"][1:] if c.value]
    assert kategori == [str(k.label) for k in KategoriJabatan]
    validasi = {str(v.sqref): v.formula1 for v in data.data_validations.dataValidation}
    kolom_pangkat = "G"
    assert validasi[f"{kolom_pangkat}2:{kolom_pangkat}501"] == "'Daftar'!$A$2:$A$18"
    assert any(f.endswith("$B$2:$B$8") for f in validasi.values())
    # What enrolment needs is required; what only the certificate prints may follow.
    wajib = {baris[0].value: baris[1].value for baris in buku["Petunjuk"].iter_rows(min_row=5)}
    assert {k for k, v in wajib.items() if v == "ya"} == {"NIP", "Nama Lengkap", "Unit Kerja/Instansi", "Provinsi"}
    assert wajib["Tempat Lahir"] == wajib["Pangkat/Golongan"] == wajib["Jabatan"] == "tidak"


def test_template_round_trip_skips_the_example_and_reads_a_filled_row(angkatan, staf):
    with pytest.raises(ValidationError, match="Tidak ada baris data"):
        impor(angkatan, staf, templat_impor_xlsx())

    buku = load_workbook(io.BytesIO(templat_impor_xlsx()))
    data = buku.worksheets[0]
    nip = nip_uji(0)
    for kolom, nilai in zip(
        "ABCDEFGHIJKLMN",
        [format_nip(nip), "Siti Aminah", "Dra.", "M.Si.", "Depok", None, "Pembina Tingkat I (IV/b)",
         "Camat Sukmajaya", "Camat", "Kecamatan Sukmajaya", "Jawa Barat", "Kota Depok", "081234567890",
         "siti@example.com"],
        strict=True,
    ):  # fmt: skip
        data[f"{kolom}3"] = nilai
    keluaran = io.BytesIO()
    buku.save(keluaran)

    sesi, rencana = impor(angkatan, staf, keluaran.getvalue())

    assert galat_per_baris(rencana) == {}
    assert [b.baris for b in rencana.baris] == [3]
    assert any("contoh dari templat" in c for c in sesi.ringkasan["catatan"])
    nilai = rencana.baris[0].nilai
    assert (nilai["gelar_depan"], nilai["nama"], nilai["gelar_belakang"]) == ("Dra.", "Siti Aminah", "M.Si.")
    assert nilai["kategori_jabatan"] == KategoriJabatan.CAMAT
    assert nilai["tanggal_lahir"] == parse_nip(nip).tanggal_lahir


# Reading single values ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tulisan", "golongan"),
    [
        ("Pembina Tk. I (IV/b)", "IV/b"),
        ("IV/b", "IV/b"),
        ("IV-b", "IV/b"),
        ("iv b", "IV/b"),
        ("4/b", "IV/b"),
        ("pembina tingkat i", "IV/b"),
        ("PEMBINA TK.I", "IV/b"),
        ("Penata Muda Tk.I", "III/b"),
        ("Penata Muda Tingkat 1 (III/b)", "III/b"),
        ("III/d Penata Tk. I", "III/d"),
        ("Pembina Utama Muda", "IV/c"),
        ("Juru", "I/c"),
    ],
)
def test_ranks_are_recognised_however_written(tulisan, golongan):
    assert Referensi.muat().cari_pangkat(tulisan).golongan == golongan


@pytest.mark.parametrize(
    ("tulisan", "bagian"),
    [
        ("Dr. Budi Santoso, S.Sos., M.Si.", ("Dr.", "Budi Santoso", "S.Sos., M.Si.")),
        ("Drs. H. Ahmad", ("Drs. H.", "Ahmad", "")),
        ("Ir. Siti Aminah, M.T.", ("Ir.", "Siti Aminah", "M.T.")),
        ("dr. Rina Marlina,M.Kes", ("dr.", "Rina Marlina", "M.Kes")),
        ("Prof.Dr.Ir. Bambang Wijaya", ("Prof. Dr. Ir.", "Bambang Wijaya", "")),
        ("Hj. Nurhayati S.E. M.M.", ("Hj.", "Nurhayati", "S.E., M.M.")),
        ("Moh. Irwan", ("", "Moh. Irwan", "")),
        ("Drajat Hidayat", ("", "Drajat Hidayat", "")),
    ],
)
def test_names_with_titles_are_split(tulisan, bagian):
    nama = pisah_gelar(tulisan)
    assert (nama.gelar_depan, nama.nama, nama.gelar_belakang) == bagian


@pytest.mark.parametrize(
    "tulisan",
    ["12-05-1968", "12/05/1968", "12.05.1968", "12 Mei 1968", "12-Mei-68", "1968-05-12", "19680512",
     datetime(1968, 5, 12), date(1968, 5, 12), "1968-05-12 00:00:00"],
)  # fmt: skip
def test_dates_are_read_as_indonesian_sheets_hold_them(tulisan):
    assert baca_tanggal(tulisan) == date(1968, 5, 12)


def test_kabupaten_kota_is_found_loosely_within_the_province():
    ref = Referensi.muat()
    jabar = ref.cari_provinsi("Jawa Barat")
    assert ref.cari_kabupaten_kota("Kab. Bogor", jabar).kode == "32.01"
    assert ref.cari_kabupaten_kota("Kabupaten Bogor", None).kode == "32.01"
    assert ref.cari_kabupaten_kota("Kota Depok", jabar).kode == "32.76"
    assert ref.cari_kabupaten_kota("Depok", jabar).kode == "32.76"
    assert ref.cari_kabupaten_kota("Jakarta Selatan", None).kode == "31.74"
    assert ref.cari_provinsi("DKI Jakarta").kode == "31"
    assert ref.cari_provinsi("Prov. Jawa Tengah").kode == "33"
    assert KabupatenKota.objects.get(kode="32.71").nama == "Kota Bogor"


def test_a_province_named_in_the_kab_kota_column_means_the_provincial_government(angkatan, staf):
    _, rencana = impor(angkatan, staf, buat_xlsx([orang(0, **{"Kab/Kota": "Provinsi Jawa Barat", "Provinsi": ""})]))

    assert galat_per_baris(rencana) == {}
    assert rencana.baris[0].nilai["kabupaten_kota"] is None
    assert rencana.baris[0].nilai["provinsi"].kode == "32"


def test_plan_constants_are_the_preview_labels():
    assert {rencana_mod.BARU, rencana_mod.LAMA, rencana_mod.TERDAFTAR, rencana_mod.GALAT} == {
        "baru",
        "lama",
        "terdaftar",
        "galat",
    }


# Racing for the last places (PostgreSQL) -----------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_imports_confirmed_at_once_never_overfill_the_angkatan():
    import threading

    staf = staf_user()
    angkatan = AngkatanFactory(kuota=3)
    # Each preview sees three free places; together the two files want four.
    sesi_a, rencana_a = impor(angkatan, staf, buat_xlsx([orang(0), orang(1)]))
    sesi_b, rencana_b = impor(angkatan, staf, buat_xlsx([orang(2), orang(3)]))
    barrier = threading.Barrier(2)
    hasil: dict[str, object] = {}

    def konfirmasi(nama, sesi, sidik):
        try:
            barrier.wait(timeout=10)
            hasil[nama] = sesi_impor_confirm(sesi=sesi, user=staf, sidik=sidik)
        except Exception as galat:  # noqa: BLE001 - a refusal or a crash, reported by the test, not lost
            hasil[nama] = galat
        finally:
            connection.close()

    threads = [
        threading.Thread(target=konfirmasi, args=("a", sesi_a, rencana_a.sidik)),
        threading.Thread(target=konfirmasi, args=("b", sesi_b, rencana_b.sidik)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert not any(thread.is_alive() for thread in threads)
    ditolak = [h for h in hasil.values() if isinstance(h, ValidationError)]
    assert len(ditolak) == 1, hasil
    assert ditolak[0].code == "pratinjau_berubah"
    assert Pendaftaran.objects.filter(angkatan=angkatan).count() == 2
    assert Peserta.objects.count() == 2


def test_old_unconfirmed_previews_lose_their_rows_and_confirmed_ones_keep_no_copy(angkatan, staf):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    from peserta.impor.services import sesi_impor_confirm
    from peserta.models import SesiImpor

    lama, _ = impor(angkatan, staf, buat_xlsx([orang(0)]))
    SesiImpor.objects.filter(pk=lama.pk).update(updated_at=timezone.now() - datetime.timedelta(days=8))
    baru, rencana = impor(angkatan, staf, buat_xlsx([orang(1)]))

    call_command("bersihkan_impor", verbosity=0)

    lama.refresh_from_db()
    baru.refresh_from_db()
    assert (lama.status, lama.baris) == (SesiImpor.Status.DIBATALKAN, [])
    assert baru.status == SesiImpor.Status.PRATINJAU and baru.baris

    sesi_impor_confirm(sesi=baru, user=staf, sidik=rencana.sidik)
    baru.refresh_from_db()
    assert (baru.status, baru.baris) == (SesiImpor.Status.DIIMPOR, [])


# The messy regional list ---------------------------------------------------------------------------------------------


def test_messy_regional_list_imports_its_good_rows_and_marks_them_incomplete(angkatan, staf):
    from peserta.impor.tests import berkas_daerah as daerah

    sesi, rencana = impor(angkatan, staf, daerah.daftar_berantakan(), nama="usulan-jateng.xlsx")

    # No birth-place column: said once, above the rows, not on each.
    assert [k.pesan for k in rencana.kolom_tidak_ada] == [
        "Berkas tidak punya kolom Tempat Lahir. Peserta baru tetap diimpor, tetapi ditandai belum lengkap: "
        "lengkapi datanya sebelum sertifikat dibuat."
    ]
    galat = galat_per_baris(rencana)
    assert set(galat) == {daerah.BARIS_RUSAK, daerah.BARIS_GANDA}
    [(kolom, pesan)] = galat[daerah.BARIS_RUSAK]
    assert kolom == "NIP" and "tersimpan sebagai angka" in pesan and "tidak dapat dipercaya" in pesan
    rusak = next(b for b in rencana.baris if b.baris == daerah.BARIS_RUSAK)
    assert rusak.nip_tampil == "NIP rusak oleh Excel"
    assert galat[daerah.BARIS_GANDA] == [
        ("NIP", f"NIP 19700512 199503 1 004 sudah ada di baris {daerah.BARIS_PERTAMA}; baris ini dilewati.")
    ]
    baik = [b for b in rencana.baris if b.aksi == "baru"]
    assert [b.rekaman["nip"] for b in baik] == daerah.NIP_BAIK
    assert all("tempat lahir" in b.kurang for b in baik)
    assert next(b for b in baik if b.baris == daerah.BARIS_TANPA_JABATAN).kurang == ["tempat lahir", "jabatan"]
    assert rencana.jumlah_belum_lengkap == 5

    sesi_impor_confirm(sesi=sesi, user=staf, sidik=rencana.sidik)

    assert set(Peserta.objects.values_list("nip", flat=True)) == set(daerah.NIP_BAIK)
    assert set(Peserta.objects.belum_lengkap().values_list("nip", flat=True)) == set(daerah.NIP_BAIK)
    assert Pendaftaran.objects.filter(angkatan=angkatan).count() == 5
    bambang = Peserta.objects.get(nip=daerah.NIP_BAMBANG)
    assert (bambang.nama_lengkap, bambang.jabatan) == ("Drs. Bambang Sutrisno, M.Si.", "Sekretaris Dinas Pendidikan")
    assert bambang.tanggal_lahir == date(1970, 5, 12)
    assert bambang.data_cetak_kurang == ["tempat lahir"]
    rina = Peserta.objects.get(nip=daerah.NIP_RINA)
    assert (rina.provinsi_id, rina.kabupaten_kota.nama) == ("33", "Kabupaten Boyolali")
    assert rina.data_cetak_kurang == ["tempat lahir", "jabatan"]
    assert Peserta.objects.get(nip=daerah.NIP_HADI).kabupaten_kota.nama == "Kabupaten Wonogiri"
