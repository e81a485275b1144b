"""Writes about the site's jobs: send their tasks after commit, claim, hand back and fail them."""

import datetime
import logging
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from kombu.exceptions import OperationalError as GalatAntrean

from diklat.models import Tugas
from diklat.tugas.jenis import jenis_tugas_semua

logger = logging.getLogger(__name__)

# A claim that has said nothing for this long died with its worker; what it held may be taken again.
KLAIM_BASI = datetime.timedelta(minutes=10)
# Errors that pass (the database restarting, a connection dropped): the task retries them.
GALAT_SEMENTARA = (OperationalError, InterfaceError)
PESAN_ANTREAN_HILANG = gettext_lazy(
    "Antrean pekerja latar tidak dapat dihubungi, jadi tugas ini belum dikerjakan. Ulangi sebentar lagi; "
    "bila tetap gagal, hubungi admin."
)
PESAN_KIRIM_GAGAL = gettext_lazy(
    "Tugas ini tidak dapat dikirim ke antrean pekerja latar (%(jenis)s), jadi belum dikerjakan; rinciannya "
    "tercatat di log server. Ulangi sebentar lagi; bila tetap gagal, hubungi admin."
)


def pesan_galat(error: BaseException) -> str:
    """Say in Indonesian why something could not be made, for the staff who read it on the job page.

    Our own refusals and configuration errors are sentences written for people already; any other
    error is a fault whose details (in English, perhaps with server paths) belong in the log.
    """
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    if isinstance(error, ImproperlyConfigured):
        return str(error)
    if isinstance(error, GALAT_SEMENTARA):
        return _("Basis data tidak menjawab, juga setelah dicoba beberapa kali. Ulangi setelah layanannya pulih.")
    return _(
        "Kesalahan sistem (%(jenis)s); rinciannya tercatat di log server. Ulangi; bila gagal lagi, hubungi admin."
    ) % {"jenis": type(error).__name__}


def _antrean_tak_terjangkau() -> tuple[type[BaseException], ...]:
    """Return the errors that mean the broker could not be reached (rather than a fault of ours)."""
    jenis: tuple[type[BaseException], ...] = (GalatAntrean, OSError)  # OSError: refused, reset, timed out
    try:
        # Imported here because it is optional: only a site whose broker is Redis has the client.
        from redis import exceptions as redis_galat
    except ImportError:  # a broker other than Redis
        return jenis
    return (*jenis, redis_galat.ConnectionError, redis_galat.TimeoutError)


def pesan_kirim_gagal(error: BaseException) -> str:
    """Say in Indonesian why a task could not be sent: the queue away, or a fault whose details are logged."""
    if isinstance(error, _antrean_tak_terjangkau()):
        return str(PESAN_ANTREAN_HILANG)
    return str(PESAN_KIRIM_GAGAL) % {"jenis": type(error).__name__}


def tugas_kirim(task, *args, gagal: Callable[..., None]) -> None:
    """Send a task to the workers; when that fails, for whatever reason, have ``gagal(pesan=…)`` record why.

    The person who clicked gets the job page all the same, which then shows the failure (and its
    "Ulangi") instead of waiting for ever for a task that was never sent. Any error counts, not only
    kombu's "unreachable": a broker client may raise its own (redis' ConnectionError), a timeout or
    a RuntimeError, and each would otherwise leave the job "running" for ever. The send runs after
    the clicker's commit, in their language; the reason is stored in the site's, for every reader.
    """
    try:
        task.delay(*args)
    except Exception as error:
        logger.exception("Queueing %s%s failed", getattr(task, "name", task), args)
        with translation.override(settings.LANGUAGE_CODE):
            gagal(pesan=pesan_kirim_gagal(error))


def tugas_kirim_setelah_commit(task, *args, nama: str, gagal: Callable[..., None]) -> None:
    """Send a task to the workers (``tugas_kirim``) once the current transaction commits.

    The send is registered as a function named ``nama``, robust: should recording a failure fail
    as well, Django logs it by that name and the person who clicked still gets their page. (Django
    names such a callback by its __qualname__; a functools.partial has none, and that turned a
    logged failure into a 500.)
    """

    def kirim() -> None:
        tugas_kirim(task, *args, gagal=gagal)

    kirim.__name__ = kirim.__qualname__ = nama
    transaction.on_commit(kirim, robust=True)


def tugas_create(*, jenis: str, dibuat_oleh, total: int) -> Tugas:
    """Record a new job of this kind, waiting for a worker; the floor that starts it links its own rows."""
    tugas = Tugas(jenis=jenis, dibuat_oleh=dibuat_oleh, total=total)
    tugas.full_clean(exclude=["dibuat_oleh"])
    tugas.save()
    return tugas


def tugas_tidak_terkirim(*, tugas_id: int, pesan: str, gagalkan: bool = True) -> None:
    """Record on a job that (some of) its work could not be sent to the workers, and why.

    A job whose work is that one task has nothing else to wait for, so it has failed (``gagalkan``).
    A job sent in parts (a render in chunks) passes ``gagalkan=False``: it ends with its parts, and
    its other parts may have gone.
    """
    status = F("status")
    if gagalkan:
        status = Case(When(status__in=Tugas.AKTIF, then=Value(Tugas.Status.GAGAL)), default=F("status"))
    Tugas.objects.filter(pk=tugas_id).update(
        tidak_terkirim=True, galat=pesan, status=status, updated_at=timezone.now()
    )


def tugas_klaim(*, tugas_id: int) -> bool:
    """Mark a waiting job as taken by this worker; return whether it was (not when another holds it).

    The same message delivered twice thus does the work once. A claim whose worker has said nothing
    for ``KLAIM_BASI`` (it died) may be taken again: a worker says something by moving
    ``updated_at`` as it reports progress.
    """
    sekarang = timezone.now()
    return bool(
        Tugas.objects.filter(pk=tugas_id)
        .filter(
            Q(status=Tugas.Status.MENUNGGU) | Q(status=Tugas.Status.BERJALAN, updated_at__lt=sekarang - KLAIM_BASI)
        )
        .update(status=Tugas.Status.BERJALAN, diklaim_pada=sekarang, updated_at=sekarang)
    )


def tugas_lepas(*, tugas_id: int) -> None:
    """Hand a claimed job back to wait, for the task's retry after an error that passes."""
    Tugas.objects.filter(pk=tugas_id, status=Tugas.Status.BERJALAN).update(
        status=Tugas.Status.MENUNGGU, diklaim_pada=None, updated_at=timezone.now()
    )


def tugas_lapor(*, tugas_id: int, diproses: int) -> None:
    """Record how many of its items a worker has done; it also keeps the worker's claim fresh."""
    Tugas.objects.filter(pk=tugas_id).update(diproses=diproses, updated_at=timezone.now())


def tugas_fail(*, tugas_id: int, pesan: str) -> None:
    """Mark a job that has not finished as failed, with why (one never sent: ``tugas_tidak_terkirim``)."""
    Tugas.objects.filter(pk=tugas_id, status__in=Tugas.AKTIF).update(
        status=Tugas.Status.GAGAL, galat=pesan, updated_at=timezone.now()
    )


def tugas_berkas_purge(*, lebih_dari: datetime.timedelta | None = None) -> int:
    """Delete the result files of the jobs past their kind's ``masa_simpan`` (or ``lebih_dari``); return how many.

    Every registered kind that keeps its file for a time is swept: the certificates' ZIPs and print PDFs,
    the exports. Files go through the storage API (they may live in an object store); the job rows stay,
    as the record of who made what when.
    """
    storage = Tugas.berkas.field.storage
    jumlah = 0
    for jenis in jenis_tugas_semua():
        masa = lebih_dari if lebih_dari is not None else jenis.masa_simpan
        if jenis.masa_simpan is None or masa is None:
            continue
        lama = Tugas.objects.filter(jenis=jenis.kode, created_at__lt=timezone.now() - masa).exclude(berkas="")
        for tugas in lama.only("pk", "berkas"):
            storage.delete(tugas.berkas.name)
            Tugas.objects.filter(pk=tugas.pk).update(berkas="", updated_at=timezone.now())
            jumlah += 1
    return jumlah
