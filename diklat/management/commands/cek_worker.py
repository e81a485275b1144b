"""Check that a Celery worker really runs jobs: send a heartbeat and wait for it."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from kombu.exceptions import OperationalError

from diklat.models import WorkerHeartbeat
from diklat.tasks import worker_heartbeat


class Command(BaseCommand):
    help = "Kirim tugas detak ke worker Celery dan tunggu sampai worker mencatatnya di basis data."

    def add_arguments(self, parser):
        parser.add_argument(
            "--timeout",
            type=float,
            default=20,
            help="Berapa detik menunggu jawaban worker (bawaan: 20).",
        )
        parser.add_argument(
            "--queue",
            default=None,
            help="Antrean tujuan tugas (bawaan: antrean bawaan Celery).",
        )

    def handle(self, *args, timeout, queue, **options):
        # Only a row written after this moment proves a worker is alive now.
        sent_at = timezone.now()
        try:
            worker_heartbeat.apply_async(queue=queue)
        except OperationalError as exc:
            raise CommandError(f"Tidak dapat mengirim tugas ke broker Celery: {exc}") from exc

        deadline = time.monotonic() + timeout
        while True:
            heartbeat = WorkerHeartbeat.objects.filter(last_seen__gte=sent_at).order_by("-last_seen").first()
            if heartbeat is not None:
                self.stdout.write(self.style.SUCCESS(f"Worker Celery aktif: {heartbeat.hostname}"))
                return
            if time.monotonic() >= deadline:
                raise CommandError(
                    f"Worker Celery tidak menjawab dalam {timeout:g} detik: tugas sudah dikirim ke broker, "
                    "tetapi tidak ada worker yang menjalankannya. Periksa apakah worker berjalan dan lihat lognya."
                )
            time.sleep(0.25)
