"""Reads about the site's jobs: how far one has come, and whether it seems to wait for no worker."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from diklat.models import Tugas

# A running job none of whose work has moved for this long is probably waiting for a worker that is
# not there: its page says so.
DIAM_TERLALU_LAMA = datetime.timedelta(minutes=2)


@dataclass
class Progres:
    """How far a job has come, as its page and its progress bar show it."""

    total: int
    siap: int
    # Items that failed (or, for an archive, were left out for a missing file).
    gagal: int
    berjalan: bool
    # Running, yet nothing has moved for DIAM_TERLALU_LAMA: no worker seems to be taking it.
    diam: bool = False
    daftar_gagal: list = field(default_factory=list)
    # The job never started: its task could not be sent to the workers (the job's galat says why), in the
    # days when such a job failed at once; now it waits for the sweep (``menunggu_antrean``).
    tidak_dimulai: bool = False
    # Not (all) sent yet, the queue away: the sweep sends it once the queue is back.
    menunggu_antrean: bool = False
    # Items held by a worker whose heartbeat stopped (it died): the sweep gives them to another soon.
    terhenti: int = 0
    # How many times a worker stopped in the middle and its work was given to another.
    diambil_ulang: int = 0
    # A job that failed whole (an archive that could not be built), not any of its items.
    gagal_disusun: bool = False
    # The result to download once done, with the button's words: given by the job's kind.
    unduh_url: str = ""
    unduh_label: str = ""
    # A template of the job's kind shown below the bar (the certificates that failed, say).
    rincian: str = ""

    @property
    def diproses(self) -> int:
        return self.siap + self.gagal

    @property
    def persen(self) -> int:
        if self.tidak_dimulai:
            return 0
        return 100 if not self.total else round(100 * self.diproses / self.total)


def batas_basi() -> datetime.datetime:
    """Return the time before which a claim's last heartbeat means its worker died (``TUGAS_KLAIM_BASI``)."""
    return timezone.now() - settings.TUGAS_KLAIM_BASI


def batas_tunggu() -> datetime.datetime:
    """Return the time before which work still waiting for a worker is sent again by the sweep (``TUGAS_TUNGGU_ULANG``)."""
    return timezone.now() - settings.TUGAS_TUNGGU_ULANG


def batas_diam() -> datetime.datetime:
    """Return the time before which a job that has not moved seems to have no worker."""
    return timezone.now() - DIAM_TERLALU_LAMA


def tugas_progres_hitungan(tugas: Tugas) -> Progres:
    """Return how far a job has come by its own counters (``total``, ``diproses``) and status.

    A job that finished with fewer done than its total left the rest out (counted as failed); one
    that failed whole failed none of its items.
    """
    gagal_total = tugas.status == Tugas.Status.GAGAL
    if gagal_total:
        siap, gagal = 0, 0
    elif tugas.status == Tugas.Status.SELESAI:
        siap, gagal = tugas.diproses, tugas.total - tugas.diproses
    else:
        siap, gagal = tugas.diproses, 0
    terhenti = tugas.status == Tugas.Status.BERJALAN and tugas.updated_at < batas_basi()
    return Progres(
        total=tugas.total,
        siap=siap,
        gagal=gagal,
        berjalan=tugas.aktif,
        diam=tugas.aktif and not terhenti and not tugas.tidak_terkirim and tugas.updated_at < batas_diam(),
        tidak_dimulai=gagal_total and tugas.tidak_terkirim,
        gagal_disusun=gagal_total and not tugas.tidak_terkirim,
        menunggu_antrean=tugas.aktif and tugas.tidak_terkirim,
        terhenti=max(tugas.total - siap, 1) if terhenti else 0,
        diambil_ulang=tugas.diambil_ulang,
    )
