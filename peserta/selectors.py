"""Reads about people and their enrolments that span relations."""

from django.db.models import QuerySet

from angkatan.models import Angkatan
from peserta.models import Pendaftaran


def roster_for_angkatan(angkatan: Angkatan) -> QuerySet[Pendaftaran]:
    """Return an angkatan's enrolments with everything a roster row shows, in one query."""
    return (
        Pendaftaran.objects.filter(angkatan=angkatan)
        .select_related("peserta", "peserta__pangkat", "peserta__provinsi", "peserta__kabupaten_kota")
        .order_by("peserta__nama", "peserta__nip")
    )
