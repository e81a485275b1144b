"""Issue 12's whole journey: a verified participant opens their account from the e-mail, has a title corrected,
confirms their data, and after graduating downloads their own signed certificate, all on a 360-pixel phone;
another participant's ids in the same URLs give 404."""

import io
import re
import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connections
from playwright.sync_api import expect
from pyhanko.pdf_utils.reader import PdfFileReader

from angkatan.models import Angkatan
from diklat.tests.smtp import bagian
from peserta.demo.hasil import angkatan_demo_selesaikan
from peserta.models import Pendaftaran, Peserta, Presensi
from peserta.pendaftaran.services import pendaftaran_enrol, pendaftaran_transition
from peserta.presensi.services import kehadiran_hitung_ulang
from peserta.tests.factories import PesertaFactory
from sertifikat import signing
from sertifikat.models import Sertifikat
from sertifikat.pekerja import sertifikat_render
from sertifikat.services import sertifikat_issue
from tests.browser.conftest import SCREENSHOTS, login

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NIP = "197903152006041007"
NIP_DIKETIK = "19790315 200604 1 007"
SUREL = "ahmad.fauzan@kendalkab.go.id"
SANDI = "Kendal-Sehat-2026"
LEBAR_PONSEL = 360


@pytest.fixture
def kunci_aktif(settings, tmp_path):
    path = tmp_path / "sertifikat-dev.p12"
    call_command("buat_kunci_dev", keluaran=path, sandi="rahasia", stdout=io.StringIO())
    settings.SERTIFIKAT_KUNCI_P12, settings.SERTIFIKAT_KUNCI_SANDI = str(path), "rahasia"
    signing._penanda_tangan_load.cache_clear()
    yield
    signing._penanda_tangan_load.cache_clear()


@pytest.fixture
def konteks(browser, live_server):
    """Open browser contexts (a desktop for staff, phones for participants); close them all afterwards."""
    dibuka = []

    def buka(*, lebar=1280, tinggi=900):
        context = browser.new_context(
            base_url=live_server.url,
            locale="id-ID",
            viewport={"width": lebar, "height": tinggi},
            is_mobile=lebar < 500,
            has_touch=lebar < 500,
        )
        context.set_default_timeout(15_000)
        dibuka.append(context)
        return context.new_page()

    yield buka
    for context in dibuka:
        context.close()
    connections.close_all()


def tanpa_geser_samping(page, nama: str) -> None:
    """The page fits the phone's width (no sideways scroll); keep a screenshot to look at."""
    lebar = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert lebar[0] <= lebar[1], f"{nama}: {lebar[0]} px wide on a {lebar[1]} px screen ({page.url})"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"portal-peserta-{nama}.png"), full_page=True)


def di_luar_playwright(fungsi, **kwargs) -> None:
    """Run ``fungsi`` in a thread of its own, as a worker would: pyHanko's signing runs an asyncio loop, which
    cannot start inside the one Playwright's sync API keeps running in this thread."""
    galat = []

    def jalan():
        try:
            fungsi(**kwargs)
        except Exception as error:  # handed back to the test below
            galat.append(error)
        finally:
            connections.close_all()

    benang = threading.Thread(target=jalan)
    benang.start()
    benang.join(timeout=120)
    assert not benang.is_alive() and not galat, galat


def surat_ke(smtp_server, alamat: str, jumlah: int) -> list:
    """Wait for the ``jumlah``-th message to ``alamat`` (the demo's own e-mails arrive too); return them all."""
    batas = time.monotonic() + 30
    while True:
        milik = [pesan for pesan in smtp_server.diterima if pesan["To"] == alamat]
        if len(milik) >= jumlah or time.monotonic() > batas:
            assert len(milik) >= jumlah, f"{len(milik)} of {jumlah} messages to {alamat} arrived"
            return milik
        time.sleep(0.1)


def tautan_di(pesan, pola: str) -> str:
    cocok = re.search(pola, bagian(pesan, "text/plain"))
    assert cocok, bagian(pesan, "text/plain")
    return cocok.group(0)


def test_a_participant_opens_their_account_has_a_title_corrected_and_downloads_their_signed_certificate(
    konteks, smtp_server, surel_eager, kunci_aktif, settings, live_server
):
    # Links in e-mails name the site's public address, never a request's Host header.
    settings.SERTIFIKAT_URL_DASAR = live_server.url
    call_command("muat_demo", verbosity=0)
    angkatan = Angkatan.objects.get(status=Angkatan.Status.RUNNING, nomor=6)
    staf = get_user_model().objects.get(username="staf")
    # Proposed by their region, the title written without its second degree.
    PesertaFactory(
        nip=NIP,
        nama="Ahmad Fauzan",
        gelar_belakang="S.Sos.",
        email=SUREL,
        jabatan="Sekretaris Dinas Kesehatan",
    )
    pendaftaran = pendaftaran_enrol(angkatan=angkatan, nip=NIP, user=staf)

    # 1. Staff verify the proposed participant from the roster ---------------------------------------------------
    kantor = konteks()
    login(kantor, "staf", "demo-staf")
    kantor.goto(angkatan.get_absolute_url() + "?status=diusulkan#judul-peserta")
    expect(kantor.get_by_role("link", name="Ahmad Fauzan, S.Sos.", exact=True)).to_be_visible()
    kantor.get_by_role("checkbox", name="Pilih semua di halaman ini").check()
    kantor.get_by_role("button", name="Verifikasi yang dipilih").click()
    expect(kantor.get_by_role("alert").filter(has_text="Diverifikasi")).to_be_visible()

    # 2. The activation e-mail reaches the SMTP server; the participant opens their account on a phone ------------
    (aktivasi,) = surat_ke(smtp_server, SUREL, 1)
    assert "Aktifkan akun" in bagian(aktivasi, "text/html")
    tautan = tautan_di(aktivasi, r"https?://\S+/aktivasi/\S+/")
    ponsel = konteks(lebar=LEBAR_PONSEL, tinggi=740)
    ponsel.goto(tautan)
    tanpa_geser_samping(ponsel, "1-aktivasi")
    ponsel.locator("input[name=new_password1]").fill(SANDI)
    ponsel.locator("input[name=new_password2]").fill(SANDI)
    ponsel.get_by_role("button", name="Simpan sandi dan masuk").click()
    expect(ponsel).to_have_url(re.compile(r"/portal/$"))
    # The link worked once: opened again, it says so in words.
    ponsel.goto(tautan)
    expect(ponsel.get_by_text(re.compile("sudah dipakai"))).to_be_visible()

    # 3. Logging in again with the NIP as printed, with its spaces -------------------------------------------------
    ponsel.context.clear_cookies()
    login(ponsel, NIP_DIKETIK, SANDI)
    expect(ponsel.get_by_role("heading", name=re.compile("^Selamat datang, Ahmad Fauzan, S.Sos."))).to_be_visible()
    kartu = ponsel.get_by_role("article").filter(has_text="Angkatan VI")
    expect(kartu).to_contain_text("Diverifikasi")
    expect(kartu).to_contain_text("Belum dikonfirmasi")
    tanpa_geser_samping(ponsel, "2-beranda")

    # 4. The participant asks for their title to be corrected -------------------------------------------------------
    kartu.get_by_role("link", name="Periksa data saya").click()
    expect(ponsel.get_by_role("heading", name="Periksa data sertifikat")).to_be_visible()
    expect(ponsel.get_by_text("Ahmad Fauzan, S.Sos.", exact=True)).to_be_visible()
    tanpa_geser_samping(ponsel, "3-periksa-data")
    ponsel.get_by_text("Ada yang salah? Minta perbaikan").click()
    ponsel.get_by_label("Gelar belakang").fill("S.Sos., M.Si.")
    ponsel.get_by_role("button", name="Kirim permintaan perbaikan").click()
    expect(ponsel.get_by_text(re.compile("Permintaan perbaikan data Anda terkirim"))).to_be_visible()
    tanpa_geser_samping(ponsel, "4-permintaan-terkirim")

    # 5. Staff apply it from the angkatan's tab, which counts it -------------------------------------------------------
    kantor.goto(angkatan.get_absolute_url())
    expect(kantor.get_by_role("link", name=re.compile(r"Perbaikan data\s*1"))).to_be_visible()
    kantor.get_by_role("link", name=re.compile(r"Perbaikan data\s*1")).click()
    kantor.get_by_role("link", name="Tindak lanjuti").click()
    expect(kantor.get_by_text("S.Sos., M.Si.").first).to_be_visible()
    kantor.locator("input[name=gelar_belakang]").fill("S.Sos., M.Si.")
    kantor.get_by_role("button", name="Simpan dan tandai diterapkan").click()
    expect(kantor.get_by_role("alert").first).to_be_visible()
    assert Peserta.objects.get(nip=NIP).nama_lengkap == "Ahmad Fauzan, S.Sos., M.Si."
    diterapkan = surat_ke(smtp_server, SUREL, 2)[-1]
    assert "S.Sos., M.Si." in bagian(diterapkan, "text/plain")

    # 6. The participant sees the corrected data and confirms it ----------------------------------------------------
    ponsel.reload()
    expect(ponsel.get_by_text("Ahmad Fauzan, S.Sos., M.Si.", exact=True)).to_be_visible()
    ponsel.get_by_role("button", name="Data sudah benar").click()
    expect(ponsel.get_by_text(re.compile("Data Anda tercatat sudah benar"))).to_be_visible()
    tanpa_geser_samping(ponsel, "5-dikonfirmasi")

    # 7. The batch ends; the graduate's certificate is made and signed; its e-mail arrives -----------------------------
    # Staff would tick the remaining days as they come; here the days still ahead are recorded at once.
    pendaftaran_transition(pendaftaran=pendaftaran, ke=Pendaftaran.Status.MENGIKUTI, user=staf)
    for hari in angkatan.hari_pelatihan.all():
        for ikut in angkatan.pendaftaran.filter(status=Pendaftaran.Status.MENGIKUTI):
            Presensi.objects.update_or_create(pendaftaran=ikut, hari=hari, defaults={"status": Presensi.Status.HADIR})
    kehadiran_hitung_ulang(angkatan=angkatan)
    angkatan_demo_selesaikan(angkatan=angkatan, user=staf)
    pendaftaran.refresh_from_db()
    assert pendaftaran.status == Pendaftaran.Status.LULUS
    sertifikat = sertifikat_issue(pendaftaran=pendaftaran)
    di_luar_playwright(sertifikat_render, sertifikat_ids=[sertifikat.pk])
    sertifikat.refresh_from_db()
    assert sertifikat.status == Sertifikat.Status.READY, sertifikat.galat
    siap = surat_ke(smtp_server, SUREL, 3)[-1]
    assert sertifikat.nomor in bagian(siap, "text/plain")
    assert not any(part.get_content_type() == "application/pdf" for part in siap.walk())

    # 8. From the portal: the training's page, the timeline, the download, the verification page -----------------------
    ponsel.goto("/portal/")
    kartu = ponsel.get_by_role("article").filter(has_text="Angkatan VI")
    expect(kartu).to_contain_text("Lulus")
    expect(kartu).to_contain_text(sertifikat.nomor)
    tanpa_geser_samping(ponsel, "6-beranda-lulus")
    kartu.get_by_role("link", name=re.compile("Diklat Penguatan")).click()
    expect(ponsel).to_have_url(re.compile(rf"/portal/pelatihan/{pendaftaran.pk}/$"))
    for langkah in ("Diusulkan", "Diverifikasi", "Mengikuti", "Lulus"):
        expect(ponsel.locator(".linimasa")).to_contain_text(langkah)
    tanpa_geser_samping(ponsel, "7-pelatihan")
    with ponsel.expect_download() as unduhan:
        ponsel.get_by_role("link", name="Unduh sertifikat (PDF)").click()
    pdf = unduhan.value.path().read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert PdfFileReader(io.BytesIO(pdf)).embedded_signatures, "the downloaded certificate is not signed"
    ponsel.get_by_role("link", name="Halaman verifikasi sertifikat ini").click()
    expect(ponsel.get_by_text(re.compile("Ahmad Fauzan, S.Sos., M.Si."))).to_be_visible()
    expect(ponsel.get_by_text(sertifikat.nomor).first).to_be_visible()
    tanpa_geser_samping(ponsel, "8-verifikasi")
    ponsel.goto("/portal/akun/")
    tanpa_geser_samping(ponsel, "9-akun")
    ponsel.goto("/ganti-sandi/")
    tanpa_geser_samping(ponsel, "10-ganti-sandi")

    # 9. Another participant finds nothing at the same addresses: 404, as for ids that do not exist ------------------
    lain = konteks(lebar=LEBAR_PONSEL, tinggi=740)
    login(lain, "197504012005021002", "demo-peserta")
    expect(lain).to_have_url(re.compile(r"/portal/$"))
    for alamat in (
        f"/portal/pelatihan/{pendaftaran.pk}/",
        f"/portal/pelatihan/{pendaftaran.pk}/data/",
        f"/portal/pelatihan/{pendaftaran.pk}/data/perbaikan/",
        f"/sertifikat/{sertifikat.pk}/unduh/",
    ):
        jawaban = lain.goto(alamat)
        assert jawaban.status == 404, alamat
        expect(lain.get_by_text("Ahmad Fauzan")).to_have_count(0)
    # Their own pages, though, fit the phone as well.
    milik = Pendaftaran.objects.filter(peserta__nip="197504012005021002").first()
    for nama, alamat in (
        ("lain-beranda", "/portal/"),
        ("lain-pelatihan", f"/portal/pelatihan/{milik.pk}/"),
        ("lain-data", f"/portal/pelatihan/{milik.pk}/data/"),
    ):
        lain.goto(alamat)
        tanpa_geser_samping(lain, nama)


def test_the_pages_before_logging_in_fit_a_phone_too(konteks):
    ponsel = konteks(lebar=LEBAR_PONSEL, tinggi=740)
    for nama, alamat, judul in (
        ("masuk", "/masuk/", "Masuk"),
        ("minta-tautan", "/aktivasi/baru/", "tautan"),
        ("lupa-sandi", "/lupa-sandi/", "sandi"),
        ("tautan-salah", "/aktivasi/MQ/bukan-tautan/", "Tautan"),
    ):
        ponsel.goto(alamat)
        expect(ponsel.get_by_role("heading", level=1)).to_contain_text(re.compile(judul, re.IGNORECASE))
        tanpa_geser_samping(ponsel, f"0-{nama}")
