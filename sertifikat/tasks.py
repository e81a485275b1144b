"""Celery tasks of certificates: thin, by primary key, safe to run twice."""

import logging

from celery import Task, shared_task
from django.utils.translation import gettext as _

from sertifikat import arsip, pekerja

logger = logging.getLogger(__name__)

# Errors that pass: the database restarting or a connection dropped. Anything else is recorded on
# the certificate (failed, with its error) by the service instead of being retried blindly.
SEMENTARA = pekerja.GALAT_SEMENTARA
ULANG = {"acks_late": True, "autoretry_for": SEMENTARA, "max_retries": 3, "retry_backoff": 2, "retry_jitter": True}


class _TugasYangMelapor(Task):
    """A task that, when it gives up (its retries spent, or an error no retry mends), says so on
    what it was making, instead of leaving the job page waiting for ever."""

    abstract = True

    def laporkan_gagal(self, args: tuple, error: BaseException) -> None:
        raise NotImplementedError

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        try:
            self.laporkan_gagal((*args, *kwargs.values()), exc)
        except SEMENTARA:
            # The database is still away: the job page tells staff that nothing moves.
            logger.exception("Could not record that task %s failed", task_id)


class _RenderTask(_TugasYangMelapor):
    def laporkan_gagal(self, args: tuple, error: BaseException) -> None:
        pesan = _("Gagal membuat PDF: %(galat)s") % {"galat": pekerja.pesan_galat(error)}
        pekerja.sertifikat_render_fail(sertifikat_ids=args[0], pesan=pesan)


class _ArsipTask(_TugasYangMelapor):
    def laporkan_gagal(self, args: tuple, error: BaseException) -> None:
        pesan = _("Gagal menyusun berkas: %(galat)s") % {"galat": pekerja.pesan_galat(error)}
        arsip.tugas_arsip_fail(tugas_id=args[0], pesan=pesan)


@shared_task(base=_RenderTask, ignore_result=True, **ULANG)
def render_sertifikat(sertifikat_ids: list[int]) -> None:
    """Render, sign and store a chunk of certificates (those still to be made)."""
    pekerja.sertifikat_render(sertifikat_ids=sertifikat_ids)


@shared_task(base=_ArsipTask, ignore_result=True, **ULANG)
def bangun_arsip(tugas_id: int) -> None:
    """Build the ZIP or the merged PDF of a job."""
    arsip.tugas_arsip_build(tugas_id=tugas_id)
