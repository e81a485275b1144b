"""Writes about the site's jobs: send their tasks after commit, claim them and keep the claim alive,
hand back, finish and fail them, and sweep up what was never sent or whose worker died."""

import contextlib
import datetime
import errno
import logging
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files import File
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from kombu.exceptions import OperationalError as GalatAntrean

from diklat.models import Tugas
from diklat.tugas.jenis import jenis_tugas_semua
from diklat.tugas.selectors import batas_basi, batas_tunggu

logger = logging.getLogger(__name__)

# Errors that pass (the database restarting, a connection dropped): the task retries them.
GALAT_SEMENTARA = (OperationalError, InterfaceError)
PESAN_ANTREAN_HILANG = gettext_lazy(
    "Antrean pekerja latar tidak dapat dihubungi, jadi tugas ini belum dikerjakan. Tugas ini dikirim lagi "
    "dengan sendirinya begitu antrean pulih; halaman ini ikut diperbarui. Bila lama tidak bergerak, hubungi admin."
)
PESAN_KIRIM_GAGAL = gettext_lazy(
    "Tugas ini tidak dapat dikirim ke antrean pekerja latar (%(jenis)s), jadi belum dikerjakan; rinciannya "
    "tercatat di log server. Tugas ini dicoba kirim lagi dengan sendirinya; bila lama tidak bergerak, hubungi admin."
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
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return _("Ruang penyimpanan berkas penuh. Minta admin mengosongkan atau menambah ruangnya, lalu ulangi.")
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

    The person who clicked gets the job page all the same, which then says the queue is away and that
    the job is sent by itself once it is back (the sweep, ``tugas_sapu``), instead of seeming to run.
    Any error counts, not only kombu's "unreachable": a broker client may raise its own (redis'
    ConnectionError), a timeout or a RuntimeError. The send runs after
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


def tugas_tidak_terkirim(*, tugas_id: int, pesan: str) -> None:
    """Record on a job that (some of) its work could not be sent to the workers, and why.

    The job keeps waiting: the periodic sweep (``tugas_sapu``) sends it again once the queue is back,
    and its page says so meanwhile.
    """
    Tugas.objects.filter(pk=tugas_id, status__in=Tugas.AKTIF).update(
        tidak_terkirim=True, galat=pesan, updated_at=timezone.now()
    )


def tugas_terkirim(*, tugas_id: int) -> None:
    """Record that a job once not sent has now been sent, so its page no longer says the queue is away."""
    Tugas.objects.filter(pk=tugas_id, tidak_terkirim=True).update(
        tidak_terkirim=False, galat="", updated_at=timezone.now()
    )


def tugas_klaim(*, tugas_id: int) -> datetime.datetime | None:
    """Mark a waiting job as taken by this worker; return the claim's time, its token (None: not taken).

    The same message delivered twice thus does the work once. A claim whose heartbeat stopped
    (``batas_basi``: its worker died) may be taken again; a worker keeps its claim alive with
    ``detak_tugas`` while it works.
    """
    sekarang = timezone.now()
    diambil = (
        Tugas.objects.filter(pk=tugas_id)
        .filter(Q(status=Tugas.Status.MENUNGGU) | Q(status=Tugas.Status.BERJALAN, updated_at__lt=batas_basi()))
        .update(status=Tugas.Status.BERJALAN, diklaim_pada=sekarang, updated_at=sekarang)
    )
    return sekarang if diambil else None


def _diklaim(tugas_id: int, klaim: datetime.datetime | None):
    """The job while this claim (its time, ``tugas_klaim``'s token) holds it; any running job without one."""
    qs = Tugas.objects.filter(pk=tugas_id, status=Tugas.Status.BERJALAN)
    return qs if klaim is None else qs.filter(diklaim_pada=klaim)


def tugas_lepas(*, tugas_id: int, klaim: datetime.datetime | None = None) -> None:
    """Hand a claimed job back to wait, for the task's retry after an error that passes.

    Given its claim, only while that claim holds: a worker whose claim was given up (its heartbeat
    silent) and taken by another must not take the job from that other.
    """
    _diklaim(tugas_id, klaim).update(status=Tugas.Status.MENUNGGU, diklaim_pada=None, updated_at=timezone.now())


def tugas_lapor(*, tugas_id: int, diproses: int) -> None:
    """Record how many of its items a worker has done; it also keeps the worker's claim fresh."""
    Tugas.objects.filter(pk=tugas_id).update(diproses=diproses, updated_at=timezone.now())


def tugas_fail(*, tugas_id: int, pesan: str, klaim: datetime.datetime | None = None) -> None:
    """Mark a job that has not finished as failed, with why.

    With its claim (a worker failing its own work), only while that claim holds. Without one (a task
    that gave up, its retries spent), only a job no live worker holds: waiting, or its heartbeat silent.
    """
    if klaim is not None:
        tugas = _diklaim(tugas_id, klaim)
    else:
        tugas = Tugas.objects.filter(pk=tugas_id).filter(
            Q(status=Tugas.Status.MENUNGGU) | Q(status=Tugas.Status.BERJALAN, updated_at__lt=batas_basi())
        )
    tugas.update(status=Tugas.Status.GAGAL, galat=pesan, updated_at=timezone.now())


# Heartbeats -------------------------------------------------------------------------------------


@contextlib.contextmanager
def detak(perbarui: Callable[[], object]) -> Iterator[None]:
    """Call ``perbarui`` every ``TUGAS_DETAK`` from a thread of its own while the block runs.

    It renews the claims of a worker at work, so that a claim ages only when its worker has died
    (killed, its host gone), whatever the length of the work. A beat that fails (the database away
    a moment) is logged and the next one tried; the work itself notices a database that stays away.
    """
    berhenti = threading.Event()
    setiap = settings.TUGAS_DETAK.total_seconds()

    def berdetak() -> None:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                # Never wait long on a row the work itself has locked: the next beat comes soon.
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = '1s'")
            perbarui()

    def jalan() -> None:
        try:
            while not berhenti.wait(setiap):
                try:
                    berdetak()
                except Exception:
                    logger.warning("A heartbeat of claimed work failed", exc_info=True)
                    # A connection the database dropped is opened again for the next beat.
                    connection.close()
        finally:
            connection.close()

    utas = threading.Thread(target=jalan, name="detak-klaim", daemon=True)
    utas.start()
    try:
        yield
    finally:
        berhenti.set()
        # A beat waits at most lock_timeout; a thread still busy after that ends by itself.
        utas.join(timeout=setiap + 2)


def detak_tugas(tugas_id: int, klaim: datetime.datetime):
    """Keep a worker's claim on a job alive while it works on it (``detak``); a claim taken over is not renewed."""
    return detak(lambda: _diklaim(tugas_id, klaim).update(updated_at=timezone.now()))


# A job that makes one file ----------------------------------------------------------------------


@dataclass
class HasilBerkas:
    """What a job's writer made: the file's name for the download, and the counts and notes for its page."""

    nama: str
    total: int
    diproses: int
    galat: str = ""


def berkas_simpan_nama(storage, nama: str, isi) -> str:
    """Save a file whole through the storage API under a free name near ``nama``; return the name it got.

    A storage that breaks off half way (a full disk) may have written part of the file: it is
    deleted, so no half file is ever listed or served.
    """
    tujuan = storage.get_available_name(nama)
    try:
        return storage.save(tujuan, isi)
    except BaseException:
        with contextlib.suppress(Exception):
            if storage.exists(tujuan):
                storage.delete(tujuan)
        raise


def berkas_simpan(berkas, nama: str, isi: IO[bytes]) -> None:
    """Save a file field's new content (``berkas_simpan_nama``), under the name its ``upload_to`` gives."""
    berkas.name = berkas_simpan_nama(berkas.storage, berkas.field.generate_filename(berkas.instance, nama), File(isi))


def tugas_berkas_build(
    *, tugas_id: int, tulis: Callable[[Tugas, IO[bytes], Callable[[int], None]], HasilBerkas], pesan_gagal: str
) -> None:
    """Claim a job, have ``tulis(tugas, berkas, lapor)`` write its file, store it and finish the job.

    The claim is kept alive by a heartbeat while ``tulis`` works and reports how many items it has
    done (``lapor(n)``). The file is written to a temporary file and stored whole through the
    storage API; the job is finished only if this worker still holds it, else (its claim was
    given up and the job made again) the file is dropped. Running it again rebuilds the same file.
    A passing error hands the job back for the task's retry; any other fails it with
    ``pesan_gagal`` (``%(galat)s``: why).
    """
    klaim = tugas_klaim(tugas_id=tugas_id)
    if klaim is None:
        return
    tugas, menandai_selesai = None, False

    def buang_berkas() -> None:
        # Stored but not yet the job's: no file of a job that did not finish stays behind.
        if tugas is not None and tugas.berkas.name and not menandai_selesai:
            tugas.berkas.storage.delete(tugas.berkas.name)

    try:
        with detak_tugas(tugas_id, klaim):
            tugas = Tugas.objects.get(pk=tugas_id)
            with tempfile.TemporaryFile() as tmp:
                hasil = tulis(tugas, tmp, lambda n: tugas_lapor(tugas_id=tugas_id, diproses=n))
                tmp.seek(0)
                berkas_simpan(tugas.berkas, hasil.nama, tmp)
        menandai_selesai = True
        selesai = Tugas.objects.filter(pk=tugas_id, status=Tugas.Status.BERJALAN, diklaim_pada=klaim).update(
            berkas=tugas.berkas.name,
            status=Tugas.Status.SELESAI,
            total=hasil.total,
            diproses=hasil.diproses,
            galat=hasil.galat,
            selesai_pada=timezone.now(),
            updated_at=timezone.now(),
        )
        if not selesai:
            # Given up while it worked (no heartbeat for too long) and taken by another worker.
            tugas.berkas.storage.delete(tugas.berkas.name)
    except GALAT_SEMENTARA:
        # Lost while marking the job done, the update may have landed: its file then stays.
        buang_berkas()
        tugas_lepas(tugas_id=tugas_id, klaim=klaim)
        raise
    except Exception as error:
        logger.exception("Building the file of job %s failed", tugas_id)
        buang_berkas()
        tugas_fail(tugas_id=tugas_id, pesan=pesan_gagal % {"galat": pesan_galat(error)}, klaim=klaim)


# The sweep --------------------------------------------------------------------------------------


def tugas_kirim_lagi(task, *args, tugas_id: int) -> bool:
    """Send a job's task again from the sweep; record on the job whether the queue took it.

    The "not sent" mark is cleared before the send, not after: a quick worker may finish (or fail) the
    job in between, and its message must stay. A send that fails marks it again.
    """
    tugas_terkirim(tugas_id=tugas_id)
    try:
        task.delay(*args)
    except Exception as error:
        logger.warning("Sending %s%s again failed", getattr(task, "name", task), args, exc_info=True)
        with translation.override(settings.LANGUAGE_CODE):
            tugas_tidak_terkirim(tugas_id=tugas_id, pesan=pesan_kirim_gagal(error))
        return False
    return True


def _sapu_tugas_tunggal(jenis) -> int:
    """Send again the jobs of a kind made by one task (``jenis.task``) that were never sent or whose worker died."""
    sekarang = timezone.now()
    perlu = Tugas.objects.filter(jenis=jenis.kode).filter(
        Q(status=Tugas.Status.MENUNGGU, tidak_terkirim=True)
        # Waiting long with its message lost (a broker restarted empty, a web process killed before it
        # sent, a database away longer than the retries): sent again, claims making a second copy harmless.
        | Q(status=Tugas.Status.MENUNGGU, updated_at__lt=batas_tunggu())
        | Q(status=Tugas.Status.BERJALAN, updated_at__lt=batas_basi())
    )
    jumlah = 0
    for tugas in perlu.only("pk", "status"):
        if tugas.status == Tugas.Status.BERJALAN:
            # Given up only if still as seen: its worker may have beaten since, or another sweep taken it.
            diambil = Tugas.objects.filter(
                pk=tugas.pk, status=Tugas.Status.BERJALAN, updated_at__lt=batas_basi()
            ).update(
                status=Tugas.Status.MENUNGGU,
                diklaim_pada=None,
                diambil_ulang=F("diambil_ulang") + 1,
                updated_at=sekarang,
            )
            if not diambil:
                continue
            logger.warning("The worker of job %s stopped; sending it again", tugas.pk)
        else:
            # Its wait starts again from this send.
            Tugas.objects.filter(pk=tugas.pk).update(updated_at=sekarang)
        jumlah += tugas_kirim_lagi(jenis.task, tugas.pk, tugas_id=tugas.pk)
    return jumlah


def tugas_sapu() -> int:
    """Send again, for every kind of job, the work that was never sent or whose worker died; return how much.

    Run by Celery beat every ``DIKLAT_JOB_SWEEP_SECONDS``: a job whose queue was away when staff
    clicked finishes once the queue is back, and one whose worker was killed finishes on another,
    with no click. A kind made by one task names it (``JenisTugas.task``); a kind made in parts
    sweeps its own (``JenisTugas.sapu``).
    """
    jumlah = 0
    for jenis in jenis_tugas_semua():
        try:
            if jenis.task is not None:
                jumlah += _sapu_tugas_tunggal(jenis)
            jumlah += jenis.sapu()
        except GALAT_SEMENTARA:
            raise
        except Exception:
            # One kind that cannot be swept must not keep the others' jobs from being sent.
            logger.exception("Sweeping jobs of kind %s failed", jenis.kode)
    return jumlah


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
