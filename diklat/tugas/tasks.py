"""What every Celery task of a job shares: which errors it retries, and saying so when it gives up; and the
periodic tasks Celery beat runs over all jobs: the sweep and the cleaning."""

import logging

from celery import Task, shared_task

from diklat.tugas.services import GALAT_SEMENTARA, tugas_berkas_purge, tugas_sapu

logger = logging.getLogger(__name__)

# Errors that pass: the database restarting or a connection dropped. Anything else is recorded on
# what the task was making (failed, with its error) by the service instead of being retried blindly.
ULANG = {
    "acks_late": True,
    "autoretry_for": GALAT_SEMENTARA,
    "max_retries": 3,
    "retry_backoff": 2,
    "retry_jitter": True,
}


class TugasYangMelapor(Task):
    """A task that, when it gives up (its retries spent, or an error no retry mends), says so on
    what it was making, instead of leaving the job page waiting for ever.

    Subclass it with ``laporkan_gagal(args, error)``, which receives the task's arguments
    (positional, then keyword values) and records the failure, and use it as the task's ``base``.
    """

    abstract = True

    def laporkan_gagal(self, args: tuple, error: BaseException) -> None:
        raise NotImplementedError

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        try:
            self.laporkan_gagal((*args, *kwargs.values()), exc)
        except GALAT_SEMENTARA:
            # The database is still away: the job page tells staff that nothing moves.
            logger.exception("Could not record that task %s failed", task_id)


@shared_task(ignore_result=True)
def sapu_tugas() -> None:
    """Send again the jobs never sent (the queue was away) or whose worker died (Celery beat, every few seconds)."""
    jumlah = tugas_sapu()
    if jumlah:
        logger.info("The sweep sent %s job part(s) again", jumlah)


@shared_task(ignore_result=True)
def bersihkan_unduhan() -> None:
    """Delete the result files of jobs past their kind's time (Celery beat; also ``manage.py bersihkan_unduhan``)."""
    tugas_berkas_purge()
