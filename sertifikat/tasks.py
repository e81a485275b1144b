"""Celery tasks of certificates: thin, by primary key, safe to run twice."""

from celery import shared_task
from django.utils.translation import gettext as _

from diklat.tugas.services import pesan_galat, tugas_fail
from diklat.tugas.tasks import ULANG, TugasYangMelapor
from sertifikat import arsip, pekerja, siasn


class _RenderTask(TugasYangMelapor):
    def laporkan_gagal(self, args: tuple, error: BaseException) -> None:
        pesan = _("Gagal membuat PDF: %(galat)s") % {"galat": pesan_galat(error)}
        pekerja.sertifikat_render_fail(sertifikat_ids=args[0], pesan=pesan)


class _ArsipTask(TugasYangMelapor):
    def laporkan_gagal(self, args: tuple, error: BaseException) -> None:
        pesan = _("Gagal menyusun berkas: %(galat)s") % {"galat": pesan_galat(error)}
        tugas_fail(tugas_id=args[0], pesan=pesan)


@shared_task(base=_RenderTask, ignore_result=True, **ULANG)
def render_sertifikat(sertifikat_ids: list[int]) -> None:
    """Render, sign and store a chunk of certificates (those still to be made)."""
    pekerja.sertifikat_render(sertifikat_ids=sertifikat_ids)


@shared_task(base=_ArsipTask, ignore_result=True, **ULANG)
def bangun_arsip(tugas_id: int) -> None:
    """Build the ZIP or the merged PDF of a job."""
    arsip.tugas_arsip_build(tugas_id=tugas_id)


@shared_task(base=_ArsipTask, ignore_result=True, **ULANG)
def bangun_siasn(tugas_id: int) -> None:
    """Build the ZIP of a SIASN record: the certificates' PDFs with the record as CSV and JSON."""
    siasn.siasn_zip_build(tugas_id=tugas_id)
