"""The ZIP and the print PDF of an angkatan: what they hold, and how their jobs survive trouble."""

import datetime
import hashlib
import io
import zipfile

import pikepdf
import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils import timezone

from diklat.models import Tugas
from sertifikat import arsip, selectors, services
from sertifikat.models import Sertifikat, TugasSertifikat

pytestmark = pytest.mark.django_db

Status = Sertifikat.Status


def test_zip_and_print_pdf_hold_every_valid_certificate(final, lulusan, eager, django_capture_on_commit_callbacks):
    daftar = [lulusan(nama=f"Peserta Nomor {i}") for i in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        services.tugas_buat_start(angkatan=final, user=None)
    with django_capture_on_commit_callbacks(execute=True):
        tugas_zip = services.tugas_arsip_start(angkatan=final, user=None, jenis=TugasSertifikat.Jenis.ZIP)
    with django_capture_on_commit_callbacks(execute=True):
        tugas_pdf = services.tugas_arsip_start(angkatan=final, user=None, jenis=TugasSertifikat.Jenis.GABUNG)
    tugas_zip.refresh_from_db()
    tugas_pdf.refresh_from_db()
    assert tugas_zip.status == tugas_pdf.status == Tugas.Status.SELESAI
    with zipfile.ZipFile(tugas_zip.berkas.open("rb")) as berkas_zip:
        nama = berkas_zip.namelist()
        assert nama == ["0001-peserta-nomor-0.pdf", "0002-peserta-nomor-1.pdf", "0003-peserta-nomor-2.pdf"]
        for isi, sertifikat in zip(nama, daftar, strict=True):
            sertifikat.refresh_from_db()
            assert hashlib.sha256(berkas_zip.read(isi)).hexdigest() == sertifikat.sha256
    with pikepdf.open(io.BytesIO(tugas_pdf.berkas.open("rb").read())) as gabungan:
        assert len(gabungan.pages) == 6


def test_an_archive_needs_certificates(final):
    with pytest.raises(ValidationError) as error:
        services.tugas_arsip_start(angkatan=final, user=None, jenis=TugasSertifikat.Jenis.ZIP)
    assert error.value.code == "belum_ada_sertifikat"


def test_an_archive_message_delivered_twice_builds_one_file(final, lulusan, eager, django_capture_on_commit_callbacks):
    lulusan()
    with django_capture_on_commit_callbacks(execute=True):
        services.tugas_buat_start(angkatan=final, user=None)
    with django_capture_on_commit_callbacks(execute=False):
        tugas = services.tugas_arsip_start(angkatan=final, user=None, jenis=TugasSertifikat.Jenis.ZIP)
    arsip.tugas_arsip_build(tugas_id=tugas.pk)
    tugas.refresh_from_db()
    pertama = tugas.berkas.name
    arsip.tugas_arsip_build(tugas_id=tugas.pk)
    tugas.refresh_from_db()
    assert tugas.berkas.name == pertama
    assert len(list(default_storage.listdir(pertama.rsplit("/", 2)[0])[0])) == 1


def test_old_archives_are_deleted_and_the_certificates_stay(final, lulusan, eager, django_capture_on_commit_callbacks):

    from django.core.management import call_command

    sertifikat = lulusan()
    with django_capture_on_commit_callbacks(execute=True):
        services.tugas_buat_start(angkatan=final, user=None)
    with django_capture_on_commit_callbacks(execute=True):
        lama = services.tugas_arsip_start(angkatan=final, user=None, jenis=TugasSertifikat.Jenis.ZIP)
    with django_capture_on_commit_callbacks(execute=True):
        baru = services.tugas_arsip_start(angkatan=final, user=None, jenis=TugasSertifikat.Jenis.ZIP)
    Tugas.objects.filter(pk=lama.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))
    lama.refresh_from_db()
    berkas_lama = lama.berkas.name

    call_command("bersihkan_unduhan", verbosity=0)

    lama.refresh_from_db()
    baru.refresh_from_db()
    assert not lama.berkas and not default_storage.exists(berkas_lama)
    assert baru.berkas and default_storage.exists(baru.berkas.name)
    sertifikat.refresh_from_db()
    assert default_storage.exists(sertifikat.berkas.name)


def test_an_archive_with_the_queue_away_waits_and_is_built_once_the_sweep_sends_it(
    final, lulusan, eager, monkeypatch, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError as GalatAntrean

    from diklat.tugas.services import tugas_sapu
    from sertifikat import tasks

    lulusan()
    with django_capture_on_commit_callbacks(execute=True):
        services.tugas_buat_start(angkatan=final, user=None)

    def antrean_hilang(*args, **kwargs):
        raise GalatAntrean("Connection refused")

    kirim = tasks.bangun_arsip.delay
    monkeypatch.setattr(tasks.bangun_arsip, "delay", antrean_hilang)
    with django_capture_on_commit_callbacks(execute=True):
        tugas = services.tugas_arsip_start(angkatan=final, user=None, jenis=TugasSertifikat.Jenis.ZIP)
    tugas.refresh_from_db()
    assert tugas.status == Tugas.Status.MENUNGGU and "Antrean pekerja latar tidak dapat dihubungi" in tugas.galat

    monkeypatch.setattr(tasks.bangun_arsip, "delay", kirim)
    tugas_sapu()

    tugas.refresh_from_db()
    assert (tugas.status, tugas.galat, tugas.tidak_terkirim) == (Tugas.Status.SELESAI, "", False)
    assert tugas.berkas.name.endswith(".zip")


def test_an_archive_cut_off_by_the_database_is_built_by_the_retry(
    final, lulusan, lewat_celery, monkeypatch, django_capture_on_commit_callbacks
):
    from django.db import OperationalError

    lulusan(), lulusan()
    with django_capture_on_commit_callbacks(execute=True):
        services.tugas_buat_start(angkatan=final, user=None)
    asli, percobaan = arsip._tulis_zip, []

    def sekali_putus(*args):
        percobaan.append(1)
        if len(percobaan) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return asli(*args)

    monkeypatch.setattr(arsip, "_tulis_zip", sekali_putus)
    with django_capture_on_commit_callbacks(execute=True):
        tugas = services.tugas_arsip_start(angkatan=final, user=None, jenis=TugasSertifikat.Jenis.ZIP)

    tugas.refresh_from_db()
    assert len(percobaan) == 2
    assert tugas.status == Tugas.Status.SELESAI and tugas.diproses == 2
    with zipfile.ZipFile(tugas.berkas.open("rb")) as berkas_zip:
        assert len(berkas_zip.namelist()) == 2


def test_an_archive_whose_worker_died_long_ago_can_be_built_again(
    final, lulusan, eager, django_capture_on_commit_callbacks
):

    lulusan()
    with django_capture_on_commit_callbacks(execute=True):
        services.tugas_buat_start(angkatan=final, user=None)
    with django_capture_on_commit_callbacks(execute=False):
        tugas = services.tugas_arsip_start(angkatan=final, user=None, jenis=TugasSertifikat.Jenis.ZIP)
    # Claimed by a worker that then died, a quarter of an hour ago.
    lama = timezone.now() - datetime.timedelta(minutes=15)
    Tugas.objects.filter(pk=tugas.pk).update(status=Tugas.Status.BERJALAN, diklaim_pada=lama, updated_at=lama)
    arsip.tugas_arsip_build(tugas_id=tugas.pk)
    tugas.refresh_from_db()
    assert tugas.status == Tugas.Status.SELESAI and tugas.berkas.name.endswith(".zip")


def test_a_certificate_whose_file_was_lost_is_left_out_of_the_zip_and_named(
    final, lulusan, eager, django_capture_on_commit_callbacks
):
    ada, hilang = lulusan(nama="Ada Berkasnya"), lulusan(nama="Hilang Berkasnya")
    with django_capture_on_commit_callbacks(execute=True):
        services.tugas_buat_start(angkatan=final, user=None)
    hilang.refresh_from_db()
    default_storage.delete(hilang.berkas.name)

    with django_capture_on_commit_callbacks(execute=True):
        tugas = services.tugas_arsip_start(angkatan=final, user=None, jenis=TugasSertifikat.Jenis.ZIP)
    tugas.refresh_from_db()
    assert tugas.status == Tugas.Status.SELESAI
    with zipfile.ZipFile(tugas.berkas.open("rb")) as berkas_zip:
        assert berkas_zip.namelist() == [f"{ada.urut:04d}-ada-berkasnya.pdf"]
    assert hilang.nomor in tugas.galat and "tidak ditemukan di penyimpanan" in tugas.galat
    progres = selectors.tugas_progres(tugas)
    assert (progres.siap, progres.gagal, progres.berjalan) == (1, 1, False)
