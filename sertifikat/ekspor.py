"""The certificate columns of the exports of enrolments (number and status), given through ``kolom_ekspor``."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from diklat.ekspor.kolom import Kolom
from peserta.ekspor.kolom import KolomPendaftaran, label_pilihan
from sertifikat.models import Sertifikat

# Every version of an enrolment's certificate, newest first, read once for the whole export.
_VERSI = Prefetch("sertifikat", queryset=Sertifikat.objects.order_by("-versi"), to_attr="sertifikat_versi")


def _terbaru(pendaftaran) -> Sertifikat | None:
    versi = getattr(pendaftaran, "sertifikat_versi", None)
    return versi[0] if versi else None


def _nomor(pendaftaran) -> str:
    sertifikat = _terbaru(pendaftaran)
    return sertifikat.nomor if sertifikat else ""


def _status(pendaftaran) -> str:
    sertifikat = _terbaru(pendaftaran)
    return label_pilihan(Sertifikat.Status, sertifikat.status) if sertifikat else ""


def kolom_sertifikat(sender, *, daftar: str, **kwargs) -> list[KolomPendaftaran]:
    """The certificate's number and the status of its newest version, for every export of enrolments."""
    return [
        KolomPendaftaran(Kolom("nomor_sertifikat", _("Nomor sertifikat"), "teks", 30), _nomor, (_VERSI,)),
        KolomPendaftaran(Kolom("status_sertifikat", _("Status sertifikat")), _status, (_VERSI,)),
    ]
