"""The certificate columns of the exports of enrolments (number and status), given through ``kolom_ekspor``."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from diklat.ekspor.kolom import Kolom
from peserta.ekspor.kolom import KolomPendaftaran
from sertifikat.models import Sertifikat

# Every version of an enrolment's certificate, newest first, read once for the whole export.
_VERSI = Prefetch("sertifikat", queryset=Sertifikat.objects.order_by("-versi"), to_attr="sertifikat_versi")


def _terbaru(pendaftaran) -> Sertifikat | None:
    versi = getattr(pendaftaran, "sertifikat_versi", None)
    return versi[0] if versi else None


def _nomor(pendaftaran) -> str:
    sertifikat = _terbaru(pendaftaran)
    return sertifikat.nomor if sertifikat else ""


def _nomor_diserahkan(pendaftaran) -> str:
    # A receipt sheet lists what is handed over: a revoked certificate is not, its cell stays empty.
    sertifikat = _terbaru(pendaftaran)
    return sertifikat.nomor if sertifikat and sertifikat.status != Sertifikat.Status.REVOKED else ""


def _status(pendaftaran) -> str:
    sertifikat = _terbaru(pendaftaran)
    return sertifikat.get_status_display() if sertifikat else ""


def kolom_sertifikat(sender, *, daftar: str, **kwargs) -> list[KolomPendaftaran]:
    """The certificate's number and the status of its newest version, for every export of enrolments.

    On the certificate receipt sheet (``daftar="tanda_terima"``) a revoked certificate has no number.
    """
    nomor = _nomor_diserahkan if daftar == "tanda_terima" else _nomor
    return [
        KolomPendaftaran(Kolom("nomor_sertifikat", _("Nomor sertifikat"), "teks", 30), nomor, (_VERSI,)),
        KolomPendaftaran(Kolom("status_sertifikat", _("Status sertifikat")), _status, (_VERSI,)),
    ]
