"""Writes about enrolments: the status workflow and the kuota that holds under concurrency."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from angkatan.models import Angkatan
from peserta.models import Pendaftaran, RiwayatStatus

Status = Pendaftaran.Status

# Where each status may go. *Mengundurkan diri* is possible from any state
# before the result; *lulus* and *tidak lulus* are set by finalising results.
TRANSITIONS: dict[str, set[str]] = {
    Status.DIUSULKAN: {Status.DIVERIFIKASI, Status.DITOLAK, Status.MENGUNDURKAN_DIRI},
    Status.DIVERIFIKASI: {Status.MENGIKUTI, Status.DITOLAK, Status.MENGUNDURKAN_DIRI},
    Status.DITOLAK: {Status.DIUSULKAN},
    Status.MENGIKUTI: {Status.LULUS, Status.TIDAK_LULUS, Status.MENGUNDURKAN_DIRI},
    Status.LULUS: set(),
    Status.TIDAK_LULUS: set(),
    Status.MENGUNDURKAN_DIRI: set(),
}
# Statuses that hold a place of the kuota.
STATUS_MENGISI_KUOTA = [Status.DIUSULKAN, Status.DIVERIFIKASI, Status.MENGIKUTI, Status.LULUS, Status.TIDAK_LULUS]
# A reason is required for these moves.
STATUS_PERLU_ALASAN = {Status.DITOLAK, Status.MENGUNDURKAN_DIRI}


def kuota_sisa_terkunci(angkatan: Angkatan) -> int:
    """Lock the angkatan row and return its free places.

    Call inside a transaction before adding enrolments: a second enrolment into
    the same angkatan waits here until the first has committed, so two people
    can never take the last place at once.
    """
    Angkatan.objects.select_for_update().filter(pk=angkatan.pk).get()
    terisi = Pendaftaran.objects.filter(angkatan=angkatan, status__in=STATUS_MENGISI_KUOTA).count()
    return angkatan.kuota - terisi


@transaction.atomic
def pendaftaran_transition(*, pendaftaran: Pendaftaran, ke: str, user, alasan: str = "") -> Pendaftaran:
    """Move an enrolment to status ``ke``, if the workflow allows it, and record who, when and why.

    The row is locked and its status read again, so two people acting on the
    same enrolment at once cannot make a move from a state that is gone.
    """
    pendaftaran = Pendaftaran.objects.select_for_update().select_related("peserta").get(pk=pendaftaran.pk)
    dari = pendaftaran.status
    if ke not in Status.values:
        raise ValidationError(
            _("Status “%(status)s” tidak dikenal."), code="status_tidak_dikenal", params={"status": ke}
        )
    if ke not in TRANSITIONS[dari]:
        raise ValidationError(
            _("%(nama)s berstatus “%(dari)s” dan tidak dapat diubah menjadi “%(ke)s”."),
            code="transisi_tidak_sah",
            params={"nama": pendaftaran.peserta.nama_lengkap, "dari": Status(dari).label, "ke": Status(ke).label},
        )
    alasan = (alasan or "").strip()
    if ke in STATUS_PERLU_ALASAN and not alasan:
        raise ValidationError(
            _("Alasan wajib diisi untuk status “%(ke)s”."), code="alasan_wajib", params={"ke": Status(ke).label}
        )
    if dari == Status.DITOLAK and ke == Status.DIUSULKAN and kuota_sisa_terkunci(pendaftaran.angkatan) <= 0:
        raise ValidationError(_("Kuota angkatan sudah penuh."), code="kuota_penuh")
    pendaftaran.status = ke
    if ke in STATUS_PERLU_ALASAN:
        pendaftaran.alasan = alasan
    pendaftaran.save(update_fields=["status", "alasan", "updated_at"])
    RiwayatStatus.objects.create(pendaftaran=pendaftaran, dari=dari, ke=ke, alasan=alasan, oleh=user)
    return pendaftaran
