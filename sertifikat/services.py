"""Writes about certificates: issuing a number to a graduate, once."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from peserta.models import Pendaftaran
from sertifikat.models import Sertifikat
from sertifikat.numbering import certificate_number_next


@transaction.atomic
def sertifikat_issue(*, pendaftaran: Pendaftaran) -> Sertifikat:
    """Give a graduate their certificate record and number, or return the one they have.

    The enrolment row is locked first, so issuing the same certificate twice
    at once (a double click, two workers) yields one record and one number.
    """
    pendaftaran = (
        Pendaftaran.objects.select_for_update().select_related("angkatan__program", "peserta").get(pk=pendaftaran.pk)
    )
    ada = pendaftaran.sertifikat.order_by("-versi").first()
    if ada is not None:
        return ada
    if pendaftaran.status != Pendaftaran.Status.LULUS:
        raise ValidationError(
            _("Sertifikat hanya untuk peserta yang lulus; %(nama)s berstatus “%(status)s”."),
            code="belum_lulus",
            params={"nama": pendaftaran.peserta.nama_lengkap, "status": pendaftaran.get_status_display()},
        )
    angkatan = pendaftaran.angkatan
    nomor = certificate_number_next(angkatan=angkatan)
    sertifikat = Sertifikat(
        pendaftaran=pendaftaran,
        program=angkatan.program,
        tahun=nomor.tahun,
        urut=nomor.urut,
        nomor=nomor.nomor,
    )
    sertifikat.full_clean()
    sertifikat.save()
    return sertifikat
