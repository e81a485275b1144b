"""A long roster, page by page; a person's kab/kota picked from their province's list, with and without JavaScript.

Staff open an angkatan of 230 people: the roster shows 100 at a time with the counts of all, narrowed to the
proposed they turn to the second page, verify everyone on it at once and come back to the same narrowed roster;
from a page they correct a person and come back to that page. On a person's edit page the kab/kota list is that
of the person's province; another province reloads it in place, and without JavaScript the page comes back with
the new province's list after saying why. A whole NIP typed in full-width digits opens the person.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from angkatan.tests.factories import AngkatanFactory
from diklat.models import KabupatenKota
from diklat.roles import STAF
from diklat.tests.factories import ProgramFactory, UserFactory
from peserta.models import Pendaftaran, Peserta
from peserta.tests.factories import PendaftaranFactory, PesertaFactory
from tests.browser.conftest import SCREENSHOTS, login

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

Status = Pendaftaran.Status


def staf_masuk(page):
    UserFactory(username="staf", password="demo-staf", first_name="Sari", last_name="Wulandari", role=STAF)
    login(page, "staf", "demo-staf")


def test_a_long_roster_page_by_page_with_its_actions_returning_to_the_page(page, screenshot):
    angkatan = AngkatanFactory(program=ProgramFactory(kode="PTSPD"), nomor=6, tahun=2026, kuota=300)
    for i in range(230):
        PendaftaranFactory(
            angkatan=angkatan,
            status=Status.DIVERIFIKASI if i % 4 == 3 else Status.DIUSULKAN,
            peserta__nama=f"Peserta {i:03d}",
            peserta__gelar_depan="",
            peserta__gelar_belakang="",
            peserta__tempat_lahir="" if i % 10 == 0 else "Purwokerto",
        )
    diusulkan = Pendaftaran.objects.filter(angkatan=angkatan, status=Status.DIUSULKAN).count()
    staf_masuk(page)

    # 1. The first 100, with the counts of all 230 ---------------------------------------------------------------
    page.goto(angkatan.get_absolute_url())
    baris = page.locator("tbody tr")
    expect(baris).to_have_count(100)
    expect(page.get_by_text("230 dari 300 tempat terisi")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"^Semua 230$"))).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(rf"^Diusulkan {diusulkan}$"))).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"Belum lengkap\s+23"))).to_be_visible()
    halaman = page.get_by_role("navigation", name="Halaman daftar peserta", exact=True)
    expect(halaman).to_contain_text("1–100 dari 230")
    screenshot("1-halaman-pertama")

    halaman.get_by_role("link", name="3").click()
    expect(baris).to_have_count(30)
    expect(baris.first).to_contain_text("Peserta 200")
    expect(baris.first.locator("td").nth(1)).to_have_text("201")
    expect(page).to_have_url(re.compile(r"\?page=3#judul-peserta$"))

    # 2. The proposed, page 2: everyone on it verified at once, back on the same narrowed page --------------------
    page.get_by_role("link", name=re.compile(r"^Diusulkan \d+$")).click()
    expect(page).to_have_url(re.compile(r"\?status=diusulkan#judul-peserta$"))  # a new filter starts at page 1
    halaman.get_by_role("link", name="2").click()
    expect(page).to_have_url(re.compile(r"\?status=diusulkan&page=2#judul-peserta$"))
    expect(baris).to_have_count(diusulkan - 100)
    pertama_hal_2 = baris.first.locator("td").nth(2).locator("a").first.inner_text()
    screenshot("2-diusulkan-halaman-2")
    page.get_by_role("checkbox", name="Pilih semua di halaman ini").check()
    page.get_by_role("button", name="Verifikasi yang dipilih").click()
    expect(page.get_by_role("alert").filter(has_text="Diverifikasi")).to_be_visible()
    # Back to the proposed at page 2, which no longer exists: its nearest page, the first, is shown.
    expect(page).to_have_url(re.compile(r"\?status=diusulkan&page=2#judul-peserta$"))
    expect(baris).to_have_count(100)
    expect(page.get_by_text(pertama_hal_2, exact=True)).to_have_count(0)
    screenshot("3-setelah-verifikasi-massal")
    assert Pendaftaran.objects.filter(angkatan=angkatan, status=Status.DIUSULKAN).count() == 100

    # 3. A person corrected from page 3 of everyone: back on page 3 -----------------------------------------------
    page.goto(angkatan.get_absolute_url() + "?page=3#judul-peserta")
    page.get_by_role("link", name="Ubah data Peserta 210").click()
    page.get_by_label("Tempat lahir").fill("Banyumas")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Data Peserta 210 tersimpan; yang diubah: tempat lahir.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"\?page=3#judul-peserta$"))
    expect(baris.first).to_contain_text("Peserta 200")

    # 4. On a phone ---------------------------------------------------------------------------------------------
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(angkatan.get_absolute_url() + "?page=2#judul-peserta")
    screenshot("4-ponsel")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def pilihan_kabkota(page) -> list[str]:
    return page.locator("#id_kabupaten_kota option").all_inner_texts()


def test_the_kab_kota_list_follows_the_province_with_and_without_javascript(browser, live_server, page, screenshot):
    budi = PesertaFactory(nama="Budi Santoso", gelar_depan="", gelar_belakang="")  # Kabupaten Banyumas, Jawa Tengah
    ani = PesertaFactory(nip="197103152000032004", nama="Ani Lestari", gelar_depan="", gelar_belakang="")
    jateng = KabupatenKota.objects.filter(provinsi="33").count()
    staf_masuk(page)

    # 1. With JavaScript: the person's province, then another one reloaded in place -------------------------------
    page.goto(reverse("peserta:ubah", args=[budi.pk]))
    expect(page.locator("#id_kabupaten_kota option")).to_have_count(1 + jateng)
    expect(page.locator("#id_kabupaten_kota")).to_have_value("33.02")
    assert "Kota Bandung" not in pilihan_kabkota(page)
    screenshot("1-provinsi-sendiri")
    page.get_by_label("Provinsi").select_option(label="Jawa Barat")
    expect(page.locator("#id_kabupaten_kota option", has_text="Kota Bandung")).to_have_count(1)
    assert "Kabupaten Banyumas" not in pilihan_kabkota(page)
    page.get_by_label("Kabupaten/kota").select_option(label="Kota Bandung")
    screenshot("2-provinsi-lain")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Data Budi Santoso tersimpan")).to_be_visible()
    budi.refresh_from_db()
    assert (budi.provinsi_id, budi.kabupaten_kota_id) == ("32", "32.73")

    # 2. Without JavaScript: a new province brings its list back with the page -------------------------------------
    tanpa_js = browser.new_context(base_url=live_server.url, locale="id-ID", java_script_enabled=False)
    halaman = tanpa_js.new_page()
    login(halaman, "staf", "demo-staf")
    halaman.goto(reverse("peserta:ubah", args=[ani.pk]))
    assert len(halaman.locator("#id_kabupaten_kota option").all_inner_texts()) == 1 + jateng
    halaman.get_by_label("Provinsi").select_option(label="Jawa Barat")
    halaman.get_by_role("button", name="Simpan").click()
    expect(halaman.get_by_text("Kabupaten Banyumas tidak berada di provinsi yang dipilih.")).to_be_visible()
    pilihan = halaman.locator("#id_kabupaten_kota option").all_inner_texts()
    assert "Kota Bandung" in pilihan and "Kabupaten Banyumas" not in pilihan
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    halaman.screenshot(
        path=str(SCREENSHOTS / "test_the_kab_kota_list_follows_the_province-3-tanpa-js.png"), full_page=True
    )
    halaman.get_by_label("Kabupaten/kota").select_option(label="Kota Bandung")
    halaman.get_by_role("button", name="Simpan").click()
    expect(halaman.get_by_text("Data Ani Lestari tersimpan")).to_be_visible()
    tanpa_js.close()
    ani.refresh_from_db()
    assert (ani.provinsi_id, ani.kabupaten_kota_id) == ("32", "32.73")

    # 3. A whole NIP typed in full-width digits opens the person -------------------------------------------------
    cari = page.get_by_placeholder("Cari peserta: NIP atau nama")
    cari.fill("１９７１０３１５ ２００００３ ２ ００４")
    cari.press("Enter")
    expect(page.get_by_role("heading", name="Ani Lestari")).to_be_visible()
    assert Peserta.objects.get(pk=ani.pk).kabupaten_kota_id == "32.73"
