"""The demo participant logs in on a phone and finds both their trainings and their certificate."""

import re

import pytest
from django.core.management import call_command
from django.db import connections
from playwright.sync_api import expect

from peserta.demo.isi import PESERTA_DEMO_NIP
from peserta.models import Pendaftaran
from sertifikat.pekerja import sertifikat_render
from sertifikat.services import sertifikat_issue
from tests.browser.conftest import SCREENSHOTS, login

# Reference data (regions, ranks) comes from migrations: restore it after each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def ponsel(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="id-ID", viewport={"width": 390, "height": 844}, is_mobile=True
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()
    # As the page fixture does: the test body's connection would keep the test database from being dropped.
    connections.close_all()


def test_the_demo_participant_sees_both_trainings_and_downloads_the_certificate_on_a_phone(ponsel, request):
    call_command("muat_demo", verbosity=0)
    # Only their own certificate is made here; `make run` makes every 2022 graduate's.
    sertifikat = sertifikat_issue(
        pendaftaran=Pendaftaran.objects.get(peserta__nip=PESERTA_DEMO_NIP, angkatan__nomor=4)
    )
    sertifikat_render(sertifikat_ids=[sertifikat.pk])
    page = ponsel

    login(page, PESERTA_DEMO_NIP, "demo-peserta")

    expect(page.get_by_role("heading", name=re.compile("^Selamat datang, Zulfikar"))).to_be_visible()
    kartu = page.get_by_role("article")
    expect(kartu).to_have_count(2)
    berjalan, lulus = kartu.nth(0), kartu.nth(1)
    expect(berjalan.get_by_role("heading", level=3)).to_have_text(
        "Diklat Penguatan Tugas-Tugas Sekretaris Perangkat Daerah"
    )
    expect(berjalan).to_contain_text("Angkatan VI Tahun")
    expect(berjalan).to_contain_text("Berlangsung")
    expect(berjalan).to_contain_text("Hotel Grand Kemang, Jakarta Selatan")
    expect(berjalan).to_contain_text(re.compile(r"Hadir 3 dari 3 hari yang sudah berlangsung \(5 hari pelatihan"))
    expect(berjalan).to_contain_text("Akan datang")
    expect(lulus).to_contain_text("Angkatan IV Tahun 2022")
    expect(lulus).to_contain_text("20–24 Juni 2022")
    expect(lulus).to_contain_text("Lulus")
    expect(lulus).to_contain_text(sertifikat.nomor)
    # Made for a phone: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}-beranda.png"), full_page=True)

    with page.expect_download() as unduhan:
        lulus.get_by_role("link", name="Unduh sertifikat (PDF)").click()
    assert unduhan.value.suggested_filename.endswith(".pdf")
    assert unduhan.value.path().read_bytes().startswith(b"%PDF-")
