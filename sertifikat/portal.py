"""The certificate part of the participant's home, given through ``diklat.signals.portal_pendaftaran``."""

from django.template.loader import render_to_string

from peserta.models import Pendaftaran
from sertifikat.models import Sertifikat

Status = Sertifikat.Status
SEDANG_DIBUAT = {Status.PENDING, Status.RENDERING, Status.FAILED}


def sertifikat_di_portal(sender, pendaftaran_list: list[Pendaftaran], request, **kwargs) -> dict[int, str]:
    """Show the participant the certificate of each of their trainings: its number and download, or where it stands.

    Answer, by enrolment pk, for all of them from one query.
    """
    if not request.user.is_authenticated:
        return {}
    # The page sends only the asker's own enrolments; a receiver checks again rather than trust it.
    milik = [p for p in pendaftaran_list if p.peserta.user_id == request.user.pk]
    versi_per_pendaftaran: dict[int, list[Sertifikat]] = {}
    if milik:
        for sertifikat in Sertifikat.objects.filter(
            pendaftaran__in=milik, pendaftaran__peserta__user=request.user
        ).order_by("pendaftaran_id", "-versi"):
            versi_per_pendaftaran.setdefault(sertifikat.pendaftaran_id, []).append(sertifikat)
    jawaban = {}
    for pendaftaran in milik:
        versi = versi_per_pendaftaran.get(pendaftaran.pk, [])
        if not versi and pendaftaran.status != Pendaftaran.Status.LULUS:
            continue
        berlaku = next((s for s in versi if s.status == Status.READY and s.berkas), None)
        terbaru = versi[0] if versi else None
        jawaban[pendaftaran.pk] = render_to_string(
            "sertifikat/portal/_sertifikat.html",
            {
                "berlaku": berlaku,
                "terbaru": terbaru,
                "sedang_dibuat": terbaru is not None and terbaru.status in SEDANG_DIBUAT,
                "dicabut": terbaru is not None and terbaru.status == Status.REVOKED,
            },
            request=request,
        )
    return jawaban
