"""The certificate part of the participant's home, given through ``diklat.signals.portal_pendaftaran``."""

from django.template.loader import render_to_string

from peserta.models import Pendaftaran
from sertifikat.models import Sertifikat

Status = Sertifikat.Status
SEDANG_DIBUAT = {Status.PENDING, Status.RENDERING, Status.FAILED}


def sertifikat_di_portal(sender, pendaftaran: Pendaftaran, request, **kwargs) -> str | None:
    """Show the participant the certificate of one of their trainings: its number and download, or where it stands."""
    # The page sends only the asker's own enrolments; a receiver checks again rather than trust it.
    if not request.user.is_authenticated or pendaftaran.peserta.user_id != request.user.pk:
        return None
    versi = list(Sertifikat.objects.filter(pendaftaran=pendaftaran).order_by("-versi"))
    lulus = pendaftaran.status == Pendaftaran.Status.LULUS
    if not versi and not lulus:
        return None
    berlaku = next((s for s in versi if s.status == Status.READY and s.berkas), None)
    terbaru = versi[0] if versi else None
    return render_to_string(
        "sertifikat/portal/_sertifikat.html",
        {
            "berlaku": berlaku,
            "terbaru": terbaru,
            "sedang_dibuat": terbaru is not None and terbaru.status in SEDANG_DIBUAT,
            "dicabut": terbaru is not None and terbaru.status == Status.REVOKED,
        },
        request=request,
    )
