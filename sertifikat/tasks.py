"""Celery tasks of certificates: thin, by primary key, safe to run twice."""

from celery import shared_task

from sertifikat import services

# Errors that pass: the database restarting or a connection dropped. Anything else is recorded on
# the certificate (failed, with its error) by the service instead of being retried blindly.
SEMENTARA = services.GALAT_SEMENTARA


@shared_task(
    acks_late=True,
    autoretry_for=SEMENTARA,
    max_retries=3,
    retry_backoff=2,
    retry_jitter=True,
    ignore_result=True,
)
def render_sertifikat(sertifikat_ids: list[int]) -> None:
    """Render, sign and store a chunk of certificates (those still to be made)."""
    services.sertifikat_render(sertifikat_ids=sertifikat_ids)


@shared_task(acks_late=True, autoretry_for=SEMENTARA, max_retries=3, retry_backoff=2, ignore_result=True)
def bangun_arsip(tugas_id: int) -> None:
    """Build the ZIP or the merged PDF of a job."""
    services.tugas_arsip_build(tugas_id=tugas_id)
