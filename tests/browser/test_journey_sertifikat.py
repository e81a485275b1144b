"""Certificates of a batch, from finalised results to a revoked certificate, in the browser.

Staff finalise the results, make every graduate's certificate and watch the job's progress bar fill,
download one certificate and the ZIP of all; a stranger checks the certificate through its QR
address; an admin revokes it and the same page says so; participants cannot fetch other people's.

The batch is Angkatan VII of 2022 (``tests/browser/latihan.py``): the demo's Angkatan IV as it stood before
it ran, the demo participant among its thirty people.

There is no Celery worker beside the live server: a thread of this test takes its place, running the
queued tasks after the request that queued them has been answered, as a worker would.
"""

import io
import queue
import re
import subprocess
import threading
import zipfile

import pytest
from django.core.management import call_command
from django.db import connections
from django.urls import reverse
from playwright.sync_api import expect

from angkatan.models import Angkatan
from diklat.celery import app as celery_app
from diklat.models import Tugas, User
from diklat.nip import format_nip
from diklat.tests.factories import peserta_user
from peserta.demo.hasil import angkatan_demo_siapkan
from peserta.demo.isi import PESERTA_DEMO_NIP
from peserta.models import Pendaftaran, Peserta
from sertifikat import tasks
from sertifikat.models import Sertifikat, TugasSertifikat
from tests.browser.conftest import SCREENSHOTS, login
from tests.browser.latihan import angkatan_latihan

# Reference data (regions, ranks) comes from migrations: restore it after each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

Status = Pendaftaran.Status
ALASAN_CABUT = "Peserta terbukti tidak mengikuti pelatihan secara penuh; data kehadiran dipalsukan."


class Pekerja:
    """Stands in for the Celery worker: runs the queued tasks one after another in a thread of its own.

    ``tahan()`` keeps it from starting the next task until ``lepas()``, so the test can see a job
    that has not progressed yet.
    """

    def __init__(self):
        self.antrean: queue.Queue = queue.Queue()
        self.boleh = threading.Event()
        self.boleh.set()
        self.galat: list[BaseException] = []
        self.thread = threading.Thread(target=self._jalan, name="pekerja-celery", daemon=True)
        self.thread.start()

    def kirim(self, task, args) -> None:
        self.antrean.put((task, args))

    def tahan(self) -> None:
        self.boleh.clear()

    def lepas(self) -> None:
        self.boleh.set()

    def _jalan(self) -> None:
        while (tugas := self.antrean.get()) is not None:
            self.boleh.wait()
            task, args = tugas
            try:
                task.apply(args=args, throw=True)
            except BaseException as error:  # noqa: BLE001 - reported by the test, not lost in the thread
                self.galat.append(error)
            finally:
                # This thread's own connection; the test database cannot be flushed while it is open.
                connections.close_all()

    def berhenti(self) -> None:
        self.lepas()
        self.antrean.put(None)
        self.thread.join(timeout=60)


@pytest.fixture
def pekerja(monkeypatch):
    """Send the certificate tasks to a worker thread; anything else queued runs eagerly, in place."""
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    pekerja = Pekerja()
    for task in (tasks.render_sertifikat, tasks.bangun_arsip):
        # On the task itself, as other tests patch it: monkeypatch's undo of such a patch leaves the
        # original on the instance, which would hide a patch of the class.
        asli = celery_app.tasks[task.name]
        monkeypatch.setattr(task, "delay", lambda *args, asli=asli: pekerja.kirim(asli, args))
    yield pekerja
    pekerja.berhenti()
    celery_app.conf.task_always_eager = eager
    assert not pekerja.galat, pekerja.galat


def foto(page, request, nama: str) -> None:
    """A screenshot of another browser context than the ``page`` fixture's (see ``screenshot``)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}-{nama}.png"), full_page=True)


def teks_pdf(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout


def baris_peserta(page, nama: str):
    return page.get_by_role("row").filter(has_text=nama)


def test_certificates_are_made_downloaded_verified_and_revoked(
    page, browser, live_server, screenshot, pekerja, settings, request, tmp_path
):
    # The address printed under each QR code: this live server, so a stranger can follow it.
    settings.SERTIFIKAT_URL_DASAR = live_server.url
    call_command("muat_demo", verbosity=0)
    angkatan = angkatan_latihan()
    staf = User.objects.get(username="staf")
    peserta_demo = Peserta.objects.get(nip=PESERTA_DEMO_NIP)
    roster = list(angkatan.pendaftaran.select_related("peserta").order_by("peserta__nama", "peserta__nip"))
    assert len(roster) == 30
    # One fails on scores and gets no certificate; the certificate followed below is someone else's.
    lemah = roster[-1]
    pemilik = next(p for p in roster[:-1] if p.peserta_id != peserta_demo.pk)
    nama = pemilik.peserta.nama_lengkap
    assert peserta_demo.pk in {p.peserta_id for p in roster[:-1]}
    # Verified, attending, present every day, scored (what the results journey does in the browser);
    # one person scores too low to pass.
    angkatan_demo_siapkan(
        angkatan=angkatan, user=staf, nilai=lambda i, p: "60" if p.pk == lemah.pk else str(80 + i % 15)
    )

    # 1. Staff finalise the results -----------------------------------------------------------------------------
    login(page, "staf", "demo-staf")
    expect(page.get_by_role("heading", name="Dasbor", exact=True)).to_be_visible()
    page.goto(angkatan.get_absolute_url())
    page.get_by_role("link", name="Nilai dan kelulusan").click()
    expect(page.get_by_text("30 dari 30 peserta sudah lengkap nilainya.")).to_be_visible()
    page.get_by_label("Saya sudah memeriksa nilai dan presensi semua peserta.").check()
    page.get_by_role("button", name="Finalisasi hasil").click()
    expect(page.get_by_text("Hasil difinalisasi: 29 lulus, 1 tidak lulus. Nilai kini terkunci.")).to_be_visible()

    # 2. Every graduate's certificate, with the job's progress ------------------------------------------------
    page.get_by_role("link", name="Sertifikat", exact=True).click()
    expect(page.get_by_role("heading", name=re.compile("Angkatan VII Tahun 2022"))).to_be_visible()
    expect(page.get_by_text("0 dari 29 lulusan bersertifikat")).to_be_visible()
    expect(page.get_by_role("row")).to_have_count(30)
    expect(baris_peserta(page, lemah.peserta.nama_lengkap)).to_have_count(0)
    expect(baris_peserta(page, nama)).to_contain_text("Belum dibuat")
    expect(page.get_by_role("button", name="Siapkan ZIP semua sertifikat")).to_have_count(0)
    screenshot("1-tab-sertifikat")

    pekerja.tahan()
    page.get_by_role("button", name="Buat semua sertifikat").click()
    expect(page.get_by_role("heading", name="Pembuatan sertifikat")).to_be_visible()
    bar = page.get_by_role("progressbar", name="Kemajuan")
    expect(bar).to_have_attribute("aria-valuenow", "0")
    expect(bar).to_have_text("0%")
    expect(page.get_by_text("Sedang diproses…")).to_be_visible()
    expect(page.get_by_text("0 dari 29 selesai · 0 gagal")).to_be_visible()
    screenshot("2-tugas-berjalan")

    # The worker starts; the page follows it by itself, without a reload.
    pekerja.lepas()
    expect(bar).to_have_text("100%", timeout=60_000)
    expect(bar).to_have_attribute("aria-valuenow", "100")
    expect(page.get_by_text("Selesai", exact=True)).to_be_visible()
    expect(page.get_by_text("29 dari 29 selesai · 0 gagal")).to_be_visible()
    expect(page.get_by_text("Sedang diproses…")).to_have_count(0)
    screenshot("3-tugas-selesai")
    assert Sertifikat.objects.filter(pendaftaran__angkatan=angkatan, status=Sertifikat.Status.READY).count() == 29

    # 3. One certificate, then the ZIP of all ---------------------------------------------------------------------
    page.get_by_role("link", name="Kembali ke daftar sertifikat").click()
    expect(page.get_by_text("29 dari 29 lulusan bersertifikat")).to_be_visible()
    baris = baris_peserta(page, nama)
    expect(baris).to_contain_text("Siap")
    sertifikat = pemilik.sertifikat.get()
    expect(baris).to_contain_text(sertifikat.nomor)
    screenshot("4-tab-sertifikat-siap")
    with page.expect_download() as unduhan:
        baris.get_by_role("link", name="Unduh").click()
    berkas = tmp_path / unduhan.value.suggested_filename
    unduhan.value.save_as(berkas)
    assert re.fullmatch(rf"STTP-{sertifikat.urut:04d}-2022-[a-z0-9-]+\.pdf", berkas.name)
    assert berkas.read_bytes().startswith(b"%PDF-")
    isi = teks_pdf(berkas)
    assert nama in isi
    assert sertifikat.nomor in isi
    assert "Jakarta, 24 Juni 2022" in isi
    # The address under the QR code, as printed: host on one line, path on the next.
    jalur = reverse("sertifikat:verifikasi", args=[sertifikat.kode_verifikasi])
    assert live_server.url.split("://")[1] in isi
    assert jalur in isi

    page.get_by_role("button", name="Siapkan ZIP semua sertifikat").click()
    expect(page.get_by_role("heading", name="Arsip ZIP")).to_be_visible()
    unduh_zip = page.get_by_role("link", name="Unduh ZIP")
    expect(unduh_zip).to_be_visible(timeout=30_000)
    expect(page.get_by_role("progressbar", name="Kemajuan")).to_have_text("100%")
    screenshot("5-zip-siap")
    with page.expect_download() as unduhan:
        unduh_zip.click()
    assert unduhan.value.suggested_filename == "STTP-PTSPD-VII-2022.zip"
    with zipfile.ZipFile(io.BytesIO(unduhan.value.path().read_bytes())) as arsip:
        nama_berkas = arsip.namelist()
        assert len(nama_berkas) == 29
        assert all(n.endswith(".pdf") and arsip.read(n).startswith(b"%PDF-") for n in nama_berkas)
        # One per graduate: the certificate downloaded above is in it, byte for byte.
        assert berkas.read_bytes() in [arsip.read(n) for n in nama_berkas]
    assert Tugas.objects.get(jenis=TugasSertifikat.Jenis.ZIP).status == Tugas.Status.SELESAI

    # 4. A stranger follows the QR code -------------------------------------------------------------------------
    asing = browser.new_context(base_url=live_server.url, locale="id-ID")
    halaman_asing = asing.new_page()
    respons = halaman_asing.goto(live_server.url + jalur)
    assert respons.status == 200
    expect(halaman_asing.get_by_role("status")).to_contain_text("SAH")
    expect(halaman_asing.get_by_role("status")).to_contain_text("Sertifikat ini sah")
    expect(halaman_asing.get_by_text(nama, exact=True)).to_be_visible()
    expect(halaman_asing.get_by_text(sertifikat.nomor)).to_be_visible()
    # The date of issue printed on the certificate, not the day its PDF was made.
    expect(halaman_asing.get_by_text("Jumat, 24 Juni 2022")).to_be_visible()
    nip = pemilik.peserta.nip
    expect(halaman_asing.locator(".nip")).to_have_text(f"{nip[:4]}**** ****** {nip[14]} {nip[15:]}")
    html = halaman_asing.content()
    assert nip not in html
    assert format_nip(nip) not in html
    foto(halaman_asing, request, "6-verifikasi-sah")

    # 5. An admin revokes it; the same page now says so -----------------------------------------------------------
    admin = browser.new_context(base_url=live_server.url, locale="id-ID", viewport={"width": 1280, "height": 900})
    halaman_admin = admin.new_page()
    login(halaman_admin, "admin", "demo-admin")
    halaman_admin.goto(reverse("sertifikat:angkatan", args=[angkatan.pk]))
    baris = baris_peserta(halaman_admin, nama)
    baris.get_by_text("Kelola", exact=True).click()
    baris.get_by_label("Alasan pencabutan").fill(ALASAN_CABUT)
    foto(halaman_admin, request, "7-cabut-terbuka")
    baris.get_by_role("button", name="Cabut sertifikat").click()
    expect(
        halaman_admin.get_by_role("alert").filter(has_text=f"Sertifikat {sertifikat.nomor} dicabut")
    ).to_be_visible()
    expect(baris).to_contain_text("Dicabut")
    expect(baris).to_contain_text(ALASAN_CABUT)
    # What is left under Kelola is re-issuing after a correction; revoking again is not offered.
    expect(baris.get_by_role("button", name="Cabut sertifikat")).to_have_count(0)
    expect(halaman_admin.get_by_text("28 dari 29 lulusan bersertifikat")).to_be_visible()
    foto(halaman_admin, request, "8-sudah-dicabut")
    admin.close()

    halaman_asing.reload()
    status = halaman_asing.get_by_role("status")
    expect(status).to_contain_text("DICABUT")
    expect(status).to_contain_text("Sertifikat ini telah dicabut dan tidak berlaku lagi.")
    expect(status).to_contain_text(f"Alasan: {ALASAN_CABUT}")
    expect(status).not_to_contain_text("Sertifikat ini sah")
    foto(halaman_asing, request, "9-verifikasi-dicabut")
    asing.close()
    sertifikat.refresh_from_db()
    assert sertifikat.status == Sertifikat.Status.REVOKED
    assert sertifikat.dicabut_oleh.username == "admin"

    # 6. Participants cannot fetch someone else's certificate ------------------------------------------------------
    url_unduh = reverse("sertifikat:unduh", args=[sertifikat.pk])
    angkatan_v = Angkatan.objects.get(program__kode="PTSPD", tahun=2022, nomor=5)
    orang_lain = angkatan_v.pendaftaran.select_related("peserta").order_by("peserta__nama").first().peserta
    # Verified in the demo, they have an account already; they open it with a password of their own.
    orang_lain.user = orang_lain.user or peserta_user(username=orang_lain.nip)
    orang_lain.user.set_password("sandi-peserta-v")
    orang_lain.user.save()
    orang_lain.save(update_fields=["user"])
    milik_demo = peserta_demo.pendaftaran.get(angkatan=angkatan).sertifikat.get()

    for username, password in [(orang_lain.nip, "sandi-peserta-v"), (PESERTA_DEMO_NIP, "demo-peserta")]:
        konteks = browser.new_context(base_url=live_server.url, locale="id-ID")
        halaman = konteks.new_page()
        login(halaman, username, password)
        expect(halaman.get_by_role("heading", name=re.compile("^Selamat datang"))).to_be_visible()
        respons = halaman.goto(url_unduh)
        assert respons.status == 404, username
        assert respons.headers["content-type"].startswith("text/html")
        expect(halaman.get_by_role("heading", name="Halaman tidak ditemukan")).to_be_visible()
        foto(halaman, request, f"10-bukan-miliknya-{username}")
        # Not even the staff tab of the angkatan.
        assert halaman.goto(reverse("sertifikat:angkatan", args=[angkatan.pk])).status == 403
        if username == PESERTA_DEMO_NIP:
            # Their own certificate is theirs to download.
            milik = konteks.request.get(reverse("sertifikat:unduh", args=[milik_demo.pk]))
            assert milik.status == 200
            assert milik.headers["content-type"] == "application/pdf"
            assert milik.body().startswith(b"%PDF-")
        konteks.close()
    assert not lemah.sertifikat.exists()
