"""Staff take a batch from proposed participants to graduates, entirely in the browser.

The batch is Angkatan VII of 2022 (``tests/browser/latihan.py``): the demo's Angkatan IV as it stood before
it ran, its thirty people proposed, since IV itself is finished in the demo.

The regions' list comes as an XLSX with a title block and a signature, two of its rows wrong; the preview
names them, staff fix the file and import it, verify everyone, mark them attending, record five days of
attendance, enter the scores with the keyboard and finalise the results.
"""

import io
import re
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.formats import date_format
from openpyxl import Workbook
from playwright.sync_api import expect

from angkatan.models import Angkatan
from angkatan.tests.factories import AngkatanFactory
from diklat.nip import format_nip, parse_nip
from diklat.services import program_create
from diklat.tests.factories import staf_user
from peserta.models import Nilai, Pendaftaran, Peserta, Presensi, RiwayatStatus, SesiImpor
from peserta.tests.factories import PendaftaranFactory, nip_ke
from tests.browser.conftest import login
from tests.browser.latihan import angkatan_latihan

# Reference data (regions, ranks) comes from migrations: restore it after each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

Status = Pendaftaran.Status

KOLOM = [
    "No",
    "NIP",
    "Nama Lengkap",
    "Pangkat/Gol",
    "Jabatan",
    "Unit Kerja",
    "Kab/Kota",
    "Provinsi",
    "Tempat Lahir",
    "Tanggal Lahir",
    "No HP",
]
NAMA_BERKAS = "usulan-peserta-jateng.xlsx"
# Title block in rows 1–2, an empty row, the header in row 4: the first person is row 5 of the sheet.
BARIS_PERTAMA = 5

# Five people proposed by Jawa Tengah, far from the factories' and the demo's NIPs.
NIP = [nip_ke(60_000 + i * 999) for i in range(5)]
ORANG = [
    {
        "NIP": format_nip(NIP[0]),
        "Nama Lengkap": "Dr. Bambang Sutrisno, S.Sos., M.Si.",
        "Pangkat/Gol": "Pembina Tk. I (IV/b)",
        "Jabatan": "Sekretaris Dinas Kesehatan",
        "Unit Kerja": "Dinas Kesehatan Kabupaten Banyumas",
        "Kab/Kota": "Kab. Banyumas",
        "Tempat Lahir": "Purwokerto",
        "No HP": "0812-2711-0001",
    },
    {
        # Typed with a digit missing: 17 digits.
        "NIP": NIP[1][:-1],
        "Nama Lengkap": "Sri Wahyuningsih, S.E., M.M.",
        "Pangkat/Gol": "IV/a",
        "Jabatan": "Sekretaris Dinas Pendidikan dan Kebudayaan",
        "Unit Kerja": "Dinas Pendidikan dan Kebudayaan Kabupaten Cilacap",
        "Kab/Kota": "Kab. Cilacap",
        "Tempat Lahir": "Cilacap",
        "No HP": "0813-2711-0002",
    },
    {
        "NIP": NIP[2],
        "Nama Lengkap": "Ir. Hadi Prasetyo, M.T.",
        "Pangkat/Gol": "Penata Tk. I (III/d)",
        "Jabatan": "Sekretaris Dinas Pekerjaan Umum dan Penataan Ruang",
        "Unit Kerja": "Dinas Pekerjaan Umum dan Penataan Ruang Kota Semarang",
        "Kab/Kota": "Kota Semarang",
        "Tempat Lahir": "Semarang",
        "No HP": "0815-2711-0003",
    },
    {
        "NIP": format_nip(NIP[3]),
        "Nama Lengkap": "Endang Purwaningsih, S.H.",
        # No such rank: golongan stop at IV.
        "Pangkat/Gol": "V/a",
        "Jabatan": "Sekretaris Badan Kepegawaian Daerah",
        "Unit Kerja": "Badan Kepegawaian Daerah Kabupaten Banyumas",
        "Kab/Kota": "Kab. Banyumas",
        "Tempat Lahir": "Banyumas",
        "No HP": "0816-2711-0004",
    },
    {
        "NIP": NIP[4],
        "Nama Lengkap": "Drs. Agus Riyanto, M.AP.",
        "Pangkat/Gol": "Pembina (IV/a)",
        "Jabatan": "Sekretaris Kecamatan Sokaraja",
        "Unit Kerja": "Kecamatan Sokaraja Kabupaten Banyumas",
        "Kab/Kota": "Kab. Banyumas",
        "Tempat Lahir": "Sokaraja",
        "No HP": "0817-2711-0005",
    },
]
BAIK = ["Bambang Sutrisno", "Hadi Prasetyo", "Agus Riyanto"]
# The two who fail: one misses two days, the other scores too low.
ABSEN = "Sri Wahyuningsih"
LEMAH = "Endang Purwaningsih"
TELADAN = "Bambang Sutrisno"


def buat_xlsx(path, orang: list[dict]) -> None:
    """Write the list as a region does: title block, merged cells, NIP as text, a signature under the table."""
    buku = Workbook()
    ws = buku.active
    ws.title = "Usulan"
    ws["A1"] = "DAFTAR USULAN PESERTA DIKLAT PENGUATAN TUGAS-TUGAS SEKRETARIS PERANGKAT DAERAH ANGKATAN VII"
    ws.merge_cells(start_row=1, end_row=1, start_column=1, end_column=len(KOLOM))
    ws["A2"] = "PEMERINTAH PROVINSI JAWA TENGAH TAHUN 2022"
    ws.merge_cells(start_row=2, end_row=2, start_column=1, end_column=len(KOLOM))
    for kolom, judul in enumerate(KOLOM, start=1):
        ws.cell(row=BARIS_PERTAMA - 1, column=kolom, value=judul)
    for i, isi in enumerate(orang):
        baris = BARIS_PERTAMA + i
        lahir = parse_nip(NIP[i]).tanggal_lahir
        isi = {
            "No": i + 1,
            "Provinsi": "Jawa Tengah",
            # Some offices type the date, others let Excel keep a date cell.
            "Tanggal Lahir": lahir.strftime("%d-%m-%Y") if i % 2 else datetime.combine(lahir, datetime.min.time()),
            **isi,
        }
        for kolom, judul in enumerate(KOLOM, start=1):
            sel = ws.cell(row=baris, column=kolom, value=isi.get(judul))
            if judul == "NIP":
                sel.number_format = "@"
            elif judul == "Tanggal Lahir" and isinstance(isi[judul], datetime):
                sel.number_format = "DD-MM-YYYY"
    tanda_tangan = [
        "Semarang, 2 Juni 2022",
        "Mengetahui,",
        "Kepala Badan Kepegawaian Daerah Provinsi Jawa Tengah",
        None,
        None,
        "Dra. Retno Sudewi, Apt., M.Si., M.M.",
        "NIP. 19650405 199003 2 003",
    ]
    awal = BARIS_PERTAMA + len(orang) + 2
    for i, teks in enumerate(tanda_tangan):
        ws.cell(row=awal + i, column=KOLOM.index("Tempat Lahir") + 1, value=teks)
    keluaran = io.BytesIO()
    buku.save(keluaran)
    path.write_bytes(keluaran.getvalue())


def tanggal_panjang(tanggal: date) -> str:
    with translation.override("id"):
        return date_format(tanggal, "l, j F Y")


def baris_berjudul(page, teks: str):
    """The table row whose row header (first column) says ``teks``."""
    return page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=teks, exact=True))


def baris_peserta(page, nama: str):
    """The table row of a person, found by (part of) their name."""
    return page.get_by_role("row").filter(has_text=nama)


def pil_pratinjau(page):
    """The filter pills of the import preview: ``Semua 5``, ``Bermasalah 2``…"""
    return page.get_by_role("list", name="Saring baris").get_by_role("link")


def pil_status(page):
    """The filter pills of the roster: ``Semua 35``, ``Mengikuti 35``…"""
    return page.get_by_role("navigation", name="Saring menurut status").get_by_role("link")


def test_staff_take_an_angkatan_from_proposed_to_graduates(page, screenshot, tmp_path):
    call_command("muat_demo", verbosity=0)
    angkatan = angkatan_latihan()
    assert angkatan.kuota == 35
    assert angkatan.pendaftaran.count() == 30
    jumlah_peserta_awal = Peserta.objects.count()

    login(page, "staf", "demo-staf")
    expect(page.get_by_role("heading", name="Dasbor", exact=True)).to_be_visible()
    page.locator("#menu-utama").get_by_role("link", name="Angkatan", exact=True).click()
    expect(page.get_by_role("heading", name="Angkatan", exact=True)).to_be_visible()
    page.get_by_role("row").filter(has_text="Angkatan VII").get_by_role("link", name="Angkatan VII").click()
    expect(page.get_by_role("heading", name=re.compile("Angkatan VII Tahun 2022"))).to_be_visible()
    expect(page.get_by_text("30 dari 35 tempat terisi · 5 tersisa")).to_be_visible()

    # 1. The region's list, with two bad rows -------------------------------------------------------------------
    berkas = tmp_path / "salah" / NAMA_BERKAS
    berkas.parent.mkdir()
    buat_xlsx(berkas, ORANG)
    page.get_by_role("link", name="Impor dari Excel").click()
    page.get_by_label("Berkas daftar peserta").set_input_files(berkas)
    page.get_by_role("button", name="Unggah dan lihat pratinjau").click()

    expect(page.get_by_role("heading", name=f"Pratinjau impor: {NAMA_BERKAS}")).to_be_visible()
    expect(page.get_by_text("Lembar “Usulan”, baris judul 4")).to_be_visible()
    expect(pil_pratinjau(page)).to_have_text(
        ["Semua 5", "Bermasalah 2", "Peserta baru 3", "Peserta lama 0", "Sudah terdaftar 0", "Belum lengkap 0"]
    )
    expect(page.get_by_role("alert").filter(has_text="2 baris bermasalah tidak akan diimpor")).to_be_visible()
    # Each bad row by its number as the spreadsheet shows it, with the column and the reason.
    nip_pendek = baris_berjudul(page, str(BARIS_PERTAMA + 1))
    expect(nip_pendek).to_contain_text("Sri Wahyuningsih")
    expect(nip_pendek).to_contain_text("Bermasalah")
    expect(nip_pendek).to_contain_text("Kolom “NIP” (B):")
    expect(nip_pendek).to_contain_text("NIP harus 18 digit; yang diisi 17 digit")
    pangkat_asing = baris_berjudul(page, str(BARIS_PERTAMA + 3))
    expect(pangkat_asing).to_contain_text("Endang Purwaningsih")
    expect(pangkat_asing).to_contain_text("Kolom “Pangkat/Gol” (D):")
    expect(pangkat_asing).to_contain_text("Pangkat/golongan “V/a” tidak dikenal")
    # The rows to import are folded under the problem rows.
    expect(page.get_by_role("rowheader")).to_have_count(2)
    page.locator("#tabel-pratinjau summary").filter(has_text="Baris yang akan diimpor").click()
    for nomor in (0, 2, 4):
        baris = baris_berjudul(page, str(BARIS_PERTAMA + nomor))
        expect(baris).to_contain_text(ORANG[nomor]["Nama Lengkap"])
        expect(baris).to_contain_text("Peserta baru")
        expect(baris).not_to_contain_text("Kolom")
    # The signature block is not a row of data.
    expect(page.get_by_role("rowheader")).to_have_count(5)
    expect(page.get_by_text("Retno Sudewi")).to_have_count(0)
    expect(page.get_by_role("button", name="Impor 3 baris yang benar")).to_be_visible()
    screenshot("1-pratinjau-bermasalah")
    assert angkatan.pendaftaran.count() == 30  # nothing written by a preview

    # 2. Fixed, uploaded again and imported ---------------------------------------------------------------------
    diperbaiki = [dict(o) for o in ORANG]
    diperbaiki[1]["NIP"] = format_nip(NIP[1])
    diperbaiki[3]["Pangkat/Gol"] = "III/d"
    berkas_benar = tmp_path / "benar" / NAMA_BERKAS
    berkas_benar.parent.mkdir()
    buat_xlsx(berkas_benar, diperbaiki)
    page.get_by_role("link", name="Unggah berkas lain").click()
    page.get_by_label("Berkas daftar peserta").set_input_files(berkas_benar)
    page.get_by_role("button", name="Unggah dan lihat pratinjau").click()
    expect(pil_pratinjau(page)).to_have_text(
        ["Semua 5", "Bermasalah 0", "Peserta baru 5", "Peserta lama 0", "Sudah terdaftar 0", "Belum lengkap 0"]
    )
    expect(page.get_by_text("Peserta baru", exact=True)).to_have_count(5)
    expect(page.get_by_text("Sisa kuota sebelum impor: 5 dari 35 tempat.")).to_be_visible()
    screenshot("2-pratinjau-benar")
    page.get_by_role("button", name="Impor semua 5 baris").click()

    expect(page.get_by_role("heading", name=re.compile("Angkatan VII Tahun 2022"))).to_be_visible()
    expect(page.get_by_role("alert").filter(has_text="Impor selesai: 5 peserta baru")).to_be_visible()
    expect(page.get_by_text("35 dari 35 tempat terisi · 0 tersisa")).to_be_visible()
    expect(page.locator("#judul-peserta")).to_contain_text("35 / 35")
    for orang in diperbaiki:
        expect(baris_peserta(page, orang["Nama Lengkap"])).to_contain_text("Diusulkan")
    screenshot("3-roster-setelah-impor")

    # The same file again changes nothing: every row is already enrolled. The session is cancelled.
    jumlah_riwayat = RiwayatStatus.objects.count()
    page.get_by_role("link", name="Impor dari Excel").click()
    page.get_by_label("Berkas daftar peserta").set_input_files(berkas_benar)
    page.get_by_role("button", name="Unggah dan lihat pratinjau").click()
    expect(page.get_by_text("Berkas yang sama sudah pernah diimpor ke angkatan ini")).to_be_visible()
    expect(pil_pratinjau(page)).to_have_text(
        ["Semua 5", "Bermasalah 0", "Peserta baru 0", "Peserta lama 0", "Sudah terdaftar 5", "Belum lengkap 0"]
    )
    expect(page.get_by_text("Sudah terdaftar", exact=True)).to_have_count(5)
    expect(page.get_by_text("(Diusulkan)")).to_have_count(5)
    screenshot("4-pratinjau-sudah-terdaftar")
    # Nothing would be written, so nothing to import: the preview is only closed.
    expect(page.get_by_role("button", name=re.compile("^Impor"))).to_have_count(0)
    page.get_by_role("button", name="Tutup pratinjau").click()
    expect(page.get_by_text(f"Impor “{NAMA_BERKAS}” dibatalkan; tidak ada data yang diubah.")).to_be_visible()
    assert Peserta.objects.count() == jumlah_peserta_awal + 5
    assert angkatan.pendaftaran.count() == 35
    assert RiwayatStatus.objects.count() == jumlah_riwayat
    assert list(SesiImpor.objects.filter(angkatan=angkatan).values_list("status", flat=True).order_by("pk")) == [
        SesiImpor.Status.PRATINJAU,
        SesiImpor.Status.DIIMPOR,
        SesiImpor.Status.DIBATALKAN,
    ]

    # 3. Everyone verified, then attending ----------------------------------------------------------------------
    page.get_by_role("link", name="Kembali").click()
    expect(page.locator("#judul-peserta")).to_contain_text("35 / 35")
    page.get_by_role("checkbox", name="Pilih semua").check()
    expect(page.get_by_role("checkbox", name=re.compile("^Pilih ")).and_(page.locator(":checked"))).to_have_count(36)
    page.get_by_role("button", name="Verifikasi yang dipilih").click()
    expect(page.get_by_role("alert").filter(has_text="35 diverifikasi.")).to_be_visible()
    expect(pil_status(page)).to_have_text(["Semua 35", "Diverifikasi 35"])

    page.get_by_role("checkbox", name="Pilih semua").check()
    page.get_by_role("button", name="Tandai mengikuti yang dipilih").click()
    expect(page.get_by_role("alert").filter(has_text="35 ditandai mengikuti.")).to_be_visible()
    expect(pil_status(page)).to_have_text(["Semua 35", "Mengikuti 35"])
    status_tampak = page.locator("tbody td.d-sm-table-cell .badge")
    expect(status_tampak).to_have_count(35)
    expect(status_tampak).to_have_text(["Mengikuti"] * 35)
    screenshot("5-roster-mengikuti")

    # The training starts.
    page.get_by_role("button", name="Mulai pelaksanaan").click()
    expect(page.get_by_role("list", name="Tahapan angkatan").locator("[aria-current=step]")).to_contain_text(
        "Berlangsung"
    )

    # 4. Attendance: five days, one person misses two ----------------------------------------------------------
    page.get_by_role("link", name="Presensi", exact=True).click()
    expect(page.get_by_role("heading", name="Belum ada hari pelatihan")).to_be_visible()
    page.get_by_role("button", name="Siapkan hari pelatihan").click()
    expect(page.get_by_text("5 hari pelatihan dibuat dari jadwal angkatan.")).to_be_visible()
    hari = [date(2022, 6, d) for d in range(20, 25)]
    for tanggal in hari:
        page.get_by_role("button", name=f"Semua yang belum diisi hadir pada {tanggal_panjang(tanggal)}").click()
        expect(page.get_by_text(f"35 peserta ditandai hadir pada {tanggal_panjang(tanggal)}.")).to_be_visible()

    absen = Peserta.objects.get(nama=ABSEN).nama_lengkap
    for tanggal in (hari[1], hari[3]):
        sel = f"{absen}, {tanggal_panjang(tanggal)}: "
        page.get_by_role("button", name=f"{sel}Hadir. Ubah menjadi Tidak hadir.").click()
        expect(page.get_by_role("button", name=f"{sel}Tidak hadir. Ubah menjadi Izin.")).to_be_visible()
    baris_absen = baris_peserta(page, absen)
    expect(baris_absen).to_contain_text("60%")
    expect(baris_absen).to_contain_text("di bawah batas minimal")
    expect(page.get_by_role("row").filter(has_text="100%")).to_have_count(34)
    expect(page.get_by_role("row", name=re.compile("^Hadir")).get_by_role("cell")).to_have_text(
        ["35/35", "34/35", "35/35", "34/35", "35/35", ""]
    )
    screenshot("6-presensi")

    # 5. Scores, typed into the grid with the keyboard ---------------------------------------------------------
    page.get_by_role("link", name="Nilai dan kelulusan").click()
    komponen = ["Sikap dan perilaku", "Tugas", "Ujian"]
    for nama in komponen:
        expect(page.get_by_role("columnheader", name=re.compile(f"^{nama}"))).to_be_visible()
    urutan = [t.split("\n")[0].strip() for t in page.get_by_role("rowheader").all_inner_texts()]
    assert len(urutan) == 35
    lemah = Peserta.objects.get(nama=LEMAH).nama_lengkap
    teladan = Peserta.objects.get(nama=TELADAN).nama_lengkap

    def nilai_untuk(i: int, nama: str) -> list[str]:
        if nama == teladan:
            return ["92", "91", "93"]
        if nama == lemah:
            return ["60", "60", "60"]
        # A decimal comma now and then, as Indonesians write it.
        return ["85,5" if i % 3 == 0 else "84", str(78 + i % 10), "80,25" if i % 4 == 0 else "82"]

    page.get_by_label(f"{komponen[0]} · {urutan[0]}", exact=True).focus()
    for i, nama in enumerate(urutan):
        for nama_komponen, nilai in zip(komponen, nilai_untuk(i, nama), strict=True):
            isian = page.get_by_label(f"{nama_komponen} · {nama}", exact=True)
            expect(isian).to_be_focused()
            page.keyboard.type(nilai)
            page.keyboard.press("Tab")
            # The cell saves itself when left; wait for it, as the eye does for the green mark.
            expect(isian).to_have_class(re.compile(r"\bis-valid\b"))
    page.get_by_role("button", name="Simpan nilai").click()
    expect(
        page.get_by_role("alert").filter(has_text=re.compile("Nilai tersimpan|Semua nilai sudah tersimpan"))
    ).to_be_visible()
    expect(page.get_by_text("35 dari 35 peserta sudah lengkap nilainya.")).to_be_visible()

    baris_teladan = baris_peserta(page, teladan)
    expect(baris_teladan).to_contain_text("92,20")
    expect(baris_teladan).to_contain_text("Sangat Memuaskan")
    expect(baris_peserta(page, lemah)).to_contain_text("60,00")
    expect(baris_peserta(page, lemah)).to_contain_text("Di bawah batas lulus")
    # The decimal comma is kept as it was typed.
    expect(page.get_by_label(f"{komponen[0]} · {urutan[0]}", exact=True)).to_have_value("85,5")
    screenshot("7-nilai")

    page.get_by_label("Saya sudah memeriksa nilai dan presensi semua peserta.").check()
    page.get_by_role("button", name="Finalisasi hasil").click()
    expect(page.get_by_text("Hasil difinalisasi: 33 lulus, 2 tidak lulus. Nilai kini terkunci.")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="nilai terkunci")).to_be_visible()
    expect(page.get_by_role("textbox")).to_have_count(0)
    expect(page.get_by_role("button", name="Simpan nilai")).to_have_count(0)
    expect(baris_teladan).to_contain_text("Lulus")
    expect(baris_teladan).to_contain_text("Sangat Memuaskan")
    expect(baris_peserta(page, absen)).to_contain_text("Tidak lulus")
    expect(baris_peserta(page, absen)).to_contain_text("Kehadiran 60% di bawah batas 90%")
    expect(baris_peserta(page, lemah)).to_contain_text("Tidak lulus")
    expect(baris_peserta(page, lemah)).to_contain_text("Nilai akhir 60,00 di bawah batas kelulusan 70,01")
    screenshot("8-hasil-final")

    page.get_by_role("link", name="Peserta", exact=True).click()
    expect(pil_status(page)).to_have_text(["Semua 35", "Lulus 33", "Tidak lulus 2"])
    expect(baris_peserta(page, teladan)).to_contain_text("Lulus")
    expect(baris_peserta(page, absen)).to_contain_text("Tidak lulus")
    expect(baris_peserta(page, lemah)).to_contain_text("Tidak lulus")
    screenshot("9-roster-lulus")

    # 6. What is stored ------------------------------------------------------------------------------------------
    angkatan.refresh_from_db()
    assert angkatan.nilai_dikunci_pada is not None
    semua = list(angkatan.pendaftaran.select_related("peserta").prefetch_related("riwayat_status"))
    assert len(semua) == 35
    hasil = {p.peserta.nama: p for p in semua}
    assert sorted(p.peserta.nama for p in semua if p.status == Status.TIDAK_LULUS) == sorted([ABSEN, LEMAH])
    assert sum(p.status == Status.LULUS for p in semua) == 33
    assert hasil[TELADAN].nilai_akhir == Decimal("92.20")
    assert hasil[TELADAN].predikat == "Sangat Memuaskan"
    assert hasil[ABSEN].persen_kehadiran == 60
    assert "Kehadiran 60% di bawah batas 90%" in hasil[ABSEN].alasan
    assert "di bawah batas kelulusan" in hasil[LEMAH].alasan
    assert Presensi.objects.filter(pendaftaran__angkatan=angkatan).count() == 35 * 5
    assert Presensi.objects.filter(pendaftaran__angkatan=angkatan, status=Presensi.Status.ALPA).count() == 2
    diimpor = {parse_nip(n).digits for n in NIP}
    for p in semua:
        riwayat = [(r.dari, r.ke) for r in sorted(p.riwayat_status.all(), key=lambda r: (r.pada, r.pk))]
        akhir = [
            (Status.DIUSULKAN, Status.DIVERIFIKASI),
            (Status.DIVERIFIKASI, Status.MENGIKUTI),
            (Status.MENGIKUTI, p.status),
        ]
        awal = [("", Status.DIUSULKAN)] if p.peserta.nip in diimpor else []
        assert riwayat == awal + akhir, p.peserta.nama
        assert {r.oleh.username for r in p.riwayat_status.all()} == {"staf"}


def test_wrong_scores_are_refused_in_place_and_finalising_too_early_names_what_is_missing(page, screenshot):
    program = program_create(nama="Pelatihan Kepemimpinan Pengawas", kode="PKP")
    angkatan = AngkatanFactory(program=program, status=Angkatan.Status.RUNNING)
    budi, sari = (
        PendaftaranFactory(angkatan=angkatan, status=Status.MENGIKUTI, peserta__nama=nama, peserta__gelar_belakang="")
        for nama in ("Budi Santoso", "Sari Rahayu")
    )
    staf_user(username="staf", password="demo-staf")

    login(page, "staf", "demo-staf")
    expect(page.get_by_role("heading", name="Dasbor", exact=True)).to_be_visible()
    page.goto(angkatan.get_absolute_url())
    page.get_by_role("link", name="Nilai dan kelulusan").click()

    def isi(label: str, teks: str):
        isian = page.get_by_label(label, exact=True)
        isian.fill(teks)
        isian.press("Tab")
        return isian

    # Out of range, two separators, a thousands separator: refused in the cell, with the reason beside it.
    for label, teks, alasan in [
        ("Ujian · Budi Santoso", "101", "Nilai harus antara 0 dan 100; “101” di luar rentang itu."),
        ("Tugas · Sari Rahayu", "85.5.5", "“85.5.5” memuat lebih dari satu tanda pemisah."),
        ("Ujian · Sari Rahayu", "85,500", "“85,500” tampak memakai pemisah ribuan."),
    ]:
        isian = isi(label, teks)
        expect(isian).to_have_attribute("aria-invalid", "true")
        expect(isian).to_have_accessible_description(re.compile(re.escape(alasan)))
        expect(isian).to_have_value(teks)
    screenshot("nilai-salah")
    assert not Nilai.objects.exists()

    expect(isi("Ujian · Budi Santoso", "91")).to_have_class(re.compile(r"\bis-valid\b"))
    expect(isi("Ujian · Sari Rahayu", "85,5")).to_have_class(re.compile(r"\bis-valid\b"))
    assert sorted(Nilai.objects.values_list("nilai", flat=True)) == [Decimal("85.50"), Decimal("91.00")]

    # Finalising now is refused, naming each gap; nothing changes.
    page.get_by_label("Saya sudah memeriksa nilai dan presensi semua peserta.").check()
    page.get_by_role("button", name="Finalisasi hasil").click()
    masalah = page.get_by_role("alert").filter(has_text="Hasil belum dapat difinalisasi; lengkapi dulu:")
    expect(masalah).to_contain_text("Presensi angkatan ini belum dicatat sama sekali.")
    expect(masalah).to_contain_text("Budi Santoso: nilai Sikap dan perilaku, Tugas belum diisi")
    expect(masalah).to_contain_text("Sari Rahayu: nilai Sikap dan perilaku, Tugas belum diisi")
    screenshot("finalisasi-ditolak")
    angkatan.refresh_from_db()
    assert angkatan.nilai_dikunci_pada is None
    assert {p.status for p in Pendaftaran.objects.filter(pk__in=[budi.pk, sari.pk])} == {Status.MENGIKUTI}
