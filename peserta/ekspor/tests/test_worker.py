"""An export across angkatan above the limit, built by a real Celery worker process over Redis, on PostgreSQL.

The admin's click answers with the job page at once; the worker writes the file through the storage; the
page then says it is done and gives the link, and the file is the XLSX of every matching enrolment.
"""

import io
import time

import openpyxl
import pytest
from django.urls import reverse

from angkatan.tests.factories import AngkatanFactory
from diklat.celery import app
from diklat.models import Tugas
from diklat.tests.factories import admin_user
from diklat.tests.test_worker import WAIT_SECONDS, celery_worker, redis_url  # noqa: F401 (a fixture)
from peserta.ekspor import tasks
from peserta.tests.factories import PendaftaranFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

RUMUS = '=HYPERLINK("http://x","klik")'


@pytest.fixture
def worker(redis_url, tmp_path, settings, monkeypatch):  # noqa: F811 (redis_url is the fixture)
    """A worker that writes files where this test reads them; export tasks go to its queue."""
    media = tmp_path / "media-worker"
    settings.MEDIA_ROOT = media
    with celery_worker(redis_url, tmp_path, {"DJANGO_MEDIA_ROOT": str(media)}) as running:
        with app.connection_for_write(running["broker"]) as broker:
            monkeypatch.setattr(
                tasks.susun_ekspor_lintas,
                "delay",
                lambda *args: tasks.susun_ekspor_lintas.apply_async(args, queue=running["queue"], connection=broker),
            )
            yield running


def test_a_worker_builds_an_export_above_the_limit_and_its_maker_downloads_it(worker, client, settings):
    settings.DIKLAT_EKSPOR_BATAS_LANGSUNG = 5
    pertama, kedua = AngkatanFactory(nomor=1, tahun=2023), AngkatanFactory(nomor=2, tahun=2023)
    PendaftaranFactory.create_batch(8, angkatan=pertama)
    PendaftaranFactory.create_batch(7, angkatan=kedua)
    PendaftaranFactory(angkatan=kedua, peserta__nama="Rahmat Hidayat", peserta__instansi=RUMUS)
    client.force_login(admin_user())

    response = client.post(
        reverse("peserta:ekspor-lintas"),
        {"kolom": ["angkatan", "nama", "nip", "instansi"], "urut": "angkatan", "format": "xlsx", "tahun": "2023"},
    )

    assert response.status_code == 302
    tugas = Tugas.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[-1]))
    batas = time.monotonic() + 4 * WAIT_SECONDS
    while tugas.status not in (Tugas.Status.SELESAI, Tugas.Status.GAGAL) and time.monotonic() < batas:
        time.sleep(0.3)
        tugas.refresh_from_db()
    assert tugas.status == Tugas.Status.SELESAI, worker["log"].read_text()[-3000:]
    assert tugas.total == tugas.diproses == 16

    halaman = client.get(response["Location"]).content.decode()
    unduh = reverse("tugas:unduh", args=[tugas.pk])
    assert "16 dari 16 selesai" in halaman and f'href="{unduh}"' in halaman
    berkas = client.get(unduh)
    assert berkas.status_code == 200
    lembar = openpyxl.load_workbook(io.BytesIO(b"".join(berkas.streaming_content))).active
    nilai = [[sel.value for sel in baris] for baris in lembar.iter_rows()]
    kepala = next(i for i, baris in enumerate(nilai) if baris[0] == "No.")
    assert len(nilai) - kepala - 1 == 16
    assert "'" + RUMUS in [v for baris in nilai for v in baris]
