"""A message of the outbox queued through Redis, sent by a real Celery worker process to the test's SMTP server."""

import time

import pytest

from diklat.celery import app
from diklat.models import Surel
from diklat.surel import tasks
from diklat.surel.services import surel_kirim
from diklat.tests.smtp import bagian
from diklat.tests.test_worker import WAIT_SECONDS, celery_worker, redis_url  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def worker(redis_url, smtp_server, tmp_path, monkeypatch):  # noqa: F811 (redis_url is the fixture)
    """A worker whose EMAIL_URL is the test's SMTP server; the outbox's task goes to its queue."""
    email_url = f"smtp://{smtp_server.host}:{smtp_server.port}"
    with celery_worker(redis_url, tmp_path, {"EMAIL_URL": email_url, "DJANGO_EMAIL_TIMEOUT": "10"}) as running:
        with app.connection_for_write(running["broker"]) as broker:
            monkeypatch.setattr(
                tasks.kirim_surel,
                "delay",
                lambda surel_id: tasks.kirim_surel.apply_async((surel_id,), queue=running["queue"], connection=broker),
            )
            yield running


def test_the_worker_sends_a_queued_message_to_the_smtp_server(worker, smtp_server):
    surel = surel_kirim(
        kepada="andi.saputra@makassarkota.go.id",
        jenis="uji_pekerja",
        subjek="Akun diklat Anda",
        template="diklat/surel/_dasar",
        konteks={},
    )

    [pesan] = smtp_server.tunggu(1, detik=WAIT_SECONDS) or [None]

    assert pesan is not None, f"nothing arrived after {WAIT_SECONDS} s; worker log:\n{worker['log'].read_text()}"
    assert pesan["Subject"] == "Akun diklat Anda" and pesan["To"] == "andi.saputra@makassarkota.go.id"
    assert "mohon tidak membalasnya" in bagian(pesan, "text/plain")
    assert "mohon tidak membalasnya" in bagian(pesan, "text/html")
    # The server has the message before the worker records that it was sent.
    batas = time.monotonic() + WAIT_SECONDS
    while Surel.objects.get(pk=surel.pk).status == Surel.Status.MENUNGGU and time.monotonic() < batas:
        time.sleep(0.2)
    surel.refresh_from_db()
    assert (surel.status, surel.percobaan) == (Surel.Status.TERKIRIM, 1), worker["log"].read_text()[-3000:]
