"""The kinds of job, as the floors that start them describe them to the one job page.

The job page (``tugas:detail``) belongs to the ground floor, yet what a job shows besides its bar
(its title, the page it belongs to, what failed, what to download) and who may see it are the
business of the floor that started it. That floor subclasses ``JenisTugas`` for each kind it starts
and registers an instance in its ``AppConfig.ready``::

    from diklat.tugas.jenis import jenis_tugas_daftarkan
    jenis_tugas_daftarkan(JenisEkspor())

The page thus shows every kind of job without importing any higher floor or reversing its URLs.
A job whose kind is not registered (its app removed) is not found.
"""

import datetime

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.utils import timezone

from diklat.models import Tugas
from diklat.tugas.selectors import Progres, tugas_progres_hitungan

# How long a download a job built (a ZIP, an export) is kept, unless its kind says otherwise.
MASA_SIMPAN_UNDUHAN = datetime.timedelta(days=7)


class JenisTugas:
    """One kind of job: set the attributes, override what differs from a job counted by its own row."""

    # The value of ``Tugas.jenis`` for jobs of this kind; unique across the site.
    kode: str = ""
    # The job's title on its page (a lazy translation).
    label = ""
    # The permissions needed to see jobs of this kind, all of them.
    izin: tuple[str, ...] = ()
    # The page frame the job's page extends: it must define the block ``tugas`` where the job goes.
    bingkai = "diklat/tugas/bingkai.html"
    # How long the job's result file is kept: ``manage.py bersihkan_unduhan`` deletes it after that, and
    # the site's download (``tugas:unduh``) refuses it. None: the kind keeps no file, or handles its own.
    masa_simpan: datetime.timedelta | None = None
    # The Celery task that makes a job of this kind, given the job's id: the sweep sends it again when
    # it was never sent or its worker died. None: the kind is made in parts, and sweeps them in ``sapu``.
    task = None

    def boleh_lihat(self, tugas: Tugas, user) -> bool:
        """Whether this user, who holds ``izin``, may see this job and fetch its file (else: not found)."""
        return True

    def kedaluwarsa(self, tugas: Tugas) -> bool:
        """Whether the job's result file is older than ``masa_simpan`` (swept, or about to be)."""
        return self.masa_simpan is not None and tugas.created_at < timezone.now() - self.masa_simpan

    def progres(self, tugas: Tugas) -> Progres:
        """Return how far the job has come (by default, by the job's own counters)."""
        return tugas_progres_hitungan(tugas)

    def konteks(self, tugas: Tugas, request: HttpRequest) -> dict:
        """Return what the frame and ``Progres.rincian`` need besides ``tugas``, ``judul`` and ``progres``."""
        return {}

    def url_asal(self, tugas: Tugas) -> str:
        """Return the page the job was started from, which shows its bar too: it is reloaded when the job ends."""
        return ""

    def sapu(self) -> int:
        """Send again the parts of this kind's jobs never sent or whose worker died; return how many (the sweep)."""
        return 0


_JENIS: dict[str, JenisTugas] = {}


def jenis_tugas_daftarkan(jenis: JenisTugas) -> None:
    """Register a kind of job.

    Refused: a kind without a code, one that names no permission (its page would open to anyone
    logged in), and a code another kind holds already (it would take over that kind's jobs).
    Registering the same kind again (an app's ``ready`` run twice) replaces it.
    """
    if not jenis.kode:
        raise ImproperlyConfigured("A kind of job needs a code.")
    if not jenis.izin:
        raise ImproperlyConfigured(f"The kind of job {jenis.kode!r} names no permission to see it.")
    lama = _JENIS.get(jenis.kode)
    if lama is not None and type(lama) is not type(jenis):
        raise ImproperlyConfigured(f"The code {jenis.kode!r} is held by {type(lama).__name__} already.")
    _JENIS[jenis.kode] = jenis


def jenis_tugas(kode: str) -> JenisTugas | None:
    """Return the registered kind of job with this code, or None."""
    return _JENIS.get(kode)


def jenis_tugas_semua() -> list[JenisTugas]:
    """Return every registered kind of job."""
    return list(_JENIS.values())
