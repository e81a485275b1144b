# ruff: noqa: F811 (redis_url is a fixture imported from diklat.tests.test_worker, named by the tests)
"""Faults with nothing lost, on the real servers: a worker killed mid-job (a render of 100 certificates,
a ZIP, an export), the broker stopped while staff click, the database cutting the worker off, several
workers sharing one angkatan, RabbitMQ as the broker.

Each test starts real `celery worker` processes (``diklat.tests.test_worker.celery_worker``) on a queue
of its own against the test database, with Celery beat's sweep embedded in the worker that is to pick
up the pieces. Claims age faster than in production (8 s without a heartbeat instead of 30 s, a sweep
every 2 s instead of 15 s) so that CI does not wait; the mechanism is the one production runs.
"""

import datetime
import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
import zipfile
from collections import Counter

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from angkatan.tests.factories import AngkatanFactory
from diklat.celery import app
from diklat.models import Tugas
from diklat.tests.factories import admin_user, staf_user
from diklat.tests.test_worker import IN_CI, celery_worker, redis_url, worker_database_url  # noqa: F401 (a fixture)
from peserta.ekspor import tasks as tasks_ekspor
from peserta.tests.factories import PendaftaranFactory
from sertifikat import selectors, services, tasks
from sertifikat.models import Sertifikat, TugasSertifikat

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.gangguan,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

Status = Sertifikat.Status
BASI = datetime.timedelta(seconds=8)
# The worker that picks up the pieces: quick heartbeats and sweeps (see the module's docstring).
CEPAT = {
    "DIKLAT_JOB_HEARTBEAT_SECONDS": "1",
    "DIKLAT_JOB_STALE_SECONDS": str(int(BASI.total_seconds())),
    "DIKLAT_JOB_SWEEP_SECONDS": "2",
}
LAMBAT = [sys.executable, "-m", "sertifikat.tests.pekerja_lambat"]
TERHENTI = "Pekerja latar yang mengerjakan"
DIAMBIL_LAGI = "pekerjaannya diambil lagi oleh pekerja lain (1 kali)"


@pytest.fixture
def dunia(settings, tmp_path, monkeypatch):
    """Files where this test and its workers read them; claims that age as the workers' do."""
    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    settings.TUGAS_KLAIM_BASI = BASI
    settings.SERTIFIKAT_UKURAN_POTONGAN = 5
    return {"env": {**CEPAT, "DJANGO_MEDIA_ROOT": str(media)}, "media": media, "log": tmp_path}


def kirim_ke(monkeypatch, antrean: str, broker: str) -> None:
    """Send this process's tasks to the test's queue on the test's broker."""

    def kirim(task):
        def delay(*args):
            with app.connection_for_write(broker) as koneksi:
                task.apply_async(args, queue=antrean, connection=koneksi, retry=False)

        return delay

    for task in (tasks.render_sertifikat, tasks.bangun_arsip, tasks.bangun_siasn, tasks_ekspor.susun_ekspor_lintas):
        monkeypatch.setattr(task, "delay", kirim(task))


def tunggu(syarat, *, detik: float, pesan) -> None:
    batas = time.monotonic() + detik
    while not syarat():
        if time.monotonic() > batas:
            pytest.fail(pesan() if callable(pesan) else pesan)
        time.sleep(0.2)


def log(*workers) -> str:
    return "\n".join(w["log"].read_text()[-4000:] for w in workers)


def tersimpan(*workers) -> Counter:
    """How many times each certificate was stored, by the workers' logs."""
    return Counter(int(pk) for w in workers for pk in re.findall(r"Certificate (\d+) stored as", w["log"].read_text()))


def halaman(client, tugas) -> str:
    return client.get(reverse("tugas:detail", args=[tugas.pk])).content.decode()


def pdf_utuh(nama: str) -> bool:
    with default_storage.open(nama) as berkas:
        isi = berkas.read()
    return isi.startswith(b"%PDF-") and b"%%EOF" in isi[-1024:]


def test_a_worker_killed_mid_render_of_100_certificates_is_replaced_and_each_is_issued_once(
    redis_url, dunia, final, lulusan, client, monkeypatch
):
    daftar = [lulusan() for _ in range(100)]
    antrean = f"diklat-test-{uuid.uuid4().hex[:12]}"
    kirim_ke(monkeypatch, antrean, redis_url)
    client.force_login(staf_user())

    with celery_worker(redis_url, dunia["log"], dunia["env"], queue=antrean, nama="pertama") as pertama:
        tugas = services.tugas_buat_start(angkatan=final, user=None)
        tunggu(
            lambda: (
                Sertifikat.objects.filter(status=Status.READY).count() >= 15
                # Killed inside a chunk, not between two.
                and Sertifikat.objects.filter(status=Status.RENDERING).exists()
            ),
            detik=180,
            pesan=lambda: "the first worker made too little:\n" + log(pertama),
        )
        pertama["process"].send_signal(signal.SIGKILL)
        pertama["process"].wait()
    # What the killed worker held stays "being made"; the page says its worker stopped once the heartbeat is stale.
    assert Sertifikat.objects.filter(status=Status.RENDERING).exists()
    tunggu(lambda: TERHENTI in halaman(client, tugas), detik=BASI.total_seconds() + 10, pesan="the page never said")
    assert "Sedang diproses" in halaman(client, tugas)

    with celery_worker(redis_url, dunia["log"], dunia["env"], queue=antrean, nama="kedua", beat=True) as kedua:
        hidup = time.monotonic()
        tunggu(
            lambda: not selectors.tugas_progres(tugas).berjalan,
            detik=60 + 2 * BASI.total_seconds(),
            pesan=lambda: "the job did not finish:\n" + log(pertama, kedua),
        )
        selesai_dalam = time.monotonic() - hidup

    # Within a minute of a live worker (the claim's age, a sweep, the rest to render), with room for a busy CI.
    assert selesai_dalam < 60 + 2 * BASI.total_seconds()
    tugas.refresh_from_db()
    assert (tugas.status, tugas.diambil_ulang) == (Tugas.Status.SELESAI, 1)
    html = halaman(client, tugas)
    assert "100 dari 100 selesai · 0 gagal" in html and DIAMBIL_LAGI in html
    sertifikat = list(Sertifikat.objects.filter(pendaftaran__angkatan=final))
    assert len(sertifikat) == 100 and {s.status for s in sertifikat} == {Status.READY}
    assert {s.versi for s in sertifikat} == {1}
    # Numbers: 1 to 100, each once.
    assert sorted(s.urut for s in sertifikat) == list(range(1, 101))
    assert len({s.nomor for s in sertifikat}) == 100
    assert all(pdf_utuh(s.berkas.name) for s in sertifikat)
    # Stored once each across both workers: the killed worker's lost chunk was made again, nothing else.
    assert tersimpan(pertama, kedua) == Counter({s.pk: 1 for s in daftar})
    assert set(tersimpan(kedua)) & set(tersimpan(pertama)) == set()


def _sertifikat_siap(final, lulusan, jumlah: int) -> None:
    for _ in range(jumlah):
        sertifikat = lulusan()
        sertifikat.berkas.save("s.pdf", ContentFile(b"%PDF-1.7\n" + os.urandom(64) + b"\n%%EOF\n"), save=False)
        sertifikat.status, sertifikat.diterbitkan_pada = Status.READY, timezone.now()
        sertifikat.save()


def _bunuh_di_tengah(tugas: Tugas, worker) -> None:
    tunggu(
        lambda: Tugas.objects.filter(pk=tugas.pk, status=Tugas.Status.BERJALAN, diproses__gt=0).exists(),
        detik=60,
        pesan=lambda: "the job never ran:\n" + log(worker),
    )
    worker["process"].send_signal(signal.SIGKILL)
    worker["process"].wait()


def _selesai_oleh_pekerja_lain(redis_url, dunia, antrean: str, tugas: Tugas, pertama) -> None:
    """Start a second worker with the sweep; the job it never saw must finish within a minute."""
    with celery_worker(redis_url, dunia["log"], dunia["env"], queue=antrean, nama="kedua", beat=True) as kedua:
        tunggu(
            lambda: Tugas.objects.get(pk=tugas.pk).status == Tugas.Status.SELESAI,
            detik=60,
            pesan=lambda: f"{tugas} did not finish:\n" + log(pertama, kedua),
        )


def _berkas_unduhan(media) -> list:
    return sorted(p for p in (media / "unduhan").rglob("*") if p.is_file()) if (media / "unduhan").exists() else []


def test_a_worker_killed_mid_zip_is_replaced_and_the_zip_is_whole(
    redis_url, dunia, final, lulusan, client, monkeypatch
):
    _sertifikat_siap(final, lulusan, 100)
    antrean = f"diklat-test-{uuid.uuid4().hex[:12]}"
    kirim_ke(monkeypatch, antrean, redis_url)
    client.force_login(staf_user())
    lambat = {**dunia["env"], "DIKLAT_UJI_LAMBAT": "0.6"}

    with celery_worker(redis_url, dunia["log"], lambat, queue=antrean, nama="pertama", perintah=LAMBAT) as pertama:
        tugas = services.tugas_arsip_start(angkatan=final, user=None, jenis=TugasSertifikat.Jenis.ZIP)
        _bunuh_di_tengah(tugas, pertama)
    tunggu(lambda: TERHENTI in halaman(client, tugas), detik=BASI.total_seconds() + 10, pesan="the page never said")

    _selesai_oleh_pekerja_lain(redis_url, dunia, antrean, tugas, pertama)

    tugas.refresh_from_db()
    assert (tugas.diproses, tugas.total, tugas.diambil_ulang) == (100, 100, 1)
    html = halaman(client, tugas)
    assert DIAMBIL_LAGI in html and "Unduh ZIP" in html
    unduhan = client.get(reverse("tugas:unduh", args=[tugas.pk]))
    with zipfile.ZipFile(io.BytesIO(b"".join(unduhan.streaming_content))) as arsip:
        assert arsip.testzip() is None and len(arsip.namelist()) == 100
    assert len(_berkas_unduhan(dunia["media"])) == 1


def test_a_worker_killed_mid_export_is_replaced_and_the_export_is_whole(
    redis_url, dunia, client, monkeypatch, settings
):
    settings.DIKLAT_EKSPOR_BATAS_LANGSUNG = 5
    PendaftaranFactory.create_batch(24, angkatan=AngkatanFactory(nomor=1, tahun=2023))
    antrean = f"diklat-test-{uuid.uuid4().hex[:12]}"
    kirim_ke(monkeypatch, antrean, redis_url)
    client.force_login(admin_user())
    lambat = {**dunia["env"], "DIKLAT_UJI_LAMBAT": "0.6", "DIKLAT_UJI_LAPOR_TIAP": "2"}

    with celery_worker(redis_url, dunia["log"], lambat, queue=antrean, nama="pertama", perintah=LAMBAT) as pertama:
        response = client.post(
            reverse("peserta:ekspor-lintas"), {"kolom": ["nama", "nip"], "urut": "angkatan", "format": "csv"}
        )
        assert response.status_code == 302
        tugas = Tugas.objects.get(jenis="ekspor_lintas")
        _bunuh_di_tengah(tugas, pertama)
    tunggu(lambda: TERHENTI in halaman(client, tugas), detik=BASI.total_seconds() + 10, pesan="the page never said")

    _selesai_oleh_pekerja_lain(redis_url, dunia, antrean, tugas, pertama)

    tugas.refresh_from_db()
    assert (tugas.total, tugas.diproses, tugas.diambil_ulang) == (24, 24, 1)
    assert DIAMBIL_LAGI in halaman(client, tugas)
    teks = b"".join(client.get(reverse("tugas:unduh", args=[tugas.pk])).streaming_content).decode("utf-8-sig")
    assert len(teks.strip().splitlines()) == 25  # the header and one line per enrolment
    assert len(_berkas_unduhan(dunia["media"])) == 1


# The broker stopped while staff click --------------------------------------------------------------


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RedisSendiri:
    """A redis-server of the test's own on loopback, which the test stops and starts again."""

    def __init__(self, folder):
        program = shutil.which("redis-server")
        if program is None:
            if IN_CI:
                pytest.fail("CI=true but redis-server is not installed: the broker test needs it.")
            pytest.skip("needs redis-server")
        self.program, self.folder, self.port = program, folder, _port_bebas()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def mulai(self) -> None:
        self.process = subprocess.Popen(
            [self.program, "--bind", "127.0.0.1", "--port", str(self.port), "--save", "", "--appendonly", "no"],
            cwd=self.folder,
            stdout=subprocess.DEVNULL,
        )
        tunggu(self._menjawab, detik=10, pesan="redis-server did not start")

    def _menjawab(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                return True
        except OSError:
            return False

    def berhenti(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def test_generating_with_the_broker_stopped_says_so_and_the_sweep_sends_it_once_the_broker_is_back(
    dunia, final, lulusan, client, monkeypatch, tmp_path
):
    daftar = [lulusan() for _ in range(6)]
    redis = RedisSendiri(tmp_path)
    redis.mulai()
    antrean = f"diklat-test-{uuid.uuid4().hex[:12]}"
    kirim_ke(monkeypatch, antrean, redis.url)
    client.force_login(staf_user())
    try:
        with celery_worker(redis.url, dunia["log"], dunia["env"], queue=antrean, nama="pekerja", beat=True) as pekerja:
            redis.berhenti()
            response = client.post(reverse("sertifikat:buat", args=[final.pk]))
            assert response.status_code == 302
            tugas = Tugas.objects.get(jenis=TugasSertifikat.Jenis.BUAT)
            html = client.get(response.url).content.decode()
            assert "Menunggu antrean" in html and "Antrean pekerja latar tidak dapat dihubungi" in html
            assert {s.status for s in Sertifikat.objects.all()} == {Status.PENDING}

            redis.mulai()  # no click from here on
            tunggu(
                lambda: not selectors.tugas_progres(tugas).berjalan,
                detik=90,
                pesan=lambda: "the job was never sent again:\n" + log(pekerja),
            )
    finally:
        if redis.process.poll() is None:
            redis.berhenti()

    tugas.refresh_from_db()
    assert (tugas.status, tugas.tidak_terkirim, tugas.galat) == (Tugas.Status.SELESAI, False, "")
    assert {s.status for s in Sertifikat.objects.filter(pk__in=[s.pk for s in daftar])} == {Status.READY}
    assert "Menunggu antrean" not in halaman(client, tugas)


# The database cutting the worker off --------------------------------------------------------------


def _putuskan(nama_aplikasi: str) -> int:
    """Terminate every connection of the worker, as a restart of PostgreSQL does; return how many."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = %s",
            [nama_aplikasi],
        )
        return cursor.fetchone()[0]


def test_a_job_whose_database_connections_are_cut_mid_render_retries_and_finishes(
    redis_url, dunia, final, lulusan, monkeypatch
):
    daftar = [lulusan() for _ in range(30)]
    antrean = f"diklat-test-{uuid.uuid4().hex[:12]}"
    kirim_ke(monkeypatch, antrean, redis_url)
    nama_aplikasi = f"diklat-uji-{uuid.uuid4().hex[:8]}"

    # The worker's connections carry a name of their own, for the "restart" to find them.
    env = {**dunia["env"], "DATABASE_URL": f"{worker_database_url()}?application_name={nama_aplikasi}"}

    with celery_worker(redis_url, dunia["log"], env, queue=antrean, nama="pekerja", beat=True) as pekerja:
        tugas = services.tugas_buat_start(angkatan=final, user=None)
        tunggu(
            lambda: Sertifikat.objects.filter(status=Status.READY).exists(),
            detik=120,
            pesan=lambda: "nothing was made:\n" + log(pekerja),
        )
        # Restarts while it renders, until one has cut a render off (the task says it retries).
        terputus, diulang = 0, re.compile(r"render_sertifikat\[[^]]+\] retry: .*OperationalError")
        for _ in range(20):
            terputus += _putuskan(nama_aplikasi)
            time.sleep(0.5)
            if diulang.search(pekerja["log"].read_text()):
                break
        assert terputus and diulang.search(pekerja["log"].read_text()), log(pekerja)
        tunggu(
            lambda: not selectors.tugas_progres(tugas).berjalan,
            detik=120,
            pesan=lambda: "the job did not finish:\n" + log(pekerja),
        )

    tugas.refresh_from_db()
    assert tugas.status == Tugas.Status.SELESAI
    sertifikat = list(Sertifikat.objects.filter(pk__in=[s.pk for s in daftar]))
    assert {s.status for s in sertifikat} == {Status.READY} and {s.versi for s in sertifikat} == {1}
    assert all(pdf_utuh(s.berkas.name) for s in sertifikat)
    assert max(tersimpan(pekerja).values()) == 1


# Scale-out --------------------------------------------------------------------------------------


def test_three_workers_render_one_angkatan_together_with_no_duplicate_work(
    redis_url, dunia, final, lulusan, monkeypatch
):
    daftar = [lulusan() for _ in range(40)]
    antrean = f"diklat-test-{uuid.uuid4().hex[:12]}"
    kirim_ke(monkeypatch, antrean, redis_url)
    env = dunia["env"]

    with (
        celery_worker(redis_url, dunia["log"], env, queue=antrean, nama="satu") as satu,
        celery_worker(redis_url, dunia["log"], env, queue=antrean, nama="dua") as dua,
        celery_worker(redis_url, dunia["log"], env, queue=antrean, nama="tiga", beat=True) as tiga,
    ):
        tugas = services.tugas_buat_start(angkatan=final, user=None)
        # The same chunks delivered twice (a broker redelivering): claimed once all the same.
        services._kirim_render(sorted(s.pk for s in daftar), tugas_id=tugas.pk)
        tunggu(
            lambda: not selectors.tugas_progres(tugas).berjalan,
            detik=240,
            pesan=lambda: "the job did not finish:\n" + log(satu, dua, tiga),
        )

    assert tersimpan(satu, dua, tiga) == Counter({s.pk: 1 for s in daftar})
    assert sum(1 for w in (satu, dua, tiga) if tersimpan(w)) >= 2  # shared, not one doing it all
    assert {s.status for s in Sertifikat.objects.all()} == {Status.READY}


RABBITMQ_URL = os.environ.get("DIKLAT_TEST_RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672//")


@pytest.fixture
def rabbitmq_url():
    try:
        with app.connection_for_write(RABBITMQ_URL) as koneksi:
            koneksi.ensure_connection(max_retries=1)
    except Exception as error:
        if IN_CI:
            pytest.fail(f"CI=true but RabbitMQ does not answer at {RABBITMQ_URL}: {error}")
        pytest.skip(f"needs RabbitMQ at {RABBITMQ_URL}")
    return RABBITMQ_URL


def test_workers_on_rabbitmq_render_an_angkatan_and_build_its_zip(rabbitmq_url, dunia, final, lulusan, monkeypatch):
    daftar = [lulusan() for _ in range(8)]
    antrean = f"diklat-test-{uuid.uuid4().hex[:12]}"
    kirim_ke(monkeypatch, antrean, rabbitmq_url)
    env = dunia["env"]
    try:
        with (
            celery_worker(rabbitmq_url, dunia["log"], env, queue=antrean, nama="satu") as satu,
            celery_worker(rabbitmq_url, dunia["log"], env, queue=antrean, nama="dua", beat=True) as dua,
        ):
            tugas = services.tugas_buat_start(angkatan=final, user=None)
            tunggu(
                lambda: not selectors.tugas_progres(tugas).berjalan,
                detik=120,
                pesan=lambda: "the job did not finish:\n" + log(satu, dua),
            )
            arsip = services.tugas_arsip_start(angkatan=final, user=None, jenis=TugasSertifikat.Jenis.ZIP)
            tunggu(
                lambda: Tugas.objects.get(pk=arsip.pk).status == Tugas.Status.SELESAI,
                detik=60,
                pesan=lambda: "the ZIP was not built:\n" + log(satu, dua),
            )
    finally:
        with app.connection_for_write(rabbitmq_url) as koneksi:
            koneksi.default_channel.queue_delete(antrean)

    assert tersimpan(satu, dua) == Counter({s.pk: 1 for s in daftar})
    arsip.refresh_from_db()
    with default_storage.open(arsip.berkas.name) as berkas, zipfile.ZipFile(berkas) as isi:
        assert len(isi.namelist()) == 8
