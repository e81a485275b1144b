"""One score corrected after the certificates were printed, in the browser.

An admin reopens the results of Angkatan VII of 2022 (``tests/browser/latihan.py``, the demo's Angkatan IV
as it stood before it ran), whose 29 certificates are made; the certificates stay valid meanwhile. One participant's exam score is corrected and the results finalised again. The
Sertifikat tab then names the one certificate whose predikat no longer holds; one click re-issues it
under the same number, and its old verification page points to the new version. The other 28 stay
as they were.
"""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from diklat.celery import app as celery_app
from diklat.models import User
from peserta.demo.hasil import angkatan_demo_siapkan
from peserta.models import Pendaftaran
from peserta.nilai.services import hasil_finalisasi
from sertifikat.models import Sertifikat
from sertifikat.services import tugas_buat_start
from tests.browser.conftest import login
from tests.browser.latihan import angkatan_latihan

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def celery_eager():
    """Run each task where it is sent: the live server's request makes the certificate itself."""
    semula = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = semula


def test_one_corrected_score_reissues_one_certificate(page, live_server, screenshot, celery_eager, settings):
    settings.SERTIFIKAT_URL_DASAR = live_server.url
    call_command("muat_demo", verbosity=0)
    angkatan = angkatan_latihan()
    staf = User.objects.get(username="staf")
    # Scores from 80 to 94: some "Memuaskan", some "Sangat Memuaskan"; one low score fails.
    angkatan_demo_siapkan(angkatan=angkatan, user=staf, nilai=lambda i, p: "60" if i == 29 else str(80 + i % 15))
    hasil_finalisasi(angkatan=angkatan, user=staf)
    tugas_buat_start(angkatan=angkatan, user=staf)
    sertifikat = Sertifikat.objects.filter(pendaftaran__angkatan=angkatan)
    assert sertifikat.filter(status=Sertifikat.Status.READY).count() == 29
    sebelum = dict(sertifikat.values_list("pk", "sha256"))
    # The one corrected: a "Memuaskan" whose exam score was typed wrong.
    pendaftaran = Pendaftaran.objects.filter(angkatan=angkatan, predikat="Memuaskan").select_related("peserta").first()
    nama = pendaftaran.peserta.nama_lengkap
    lama = pendaftaran.sertifikat.get()

    # 1. An admin reopens the results; the certificates stay valid ---------------------------------------------
    login(page, "admin", "demo-admin")
    page.goto(reverse("peserta:nilai", args=[angkatan.pk]))
    page.get_by_label("Alasan membuka kunci").fill("Nilai ujian satu peserta salah ketik.")
    page.get_by_role("button", name="Buka kunci").click()
    expect(page.get_by_text(re.compile("Kunci nilai dibuka; 30 hasil kembali berstatus Mengikuti"))).to_be_visible()
    page.get_by_role("link", name="Sertifikat", exact=True).click()
    expect(page.get_by_text("29 sertifikat yang sudah terbit tetap berlaku selama kunci nilai dibuka")).to_be_visible()
    expect(page.get_by_text("29 sertifikat berlaku", exact=True)).to_be_visible()
    expect(page.get_by_role("row").filter(has_text=nama)).to_contain_text("Mengikuti")
    screenshot("0-kunci-dibuka")
    page.goto(reverse("sertifikat:verifikasi", args=[lama.kode_verifikasi]))
    expect(page.get_by_text("SAH", exact=True)).to_be_visible()

    # 2. The score corrected, the results finalised again -------------------------------------------------------
    page.goto(reverse("peserta:nilai", args=[angkatan.pk]))
    for komponen in ("Sikap dan perilaku", "Tugas", "Ujian"):
        isian = page.get_by_label(f"{komponen} · {nama}", exact=True)
        isian.fill("96")
        isian.press("Tab")
        expect(isian).to_have_class(re.compile(r"\bis-valid\b"))
    page.get_by_label("Saya sudah memeriksa nilai dan presensi semua peserta.").check()
    page.get_by_role("button", name="Finalisasi hasil").click()
    expect(page.get_by_text("Hasil difinalisasi: 29 lulus, 1 tidak lulus. Nilai kini terkunci.")).to_be_visible()

    # 3. The tab names the one certificate that no longer holds --------------------------------------------------
    page.get_by_role("link", name="Sertifikat", exact=True).click()
    peringatan = page.get_by_role("alert").filter(has_text="tidak lagi sesuai data terbaru")
    expect(peringatan).to_contain_text("1 sertifikat tidak lagi sesuai data terbaru")
    expect(peringatan).to_contain_text(
        f"{nama} ({lama.nomor}): Predikat tercetak “Memuaskan”, kini “Sangat Memuaskan”"
    )
    expect(page.get_by_role("row").filter(has_text=nama)).to_contain_text("Tidak sesuai data terbaru")
    screenshot("1-perlu-terbit-ulang")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("2-perlu-terbit-ulang-ponsel")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("button", name="Terbitkan ulang 1 sertifikat dengan data terbaru").click()
    expect(page.get_by_role("progressbar", name="Kemajuan")).to_have_text("100%")
    expect(page.get_by_text("1 dari 1 selesai · 0 gagal")).to_be_visible()
    page.get_by_role("link", name="Kembali ke daftar sertifikat").click()
    expect(page.get_by_text("tidak lagi sesuai data terbaru")).to_have_count(0)
    expect(page.get_by_text("29 dari 29 lulusan bersertifikat")).to_be_visible()
    screenshot("3-terbit-ulang-selesai")

    # 4. The old page points to the new version; the others are untouched -----------------------------------------
    baru = Sertifikat.objects.get(pendaftaran=pendaftaran, versi=2)
    assert (baru.nomor, baru.status, baru.data_cetak["predikat"]) == (lama.nomor, "ready", "Sangat Memuaskan")
    page.goto(reverse("sertifikat:verifikasi", args=[lama.kode_verifikasi]))
    expect(page.get_by_text("DIGANTI", exact=True)).to_be_visible()
    page.get_by_role("link", name="Periksa versi terkini").click()
    expect(page.get_by_text("SAH", exact=True)).to_be_visible()
    expect(page.get_by_text("Sangat Memuaskan")).to_be_visible()
    sesudah = dict(sertifikat.filter(versi=1).exclude(pk=lama.pk).values_list("pk", "sha256"))
    assert sesudah == {pk: sha for pk, sha in sebelum.items() if pk != lama.pk}
