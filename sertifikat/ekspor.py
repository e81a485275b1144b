"""The certificate columns of the exports of enrolments (number and status), given through ``kolom_ekspor``."""

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from diklat.ekspor.kolom import Kolom, label_pilihan
from peserta.ekspor.kolom import KolomPendaftaran
from sertifikat.models import Sertifikat

# The newest version of the enrolment's certificate, read in the export's own query: one subquery per
# field on the (pendaftaran, versi) index, however many rows the export has.
_TERBARU = Sertifikat.objects.filter(pendaftaran=OuterRef("pk")).order_by("-versi")
_ANOTASI = {
    "sertifikat_nomor": Subquery(_TERBARU.values("nomor")[:1]),
    "sertifikat_status": Subquery(_TERBARU.values("status")[:1]),
}
_label_status = label_pilihan(Sertifikat.Status)


def _nomor(pendaftaran) -> str:
    return pendaftaran.sertifikat_nomor or ""


def _nomor_diserahkan(pendaftaran) -> str:
    # A receipt sheet lists what is handed over: a revoked certificate is not, its cell stays empty.
    if pendaftaran.sertifikat_status == Sertifikat.Status.REVOKED:
        return ""
    return _nomor(pendaftaran)


def _status(pendaftaran) -> str:
    return _label_status(pendaftaran.sertifikat_status)


def kolom_sertifikat(sender, *, daftar: str, **kwargs) -> list[KolomPendaftaran]:
    """The certificate's number and the status of its newest version, for every export of enrolments.

    On the certificate receipt sheet (``daftar="tanda_terima"``) a revoked certificate has no number.
    """
    nomor = _nomor_diserahkan if daftar == "tanda_terima" else _nomor
    return [
        KolomPendaftaran(
            Kolom("nomor_sertifikat", _("Nomor sertifikat"), "teks", 30), nomor, anotasi=_ANOTASI, bidang=()
        ),
        KolomPendaftaran(Kolom("status_sertifikat", _("Status sertifikat")), _status, anotasi=_ANOTASI, bidang=()),
    ]
