"""A participant's account: made when an enrolment is verified, opened with a one-time activation link.

The account is a ``User`` whose username is the person's NIP (18 digits), in the role *Peserta*,
linked to exactly one ``Peserta``. It is made without a password; the participant chooses one by
following an activation link. The link is a token in the manner of Django's password reset: it
holds its time and a hash of the account's password, so it stops working once a password is set
(single use) and after ``settings.PASSWORD_RESET_TIMEOUT`` (three days). Staff may hand out as many
links as they like (by e-mail, copied into a message, printed on a slip); the first one used closes
them all.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from diklat.auth import nama_akun
from diklat.roles import ADMIN, PESERTA, STAF
from diklat.surel.services import surel_kirim, tautan_mutlak
from peserta.models import Pendaftaran, Peserta

User = get_user_model()

# The language of what the site writes to participants, whatever language the staff member who acts works in.
BAHASA_PESERTA = "id"


class _TokenAktivasi(PasswordResetTokenGenerator):
    # Its own salt: an activation token is never a password-reset token, nor the other way round.
    key_salt = "diklat.peserta.akun.aktivasi"


token_aktivasi = _TokenAktivasi()


def akun_aktif(user) -> bool:
    """Whether the account has been opened: its owner has chosen a password."""
    return user is not None and user.has_usable_password()


@transaction.atomic
def akun_siapkan(*, peserta: Peserta) -> User:
    """Return the person's account, making it (without a password, in the role Peserta) if they have none.

    Called when an enrolment is verified; calling it again changes nothing. An account already
    named by the NIP but linked to nobody (made by an admin by hand) is taken over; one linked to
    another person is never touched.
    """
    asal = peserta
    peserta = Peserta.objects.select_for_update(of=("self",)).select_related("user").get(pk=peserta.pk)
    if peserta.user is not None:
        asal.user = peserta.user
        return peserta.user
    user = User.objects.filter(username=peserta.nip, peserta__isnull=True).first()
    if user is not None and not _akun_kosong(user):
        # A staff or admin account named by the NIP (staff are civil servants too) is never made a
        # participant's: its address would follow the regional list, and its activation link staff's.
        raise ValidationError(
            _("Akun dengan NIP %(nip)s sudah ada dan bukan akun peserta; hubungi admin."),
            code="akun_terpakai",
            params={"nip": peserta.nip_tampil},
        )
    if user is None:
        if User.objects.filter(username=peserta.nip).exists():
            raise ValidationError(
                _("Akun dengan NIP %(nip)s sudah terhubung dengan orang lain; hubungi admin."),
                code="akun_terpakai",
                params={"nip": peserta.nip_tampil},
            )
        user = User(username=peserta.nip)
        user.set_unusable_password()
    user.first_name = peserta.nama[:150]
    user.email = peserta.email
    user.save()
    user.groups.add(Group.objects.get_or_create(name=PESERTA)[0])
    # The link itself is not audited as a change of the person's data: the account's own row says when it was made.
    Peserta.objects.filter(pk=peserta.pk).update(user=user, updated_at=timezone.now())
    # The caller's copy learns of the account too, so that saving it later does not unlink it.
    asal.user = user
    return user


def tautan_aktivasi(user) -> str:
    """Return a fresh, absolute activation link for the account, on the site's public address."""
    path = reverse(
        "peserta:aktivasi",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": token_aktivasi.make_token(user)},
    )
    return tautan_mutlak(path)


@dataclass(frozen=True)
class HasilTautan:
    """What an activation link found: the account to open, or why not (``alasan``)."""

    user: User | None
    alasan: str = ""  # "", "dipakai", "kedaluwarsa", "tidak_sah"

    @property
    def sah(self) -> bool:
        return self.user is not None and not self.alasan


def _akun_kosong(user) -> bool:
    """Whether an account made by hand may become a participant's: active, with no password, role or flag of staff."""
    return (
        user.is_active
        and not (user.is_staff or user.is_superuser or user.has_usable_password())
        and not user.groups.exclude(name=PESERTA).exists()
    )


def _akun_peserta():
    """The accounts an activation link may open: active participants' accounts, no staff among them."""
    return (
        User.objects.filter(is_active=True, is_staff=False, is_superuser=False, peserta__isnull=False)
        .exclude(groups__name__in=[ADMIN, STAF])
        .select_related("peserta")
    )


def tautan_periksa(uidb64: str, token: str) -> HasilTautan:
    """Read an activation link: valid, already used (the account is open), expired, or not a link of ours."""
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
        user = _akun_peserta().get(pk=pk)
    except (ValueError, TypeError, OverflowError, UnicodeDecodeError, User.DoesNotExist):
        return HasilTautan(None, "tidak_sah")
    if akun_aktif(user):
        return HasilTautan(user, "dipakai")
    if token_aktivasi.check_token(user, token):
        return HasilTautan(user)
    # Not valid: too old, or made up. Its time part says which, without trusting it for anything else.
    waktu, _pisah, sidik = token.partition("-")
    if len(sidik) < 20:
        return HasilTautan(user, "tidak_sah")
    try:
        dibuat = base36_to_int(waktu)
    except ValueError:
        return HasilTautan(user, "tidak_sah")
    umur = token_aktivasi._num_seconds(token_aktivasi._now()) - dibuat
    if umur > settings.PASSWORD_RESET_TIMEOUT:
        return HasilTautan(user, "kedaluwarsa")
    return HasilTautan(user, "tidak_sah")


def berlaku_sampai() -> datetime.datetime:
    """When a link made now stops working."""
    return timezone.localtime() + datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)


def akun_tautan_kirim(*, user, pendaftaran: Pendaftaran | None = None) -> bool:
    """E-mail a fresh activation link to an account not yet opened; return whether a message was queued.

    Nothing is sent to an account already open, or one without an e-mail address (staff hand such
    a person the link themselves). Sent when an enrolment is verified, the message names that
    training (``pendaftaran``). It goes through the site's outbox after the transaction commits.
    """
    if akun_aktif(user) or not user.email:
        return False
    konteks = {
        "nama": user.peserta.nama_lengkap,
        "tautan": tautan_aktivasi(user),
        "berlaku_sampai": berlaku_sampai(),
    }
    if pendaftaran is not None:
        konteks["angkatan"] = pendaftaran.angkatan
    # The subject too in the participant's language, not in the one of the staff member who acts.
    with translation.override(BAHASA_PESERTA):
        surel_kirim(
            kepada=user.email,
            jenis="aktivasi",
            subjek=_("Aktifkan akun peserta pelatihan BPSDM"),
            template="peserta/akun/surel/aktivasi",
            konteks=konteks,
            user=user,
            bahasa=BAHASA_PESERTA,
        )
    return True


def akun_tautan_minta(*, isian: str) -> None:
    """Send a new activation link to the account named by this NIP or e-mail, if there is one to send to.

    The caller answers the same whatever happens here, so the page tells nobody which NIPs or
    addresses have accounts.
    """
    # nama_akun reads the NIP however it is typed, and an e-mail address of exactly one active user.
    user = _akun_peserta().filter(username=nama_akun(isian)).first()
    if user is not None:
        akun_tautan_kirim(user=user)
