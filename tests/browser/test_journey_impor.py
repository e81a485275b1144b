"""Importing the list a region sends: upload, read the preview (problems first, the rest folded), confirm."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from angkatan.tests.factories import AngkatanFactory
from diklat.roles import STAF
from diklat.tests.factories import UserFactory
from peserta.impor.tests import berkas_daerah as daerah
from peserta.models import Peserta
from tests.browser.conftest import login

# Reference data (regions, ranks) comes from migrations: restore it after each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_staff_imports_the_messy_regional_list(page, screenshot, tmp_path):
    angkatan = AngkatanFactory(kuota=30)
    UserFactory(username="staf", password="demo-staf", role=STAF)
    berkas = tmp_path / "usulan-jateng.xlsx"
    berkas.write_bytes(daerah.daftar_berantakan())

    login(page, "staf", "demo-staf")
    page.goto(reverse("peserta:impor", args=[angkatan.pk]))
    page.get_by_label("Berkas daftar peserta").set_input_files(str(berkas))
    page.get_by_role("button", name="Unggah dan lihat pratinjau").click()

    # Said once at the top: the file has no birth-place column, and the people will be marked.
    expect(page.get_by_text("Berkas tidak punya kolom Tempat Lahir.")).to_be_visible()
    tabel = page.locator("#tabel-pratinjau")
    expect(tabel.get_by_role("heading", name="Baris bermasalah")).to_be_visible()
    expect(tabel.get_by_text("NIP rusak oleh Excel")).to_be_visible()
    expect(tabel.get_by_text("sudah ada di baris 7; baris ini dilewati")).to_be_visible()
    # The rows to import are folded under the problems.
    terlipat = tabel.locator("details")
    expect(terlipat.get_by_text("Sri Wahyuni, S.E.")).to_be_hidden()
    screenshot("pratinjau")

    terlipat.locator("summary").click()
    expect(terlipat.get_by_text("Sri Wahyuni, S.E.")).to_be_visible()
    expect(
        terlipat.get_by_text("belum lengkap: tempat lahir, jabatan — lengkapi sebelum sertifikat dibuat")
    ).to_be_visible()
    screenshot("dibuka")

    # The filter pills swap the table (htmx) and keep it usable.
    tabel.get_by_role("link", name="Belum lengkap").click()
    expect(page).to_have_url(f"{page.url.split('?')[0]}?tampil=kurang")
    expect(page.locator("#tabel-pratinjau tbody tr")).to_have_count(5)

    page.get_by_role("button", name="Impor 5 baris yang benar").click()
    expect(page.get_by_text("Impor selesai: 5 peserta baru")).to_be_visible()
    expect(page.get_by_text("5 peserta belum lengkap")).to_be_visible()
    screenshot("selesai")
    assert Peserta.objects.belum_lengkap().count() == 5


def test_back_after_confirming_shows_what_the_import_did(page, screenshot, tmp_path):
    angkatan = AngkatanFactory(kuota=30)
    UserFactory(username="staf", password="demo-staf", role=STAF)
    berkas = tmp_path / "usulan-jateng.xlsx"
    berkas.write_bytes(daerah.daftar_berantakan())

    login(page, "staf", "demo-staf")
    page.goto(reverse("peserta:impor", args=[angkatan.pk]))
    page.get_by_label("Berkas daftar peserta").set_input_files(str(berkas))
    page.get_by_role("button", name="Unggah dan lihat pratinjau").click()
    tabel = page.locator("#tabel-pratinjau")
    # Two filters, each swapped in by htmx under its own address in the history.
    tabel.get_by_role("link", name="Belum lengkap").click()
    expect(page).to_have_url(f"{page.url.split('?')[0]}?tampil=kurang")
    tabel.get_by_role("link", name="Bermasalah").click()
    expect(page).to_have_url(f"{page.url.split('?')[0]}?tampil=galat")
    page.get_by_role("button", name="Impor 5 baris yang benar").click()
    expect(page.get_by_text("Impor selesai: 5 peserta baru")).to_be_visible()

    # Back, and back again: the whole page (not the table alone, not the preview as it was), saying it is done.
    for alamat in ("tampil=galat", "tampil=kurang"):
        page.go_back()
        expect(page).to_have_url(re.compile(f"impor/[0-9]+/[?]{alamat}$"))
        expect(page.get_by_text("Berkas ini sudah diimpor: 5 peserta baru")).to_be_visible()
        expect(page.get_by_role("link", name="Diklat BPSDM")).to_be_visible()
        expect(page.get_by_role("button", name="Impor 5 baris yang benar")).to_have_count(0)
    screenshot("kembali")
