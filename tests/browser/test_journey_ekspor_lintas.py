"""An admin exports enrolments across angkatan in the browser, on a phone and on a desktop.

The admin narrows the demo's enrolments by province and kab/kota (the count and the kab/kota list follow
without a reload), downloads a small CSV straight away, then an XLSX above the limit, which runs as a job:
its page shows the bar filling and then the download. Staff who are not admins do not see the menu item.

A thread of this test stands in for the Celery worker, as in the certificate journey.
"""

import csv
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.db import connections
from playwright.sync_api import expect

from diklat.models import Provinsi
from peserta.ekspor import tasks
from peserta.ekspor.selectors import pendaftaran_lintas
from peserta.models import Pendaftaran
from tests.browser.conftest import SCREENSHOTS, login
from tests.browser.test_journey_sertifikat import Pekerja

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# The limit above which an export runs as a job, lowered for the demo's couple of hundred enrolments.
BATAS = 30


@pytest.fixture
def pekerja(monkeypatch):
    from diklat.celery import app as celery_app

    pekerja = Pekerja()
    asli = celery_app.tasks[tasks.susun_ekspor_lintas.name]
    monkeypatch.setattr(tasks.susun_ekspor_lintas, "delay", lambda *args: pekerja.kirim(asli, args))
    yield pekerja
    pekerja.berhenti()
    assert not pekerja.galat, pekerja.galat


@pytest.fixture
def koneksi_ditutup():
    yield
    # The test body's own queries, made beside Playwright's event loop, leave a connection that
    # pytest-django does not close (the ``page`` fixture does the same).
    connections.close_all()


def foto(page, request, nama: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}-{nama}.png"), full_page=True)


def test_an_admin_exports_across_angkatan_straight_and_as_a_job(
    browser, live_server, pekerja, settings, request, koneksi_ditutup
):
    call_command("muat_demo", verbosity=0)
    settings.DIKLAT_EKSPOR_BATAS_LANGSUNG = BATAS
    semua = Pendaftaran.objects.count()
    jabar = pendaftaran_lintas(provinsi=Provinsi.objects.get(kode="32")).count()
    assert semua > BATAS

    # 1. On a phone: the filters, the count as they change ---------------------------------------------------
    ponsel = browser.new_context(
        base_url=live_server.url, locale="id-ID", viewport={"width": 360, "height": 740}, accept_downloads=True
    )
    page = ponsel.new_page()
    page.set_default_timeout(15_000)
    login(page, "admin", "demo-admin")
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Ekspor", exact=True).click()
    expect(page.get_by_role("heading", name="Ekspor data peserta lintas angkatan")).to_be_visible()
    expect(page.locator("#jumlah-lintas")).to_contain_text(f"{semua} baris cocok")
    foto(page, request, "1-ponsel")
    page.get_by_role("group", name="Filter").get_by_label("Provinsi").select_option(label="Jawa Barat")
    expect(page.locator("#jumlah-lintas")).to_contain_text(f"{jabar} baris cocok")
    # The kab/kota list now holds Jawa Barat's only.
    kabkota = page.get_by_role("group", name="Filter").get_by_label("Kabupaten/kota")
    expect(kabkota.locator("option", has_text="Kota Bandung")).to_have_count(1)
    expect(kabkota.locator("option", has_text="Kabupaten Banyumas")).to_have_count(0)
    page.get_by_role("group", name="Filter").get_by_label("Jabatan memuat").fill("zzz-tidak-ada")
    expect(page.locator("#jumlah-lintas")).to_contain_text("0 baris cocok")
    page.get_by_role("group", name="Filter").get_by_label("Jabatan memuat").fill("")
    expect(page.locator("#jumlah-lintas")).to_contain_text(f"{jabar} baris cocok")
    foto(page, request, "2-ponsel-jawa-barat")
    ponsel.close()

    # 2. On a desktop: a small CSV straight away, then an XLSX as a job --------------------------------------------
    desktop = browser.new_context(
        base_url=live_server.url, locale="id-ID", viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    page = desktop.new_page()
    page.set_default_timeout(15_000)
    login(page, "admin", "demo-admin")
    page.goto("/ekspor/peserta/")
    page.get_by_role("group", name="Filter").get_by_label("Status").select_option(label="Lulus")
    page.get_by_role("group", name="Filter").get_by_label("Jabatan memuat").fill("camat")
    kecil = pendaftaran_lintas(status="lulus", jabatan="camat").count()
    assert 0 < kecil <= BATAS
    expect(page.locator("#jumlah-lintas")).to_contain_text(f"{kecil} baris cocok")
    page.get_by_label("CSV, dipisah titik koma (Excel berbahasa Indonesia)").check()
    foto(page, request, "3-desktop")
    with page.expect_download() as unduhan:
        page.get_by_role("button", name="Unduh", exact=True).click()
    baris = list(csv.reader(io.StringIO(open(unduhan.value.path(), encoding="utf-8-sig").read()), delimiter=";"))
    assert baris[0][:3] == ["No.", "Program", "Angkatan"] and len(baris) == kecil + 1

    page.get_by_role("group", name="Filter").get_by_label("Status").select_option(label="Semua status")
    page.get_by_role("group", name="Filter").get_by_label("Jabatan memuat").fill("")
    expect(page.locator("#jumlah-lintas")).to_contain_text(f"Lebih dari {BATAS} baris")
    page.get_by_label("Excel (.xlsx)").check()
    pekerja.tahan()
    page.get_by_role("button", name="Unduh", exact=True).click()
    expect(page.get_by_role("heading", name="Berkas ekspor lintas angkatan")).to_be_visible()
    expect(page.get_by_text("Semua peserta semua angkatan")).to_be_visible()
    bar = page.get_by_role("progressbar", name="Kemajuan")
    expect(bar).to_have_attribute("aria-valuenow", "0")
    expect(page.get_by_text("Sedang diproses…")).to_be_visible()
    foto(page, request, "4-tugas-berjalan")
    pekerja.lepas()
    expect(bar).to_have_text("100%", timeout=60_000)
    expect(page.get_by_text(f"{semua} dari {semua} selesai · 0 gagal")).to_be_visible()
    foto(page, request, "5-tugas-selesai")
    with page.expect_download() as unduhan:
        page.get_by_role("link", name="Unduh data-peserta-lintas-angkatan").click()
    assert unduhan.value.suggested_filename.endswith(".xlsx")
    lembar = openpyxl.load_workbook(io.BytesIO(unduhan.value.path().read_bytes())).active
    nilai = [[sel.value for sel in b] for b in lembar.iter_rows()]
    kepala = next(i for i, b in enumerate(nilai) if b[0] == "No.")
    assert len(nilai) - kepala - 1 == semua
    # The job is listed on the export page, to come back to its download.
    page.get_by_role("link", name="Kembali ke ekspor").click()
    expect(page.get_by_text("Ekspor Anda yang disusun di latar belakang")).to_be_visible()
    desktop.close()

    # 3. Staff who are not admins do not see the menu item ----------------------------------------------------------
    staf = browser.new_context(base_url=live_server.url, locale="id-ID")
    page = staf.new_page()
    login(page, "staf", "demo-staf")
    expect(page.get_by_role("link", name="Angkatan", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Ekspor", exact=True)).to_have_count(0)
    assert page.goto("/ekspor/peserta/").status == 403
    staf.close()
