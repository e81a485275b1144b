"""Writes of the exports of enrolments: starting an export across angkatan as a background job.

What the job's worker then runs is ``peserta.ekspor.lintas.ekspor_lintas_build``.
"""

import functools

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from diklat.models import Tugas
from diklat.tugas.services import tugas_create, tugas_kirim_setelah_commit, tugas_tidak_terkirim
from peserta.ekspor.lintas import FORMAT_TUGAS, JENIS
from peserta.ekspor.tasks import susun_ekspor_lintas
from peserta.models import TugasEkspor


def ekspor_lintas_start(*, user, parameter: dict, total: int) -> Tugas:
    """Queue the export described by ``parameter`` (filters, columns, order, format) as a job of ``user``'s."""
    if parameter.get("format") not in FORMAT_TUGAS:
        raise ValidationError(_("Format ini tidak dapat disusun di latar belakang."), code="format_tugas")
    with transaction.atomic():
        tugas = tugas_create(jenis=JENIS, dibuat_oleh=user, total=total)
        TugasEkspor.objects.create(tugas=tugas, parameter={**parameter, "bahasa": translation.get_language()})
        tugas_kirim_setelah_commit(
            susun_ekspor_lintas,
            tugas.pk,
            nama="kirim_ekspor_lintas",
            gagal=functools.partial(tugas_tidak_terkirim, tugas_id=tugas.pk),
        )
    return tugas
