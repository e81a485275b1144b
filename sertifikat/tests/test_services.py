"""Making certificates: jobs, rendering, storing, retries, failures and corrected re-issues."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils import timezone, translation

from diklat.models import Tugas
from diklat.tests.factories import staf_user
from peserta.models import Pendaftaran
from peserta.tests.factories import PendaftaranFactory
from sertifikat import pekerja, rendering, selectors, services
from sertifikat.models import Sertifikat

pytestmark = pytest.mark.django_db

Status = Sertifikat.Status


def jalankan_antrean(callbacks) -> None:
    """Run what the job queued after commit, as a worker would."""
    for callback in callbacks:
        callback()


def test_a_job_makes_every_graduates_certificate_numbered_by_name(
    final, lulusan, eager, django_capture_on_commit_callbacks
):
    budi = PendaftaranFactory(angkatan=final, status=Pendaftaran.Status.LULUS, peserta__nama="Budi Santoso")
    ani = PendaftaranFactory(angkatan=final, status=Pendaftaran.Status.LULUS, peserta__nama="Ani Rahayu")
    gagal = PendaftaranFactory(angkatan=final, status=Pendaftaran.Status.TIDAK_LULUS)

    with django_capture_on_commit_callbacks(execute=True):
        tugas = services.tugas_buat_start(angkatan=final, user=staf_user())

    progres = selectors.tugas_progres(tugas)
    assert (progres.total, progres.siap, progres.gagal, progres.persen, progres.berjalan) == (2, 2, 0, 100, False)
    tugas.refresh_from_db()
    assert tugas.status == Tugas.Status.SELESAI
    ani_s, budi_s = ani.sertifikat.get(), budi.sertifikat.get()
    assert (ani_s.urut, budi_s.urut) == (1, 2)  # in the order of the roster
    assert ani_s.nomor == "0001/STTP/PTSPD-III/BPSDM/2022"
    assert not gagal.sertifikat.exists()
    for s in (ani_s, budi_s):
        assert s.status == Status.READY and s.diterbitkan_pada is not None
        data = default_storage.open(s.berkas.name).read()
        assert data.startswith(b"%PDF-")
        assert hashlib.sha256(data).hexdigest() == s.sha256
        # Stored under a random name: neither the number nor the NIP.
        assert s.pendaftaran.peserta.nip not in s.berkas.name and "STTP" not in s.berkas.name


def test_running_the_job_twice_issues_nothing_twice(final, lulusan, eager, django_capture_on_commit_callbacks):
    pendaftaran = lulusan().pendaftaran
    with django_capture_on_commit_callbacks(execute=True):
        services.tugas_buat_start(angkatan=final, user=None)
    pertama = pendaftaran.sertifikat.get()
    with django_capture_on_commit_callbacks(execute=True) as antre:
        kedua = services.tugas_buat_start(angkatan=final, user=None)
    assert antre == []  # nothing left to render
    assert kedua.status == Tugas.Status.SELESAI
    assert list(pendaftaran.sertifikat.values_list("pk", "nomor", "sha256")) == [
        (pertama.pk, pertama.nomor, pertama.sha256)
    ]
    # The same task delivered again renders nothing.
    assert pekerja.sertifikat_render(sertifikat_ids=[pertama.pk]) == 0


def test_no_certificates_before_results_are_final(angkatan_lulus, lulusan):
    lulusan()
    with pytest.raises(ValidationError) as error:
        services.tugas_buat_start(angkatan=angkatan_lulus, user=None)
    assert error.value.code == "belum_final"
    assert not Tugas.objects.exists()


def test_one_bad_certificate_fails_alone_keeps_its_error_and_can_be_retried(
    final, lulusan, eager, monkeypatch, django_capture_on_commit_callbacks
):
    baik, buruk = lulusan(nama="Baik Sekali"), lulusan(nama="Rusak Datanya")
    asli = rendering.konteks_sertifikat

    def konteks(sertifikat, bersama):
        if sertifikat.pk == buruk.pk:
            raise ValueError("cannot decode glyph 0x1f in /srv/diklat/font.ttf")
        return asli(sertifikat, bersama)

    monkeypatch.setattr(rendering, "konteks_sertifikat", konteks)
    with django_capture_on_commit_callbacks(execute=True):
        tugas = services.tugas_buat_start(angkatan=final, user=None)
    baik.refresh_from_db()
    buruk.refresh_from_db()
    assert baik.status == Status.READY
    assert buruk.status == Status.FAILED
    # Staff read what happened in Indonesian; the English detail (and the server's paths) go to the log.
    assert buruk.galat.startswith("Gagal membuat PDF: Kesalahan sistem (ValueError); rinciannya tercatat di log")
    assert "/srv/" not in buruk.galat and "glyph" not in buruk.galat
    progres = selectors.tugas_progres(tugas)
    assert (progres.siap, progres.gagal, progres.berjalan) == (1, 1, False)
    assert progres.daftar_gagal == [buruk]

    monkeypatch.setattr(rendering, "konteks_sertifikat", asli)
    with django_capture_on_commit_callbacks(execute=True):
        ulang = services.sertifikat_retry(sertifikat=buruk, user=None)
    buruk.refresh_from_db()
    assert buruk.status == Status.READY and buruk.galat == ""
    assert selectors.tugas_progres(ulang).gagal == 0
    # The good one was not made again.
    assert Sertifikat.objects.get(pk=baik.pk).sha256 == baik.sha256


def test_a_revoked_certificate_is_not_stored_over(final, lulusan):
    sertifikat = lulusan()
    Sertifikat.objects.filter(pk=sertifikat.pk).update(status=Status.REVOKED)
    assert not pekerja.sertifikat_store(sertifikat=sertifikat, pdf=b"%PDF-1.7 x", ditandatangani=False)
    sertifikat.refresh_from_db()
    assert sertifikat.status == Status.REVOKED and not sertifikat.berkas


def test_signed_when_a_key_is_configured(
    final, lulusan, eager, settings, tmp_path, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    kunci = tmp_path / "kunci.p12"
    call_command("buat_kunci_dev", keluaran=str(kunci), sandi="rahasia", verbosity=0)
    settings.SERTIFIKAT_KUNCI_P12, settings.SERTIFIKAT_KUNCI_SANDI = str(kunci), "rahasia"
    sertifikat = lulusan()
    with django_capture_on_commit_callbacks(execute=True):
        services.tugas_buat_start(angkatan=final, user=None)
    sertifikat.refresh_from_db()
    data = default_storage.open(sertifikat.berkas.name).read()
    assert sertifikat.ditandatangani and b"/ByteRange" in data
    import subprocess

    teks = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
    assert "Balai Sertifikasi Elektronik (BSrE)" in " ".join(teks.split())


def test_a_corrected_reissue_keeps_the_number_and_supersedes_the_old_file(
    final, lulusan, eager, django_capture_on_commit_callbacks
):
    sertifikat = lulusan(nama="Siti Aminh")
    with django_capture_on_commit_callbacks(execute=True):
        services.tugas_buat_start(angkatan=final, user=None)
    sertifikat.refresh_from_db()
    peserta = sertifikat.pendaftaran.peserta
    peserta.nama = "Siti Aminah"
    peserta.save()

    with django_capture_on_commit_callbacks(execute=True):
        baru = services.sertifikat_reissue(sertifikat=sertifikat, user=None)
    baru.refresh_from_db()
    sertifikat.refresh_from_db()
    assert (baru.versi, baru.nomor, baru.status) == (2, sertifikat.nomor, Status.READY)
    assert sertifikat.status == Status.REPLACED
    assert baru.kode_verifikasi != sertifikat.kode_verifikasi
    assert baru.sha256 != sertifikat.sha256 and sertifikat.sha256  # the old hash stays on record
    # Only the newest valid version can be re-issued.
    with pytest.raises(ValidationError):
        services.sertifikat_reissue(sertifikat=sertifikat, user=None)


def test_numbering_a_batch_costs_the_same_queries_for_3_or_30_graduates(final, django_capture_on_commit_callbacks):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def mulai(jumlah: int) -> int:
        PendaftaranFactory.create_batch(jumlah, angkatan=final, status=Pendaftaran.Status.LULUS)
        with CaptureQueriesContext(connection) as q, django_capture_on_commit_callbacks(execute=False):
            services.tugas_buat_start(angkatan=final, user=None)
        return len(q)

    sedikit = mulai(3)
    banyak = mulai(27)  # 3 already numbered, 27 new
    assert banyak <= sedikit + 1
    nomor = list(Sertifikat.objects.order_by("urut").values_list("urut", flat=True))
    assert nomor == list(range(1, 31))  # no gaps, no duplicates


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_claim_two_chunks_of_one_program_at_once(angkatan_lulus, lulusan):
    """A worker holding its chunk must not make another skip a different chunk of the same program."""
    import threading

    from django.db import connections, transaction

    pertama = [lulusan().pk for _ in range(2)]
    kedua = [lulusan().pk for _ in range(2)]
    diklaim, lepas, mulai = {}, threading.Event(), threading.Event()

    def pekerja_pertama():
        try:
            with transaction.atomic():
                # As _klaim does, but the transaction stays open: this worker is still claiming.
                dapat = pekerja.dapat_diklaim(pertama)
                diklaim["pertama"] = list(dapat.values_list("pk", flat=True))
                mulai.set()
                lepas.wait(10)
        finally:
            connections.close_all()

    thread = threading.Thread(target=pekerja_pertama)
    thread.start()
    assert mulai.wait(10)
    try:
        diklaim["kedua"] = pekerja._klaim(kedua)
    finally:
        lepas.set()
        thread.join(10)
    assert sorted(diklaim["pertama"]) == sorted(pertama)
    assert sorted(diklaim["kedua"]) == sorted(kedua)
    assert set(Sertifikat.objects.filter(pk__in=kedua).values_list("status", flat=True)) == {Status.RENDERING}


def test_revoked_reopened_refinalised_and_issued_again_under_the_same_number(
    final, lulusan, eager, django_capture_on_commit_callbacks
):
    """A wrong score found after printing: revoke, reopen, correct, finalise again, re-issue."""
    from diklat.tests.factories import admin_user
    from peserta.nilai.services import hasil_buka_kunci
    from peserta.pendaftaran.services import pendaftaran_transition
    from sertifikat.services import sertifikat_revoke
    from sertifikat.verification import sertifikat_for_verification

    admin = admin_user()
    sertifikat = lulusan()
    with django_capture_on_commit_callbacks(execute=True):
        services.tugas_buat_start(angkatan=final, user=admin)
    sertifikat.refresh_from_db()
    sertifikat_revoke(sertifikat=sertifikat, user=admin, alasan="Nilai ujian salah ketik.")
    hasil_buka_kunci(angkatan=final, user=admin, alasan="Nilai ujian salah ketik.")
    # Decided again (as finalising would) and locked again.
    pendaftaran = Pendaftaran.objects.get(pk=sertifikat.pendaftaran_id)
    pendaftaran_transition(pendaftaran=pendaftaran, ke=Pendaftaran.Status.LULUS, user=admin, alasan="")
    final.refresh_from_db()
    final.nilai_dikunci_pada = timezone.now()
    final.save()

    with django_capture_on_commit_callbacks(execute=True):
        baru = services.sertifikat_reissue(sertifikat=sertifikat, user=admin)
    baru.refresh_from_db()
    assert (baru.versi, baru.nomor, baru.status) == (2, sertifikat.nomor, Status.READY)
    lama = sertifikat_for_verification(kode=sertifikat.kode_verifikasi)
    assert lama.status == Status.REVOKED
    assert lama.versi_terkini == baru  # the revoked page points to the corrected version


def test_a_passing_error_hands_the_certificates_back_for_the_retry(final, lulusan, monkeypatch):
    from django.db import OperationalError

    sertifikat = lulusan()

    def database_hilang(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(rendering, "render_batch", database_hilang)
    with pytest.raises(OperationalError):
        pekerja.sertifikat_render(sertifikat_ids=[sertifikat.pk])
    sertifikat.refresh_from_db()
    assert sertifikat.status == Status.PENDING  # the task's retry takes it at once, not after its claim goes stale


def test_a_key_that_cannot_be_loaded_leaves_nothing_half_made(final, lulusan, settings, tmp_path):
    from django.core.exceptions import ImproperlyConfigured

    (tmp_path / "rusak.p12").write_bytes(b"bukan kunci")
    settings.SERTIFIKAT_KUNCI_P12, settings.SERTIFIKAT_KUNCI_SANDI = str(tmp_path / "rusak.p12"), "x"
    sertifikat = lulusan()
    with pytest.raises(ImproperlyConfigured):
        pekerja.sertifikat_render(sertifikat_ids=[sertifikat.pk])
    sertifikat.refresh_from_db()
    assert sertifikat.status == Status.PENDING


def test_no_certificate_is_made_for_someone_no_longer_passed(final, lulusan):
    sertifikat = lulusan()
    Pendaftaran.objects.filter(pk=sertifikat.pendaftaran_id).update(status=Pendaftaran.Status.MENGIKUTI)
    assert pekerja.sertifikat_render(sertifikat_ids=[sertifikat.pk]) == 0
    sertifikat.refresh_from_db()
    assert sertifikat.status == Status.FAILED and "tidak berstatus lulus" in sertifikat.galat
    assert not sertifikat.berkas


def test_the_printed_facts_are_kept_with_the_file(final, lulusan, eager, django_capture_on_commit_callbacks):
    sertifikat = lulusan(gelar_depan="Dr.", nama="Siti Aminah", gelar_belakang="M.Si.")
    with django_capture_on_commit_callbacks(execute=True):
        services.tugas_buat_start(angkatan=final, user=None)
    sertifikat.refresh_from_db()
    assert sertifikat.data_cetak["nama_lengkap"] == "Dr. Siti Aminah, M.Si."
    assert sertifikat.data_cetak["predikat"] == "Sangat Memuaskan"
    assert sertifikat.pendaftaran.peserta.nip not in str(sertifikat.data_cetak)  # masked only


def test_generating_again_leaves_a_revoked_certificate_revoked_and_says_how_to_reissue(final, lulusan):
    sertifikat = lulusan()
    Sertifikat.objects.filter(pk=sertifikat.pk).update(status=Status.REVOKED)
    with pytest.raises(ValidationError) as error:
        services.tugas_buat_start(angkatan=final, user=None)
    assert error.value.code == "semua_dicabut"
    assert "Kelola" in error.value.messages[0]
    sertifikat.refresh_from_db()
    assert sertifikat.status == Status.REVOKED and not Tugas.objects.exists()


def test_a_job_stays_running_until_its_last_chunk_is_made(
    final, lulusan, settings, django_capture_on_commit_callbacks
):
    settings.SERTIFIKAT_UKURAN_POTONGAN = 1
    lulusan(), lulusan()
    with django_capture_on_commit_callbacks(execute=False):
        tugas = services.tugas_buat_start(angkatan=final, user=None)
    pertama, kedua = tugas.sertifikat.order_by("urut").values_list("pk", flat=True)

    pekerja.sertifikat_render(sertifikat_ids=[pertama])
    tugas.refresh_from_db()
    assert tugas.status == Tugas.Status.BERJALAN  # the other chunk is still to come

    pekerja.sertifikat_render(sertifikat_ids=[kedua])
    tugas.refresh_from_db()
    assert tugas.status == Tugas.Status.SELESAI


# When something goes wrong: the job page says what, instead of waiting for ever ------------------


def test_a_key_that_cannot_be_loaded_fails_the_job_and_says_why(
    final, lulusan, lewat_celery, settings, tmp_path, django_capture_on_commit_callbacks
):
    (tmp_path / "rusak.p12").write_bytes(b"bukan kunci")
    settings.SERTIFIKAT_KUNCI_P12, settings.SERTIFIKAT_KUNCI_SANDI = str(tmp_path / "rusak.p12"), "x"
    sertifikat = lulusan()
    with django_capture_on_commit_callbacks(execute=True):
        tugas = services.tugas_buat_start(angkatan=final, user=None)

    sertifikat.refresh_from_db()
    assert sertifikat.status == Status.FAILED and not sertifikat.berkas
    assert "kata sandinya (SERTIFIKAT_KUNCI_SANDI) salah" in sertifikat.galat
    progres = selectors.tugas_progres(tugas)
    assert (progres.berjalan, progres.gagal, progres.daftar_gagal) == (False, 1, [sertifikat])


def test_a_database_that_stays_away_fails_the_certificates_once_the_retries_are_spent(
    final, lulusan, lewat_celery, monkeypatch, django_capture_on_commit_callbacks
):
    from django.db import OperationalError

    sertifikat = lulusan()
    percobaan = []

    def database_hilang(*args, **kwargs):
        percobaan.append(1)
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(rendering, "render_batch", database_hilang)
    with django_capture_on_commit_callbacks(execute=True):
        tugas = services.tugas_buat_start(angkatan=final, user=None)

    assert len(percobaan) == 4  # the first try and three retries
    sertifikat.refresh_from_db()
    assert sertifikat.status == Status.FAILED
    assert "Basis data tidak menjawab" in sertifikat.galat and "server closed" not in sertifikat.galat
    assert not selectors.tugas_progres(tugas).berjalan


def test_with_the_queue_away_the_certificates_wait_saying_why_and_are_made_once_the_sweep_sends_them(
    final, lulusan, eager, monkeypatch, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError as GalatAntrean

    from sertifikat import tasks

    def antrean_hilang(*args, **kwargs):
        raise GalatAntrean("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    sertifikat = lulusan()
    with monkeypatch.context() as m:
        m.setattr(tasks.render_sertifikat, "delay", antrean_hilang)
        # Clicked by someone reading English: the stored reason is in the site's language all the same.
        with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
            tugas = services.tugas_buat_start(angkatan=final, user=None)
        sertifikat.refresh_from_db()
        assert sertifikat.status == Status.PENDING
        tugas.refresh_from_db()
        assert "Antrean pekerja latar tidak dapat dihubungi" in tugas.galat
        progres = selectors.tugas_progres(tugas)
        assert progres.berjalan and progres.menunggu_antrean
        services.sertifikat_sapu()  # the queue still away: nothing lost, still waiting
        sertifikat.refresh_from_db()
        assert sertifikat.status == Status.PENDING

    services.sertifikat_sapu()

    sertifikat.refresh_from_db()
    tugas.refresh_from_db()
    assert sertifikat.status == Status.READY
    assert (tugas.status, tugas.tidak_terkirim, tugas.galat) == (Tugas.Status.SELESAI, False, "")


def test_a_job_nothing_has_moved_for_two_minutes_says_no_worker_seems_to_run(
    final, lulusan, django_capture_on_commit_callbacks
):
    import datetime

    lulusan()
    with django_capture_on_commit_callbacks(execute=False):  # sent, and no worker takes it
        tugas = services.tugas_buat_start(angkatan=final, user=None)
    assert not selectors.tugas_progres(tugas).diam

    lama = timezone.now() - datetime.timedelta(minutes=3)
    Tugas.objects.filter(pk=tugas.pk).update(created_at=lama)
    Sertifikat.objects.filter(pendaftaran__angkatan=final).update(updated_at=lama)
    tugas.refresh_from_db()
    progres = selectors.tugas_progres(tugas)
    assert progres.berjalan and progres.diam


def test_a_dead_workers_claim_is_said_and_swept_to_another_worker(
    final, lulusan, eager, django_capture_on_commit_callbacks
):
    import datetime

    sertifikat = lulusan()
    with django_capture_on_commit_callbacks(execute=False):
        tugas = services.tugas_buat_start(angkatan=final, user=None)
    # Claimed by a worker whose heartbeat stopped a while ago.
    lama = timezone.now() - datetime.timedelta(minutes=15)
    Sertifikat.objects.filter(pendaftaran__angkatan=final).update(status=Status.RENDERING, updated_at=lama)
    progres = selectors.tugas_progres(tugas)
    assert progres.berjalan and progres.terhenti == 1

    services.sertifikat_sapu()

    sertifikat.refresh_from_db()
    tugas.refresh_from_db()
    assert sertifikat.status == Status.READY and sertifikat.versi == 1
    assert (tugas.status, tugas.diambil_ulang) == (Tugas.Status.SELESAI, 1)
    assert selectors.tugas_progres(tugas).diambil_ulang == 1


def test_a_retried_certificate_that_fails_again_says_todays_reason(
    final, lulusan, lewat_celery, settings, tmp_path, django_capture_on_commit_callbacks
):
    sertifikat = lulusan()
    Sertifikat.objects.filter(pk=sertifikat.pk).update(status=Status.FAILED, galat="Gagal membuat PDF: kemarin")
    (tmp_path / "rusak.p12").write_bytes(b"bukan kunci")
    settings.SERTIFIKAT_KUNCI_P12, settings.SERTIFIKAT_KUNCI_SANDI = str(tmp_path / "rusak.p12"), "x"
    with django_capture_on_commit_callbacks(execute=True):
        services.sertifikat_retry(sertifikat=sertifikat, user=None)
    sertifikat.refresh_from_db()
    assert sertifikat.status == Status.FAILED
    assert "kemarin" not in sertifikat.galat and "SERTIFIKAT_KUNCI_SANDI" in sertifikat.galat
