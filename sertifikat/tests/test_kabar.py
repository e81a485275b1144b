"""A graduate is e-mailed once when their certificate is ready: its number and the portal, never the PDF."""

import pytest
from django.db import OperationalError

from diklat.models import Surel
from diklat.tests.smtp import bagian
from peserta.akun.services import akun_siapkan
from sertifikat import kabar, pekerja, services, tasks
from sertifikat.kabar import sertifikat_siap_kabari
from sertifikat.models import Sertifikat

pytestmark = pytest.mark.django_db

Status = Sertifikat.Status
SITUS = "https://diklat.bpsdm.example.go.id"
PROGRAM = "Pelatihan Penguatan Tugas-Tugas Sekretaris Perangkat Daerah"


@pytest.fixture(autouse=True)
def _alamat_situs(settings):
    settings.SERTIFIKAT_URL_DASAR = SITUS


def buat(final, capture) -> None:
    with capture(execute=True):
        services.tugas_buat_start(angkatan=final, user=None)


def test_the_graduate_gets_one_message_with_the_number_and_a_link_to_the_portal(
    final, lulusan, eager, smtp_server, surel_eager, django_capture_on_commit_callbacks
):
    sertifikat = lulusan(nama="Siti Aminah", gelar_belakang="S.Sos.", email="siti.aminah@contoh.go.id")
    akun = akun_siapkan(peserta=sertifikat.pendaftaran.peserta)
    akun.set_password("Kemendagri-2026!")
    akun.save()

    buat(final, django_capture_on_commit_callbacks)

    sertifikat.refresh_from_db()
    assert sertifikat.status == Status.READY
    [pesan] = smtp_server.diterima
    assert pesan["To"] == "siti.aminah@contoh.go.id"
    assert pesan["Subject"] == f"Sertifikat pelatihan Anda sudah terbit: {sertifikat.nomor}"
    teks, html = bagian(pesan, "text/plain"), bagian(pesan, "text/html")
    assert "Yth. Siti Aminah, S.Sos.," in teks
    assert "sudah terbit" in teks and PROGRAM in teks and "Angkatan III Tahun 2022" in teks
    assert f"Nomor sertifikat: {sertifikat.nomor}" in teks and sertifikat.nomor in html
    halaman = f"{SITUS}/portal/pelatihan/{sertifikat.pendaftaran_id}/"
    assert halaman in teks and f'href="{halaman}"' in html
    assert "tidak dilampirkan" in teks
    # A link, never the file.
    assert list(pesan.iter_attachments()) == []
    assert b"%PDF" not in pesan.as_bytes()
    assert "/aktivasi/" not in teks  # the account is open
    surel = Surel.objects.get()
    assert (surel.jenis, surel.user, surel.kunci) == ("sertifikat_siap", akun, f"sertifikat_siap:{sertifikat.pk}")


def test_someone_who_never_opened_their_account_is_shown_where_to_ask_for_a_link(
    final, lulusan, eager, smtp_server, surel_eager, django_capture_on_commit_callbacks
):
    lulusan(email="belum.aktif@contoh.go.id")

    buat(final, django_capture_on_commit_callbacks)

    [pesan] = smtp_server.diterima
    assert "Akun peserta Anda belum aktif" in bagian(pesan, "text/plain")
    assert f"{SITUS}/aktivasi/baru/" in bagian(pesan, "text/plain")


def test_a_task_delivered_twice_or_retried_sends_the_message_once(
    final, lulusan, lewat_celery, monkeypatch, smtp_server, surel_eager, django_capture_on_commit_callbacks
):
    sertifikat = lulusan(email="siti.aminah@contoh.go.id")
    # The certificate is stored, then the job's bookkeeping meets a database gone for a moment: the task retries.
    tutup, render = pekerja.tugas_tutup_yang_selesai, pekerja.sertifikat_render
    gagal, jalan = [], []

    def sekali_gagal(**kwargs):
        if not gagal:
            gagal.append(1)
            raise OperationalError("server closed the connection unexpectedly")
        return tutup(**kwargs)

    def dihitung(**kwargs):
        jalan.append(1)
        return render(**kwargs)

    monkeypatch.setattr(pekerja, "tugas_tutup_yang_selesai", sekali_gagal)
    monkeypatch.setattr(pekerja, "sertifikat_render", dihitung)

    buat(final, django_capture_on_commit_callbacks)
    # And the broker hands the same message to a worker again.
    with django_capture_on_commit_callbacks(execute=True):
        tasks.render_sertifikat.apply(args=[[sertifikat.pk]])

    assert len(jalan) == 3  # the first run, its retry, the second delivery
    sertifikat.refresh_from_db()
    assert sertifikat.status == Status.READY
    assert len(smtp_server.diterima) == 1
    assert Surel.objects.filter(jenis="sertifikat_siap").count() == 1


def test_telling_of_the_same_certificate_again_makes_no_second_message(
    final, lulusan, eager, smtp_server, surel_eager, django_capture_on_commit_callbacks
):
    sertifikat = lulusan(email="siti.aminah@contoh.go.id")
    buat(final, django_capture_on_commit_callbacks)
    sertifikat.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        lagi = sertifikat_siap_kabari(sertifikat=sertifikat)

    assert lagi == Surel.objects.get()
    assert len(smtp_server.diterima) == 1


def test_a_reissued_version_gets_its_own_message_saying_it_replaces_the_old_one(
    final, lulusan, eager, smtp_server, surel_eager, django_capture_on_commit_callbacks
):
    sertifikat = lulusan(email="siti.aminah@contoh.go.id")
    buat(final, django_capture_on_commit_callbacks)
    sertifikat.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        baru = services.sertifikat_reissue(sertifikat=sertifikat, user=None)

    baru.refresh_from_db()
    assert baru.status == Status.READY and baru.versi == 2
    pertama, kedua = smtp_server.diterima
    assert "sudah terbit" in pertama["Subject"]
    assert kedua["Subject"] == f"Sertifikat pelatihan Anda diterbitkan ulang: {sertifikat.nomor}"
    teks = bagian(kedua, "text/plain")
    assert "diterbitkan ulang dengan nomor yang sama" in teks and "menggantikan yang sebelumnya" in teks
    assert f"Nomor sertifikat: {sertifikat.nomor}" in teks
    assert set(Surel.objects.values_list("kunci", flat=True)) == {
        f"sertifikat_siap:{sertifikat.pk}",
        f"sertifikat_siap:{baru.pk}",
    }


def test_nobody_is_written_to_without_an_address_and_the_certificate_is_ready_all_the_same(
    final, lulusan, eager, django_capture_on_commit_callbacks
):
    sertifikat = lulusan(email="")

    buat(final, django_capture_on_commit_callbacks)

    sertifikat.refresh_from_db()
    assert sertifikat.status == Status.READY
    assert not Surel.objects.exists()


def test_a_message_that_cannot_be_made_leaves_the_certificate_ready(
    final, lulusan, eager, monkeypatch, django_capture_on_commit_callbacks
):
    def rusak(**kwargs):
        raise RuntimeError("template hilang")

    monkeypatch.setattr(kabar, "surel_kirim", rusak)
    sertifikat = lulusan(email="siti.aminah@contoh.go.id")

    buat(final, django_capture_on_commit_callbacks)

    sertifikat.refresh_from_db()
    assert sertifikat.status == Status.READY and sertifikat.berkas
    assert not Surel.objects.exists()
