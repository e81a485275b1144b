"""Certificate numbers: a counter per program and year, taken under a row lock."""

from dataclasses import dataclass

from django.db import transaction

from angkatan.models import Angkatan
from diklat.nomor_sertifikat import nomor_sertifikat_format
from sertifikat.models import PenomoranSertifikat


@dataclass(frozen=True)
class NomorSertifikat:
    tahun: int
    urut: int
    nomor: str


def certificate_numbers_take(*, angkatan: Angkatan, jumlah: int) -> list[NomorSertifikat]:
    """Take the next ``jumlah`` consecutive numbers of the angkatan's program in the angkatan's year.

    Call inside the transaction that stores the certificates: the counter row
    stays locked until it commits, so concurrent workers queue here and a
    transaction that fails gives its numbers back (no gaps, no duplicates).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("certificate numbers must be taken inside the transaction that stores the certificates")
    program = angkatan.program
    PenomoranSertifikat.objects.get_or_create(program=program, tahun=angkatan.tahun)
    counter = PenomoranSertifikat.objects.select_for_update().get(program=program, tahun=angkatan.tahun)
    awal = counter.terakhir + 1
    counter.terakhir += jumlah
    counter.save(update_fields=["terakhir"])
    return [
        NomorSertifikat(
            tahun=angkatan.tahun,
            urut=urut,
            nomor=nomor_sertifikat_format(
                pola=program.pola_nomor_sertifikat,
                urut=urut,
                kode_program=program.kode,
                angkatan_romawi=angkatan.nomor_romawi,
                tahun=angkatan.tahun,
            ),
        )
        for urut in range(awal, counter.terakhir + 1)
    ]
