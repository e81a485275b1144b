"""Public verification of certificates (by code or by file): read-only.

What the public page may show is gathered in ``RingkasanPublik``: the template gets
strings, never the person, so a birth date, address, e-mail or phone cannot slip in. Revoking is a
write (``sertifikat.services.sertifikat_revoke``); what a certificate printed, and what has changed
since, is in ``sertifikat.data_cetak``.

The summary of a code is kept in the site's cache (``ringkasan_untuk_kode``) for
``VERIFIKASI_CACHE_DETIK``: a whole class scanning its QR codes at once reads the database once per
certificate. The services that change what the page says (revoking, a new version made ready, which
replaces the older ones) call ``ringkasan_lupakan``, so the page changes at once.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone, translation
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


# The cached summaries ----------------------------------------------------------------------------------------


def _kunci_ringkasan(kode: str, bahasa: str) -> str:
    return f"verifikasi:ringkasan:{bahasa}:{kode}"


def ringkasan_untuk_kode(*, kode: str) -> RingkasanPublik | None:
    """Return the public summary of the issued certificate with this code, or None; from the cache when it is there.

    Kept per code and language (the summary holds translated words and dates) for
    ``VERIFIKASI_CACHE_DETIK`` (0: never kept). A code that finds nothing is not kept: a guesser's
    codes would only fill the cache, and a certificate made ready later must be found at once.
    """
    if not kode_mungkin(kode):
        return None
    detik = settings.VERIFIKASI_CACHE_DETIK
    kunci = _kunci_ringkasan(kode, translation.get_language())
    if detik:
        tersimpan = cache.get(kunci)
        if tersimpan is not None:
            try:
                return RingkasanPublik(**tersimpan)
            except TypeError:  # kept by an earlier release whose summary had other fields
                pass
    sertifikat = sertifikat_for_verification(kode=kode)
    if sertifikat is None:
        return None
    ringkasan = ringkasan_publik(sertifikat=sertifikat)
    if detik:
        cache.set(kunci, dataclasses.asdict(ringkasan), detik)
    return ringkasan


def ringkasan_lupakan(*, pendaftaran_id: int) -> None:
    """Forget the cached pages of every version of an enrolment's certificate once the transaction commits.

    Every version, since a page names the version that replaced it. Forgotten only after the commit: a
    page read before then would otherwise be kept again with what is about to change. A page being read
    while the change commits may still be kept as it was, for at most ``VERIFIKASI_CACHE_DETIK``.
    """
    if not settings.VERIFIKASI_CACHE_DETIK:
        return
    kode = Sertifikat.objects.filter(pendaftaran_id=pendaftaran_id).values_list("kode_verifikasi", flat=True)
    kunci = [_kunci_ringkasan(k, bahasa) for k in kode for bahasa, _nama in settings.LANGUAGES]
    transaction.on_commit(lambda: cache.delete_many(kunci))
