"""A certificate number made from its program's pattern, e.g. ``0001/STTP/PTSPD-III/BPSDM/2026``."""

from __future__ import annotations


def nomor_sertifikat_format(*, pola: str, urut: int, kode_program: str, angkatan_romawi: str, tahun: int) -> str:
    """Fill a program's number pattern with one number's parts.

    The pattern was checked by ``diklat.validators.validate_pola_nomor`` when it was saved, so it holds
    only the four placeholders and a small zero-padded width.
    """
    return pola.format(seq=urut, program=kode_program, angkatan=angkatan_romawi, year=tahun)
