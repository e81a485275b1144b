"""Writes to angkatan: their status moves forward one step at a time."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from angkatan.kunci import angkatan_terkunci
from angkatan.models import Angkatan

Status = Angkatan.Status

# The life of an angkatan, in order. Staff move it one step forward; only an
# admin may move it back (reopen), e.g. to correct a finished batch.
STATUS_ORDER = [Status.DRAFT, Status.OPEN, Status.RUNNING, Status.FINISHED, Status.CLOSED]


def status_next(status: str) -> str | None:
    """Return the status after ``status``, or None for the last one."""
    index = STATUS_ORDER.index(status)
    return STATUS_ORDER[index + 1] if index + 1 < len(STATUS_ORDER) else None


@transaction.atomic
def angkatan_status_advance(*, angkatan: Angkatan, to: str, user) -> Angkatan:
    """Move an angkatan one step forward in its life.

    The row is locked so that two people clicking at once cannot skip a step.
    """
    angkatan = angkatan_terkunci(angkatan)
    if to not in STATUS_ORDER:
        raise ValidationError(
            _("Status “%(status)s” tidak dikenal."), code="status_tidak_dikenal", params={"status": to}
        )
    if not user.has_perm("angkatan.change_angkatan"):
        raise PermissionDenied
    expected = status_next(angkatan.status)
    if to != expected:
        raise ValidationError(
            _("Angkatan berstatus “%(sekarang)s” tidak dapat diubah menjadi “%(tujuan)s”."),
            code="status_tidak_berurutan",
            params={"sekarang": angkatan.get_status_display(), "tujuan": Status(to).label},
        )
    angkatan.status = to
    angkatan.save(update_fields=["status", "updated_at"])
    return angkatan


@transaction.atomic
def angkatan_reopen(*, angkatan: Angkatan, to: str, user) -> Angkatan:
    """Move an angkatan back to an earlier status; only admins may."""
    angkatan = angkatan_terkunci(angkatan)
    if not user.has_perm("angkatan.reopen_angkatan"):
        raise PermissionDenied
    if to not in STATUS_ORDER or STATUS_ORDER.index(to) >= STATUS_ORDER.index(angkatan.status):
        raise ValidationError(
            _("Angkatan hanya dapat dibuka kembali ke status sebelum “%(sekarang)s”."),
            code="status_bukan_mundur",
            params={"sekarang": angkatan.get_status_display()},
        )
    angkatan.status = to
    angkatan.save(update_fields=["status", "updated_at"])
    return angkatan
