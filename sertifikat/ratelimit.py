"""A limit on requests per client address and minute, for the public verification pages.

A fixed window per minute in Django's cache: ``cache.add`` starts a window's counter and
``cache.incr`` counts, both atomic in Redis and memcached (and in the per-process locmem
cache), so parallel requests cannot slip past the limit together. With the default locmem
cache the limit holds per process; ``CACHE_URL`` pointing at Redis makes it hold per site.
"""

from __future__ import annotations

import functools
import ipaddress
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

JENDELA_DETIK = 60


def _alamat_asal(request) -> str:
    """Return the address the request came from, past the site's own proxies.

    Without proxies (``DIKLAT_TRUSTED_PROXIES=0``) that is REMOTE_ADDR and X-Forwarded-For is
    ignored: it is whatever the client writes. Behind N proxies of the site, each appends the
    address it saw, so the client is the N-th entry from the right; entries further left are the
    client's own claims and are never trusted.
    """
    jumlah_proxy = settings.VERIFIKASI_PROXY_TEPERCAYA
    if jumlah_proxy > 0:
        diteruskan = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(diteruskan) >= jumlah_proxy:
            return diteruskan[-jumlah_proxy]
    return request.META.get("REMOTE_ADDR", "") or ""


def alamat_klien(request) -> str:
    """Return who asks, as the limit counts them; an IPv6 client usually holds a whole /64, so it counts as one."""
    alamat = _alamat_asal(request)
    try:
        ip = ipaddress.ip_address(alamat)
    except ValueError:
        return "tidak-dikenal"
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)


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
