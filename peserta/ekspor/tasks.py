"""Celery tasks of the exports of enrolments: thin, by primary key, safe to run twice."""

from celery import shared_task
from django.utils.translation import gettext as _

from diklat.tugas.services import pesan_galat, tugas_fail
from diklat.tugas.tasks import ULANG, TugasYangMelapor
from peserta.ekspor import lintas


class _EksporTask(TugasYangMelapor):
    def laporkan_gagal(self, args: tuple, error: BaseException) -> None:
        pesan = _("Gagal menyusun ekspor: %(galat)s") % {"galat": pesan_galat(error)}
        tugas_fail(tugas_id=args[0], pesan=pesan)


@shared_task(base=_EksporTask, ignore_result=True, **ULANG)
def susun_ekspor_lintas(tugas_id: int) -> None:
    """Build the file of an export across angkatan."""
    lintas.ekspor_lintas_build(tugas_id=tugas_id)
