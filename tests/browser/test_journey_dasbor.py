"""Staff log in to the demo and land on the dashboard, then read the statistics, on a desk and on a phone."""

import csv
import io
import re

import pytest
from django.core.management import call_command
from django.db import connections
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS, login

# Reference data (regions, ranks) comes from migrations: restore it after each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _ringkasan(page, kunci: str) -> str:
    return " ".join(page.locator(f'[data-kunci="{kunci}"] dd').inner_text().split())


def test_staff_land_on_the_dashboard_with_the_demo_figures_and_read_the_statistics(page, screenshot):
    call_command("muat_demo", verbosity=0)

    login(page, "staf", "demo-staf")

    expect(page.get_by_role("heading", name="Dasbor", exact=True)).to_be_visible()
    angkatan = page.locator("#widget-angkatan").locator("xpath=ancestor::section[1]")
    expect(angkatan).to_contain_text("Angkatan VI Tahun")
    expect(angkatan).to_contain_text("Hotel Grand Kemang")
    expect(angkatan).to_contain_text("25 / 30")
    expect(angkatan.get_by_role("img", name="Terisi 25 dari kuota 30 (83%)")).to_be_visible()
    expect(page.get_by_text("Tidak ada pendaftaran yang menunggu verifikasi.")).to_be_visible()
    # The 2022 graduates' certificates are made by `make run` (muat_demo_sertifikat), not by muat_demo.
    belum = page.locator("#widget-sertifikat-belum-dibuat").locator("xpath=ancestor::section[1]")
    expect(belum).to_contain_text("86 lulusan dari 3 angkatan yang hasilnya sudah final belum dibuatkan sertifikat.")
    screenshot("dasbor")

    page.get_by_role("link", name="Angkatan VI Tahun", exact=False).first.click()
    expect(page.get_by_role("heading", name=re.compile("Angkatan VI Tahun"))).to_be_visible()

    page.locator("#menu-utama").get_by_role("link", name="Statistik").click()
    expect(page.get_by_role("heading", name="Statistik", exact=True)).to_be_visible()
    assert _ringkasan(page, "peserta") == "111"
    assert _ringkasan(page, "lulus") == "86 dari 111 (77,5%)"
    assert _ringkasan(page, "provinsi").startswith("23 dari 38")
    tahun = page.locator("#tabel-tahun")
    expect(tahun.locator('tr[data-kunci="2022"]')).to_contain_text("86")
    screenshot("statistik")

    page.get_by_label("Tahun", exact=True).select_option("2022")
    page.get_by_role("button", name="Tampilkan").click()
    expect(page.get_by_text("Angkatan tahun 2022")).to_be_visible()
    assert _ringkasan(page, "peserta") == "86"

    bagian = page.locator("section", has=page.get_by_role("heading", name="Per provinsi"))
    with page.expect_download() as unduhan:
        bagian.get_by_role("link", name="CSV (titik koma)").click()
    assert unduhan.value.suggested_filename == "statistik-provinsi-2022.csv"
    teks = unduhan.value.path().read_bytes().decode("utf-8").removeprefix("\ufeff")
    baris = {b[0]: b for b in csv.reader(io.StringIO(teks), delimiter=";")}
    assert baris["Jumlah"][2:4] == ["86", "86"]
    assert len(baris) == 1 + 38 + 1


@pytest.fixture
def ponsel(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="id-ID", viewport={"width": 360, "height": 740}, is_mobile=True
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()
    connections.close_all()


def test_the_dashboard_and_the_statistics_fit_a_phone(ponsel, request):
    call_command("muat_demo", verbosity=0)
    page = ponsel
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    login(page, "staf", "demo-staf")

    expect(page.get_by_role("heading", name="Dasbor", exact=True)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}-dasbor.png"), full_page=True)
    page.get_by_role("button", name="Menu").click()
    page.locator("#menu-utama").get_by_role("link", name="Statistik").click()
    expect(page.get_by_role("heading", name="Per provinsi")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}-statistik.png"), full_page=True)
