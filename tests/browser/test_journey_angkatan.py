"""A staff member's first journey: log in, add a venue, open an angkatan, find it in the list."""

import re

import pytest
from playwright.sync_api import expect

from angkatan.tests.factories import AngkatanFactory
from diklat.roles import STAF
from diklat.tests.factories import ProgramFactory, UserFactory
from peserta.tests.factories import PendaftaranFactory
from tests.browser.conftest import SCREENSHOTS, login

# Reference data (regions, ranks) comes from migrations: restore it after each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_staff_creates_venue_and_angkatan_and_sees_it_in_the_list(page, screenshot):
    ProgramFactory(nama="Diklat Penguatan Tugas-Tugas Sekretaris Perangkat Daerah", kode="PTSPD")
    UserFactory(username="staf", password="demo-staf", first_name="Sari", last_name="Wulandari", role=STAF)

    login(page, "staf", "demo-staf")
    # Staff land on their dashboard.
    expect(page.get_by_role("heading", name="Dasbor", exact=True)).to_be_visible()
    # Bootstrap is served from static/ and applied: the navbar is the primary blue, not unstyled.
    navbar_colour = page.locator("nav.navbar").evaluate("el => getComputedStyle(el).backgroundColor")
    assert navbar_colour == "rgb(13, 110, 253)"
    icon_font = page.locator(".bi").first.evaluate("el => getComputedStyle(el, '::before').fontFamily")
    assert "bootstrap-icons" in icon_font

    page.locator("#menu-utama").get_by_role("link", name="Tempat").click()
    page.get_by_role("link", name="Tempat baru").click()
    page.get_by_label("Nama tempat").fill("Hotel Harris Suites Puri Mansion")
    page.get_by_label("Alamat").fill("Jl. Puri Lingkar Dalam Blok T No. 8, Kembangan")
    page.get_by_label("Kota").fill("Jakarta Barat")
    page.get_by_label("Provinsi").select_option(label="Daerah Khusus Ibukota Jakarta")
    page.get_by_label("Kapasitas").fill("150")
    page.get_by_label("Telepon narahubung").fill("0812 3456 7890")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Tempat “Hotel Harris Suites Puri Mansion” tersimpan.")).to_be_visible()
    expect(page.get_by_text("+62 812-3456-7890")).to_be_visible()

    page.locator("#menu-utama").get_by_role("link", name="Angkatan", exact=True).click()
    page.get_by_role("link", name="Angkatan baru").click()
    page.get_by_label("Program").select_option(label="Diklat Penguatan Tugas-Tugas Sekretaris Perangkat Daerah")
    page.get_by_label("Nomor angkatan").fill("4")
    page.get_by_label("Tahun").fill("2022")
    page.get_by_label("Kuota").fill("30")
    page.get_by_label("Tanggal mulai").fill("2022-06-24")
    page.get_by_label("Tanggal selesai").fill("2022-06-20")  # a mistake: the end before the start
    page.get_by_label("Tempat", exact=True).select_option(label="Hotel Harris Suites Puri Mansion, Jakarta Barat")
    page.get_by_label("Nama penandatangan").fill("Dr. Sugeng Hariyono, M.Si.")
    page.get_by_label("NIP penandatangan").fill("1.96608E+17")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Tanggal selesai tidak boleh sebelum tanggal mulai.")).to_be_visible()
    expect(page.get_by_text(re.compile("notasi ilmiah"))).to_be_visible()
    screenshot("form-errors")

    page.get_by_label("Tanggal mulai").fill("2022-06-20")
    page.get_by_label("Tanggal selesai").fill("2022-06-24")
    page.get_by_label("NIP penandatangan").fill("19660801 198803 1 001")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("heading", name=re.compile("Angkatan IV Tahun 2022"))).to_be_visible()
    expect(page.get_by_text("Senin, 20 Juni 2022").first).to_be_visible()
    screenshot("detail")

    page.locator("#menu-utama").get_by_role("link", name="Angkatan", exact=True).click()
    page.get_by_label("Cari", exact=True).fill("IV")
    page.get_by_role("button", name="Terapkan").click()
    row = page.get_by_role("row").filter(has_text="Angkatan IV")
    expect(row).to_contain_text("Hotel Harris Suites Puri Mansion")
    expect(row).to_contain_text("Draf")
    screenshot("list")


def test_list_and_angkatan_page_are_usable_on_a_phone(browser, live_server):
    UserFactory(username="staf", password="demo-staf", role=STAF)
    angkatan = AngkatanFactory(program__nama="Diklat Penguatan Tugas-Tugas Sekretaris Perangkat Daerah")
    PendaftaranFactory.create_batch(5, angkatan=angkatan)
    context = browser.new_context(
        base_url=live_server.url, locale="id-ID", viewport={"width": 390, "height": 844}, is_mobile=True
    )
    page = context.new_page()
    login(page, "staf", "demo-staf")
    # The menu folds into the toggler; the page does not scroll sideways.
    expect(page.get_by_role("button", name="Menu")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_role("button", name="Menu").click()
    expect(page.get_by_role("link", name="Program")).to_be_visible()

    page.goto(angkatan.get_absolute_url())
    expect(page.get_by_role("heading", name=re.compile(f"Angkatan {angkatan.nomor_romawi} Tahun"))).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(SCREENSHOTS / "phone-angkatan.png"), full_page=True)
    context.close()
