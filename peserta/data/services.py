"""Writes of a person's data: creating or updating a person by NIP, corrections, and the change of a NIP."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from diklat.jejak import jejak_sebagai
from diklat.nip import parse_nip
from diklat.validators import validate_bukan_rumus
from peserta.models import PESERTA_ISIAN, PESERTA_UBAH, Peserta

PESERTA_FIELDS = PESERTA_ISIAN


# A person by NIP --------------------------------------------------------------------------------------------------


def nip_dibaca(nip: object) -> str:
    """Return the 18 digits of a NIP typed any way, or refuse it as an error of the ``nip`` field."""
    try:
        return parse_nip(nip).digits
    except ValidationError as error:
        raise ValidationError({"nip": error}) from None


def peserta_upsert(*, nip: object, data: Mapping[str, Any], user=None) -> tuple[Peserta, bool]:
    """Create the person with this NIP, or update their data; return ``(peserta, created)``.

    ``data`` holds fields of ``PESERTA_FIELDS``; a field left out keeps its
    stored value, and a birth date left out is taken from the NIP. Nothing is
    saved when nothing changed, so the audit trail shows only real changes.
    """
    asing = set(data) - set(PESERTA_FIELDS)
    if asing:
        raise TypeError(f"Unknown Peserta fields: {sorted(asing)}")
    digits = nip_dibaca(nip)
    with transaction.atomic():
        peserta = Peserta.objects.select_for_update().filter(nip=digits).first()
        created = peserta is None
        if created:
            peserta = Peserta(nip=digits, tanggal_lahir=parse_nip(digits).tanggal_lahir)
        berubah = _peserta_terapkan(peserta, data, PESERTA_FIELDS)
        if not created and not berubah:
            return peserta, False
        try:
            with transaction.atomic(), jejak_sebagai(user):
                peserta.save()
        except IntegrityError:
            # Someone saved the same new NIP a moment ago, between our check and our insert.
            raise ValidationError(
                {"nip": _("NIP ini baru saja didaftarkan oleh pengguna lain; muat ulang halaman lalu coba lagi.")},
                code="nip_bentrok",
            ) from None
        if "email" in berubah:
            _akun_email_samakan(peserta)
    return peserta, created


def _peserta_terapkan(peserta: Peserta, data: Mapping[str, Any], kolom: Iterable[str]) -> list[str]:
    """Put ``data`` on the person and check it (``full_clean``); return the names of ``kolom`` that changed.

    An empty text field is stored as "", a birth date left empty keeps the stored one (the NIP's), and a
    person without a province takes the one of their kab/kota. Nothing is saved here.
    """
    kolom = tuple(kolom)
    sebelum = {name: getattr(peserta, _attname(name)) for name in kolom}
    for name, value in data.items():
        if name == "tanggal_lahir" and value is None:
            continue
        setattr(peserta, name, "" if value is None and _is_text(name) else value)
    if peserta.provinsi_id is None and peserta.kabupaten_kota_id is not None:
        peserta.provinsi = peserta.kabupaten_kota.provinsi
    peserta.full_clean()
    return [name for name in kolom if getattr(peserta, _attname(name)) != sebelum[name]]


def _attname(name: str) -> str:
    field_ = Peserta._meta.get_field(name)
    return field_.attname


def _is_text(name: str) -> bool:
    return Peserta._meta.get_field(name).get_internal_type() in ("CharField", "TextField", "EmailField")


# Corrections of a person's data ------------------------------------------------------------------------------------


@transaction.atomic
def peserta_update(
    *, peserta: Peserta, data: Mapping[str, Any], user, versi: datetime.datetime | None = None
) -> tuple[Peserta, list[str]]:
    """Correct a person's data; return the person and the labels of the fields that changed.

    ``data`` holds fields of ``PESERTA_UBAH``; a field left out keeps its value. Only what changed is saved
    (nothing at all when nothing did), so the audit trail names who changed which field from what to what.
    ``versi`` is the ``updated_at`` the form was drawn from: when the row has changed since (another officer,
    an import), nothing is saved rather than writing over their change with values they never saw.
    """
    asing = set(data) - set(PESERTA_UBAH)
    if asing:
        raise TypeError(f"Fields not corrected here: {sorted(asing)}")
    peserta = Peserta.objects.select_for_update().get(pk=peserta.pk)
    if versi is not None and peserta.updated_at != versi:
        raise ValidationError(
            _(
                "Data %(nama)s diubah orang lain sejak halaman ini dibuka; tidak ada yang disimpan. "
                "Periksa data terbaru lalu ulangi perubahan Anda."
            ),
            code="peserta_berubah",
            params={"nama": peserta.nama_lengkap},
        )
    berubah = _peserta_terapkan(peserta, data, PESERTA_UBAH)
    if not berubah:
        return peserta, []
    with jejak_sebagai(user):
        peserta.save(update_fields=[*berubah, "updated_at"])
    if "email" in berubah:
        _akun_email_samakan(peserta)
    return peserta, [str(Peserta._meta.get_field(name).verbose_name) for name in berubah]


# What a participant changes of their own: how to reach them ---------------------------------------------------------

KONTAK = ("email", "telepon")


@transaction.atomic
def peserta_kontak_ubah(*, peserta: Peserta, email: str, telepon: str, user) -> tuple[Peserta, list[str]]:
    """Change the e-mail address and phone number of a person, as they do themselves in the portal.

    Return the person and the names of the fields that changed. Their account's address (with which they
    may log in) follows; an address another account already has is refused, so that it names one account.
    Everything else printed on a certificate changes only through staff (a correction request).
    """
    peserta = Peserta.objects.select_for_update().get(pk=peserta.pk)
    email = (email or "").strip()
    if email and get_user_model()._default_manager.filter(email__iexact=email).exclude(pk=peserta.user_id).exists():
        raise ValidationError(
            {"email": _("Alamat e-mail ini sudah dipakai akun lain. Pakai alamat Anda sendiri.")},
            code="email_terpakai",
        )
    berubah = _peserta_terapkan(peserta, {"email": email, "telepon": telepon or ""}, KONTAK)
    if berubah:
        with jejak_sebagai(user):
            peserta.save(update_fields=[*berubah, "updated_at"])
        if "email" in berubah:
            _akun_email_samakan(peserta)
    return peserta, berubah


def _akun_email_samakan(peserta: Peserta) -> None:
    """Give the person's account the person's address: one may log in with it and reset a password by it."""
    if peserta.user_id is not None:
        get_user_model()._default_manager.filter(pk=peserta.user_id).update(email=peserta.email)


def pastikan_nip_belum_dipakai(nip: str, *, kecuali: Peserta | None = None) -> None:
    """Refuse a NIP that another person already holds, naming them (``params["pk"]`` is theirs, to link to)."""
    lain = Peserta.objects.filter(nip=nip).exclude(pk=getattr(kecuali, "pk", None)).first()
    if lain is not None:
        raise ValidationError(
            _("NIP %(nip)s sudah dipakai %(nama)s; satu NIP hanya untuk satu orang."),
            code="nip_dipakai",
            params={"nip": lain.nip_tampil, "nama": lain.nama_lengkap, "pk": lain.pk},
        )


@dataclass
class HasilUbahNip:
    """What changing a NIP changed beside it, for the message staff read afterwards."""

    peserta: Peserta
    nip_lama: str
    tanggal_lahir_lama: datetime.date | None = None
    akun_diubah: bool = False


@transaction.atomic
def peserta_nip_ubah(
    *, peserta: Peserta, nip_baru: object, alasan: str, user, tanggal_lahir_ikut: bool = False
) -> HasilUbahNip:
    """Change a person's NIP (the key by which they are found, enrolled and printed), with a reason for the audit.

    Refused when another person holds the new NIP, and when the birth date in the new NIP is not the one
    stored, unless ``tanggal_lahir_ikut`` says to correct the birth date too: on this site the birth date
    is always the NIP's (enrolment takes it from there and the model refuses a different one), so a NIP
    typed wrong in its first eight digits means a birth date stored wrong. The gender follows the NIP's
    15th digit. A participant account whose username is the old NIP is renamed, since participants log
    in with their NIP. Certificates already issued keep printing the old NIP until they are re-issued
    (the angkatan's Sertifikat tab compares them with today's data and offers it).
    """
    digits = nip_dibaca(nip_baru)
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": _("Alasan wajib diisi: jejak audit mencatat mengapa NIP diubah.")})
    try:
        # The reason is shown in the audit trail, as every reason is, and may end up in an exported sheet.
        validate_bukan_rumus(alasan)
    except ValidationError as error:
        raise ValidationError({"alasan": error}) from None
    peserta = Peserta.objects.select_for_update(of=("self",)).select_related("user").get(pk=peserta.pk)
    hasil = HasilUbahNip(peserta=peserta, nip_lama=peserta.nip)
    if digits == peserta.nip:
        raise ValidationError(
            {"nip_baru": _("NIP baru sama dengan NIP yang tersimpan; tidak ada yang diubah.")}, code="nip_sama"
        )
    pastikan_nip_belum_dipakai(digits, kecuali=peserta)
    lahir = parse_nip(digits).tanggal_lahir
    if lahir != peserta.tanggal_lahir:
        if not tanggal_lahir_ikut:
            raise ValidationError(
                _(
                    "Tanggal lahir menurut NIP baru %(baru)s, sedangkan yang tersimpan %(lama)s. Bila NIP lama "
                    "salah ketik pada tanggal lahirnya, centang “ubah juga tanggal lahir” lalu simpan lagi."
                ),
                code="tanggal_lahir_berbeda",
                params={"baru": date_format(lahir, "j F Y"), "lama": date_format(peserta.tanggal_lahir, "j F Y")},
            )
        hasil.tanggal_lahir_lama = peserta.tanggal_lahir
        peserta.tanggal_lahir = lahir
    akun = peserta.user
    if akun is not None and akun.username == peserta.nip:
        if type(akun).objects.filter(username=digits).exclude(pk=akun.pk).exists():
            raise ValidationError(
                _("Sudah ada akun lain dengan nama pengguna %(nip)s; minta admin memeriksa akun itu dahulu."),
                code="akun_bentrok",
                params={"nip": digits},
            )
        akun.username = digits
        akun.save(update_fields=["username"])
        hasil.akun_diubah = True
    peserta.nip = digits
    peserta._alasan_audit = alasan
    peserta.full_clean()
    try:
        with transaction.atomic(), jejak_sebagai(user):
            peserta.save(update_fields=["nip", "tanggal_lahir", "jenis_kelamin", "updated_at"])
    except IntegrityError:
        # Someone stored the same NIP a moment ago, between our check and our write.
        raise ValidationError(
            _("NIP ini baru saja didaftarkan untuk orang lain; muat ulang halaman lalu periksa."), code="nip_bentrok"
        ) from None
    finally:
        del peserta._alasan_audit
    return hasil
