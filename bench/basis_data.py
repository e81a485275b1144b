"""A throwaway database for a bench: created beside DATABASE_URL's, migrated, dropped afterwards."""

import contextlib
import os
from collections.abc import Iterator


@contextlib.contextmanager
def basis_data_sementara(awalan: str) -> Iterator[None]:
    """Run the block against a fresh, migrated database named ``<awalan>_<pid>``; drop it after."""
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = f"{awalan}_{os.getpid()}"
    setup_test_environment()
    nama_asli = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(nama_asli, verbosity=0)
        teardown_test_environment()


def angkatan_bench(*, nama: str, kode: str, kuota: int, mulai):
    """Create a program and its open Angkatan I of five days from ``mulai``, for a bench to fill."""
    import datetime

    from angkatan.models import Angkatan
    from diklat.models import Program

    program = Program.objects.create(nama=nama, kode=kode)
    return Angkatan.objects.create(
        program=program,
        nomor=1,
        tahun=mulai.year,
        tanggal_mulai=mulai,
        tanggal_selesai=mulai + datetime.timedelta(days=4),
        kuota=kuota,
        status=Angkatan.Status.OPEN,
    )
