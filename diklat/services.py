"""Writes to the catalogue: programs with their curriculum and pass rules."""

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from diklat.models import (
    DEFAULT_KOMPONEN_NILAI,
    DEFAULT_PREDIKAT,
    KomponenNilai,
    MataPelatihan,
    Predikat,
    Program,
)


@transaction.atomic
def program_create(
    *,
    nama: str,
    kode: str,
    deskripsi: str = "",
    dengan_evaluasi: bool = True,
    min_kehadiran_persen: Decimal = Decimal("90"),
    mata_pelatihan: Iterable[tuple[str, int]] = (),
    predikat: Iterable[tuple[str, Decimal]] = DEFAULT_PREDIKAT,
    komponen_nilai: Iterable[tuple[str, int]] = DEFAULT_KOMPONEN_NILAI,
) -> Program:
    """Create a program with its curriculum (name, JP) in order, its predikat bands and score components.

    Without explicit bands and components the program gets the defaults of
    DESIGN.md §4 and sikap/perilaku 20, tugas 30, ujian 50.
    """
    program = Program(
        nama=nama,
        kode=kode,
        deskripsi=deskripsi,
        dengan_evaluasi=dengan_evaluasi,
        min_kehadiran_persen=min_kehadiran_persen,
    )
    program.full_clean()
    program.save()
    for urutan, (nama_mp, jp) in enumerate(mata_pelatihan, start=1):
        mp = MataPelatihan(program=program, urutan=urutan, nama=nama_mp, jp=jp)
        mp.full_clean()
        mp.save()
    for nama_predikat, nilai_minimal in predikat:
        band = Predikat(program=program, nama=nama_predikat, nilai_minimal=nilai_minimal)
        band.full_clean()
        band.save()
    if dengan_evaluasi:
        for urutan, (nama_komponen, bobot) in enumerate(komponen_nilai, start=1):
            komponen = KomponenNilai(program=program, urutan=urutan, nama=nama_komponen, bobot=bobot)
            komponen.full_clean()
            komponen.save()
    return program


def program_save(*, form, mata_pelatihan_formset, predikat_formset, komponen_formset) -> Program:
    """Save a validated program form and its inline formsets as one change.

    Raises ValidationError when the database refuses the change: a component
    that scores already use cannot be deleted, and (on databases without
    deferred constraints) two rows cannot swap names in one save.
    """
    try:
        with transaction.atomic():
            program = form.save()
            for formset in (mata_pelatihan_formset, predikat_formset, komponen_formset):
                formset.instance = program
                formset.save()
    except ProtectedError as error:
        raise ValidationError(
            _("Komponen nilai yang sudah dipakai untuk nilai peserta tidak dapat dihapus. Tidak ada yang disimpan."),
            code="komponen_terpakai",
        ) from error
    except IntegrityError as error:
        raise ValidationError(
            _("Dua baris tidak boleh bernama sama atau berbatas nilai sama. Tidak ada yang disimpan."),
            code="baris_ganda",
        ) from error
    return program
