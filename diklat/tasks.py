"""Celery tasks of the site itself (Celery finds this module; the outbox's and the jobs' tasks are imported to be found too)."""

import socket

from celery import shared_task
from django.utils import timezone

from diklat.models import WorkerHeartbeat
from diklat.surel.tasks import kirim_surel
from diklat.tugas.tasks import bersihkan_unduhan, sapu_tugas

__all__ = ["bersihkan_unduhan", "kirim_surel", "sapu_tugas", "worker_heartbeat"]


@shared_task(bind=True, ignore_result=True)
def worker_heartbeat(self) -> None:
    """Record that this worker runs jobs: upsert its row with the current time.

    Running it twice only moves ``last_seen`` forward, so a retried or
    duplicated message is harmless.
    """
    # The node name (``celery@host``) tells two workers on one host apart;
    # called outside a worker there is none, so fall back to the host name.
    hostname = self.request.hostname or socket.gethostname()
    WorkerHeartbeat.objects.update_or_create(hostname=hostname, defaults={"last_seen": timezone.now()})
