"""The Celery task of the outbox: thin, by primary key, safe to run twice."""

from celery import shared_task

from diklat.surel import pekerja
from diklat.tugas.services import GALAT_SEMENTARA
from diklat.tugas.tasks import ULANG, TugasYangMelapor

# A mail server away for a while (a restart, a full queue of its own) is waited for: five more tries,
# after about 1, 2, 4, 8 and 15 minutes (jittered), then the message is failed with why.
ULANG_SUREL = {
    **ULANG,
    "autoretry_for": (*GALAT_SEMENTARA, *pekerja.GALAT_SUREL_SEMENTARA),
    "max_retries": 5,
    "retry_backoff": 60,
    "retry_backoff_max": 15 * 60,
}


class _SurelTask(TugasYangMelapor):
    def laporkan_gagal(self, args: tuple, error: BaseException) -> None:
        pekerja.surel_gagal(surel_id=args[0], error=error)


@shared_task(base=_SurelTask, ignore_result=True, **ULANG_SUREL)
def kirim_surel(surel_id: int) -> None:
    """Send one message of the outbox (unless it was sent or given up already)."""
    pekerja.surel_antar(surel_id=surel_id)
