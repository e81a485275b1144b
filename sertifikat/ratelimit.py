"""A limit on requests per client address and minute, for the public verification pages.

A fixed window per minute in Django's cache: ``cache.add`` starts a window's counter and
``cache.incr`` counts, both atomic in Redis and memcached (and in the per-process locmem
cache), so parallel requests cannot slip past the limit together. With the default locmem
cache the limit holds per process; ``CACHE_URL`` pointing at Redis makes it hold per site.
"""

from __future__ import annotations

import functools
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

from diklat.klien import alamat_klien as alamat_klien_situs

JENDELA_DETIK = 60


def alamat_klien(request) -> str:
    """Return who asks, as the limit counts them (``diklat.klien.alamat_klien``); an unreadable address counts as one."""
    return alamat_klien_situs(request) or "tidak-dikenal"


def hitung_permintaan(*, lingkup: str, klien: str, sekarang: float | None = None) -> tuple[int, int]:
    """Count one request in the current minute; return the count so far and the seconds left in the window."""
    sekarang = time.time() if sekarang is None else sekarang
    jendela = int(sekarang // JENDELA_DETIK)
    key = f"batas:{lingkup}:{klien}:{jendela}"
    # A little longer than the window, so the key cannot expire between add and incr near its end.
    cache.add(key, 0, timeout=JENDELA_DETIK + 5)
    try:
        jumlah = cache.incr(key)
    except ValueError:
        # Evicted in between (a full cache): start again rather than fail the request.
        cache.set(key, 1, timeout=JENDELA_DETIK + 5)
        jumlah = 1
    sisa = max(1, math.ceil((jendela + 1) * JENDELA_DETIK - sekarang))
    return jumlah, sisa


def batasi_permintaan(lingkup: str = "verifikasi"):
    """Decorate a view so that one address gets at most ``VERIFIKASI_BATAS_PER_MENIT`` requests a minute.

    Beyond it the view does not run: the client gets a 429 page in Indonesian with
    ``Retry-After``. Every method counts, and views with the same ``lingkup`` share
    one count (a page view and a PDF check alike).
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            jumlah, sisa = hitung_permintaan(lingkup=lingkup, klien=alamat_klien(request))
            if jumlah > settings.VERIFIKASI_BATAS_PER_MENIT:
                response = render(request, "sertifikat/verifikasi/terlalu_banyak.html", {"detik": sisa}, status=429)
                response["Retry-After"] = str(sisa)
                response["X-Robots-Tag"] = "noindex"
                return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
