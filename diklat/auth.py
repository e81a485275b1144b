"""Logging in: by NIP, username or e-mail address, throttled per account and per address (django-axes).

The NIP is printed on every certificate and holds the birth date (DESIGN.md §4): it names an account,
it never opens one. Every way in needs the account's password.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from math import ceil

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.db.models import Max, Sum
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils import timezone

from diklat.nip import parse_nip


def pengguna_dengan_email(email: str):
    """Return the one active user whose e-mail address this is (any case), or None when none or several have it."""
    email = (email or "").strip()
    if "@" not in email:
        return None
    pengguna = list(get_user_model()._default_manager.filter(email__iexact=email, is_active=True)[:2])
    return pengguna[0] if len(pengguna) == 1 else None


def nama_akun(isian: str) -> str:
    """Return the username that what someone typed in the login box names.

    The NIP however it is typed (``19680512 199403 1 004``, ``NIP. 19680512.199403.1.004``) is the
    participant's username, its 18 digits; an e-mail address of exactly one active user is that user's
    username; anything else (a staff username) stays as typed, an unknown address in lower case.
    """
    isian = (isian or "").strip()
    try:
        return parse_nip(isian).digits
    except ValidationError:
        pass
    if "@" in isian:
        pengguna = pengguna_dengan_email(isian)
        return pengguna.get_username() if pengguna else isian.lower()
    return isian


# What django-axes keeps of a username (its AccessAttempt.username is 255 characters long).
AXES_PANJANG_NAMA = 255


def nama_akun_percobaan(request, credentials: dict | None = None) -> str:
    """Tell django-axes which account a login attempt is for (``AXES_USERNAME_CALLABLE``)."""
    if credentials:
        isian = credentials.get("username")
    else:
        isian = getattr(request, "POST", {}).get("username")
    # Whatever was typed, what axes stores fits its column (a username of 150, an address of 254 at most).
    return nama_akun(str(isian or "")[:AXES_PANJANG_NAMA])[:AXES_PANJANG_NAMA]


def percobaan_masuk_hapus(*, username: str) -> int:
    """Forget the failed logins against one account (after a successful login or a new password), not its addresses'."""
    if not username:
        return 0
    jumlah, _ = AccessAttempt.objects.filter(username=username).delete()
    return jumlah


class PenjagaMasuk(AxesStandaloneBackend):
    """Refuse logins of a locked account or address (django-axes), first of the authentication backends.

    Every login through the site (the login page, the admin's) passes its request. Without one the call
    comes from code, not from a visitor (Django's test client ``login``, a shell): nothing to throttle.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class EmailBackend(ModelBackend):
    """Let a user log in with their e-mail address (any case, spaces around ignored) and password.

    Only an address that exactly one active user has opens anything: where two accounts share one, the
    address does not say which is meant, and those users log in with their username or NIP.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or not password or "@" not in username:
            return None
        pengguna = pengguna_dengan_email(username)
        if pengguna is None:
            # As long as a real check, so the time taken does not tell which addresses have an account.
            get_user_model()().set_password(password)
            return None
        if pengguna.check_password(password) and self.user_can_authenticate(pengguna):
            return pengguna
        return None


class PencatatPercobaan(AxesDatabaseHandler):
    """django-axes' database handler, where a successful login clears only that account's failures.

    Axes' own reset also deletes every failure from the address that logged in, whatever account they
    were against: whoever guesses at someone else's account could wipe the count by logging into their
    own from the same address now and then.
    """

    def reset_user_attempts(self, request, credentials=None) -> int:
        return percobaan_masuk_hapus(username=get_client_username(request, credentials))

    def get_failures(self, request, credentials=None) -> int:
        """Count the failures against the account, and those from the address weighed against its own limit.

        Axes has one limit for both; an address (a hotel's, a regional office's) is shared by a whole
        class, so its failures count ``AXES_FAILURE_LIMIT / DIKLAT_GAGAL_MASUK_PER_ALAMAT`` each.
        """
        akun, alamat = _gagal_akun_dan_alamat(request, credentials)
        batas = get_failure_limit(request, credentials)
        return max(akun, alamat * batas // settings.DIKLAT_GAGAL_MASUK_PER_ALAMAT)


def _saringan_percobaan(request, credentials) -> list[tuple[dict, int]]:
    """The failures that lock a login, each with its limit: those against the account, those from the address."""
    return [
        ({"username": get_client_username(request, credentials)}, get_failure_limit(request, credentials)),
        ({"ip_address": request.axes_ip_address}, settings.DIKLAT_GAGAL_MASUK_PER_ALAMAT),
    ]


def _gagal_akun_dan_alamat(request, credentials) -> tuple[int, int]:
    sejak = timezone.now() - get_cool_off(request)
    jumlah = [
        AccessAttempt.objects.filter(attempt_time__gte=sejak, **saring).aggregate(n=Sum("failures_since_start"))["n"]
        or 0
        for saring, _batas in _saringan_percobaan(request, credentials)
    ]
    return jumlah[0], jumlah[1]


def _kunci_berakhir(request, credentials) -> datetime | None:
    """Return when the lock on this request's account or address lifts: 15 minutes after the last failure."""
    jeda = get_cool_off(request)
    if not jeda:
        return None
    sejak = timezone.now() - jeda
    akhir = None
    for saring, batas in _saringan_percobaan(request, credentials):
        percobaan = AccessAttempt.objects.filter(attempt_time__gte=sejak, **saring)
        hasil = percobaan.aggregate(jumlah=Sum("failures_since_start"), terakhir=Max("attempt_time"))
        if (hasil["jumlah"] or 0) >= batas and hasil["terakhir"]:
            berakhir = hasil["terakhir"] + jeda
            akhir = berakhir if akhir is None else max(akhir, berakhir)
    return akhir


def halaman_terkunci(request, original_response=None, credentials=None):
    """Answer a locked login with a page that says when to try again (``AXES_LOCKOUT_CALLABLE``), status 429."""
    akhir = _kunci_berakhir(request, credentials) or timezone.now() + (get_cool_off(request) or timedelta())
    menit = max(1, ceil((akhir - timezone.now()).total_seconds() / 60))
    konteks = {"batas": get_failure_limit(request, credentials), "pukul": akhir, "menit": menit}
    return render(request, "registration/terkunci.html", konteks, status=settings.AXES_HTTP_RESPONSE_CODE)


def teks_klien(username, ip_address, user_agent, path_info, request) -> str:
    """How axes names a client in its log lines: the account and address masked, the page by its URL name.

    Axes would write the request's path as it is, and the path of an activation or password link holds
    its one-time token.
    """
    if isinstance(path_info, tuple | list):
        path_info = path_info[0] if path_info else ""
    try:
        cocok = resolve(path_info or "/")
        halaman = cocok.view_name or "?"
    except Resolver404:
        halaman = "?"
    tersamar = "*" * 20
    return f'{{username: "{tersamar}", ip_address: "{tersamar}", halaman: "{halaman}"}}'
