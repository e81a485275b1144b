"""Public verification of certificates (by code or by file): read-only.

What the public page may show is gathered in ``RingkasanPublik``: the template gets
strings, never the person, so a birth date, address, e-mail or phone cannot slip in. Revoking is a
write (``sertifikat.services.sertifikat_revoke``); what a certificate printed, and what has changed
since, is in ``sertifikat.data_cetak``.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from angkatan.hari_pelatihan import rentang_tanggal, tanggal_panjang
from sertifikat.data_cetak import data_cetak
from sertifikat.models import Sertifikat

Status = Sertifikat.Status

# Once issued, a certificate stays verifiable for ever; pending, rendering and failed ones were never issued.
STATUS_TERBIT = (Status.READY, Status.REVOKED, Status.REPLACED)
# What the current version of a replaced certificate may be.
STATUS_VERSI_TERKINI = (Status.READY, Status.REVOKED)
# Codes are secrets.token_urlsafe(16) (22 characters); anything that could not be one is not looked up.
_KODE = re.compile(r"[A-Za-z0-9_-]{1,32}", re.ASCII)


def kode_mungkin(kode: str) -> bool:
    """Return whether a string could be a verification code (URL-safe base64, at most the column's length)."""
    return isinstance(kode, str) and _KODE.fullmatch(kode) is not None


def _terbit():
    return Sertifikat.objects.filter(status__in=STATUS_TERBIT).select_related(
        "pendaftaran__peserta", "pendaftaran__angkatan__program", "pendaftaran__angkatan__venue"
    )


def versi_terkini(*, sertifikat: Sertifikat) -> Sertifikat | None:
    """Return the version that replaced a certificate: the highest ready (or revoked) one of its enrolment."""
    return (
        Sertifikat.objects.filter(
            pendaftaran_id=sertifikat.pendaftaran_id, versi__gt=sertifikat.versi, status__in=STATUS_VERSI_TERKINI
        )
        .order_by("-versi")
        .first()
    )


def _dengan_versi_terkini(sertifikat: Sertifikat | None) -> Sertifikat | None:
    if sertifikat is not None:
        # A revoked certificate may have been corrected and issued again under the same number.
        sertifikat.versi_terkini = (
            versi_terkini(sertifikat=sertifikat) if sertifikat.status in (Status.REPLACED, Status.REVOKED) else None
        )
    return sertifikat


def sertifikat_for_verification(*, kode: str) -> Sertifikat | None:
    """Return the issued certificate with this verification code, or None.

    A replaced certificate comes with ``versi_terkini``, the version that took its
    place (None while that one is not issued yet); others have ``versi_terkini = None``.
    Odd input (too long, unicode, NUL) is simply not found, without a query.
    """
    if not kode_mungkin(kode):
        return None
    return _dengan_versi_terkini(_terbit().filter(kode_verifikasi=kode).first())


def sertifikat_by_file(*, data: bytes) -> Sertifikat | None:
    """Return the issued certificate whose PDF has exactly these bytes, or None.

    Superseded and revoked versions keep their hash, so an old print-out is still
    recognised as genuine (and shown as replaced or revoked).
    """
    digest = hashlib.sha256(data).hexdigest()
    return _dengan_versi_terkini(_terbit().filter(sha256=digest).order_by("-versi").first())


@dataclass(frozen=True)
class RingkasanPublik:
    """What anyone holding a certificate may read about it; no more personal data than needed."""

    status: str
    nama_lengkap: str
    nip: str
    program: str
    angkatan: str
    tahun: int
    tanggal: str
    tempat: str
    hasil: str
    nomor: str
    versi: int
    tanggal_terbit: str
    alasan_pencabutan: str
    tanggal_dicabut: str
    kode_versi_terkini: str

    @property
    def sah(self) -> bool:
        return self.status == Status.READY

    @property
    def dicabut(self) -> bool:
        return self.status == Status.REVOKED

    @property
    def diganti(self) -> bool:
        return self.status == Status.REPLACED


def _tanggal_lokal(waktu: datetime.datetime | None) -> str:
    return tanggal_panjang(timezone.localdate(waktu)) if waktu else ""


def ringkasan_publik(*, sertifikat: Sertifikat) -> RingkasanPublik:
    """Return the public summary of an issued certificate (from ``sertifikat_for_verification`` or ``_by_file``)."""
    # What the PDF printed when it was made; a record from before that was kept reads today's data.
    data = sertifikat.data_cetak or data_cetak(sertifikat)
    if data["dengan_evaluasi"]:
        hasil = data["predikat"] or _("Lulus")
    else:
        hasil = _("Telah mengikuti")
    terkini = getattr(sertifikat, "versi_terkini", None)
    tanggal = datetime.date.fromisoformat
    return RingkasanPublik(
        status=sertifikat.status,
        nama_lengkap=data["nama_lengkap"],
        nip=data["nip"],
        program=data["program"],
        angkatan=_("Angkatan %(nomor)s") % {"nomor": data["angkatan"]},
        tahun=data["tahun"],
        tanggal=rentang_tanggal(tanggal(data["tanggal_mulai"]), tanggal(data["tanggal_selesai"])),
        tempat=data["tempat"],
        hasil=hasil,
        nomor=sertifikat.nomor,
        versi=sertifikat.versi,
        # The date printed on the certificate, which the holder compares; not the day its PDF was rendered.
        tanggal_terbit=tanggal_panjang(tanggal(data["tanggal_terbit"])),
        alasan_pencabutan=sertifikat.alasan_pencabutan if sertifikat.status == Status.REVOKED else "",
        tanggal_dicabut=_tanggal_lokal(sertifikat.dicabut_pada) if sertifikat.status == Status.REVOKED else "",
        kode_versi_terkini=terkini.kode_verifikasi if terkini else "",
    )
