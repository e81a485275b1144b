"""A limit on requests per client address and minute, for the public verification pages.

The counting (a fixed window in Django's cache) is the site's, ``diklat.batas``; this module says
what the verification pages allow (``VERIFIKASI_BATAS_PER_MENIT``) and what they answer beyond it.
"""

from __future__ import annotations

import functools
import time

from django.conf import settings

from diklat.batas import halaman_terlalu_banyak, hitung_permintaan
from diklat.batas import klien_dihitung as alamat_klien

__all__ = ["JENDELA_DETIK", "alamat_klien", "batasi_permintaan", "hitung_permintaan"]

JENDELA_DETIK = 60


def batasi_permintaan(lingkup: str = "verifikasi"):
    """Decorate a view so that one address gets at most ``VERIFIKASI_BATAS_PER_MENIT`` requests a minute.

    Beyond it the view does not run: the client gets a 429 page in Indonesian with
    ``Retry-After``. Every method counts, and views with the same ``lingkup`` share
    one count (a page view and a PDF check alike).
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            jumlah, sisa = hitung_permintaan(
                lingkup=lingkup, klien=alamat_klien(request), jendela=JENDELA_DETIK, sekarang=time.time()
            )
            if jumlah > settings.VERIFIKASI_BATAS_PER_MENIT:
                return halaman_terlalu_banyak(
                    request, detik=sisa, pesan="", template="sertifikat/verifikasi/terlalu_banyak.html"
                )
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
