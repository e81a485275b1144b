"""Issue 13's roster and event sheets, as staff download them from a demo angkatan in the browser.

Staff open demo Angkatan IV of 2022 (its graduates numbered), tick the certificate number beside the usual
columns and download the roster in each format: the XLSX is opened with openpyxl (title block, header,
NIP kept as text, one row per person), the CSV read with either delimiter, the PDF's text extracted. Then
the three sheets for the event: the receipt sheet with the certificate numbers, name tags eight to a
page and a table tent per person. The export across angkatan through Celery and the dashboard have
journeys of their own (``test_journey_ekspor_lintas.py``, ``test_journey_dasbor.py``).
"""

import csv
import io
import subprocess

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import expect

from angkatan.models import Angkatan
from diklat.nip import format_nip
from peserta.demo.isi import PESERTA_DEMO_NIP, PROGRAM_KODE
from peserta.models import Pendaftaran
from peserta.presensi.services import STATUS_PRESENSI
from sertifikat.models import Sertifikat
from sertifikat.services import sertifikat_issue_many
from tests.browser.conftest import login

# Reference data (regions, ranks) comes from migrations: restore it after each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def unduh(page, klik) -> tuple[str, bytes]:
    """Click what downloads a file; return its suggested name and its bytes."""
    with page.expect_download() as unduhan:
        klik()
    return unduhan.value.suggested_filename, unduhan.value.path().read_bytes()


def teks_pdf(isi: bytes) -> list[str]:
    """Return the text of each page of a PDF."""
    keluaran = subprocess.run(["pdftotext", "-layout", "-", "-"], input=isi, capture_output=True, check=True)
    return keluaran.stdout.decode("utf-8").split("\f")[:-1]


def test_staff_download_the_roster_in_every_format_and_the_sheets_of_a_demo_angkatan(page, screenshot):
    call_command("muat_demo", verbosity=0)
    angkatan = Angkatan.objects.select_related("program").get(program__kode=PROGRAM_KODE, tahun=2022, nomor=4)
    semua = Pendaftaran.objects.filter(angkatan=angkatan)
    lulusan = semua.filter(status=Pendaftaran.Status.LULUS)
    sertifikat_issue_many(angkatan=angkatan, pendaftaran_ids=list(lulusan.values_list("pk", flat=True)))
    nomor = dict(
        Sertifikat.objects.filter(pendaftaran__angkatan=angkatan).values_list("pendaftaran__peserta__nip", "nomor")
    )
    assert len(nomor) == lulusan.count() > 8
    demo = semua.select_related("peserta").get(peserta__nip=PESERTA_DEMO_NIP).peserta

    login(page, "staf", "demo-staf")
    page.goto(angkatan.get_absolute_url())
    page.get_by_role("link", name="Ekspor daftar").click()
    expect(page.get_by_role("heading", name="Ekspor daftar peserta", exact=True)).to_be_visible()
    page.get_by_label("Nomor sertifikat").check()
    screenshot("halaman-ekspor")

    def roster(format_: str) -> tuple[str, bytes]:
        page.get_by_label(format_).check()
        return unduh(page, lambda: page.get_by_role("button", name="Unduh", exact=True).click())

    # XLSX: the title block, a bold header, NIPs as text, one row per person.
    nama, isi = roster("Excel (.xlsx)")
    assert nama == "daftar-peserta-ptspd-angkatan-iv-2022.xlsx"
    lembar = openpyxl.load_workbook(io.BytesIO(isi)).active
    assert lembar["A1"].value == "Daftar Peserta"
    assert "Angkatan IV Tahun 2022" in lembar["A2"].value
    kepala = [c.value for c in lembar[6]]
    assert kepala[:3] == ["No.", "Nama dan gelar", "NIP"] and "Nomor sertifikat" in kepala
    assert lembar.freeze_panes == "A7" and lembar["B6"].font.b
    baris = list(lembar.iter_rows(min_row=7, values_only=True))
    assert len(baris) == semua.count()
    sel_nip = next(sel for sel in lembar["C"][6:] if sel.value == PESERTA_DEMO_NIP)
    assert sel_nip.data_type == "s" and sel_nip.number_format == "@"
    kolom_nomor = kepala.index("Nomor sertifikat")
    assert {b[2]: b[kolom_nomor] for b in baris if b[kolom_nomor]} == nomor

    # CSV with a comma, then with a semicolon: the same rows, NIPs whole.
    for label, pemisah in (("CSV, dipisah koma", ","), ("CSV, dipisah titik koma", ";")):
        nama, isi = roster(label)
        assert nama.endswith(".csv") and isi.startswith("\ufeff".encode())
        data = list(csv.reader(io.StringIO(isi.decode("utf-8-sig")), delimiter=pemisah))
        assert data[0] == kepala
        assert len(data) == 1 + semua.count()
        assert [demo.nama_lengkap, PESERTA_DEMO_NIP] == next(b[1:3] for b in data if b[2] == PESERTA_DEMO_NIP)

    # PDF: the title, every person, the totals per status, numbered pages.
    nama, isi = roster("PDF (A4 mendatar)")
    assert nama.endswith(".pdf") and isi.startswith(b"%PDF")
    halaman = teks_pdf(isi)
    semua_teks = " ".join(" ".join(h.split()) for h in halaman)
    assert "Daftar Peserta" in semua_teks and "Angkatan IV Tahun 2022" in semua_teks
    # A certificate number wraps after its slashes in its narrow column: look for its first line.
    assert PESERTA_DEMO_NIP in semua_teks and nomor[PESERTA_DEMO_NIP].split("PTSPD")[0] in semua_teks
    assert f"Lulus {lulusan.count()}" in semua_teks and f"Jumlah {semua.count()}" in semua_teks
    assert f"Halaman {len(halaman)} dari {len(halaman)}" in semua_teks

    # The sheets for the event.
    nama, isi = unduh(page, lambda: page.get_by_role("link", name="Unduh tanda terima").click())
    assert nama == "tanda-terima-sertifikat-ptspd-angkatan-iv-2022.pdf"
    tanda_terima = " ".join(" ".join(h.split()) for h in teks_pdf(isi))
    assert "TANDA TERIMA SERTIFIKAT" in tanda_terima
    assert f"Jumlah sertifikat : {len(nomor)} lembar" in tanda_terima
    for nip, nomor_sertifikat in nomor.items():
        assert format_nip(nip) in tanda_terima or nip in tanda_terima
        assert nomor_sertifikat.split("PTSPD")[0] in tanda_terima  # the number wraps after its slashes

    nama, isi = unduh(page, lambda: page.get_by_role("link", name="Unduh papan nama", exact=True).click())
    hadir = semua.filter(status__in=STATUS_PRESENSI).count()
    papan = [" ".join(h.split()) for h in teks_pdf(isi)]
    assert len(papan) == -(-hadir // 8)
    assert any(demo.nama in h for h in papan)

    nama, isi = unduh(page, lambda: page.get_by_role("link", name="Unduh papan nama meja").click())
    meja = [" ".join(h.split()) for h in teks_pdf(isi)]
    assert len(meja) == hadir
    # One page is the demo participant's, the name on both of its halves.
    (milik,) = [h for h in meja if demo.nama in h]
    assert milik.count(demo.nama) == 2


def test_a_participant_cannot_reach_the_export_page(page):
    call_command("muat_demo", verbosity=0)
    angkatan = Angkatan.objects.get(program__kode=PROGRAM_KODE, tahun=2022, nomor=4)
    user = get_user_model().objects.get(username=PESERTA_DEMO_NIP)
    user.set_password("Sandi-Peserta-2026")
    user.save()
    login(page, PESERTA_DEMO_NIP, "Sandi-Peserta-2026")
    response = page.goto(f"/angkatan/{angkatan.pk}/peserta/ekspor/")
    assert response.status == 403
