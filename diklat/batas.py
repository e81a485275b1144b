"""Limits on requests: so many per window of time, per client address or per account asked about.

A fixed window in Django's cache: ``cache.add`` starts a window's counter and ``cache.incr``
counts, both atomic in Redis and memcached (and in the per-process locmem cache), so parallel
requests cannot slip past a limit together. With the default locmem cache a limit holds per
process; ``CACHE_URL`` pointing at Redis makes it hold per site. Each floor says what it limits
and how much (the public verification pages, the pages that e-mail a link); the counting and the
429 page are here.
"""

from __future__ import annotations

import datetime
import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from diklat.auth import nama_akun
from diklat.klien import alamat_klien


@dataclass(frozen=True)
class Batas:
    """At most ``jumlah`` requests in each window of ``detik`` seconds."""

    jumlah: int
    detik: int


def klien_dihitung(request) -> str:
    """Return who asks, as a limit counts them (``diklat.klien.alamat_klien``); an unreadable address counts as one."""
    return alamat_klien(request) or "tidak-dikenal"


def sasaran_dihitung(teks: str) -> str:
    """Return what a limit per account counts for what was typed: a digest, so the cache holds no NIP or address."""
    return hashlib.sha256(teks.strip().casefold().encode()).hexdigest()[:32]


def hitung_permintaan(
    *, lingkup: str, klien: str, jendela: int = 60, sekarang: float | None = None
) -> tuple[int, int]:
    """Count one request in the current window of ``jendela`` seconds; return the count so far and the seconds left."""
    sekarang = time.time() if sekarang is None else sekarang
    nomor = int(sekarang // jendela)
    key = f"batas:{lingkup}:{jendela}:{klien}:{nomor}"
    # A little longer than the window, so the key cannot expire between add and incr near its end.
    cache.add(key, 0, timeout=jendela + 5)
    try:
        jumlah = cache.incr(key)
    except ValueError:
        # Evicted in between (a full cache): start again rather than fail the request.
        cache.set(key, 1, timeout=jendela + 5)
        jumlah = 1
    sisa = max(1, math.ceil((nomor + 1) * jendela - sekarang))
    return jumlah, sisa


def batas_lewat(*, lingkup: str, kunci: str, batas: Batas, sekarang: float | None = None) -> int | None:
    """Count one request of ``kunci``; return the seconds to wait when it goes beyond the limit, else None."""
    jumlah, sisa = hitung_permintaan(lingkup=lingkup, klien=kunci, jendela=batas.detik, sekarang=sekarang)
    return sisa if jumlah > batas.jumlah else None


def halaman_terlalu_banyak(
    request,
    *,
    detik: int,
    pesan: str,
    judul: str = "",
    kembali: str = "",
    label_kembali: str = "",
    template: str = "diklat/terlalu_banyak.html",
) -> HttpResponse:
    """Answer a request beyond a limit: 429 with ``Retry-After``, a page that says why and when to try again."""
    menit = max(1, math.ceil(detik / 60))
    konteks = {
        "judul": judul,
        "pesan": pesan,
        "detik": detik,
        "menit": menit,
        "pukul": datetime.datetime.fromtimestamp(time.time() + detik, tz=datetime.UTC),
        "kembali": kembali,
        "label_kembali": label_kembali,
    }
    response = render(request, template, konteks, status=429)
    response["Retry-After"] = str(detik)
    response["X-Robots-Tag"] = "noindex"
    return response


# Pages that e-mail a link ----------------------------------------------------------------------------------------


def batas_tautan(request, *, lingkup: str, isian: str | None = None) -> HttpResponse | None:
    """Count a request for a link by e-mail; return the 429 page when it goes beyond a limit, else None.

    Without ``isian`` it counts the client address (``BATAS_TAUTAN_PER_ALAMAT``, every post of the
    form); with it, the account that the NIP or address typed names (``BATAS_TAUTAN_PER_AKUN``),
    however it is typed and whether or not there is one. The caller sends nothing when given a page.
    """
    if isian is None:
        batas, kunci = settings.BATAS_TAUTAN_PER_ALAMAT, klien_dihitung(request)
        pesan = _(
            "Terlalu banyak permintaan tautan dari jaringan Anda dalam satu jam ini; tidak ada surel yang dikirim."
        )
    else:
        batas, kunci = settings.BATAS_TAUTAN_PER_AKUN, sasaran_dihitung(nama_akun(isian))
        pesan = _(
            "Tautan untuk NIP atau alamat e-mail ini sudah beberapa kali diminta dalam satu jam ini; tidak ada surel "
            "baru yang dikirim. Periksa kotak masuk dan folder spam untuk surel yang sudah dikirim."
        )
    tunggu = batas_lewat(
        lingkup=f"{lingkup}:{'alamat' if isian is None else 'akun'}",
        kunci=kunci,
        batas=Batas(batas, settings.BATAS_TAUTAN_JENDELA_DETIK),
    )
    if tunggu is None:
        return None
    return halaman_terlalu_banyak(
        request, detik=tunggu, pesan=pesan, kembali=reverse("login"), label_kembali=_("Kembali ke halaman masuk")
    )
