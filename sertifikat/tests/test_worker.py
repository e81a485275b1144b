"""A whole angkatan's certificates made by a real Celery worker process over Redis, on PostgreSQL."""

import time

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from diklat.celery import app
from diklat.models import Tugas
from diklat.tests.test_worker import WAIT_SECONDS, celery_worker, redis_url  # noqa: F401 (a fixture)
from sertifikat import selectors, services, tasks
from sertifikat.models import Sertifikat

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def worker(redis_url, tmp_path, settings, monkeypatch):  # noqa: F811 (redis_url is the fixture)
    """A worker that writes files where this test reads them; tasks go to its queue."""
    media = tmp_path / "media-worker"
    settings.MEDIA_ROOT = media
    with celery_worker(redis_url, tmp_path, {"DJANGO_MEDIA_ROOT": str(media)}) as running:
        with app.connection_for_write(running["broker"]) as broker:
            monkeypatch.setattr(
                tasks.render_sertifikat,
                "delay",
                lambda ids: tasks.render_sertifikat.apply_async((ids,), queue=running["queue"], connection=broker),
            )
            yield running


def test_the_worker_makes_every_certificate_of_the_angkatan(worker, angkatan_lulus, lulusan, settings):
    settings.SERTIFIKAT_UKURAN_POTONGAN = 3
    daftar = [lulusan() for _ in range(7)]
    angkatan_lulus.nilai_dikunci_pada = timezone.now()
    angkatan_lulus.save()

    tugas = services.tugas_buat_start(angkatan=angkatan_lulus, user=None)

    deadline = time.monotonic() + 4 * WAIT_SECONDS
    while selectors.tugas_progres(tugas).berjalan and time.monotonic() < deadline:
        time.sleep(0.3)
    progres = selectors.tugas_progres(tugas)
    assert (progres.siap, progres.gagal) == (7, 0), worker["log"].read_text()[-3000:]
    tugas.refresh_from_db()
    assert tugas.status == Tugas.Status.SELESAI
    nomor = set()
    for sertifikat in Sertifikat.objects.filter(pk__in=[s.pk for s in daftar]):
        assert sertifikat.status == Sertifikat.Status.READY
        assert default_storage.open(sertifikat.berkas.name).read(5) == b"%PDF-"
        nomor.add(sertifikat.nomor)
    assert len(nomor) == 7
