"""Run `celery` with every progress report of a job slowed down, so that a test can kill the worker mid-job.

Used by the fault tests in place of the `celery` program: ``python pekerja_lambat.py -A diklat worker …``.
``DIKLAT_UJI_LAMBAT`` is the pause before each report (seconds), ``DIKLAT_UJI_LAPOR_TIAP`` how many rows
of an export go between two reports.
"""

import os
import sys
import time

import django

django.setup()

from celery.__main__ import main  # noqa: E402 (after Django is set up, as the worker needs)

from diklat.tugas import services  # noqa: E402
from peserta.ekspor import lintas  # noqa: E402

_lapor = services.tugas_lapor
_jeda = float(os.environ.get("DIKLAT_UJI_LAMBAT", "0.5"))


def lapor_lambat(**kwargs) -> None:
    time.sleep(_jeda)
    _lapor(**kwargs)


services.tugas_lapor = lapor_lambat
lintas.LAPOR_TIAP = int(os.environ.get("DIKLAT_UJI_LAPOR_TIAP", lintas.LAPOR_TIAP))

if __name__ == "__main__":
    sys.argv[0] = "celery"
    sys.exit(main())
