"""A participant's misspelt name corrected from the staff pages, after finding them by NIP from the search box.

Staff log in, type part of the NIP as it is printed (with spaces) into the search box of the navigation,
open the person, correct the name and complete the birth place, and see the corrected name on the person's
page and on the angkatan's roster. From the roster, narrowed to who is still incomplete, they complete a
second person and come back to the same narrowed roster. The same pages are then looked at on a phone.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from angkatan.tests.factories import AngkatanFactory
from diklat.roles import ADMIN, STAF
from diklat.tests.factories import ProgramFactory, UserFactory
from peserta.models import Peserta
from peserta.tests.factories import PendaftaranFactory
from tests.browser.conftest import login

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NIP = "196608011988031001"


def test_staff_find_a_participant_by_nip_and_correct_the_misspelt_name(page, screenshot):
    UserFactory(username="staf", password="demo-staf", first_name="Sari", last_name="Wulandari", role=STAF)
    program = ProgramFactory(nama="Diklat Penguatan Tugas-Tugas Sekretaris Perangkat Daerah", kode="PTSPD")
    angkatan = AngkatanFactory(program=program, nomor=4, tahun=2022)
    PendaftaranFactory(
        angkatan=angkatan,
        peserta__nip=NIP,
        peserta__nama="Budi Santosa",  # misspelt: the SK says Santoso
        peserta__gelar_depan="Dr.",
        peserta__gelar_belakang="S.Sos., M.Si.",
        peserta__tempat_lahir="",
    )
    PendaftaranFactory(
        angkatan=angkatan, peserta__nama="Ani Lestari", peserta__gelar_belakang="S.E.", peserta__jabatan=""
    )
    PendaftaranFactory.create_batch(3, angkatan=angkatan)

    # 1. Found by part of the NIP, typed as it is printed ------------------------------------------------------
    page.goto("/masuk/")
    expect(page.get_by_text("Peserta masuk dengan NIP (18 digit); staf dengan nama penggunanya.")).to_be_visible()
    expect(page.get_by_role("link", name="Buka halaman verifikasi sertifikat")).to_have_attribute(
        "href", "/verifikasi/"
    )
    screenshot("0-masuk")
    login(page, "staf", "demo-staf")
    cari = page.get_by_placeholder("Cari peserta: NIP atau nama")
    cari.fill("19660801 198803")
    cari.press("Enter")
    expect(page.get_by_role("heading", name="Cari peserta")).to_be_visible()
    expect(page.get_by_text("1 peserta dengan NIP memuat “19660801 198803”.")).to_be_visible()
    hasil = page.get_by_role("listitem").filter(has_text="Budi Santosa")
    expect(hasil).to_contain_text("19660801 198803 1 001")
    expect(hasil).to_contain_text("PTSPD Angkatan IV 2022")
    expect(hasil).to_contain_text("Diusulkan")
    screenshot("1-hasil-cari")
    hasil.get_by_role("link", name="Dr. Budi Santosa, S.Sos., M.Si.").click()

    # 2. The name corrected and the birth place completed ------------------------------------------------------
    expect(page.get_by_role("heading", name="Dr. Budi Santosa, S.Sos., M.Si.")).to_be_visible()
    expect(page.get_by_text("Belum lengkap untuk sertifikat: tempat lahir.")).to_be_visible()
    page.get_by_role("link", name="Ubah data").click()
    expect(page.get_by_role("heading", name="Ubah data peserta")).to_be_visible()
    expect(page.get_by_text("Belum lengkap untuk sertifikat: tempat lahir.")).to_be_visible()
    page.get_by_role("textbox", name=re.compile(r"^Nama\b")).fill("Budi Santoso")
    page.get_by_label("Tempat lahir").fill("Purwokerto")
    screenshot("2-ubah-data")
    page.get_by_role("button", name="Simpan").click()

    expect(page.get_by_role("alert").filter(has_text="tersimpan")).to_contain_text(
        "Data Dr. Budi Santoso, S.Sos., M.Si. tersimpan; yang diubah: nama, tempat lahir."
    )
    expect(page.get_by_role("heading", name="Dr. Budi Santoso, S.Sos., M.Si.")).to_be_visible()
    expect(page.get_by_text("Belum lengkap untuk sertifikat")).to_have_count(0)
    jejak = page.locator("section[aria-labelledby=judul-audit]")
    expect(jejak).to_contain_text("oleh Sari Wulandari")
    expect(jejak).to_contain_text("Nama: Budi Santosa → Budi Santoso")
    screenshot("3-halaman-peserta")
    assert Peserta.objects.get(nip=NIP).nama == "Budi Santoso"

    # 3. The roster shows the corrected name; the remaining incomplete person is completed from there -------------
    page.get_by_role("link", name=re.compile("Angkatan IV")).first.click()
    expect(page.get_by_role("link", name="Dr. Budi Santoso, S.Sos., M.Si.", exact=True)).to_be_visible()
    expect(page.get_by_text("Budi Santosa")).to_have_count(0)
    page.get_by_label("Cari di daftar peserta").fill("santoso")
    page.get_by_role("button", name="Cari", exact=True).click()
    expect(page.get_by_text("1 peserta cocok dengan “santoso”.")).to_be_visible()
    expect(page.locator("tbody tr")).to_have_count(1)
    page.get_by_role("link", name="Hapus pencarian").click()
    expect(page.locator("tbody tr")).to_have_count(5)

    page.get_by_role("link", name=re.compile("Belum lengkap")).click()
    baris = page.get_by_role("row").filter(has_text="Ani Lestari")
    expect(page.locator("tbody tr")).to_have_count(1)
    expect(baris).to_contain_text("kurang jabatan")
    screenshot("4-roster-belum-lengkap")
    baris.get_by_role("link", name="Ubah data Ani Lestari, S.E.").click()
    page.get_by_role("textbox", name=re.compile(r"^Jabatan\b")).fill("Sekretaris Dinas Pendidikan")
    page.get_by_role("button", name="Simpan").click()
    # Back on the roster as it was left: only the incomplete, of whom there are none now.
    expect(page.get_by_text("Data Ani Lestari, S.E. tersimpan; yang diubah: jabatan.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"\?belum_lengkap=1#judul-peserta$"))
    expect(page.get_by_text("Tidak ada peserta yang cocok.")).to_be_visible()
    screenshot("5-roster-kembali")

    # 4. On a phone ----------------------------------------------------------------------------------------------
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(angkatan.get_absolute_url())
    screenshot("6-roster-ponsel")
    lebar = page.evaluate("document.documentElement.scrollWidth")
    assert lebar <= 390, lebar
    page.get_by_role("button", name="Menu").click()
    cari = page.get_by_placeholder("Cari peserta: NIP atau nama")
    cari.fill("NIP. 19660801 198803 1 001")
    cari.press("Enter")
    # A whole NIP that one person holds opens their page.
    expect(page.get_by_role("heading", name="Dr. Budi Santoso, S.Sos., M.Si.")).to_be_visible()
    screenshot("7-peserta-ponsel")
    page.get_by_role("link", name="Ubah data").click()
    expect(page.get_by_role("heading", name="Ubah data peserta")).to_be_visible()
    screenshot("8-ubah-ponsel")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.goto(f"/program/{program.pk}/")
    screenshot("9-program-ponsel")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_an_admin_corrects_a_nip_whose_birth_date_was_typed_wrong(page, screenshot):
    UserFactory(username="admin", password="demo-admin", first_name="Admin", last_name="BPSDM", role=ADMIN)
    angkatan = AngkatanFactory(nomor=3, tahun=2022, program=ProgramFactory(kode="PTSPD"))
    pendaftaran = PendaftaranFactory(
        angkatan=angkatan, status="lulus", peserta__nip=NIP, peserta__nama="Budi Santoso", peserta__gelar_belakang=""
    )

    login(page, "admin", "demo-admin")
    page.goto(reverse("peserta:ubah", args=[pendaftaran.peserta_id]))
    page.get_by_role("link", name="Ubah NIP…").click()
    expect(page.get_by_text("sertifikat yang sudah terbit tetap mencetak NIP lama")).to_be_visible()
    page.get_by_role("textbox", name=re.compile(r"^NIP baru\b")).fill("19660802 198803 1 001")
    page.get_by_label("Ketik ulang NIP baru").fill("196608021988031001")
    page.get_by_label("Alasan").fill("Tanggal lahir salah ketik saat impor; menurut SK CPNS.")
    page.get_by_role("button", name="Ubah NIP").click()

    expect(
        page.get_by_text("Tanggal lahir menurut NIP baru 2 Agustus 1966, sedangkan yang tersimpan 1 Agustus 1966")
    ).to_be_visible()
    screenshot("1-tanggal-lahir-berbeda")
    page.get_by_label("Ubah juga tanggal lahir sesuai NIP baru").check()
    page.get_by_role("button", name="Ubah NIP").click()

    pesan = page.get_by_role("alert").filter(has_text="NIP Budi Santoso diubah")
    expect(pesan).to_contain_text("dari 19660801 198803 1 001 menjadi 19660802 198803 1 001")
    expect(pesan).to_contain_text("Tanggal lahir ikut diubah dari 1 Agustus 1966 menjadi 2 Agustus 1966.")
    expect(pesan).to_contain_text("terbitkan ulang dari tab Sertifikat PTSPD Angkatan III 2022")
    expect(page.get_by_text("“Tanggal lahir salah ketik saat impor; menurut SK CPNS.”")).to_be_visible()
    screenshot("2-nip-diubah")
    assert Peserta.objects.get(pk=pendaftaran.peserta_id).nip == "196608021988031001"
