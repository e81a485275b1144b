"""Who asks: the client address that login throttling and the public pages' rate limit count."""

import ipaddress

from django.conf import settings


def alamat_klien(request) -> str | None:
    """Return the address a request comes from, or None when it cannot be read.

    REMOTE_ADDR, unless the site stands behind proxies of its own (``DIKLAT_TRUSTED_PROXIES``): each
    appends the address it saw to X-Forwarded-For, so the client is the N-th entry from the right;
    entries further left are the client's own claim and are never trusted. An IPv6 client usually
    holds a whole /64, so the /64 counts as one address; an IPv4 address mapped into IPv6 is that
    IPv4 address.
    """
    alamat = request.META.get("REMOTE_ADDR", "") or ""
    jumlah_proxy = settings.VERIFIKASI_PROXY_TEPERCAYA
    if jumlah_proxy > 0:
        diteruskan = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(diteruskan) >= jumlah_proxy:
            alamat = diteruskan[-jumlah_proxy]
    try:
        ip = ipaddress.ip_address(alamat)
    except ValueError:
        return None
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
