"""The two rules every write to an angkatan's people, days, scores and certificates obeys.

- ``angkatan_terkunci`` locks the angkatan row for the rest of the transaction and reads it
  again. Enrolments, attendance, scores, finalising and certificates all take this lock first,
  so what they check (the kuota, whether results are final) cannot change under them. A lock
  held too long by someone else gives up after ``BATAS_TUNGGU`` with a "busy, try again"
  message instead of leaving the page spinning (pretix's ``lock_objects`` does the same).
- ``pastikan_hasil_belum_final`` / ``pastikan_hasil_final`` refuse a write that needs the
  results open (a score, a day, an enrolment) or final (a certificate).

Both raise ``ValidationError`` with a code, so views show the message and nothing is stored.
"""

from django.core.exceptions import ValidationError
from django.db import OperationalError, connection
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from angkatan.models import Angkatan

# How long a write waits for someone else's lock on the same angkatan before it gives up. The
# longest holder is finalising a large angkatan (a few seconds); a wait beyond this means something
# is stuck, and staff are better told to try again than left waiting.
BATAS_TUNGGU = "15s"

# PostgreSQL's SQLSTATE for "lock_timeout expired" (lock_not_available).
_LOCK_NOT_AVAILABLE = "55P03"


def _batas_tunggu(nilai: str) -> str:
    """Set the transaction's lock wait limit to ``nilai``; return the limit it replaces (PostgreSQL only)."""
    with connection.cursor() as cursor:
        # set_config(..., true) is SET LOCAL: it lasts until the transaction (or its savepoint) ends.
        cursor.execute("SELECT current_setting('lock_timeout'), set_config('lock_timeout', %s, true)", [nilai])
        return cursor.fetchone()[0]


def _waktu_habis(error: OperationalError) -> bool:
    # Django wraps psycopg's error; psycopg 3 names its SQLSTATE ``sqlstate``.
    return getattr(error.__cause__, "sqlstate", None) == _LOCK_NOT_AVAILABLE


def angkatan_terkunci(angkatan: Angkatan | int) -> Angkatan:
    """Lock the angkatan row until the transaction ends and return it read again, with its program.

    Call inside ``transaction.atomic``. Raises ``ValidationError`` (code ``angkatan_sibuk``) when
    another write has held the row longer than ``BATAS_TUNGGU``; the transaction (or the savepoint
    of the innermost ``atomic``) is then broken and must be left, as after any database error: a
    caller that goes on after catching the refusal must have taken the lock in an ``atomic`` of
    its own, as the services do. The wait limit the caller had is put back once the row is held.
    """
    pk = angkatan if isinstance(angkatan, int) else angkatan.pk
    rows = Angkatan.objects.select_for_update(of=("self",)).select_related("program")
    if connection.vendor != "postgresql":
        return rows.get(pk=pk)
    sebelumnya = _batas_tunggu(BATAS_TUNGGU)
    try:
        terkunci = rows.get(pk=pk)
    except OperationalError as error:
        if not _waktu_habis(error):
            raise
        raise ValidationError(
            _("Angkatan ini sedang diubah oleh proses lain. Tunggu sebentar, lalu coba lagi."),
            code="angkatan_sibuk",
        ) from error
    _batas_tunggu(sebelumnya)
    return terkunci


def pastikan_hasil_belum_final(angkatan: Angkatan) -> None:
    """Refuse a change to the angkatan's people, days or scores once its results are final."""
    if not angkatan.hasil_final:
        return
    raise ValidationError(
        _(
            "Hasil angkatan ini sudah difinalisasi; nilai terkunci sejak %(waktu)s. Peserta, hari pelatihan, "
            "presensi dan nilai tidak dapat diubah lagi; minta admin membuka kunci nilai bila perlu koreksi."
        ),
        code="hasil_final",
        params={"waktu": date_format(timezone.localtime(angkatan.nilai_dikunci_pada), "j F Y H:i")},
    )


def pastikan_hasil_final(angkatan: Angkatan) -> None:
    """Refuse to make certificates before the angkatan's results are final."""
    if angkatan.hasil_final:
        return
    raise ValidationError(
        _("Hasil angkatan ini belum difinalisasi; sertifikat dibuat setelah kelulusan ditetapkan."),
        code="belum_final",
    )
