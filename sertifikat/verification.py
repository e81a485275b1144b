"""Public verification of certificates (by code or by file) and their revocation.

What the public page may show is gathered in ``RingkasanPublik``: the template gets
strings, never the person, so a birth date, address, e-mail or phone cannot slip in.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from angkatan.hari_pelatihan import rentang_tanggal, tanggal_panjang
from diklat.nip import mask_nip
from diklat.validators import validate_bukan_rumus
from peserta.models import Pendaftaran
from sertifikat.models import Sertifikat

Status = Sertifikat.Status

# Once issued, a certificate stays verifiable for ever; pending, rendering and failed ones were never issued.
STATUS_TERBIT = (Status.READY, Status.REVOKED, Status.REPLACED)
# What the current version of a replaced certificate may be.
STATUS_VERSI_TERKINI = (Status.READY, Status.REVOKED)
ALASAN_PENCABUTAN_MAKS = 500
# Digits with the separators people put in a NIP or a date (19660801 198803 1 001, 01-08-1966).
_DERET_ANGKA = re.compile(r"[0-9][0-9 .\-/]*[0-9]")
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


@transaction.atomic
def sertifikat_revoke(*, sertifikat: Sertifikat, user, alasan: str) -> Sertifikat:
    """Revoke a valid certificate, saying why; the verification page shows it as revoked from then on.

    The row is locked and read again, so two officers revoking at once cannot both
    succeed, and a certificate that is not (or no longer) ready is refused unchanged.
    """
    sertifikat = Sertifikat.objects.select_for_update().get(pk=sertifikat.pk)
    if sertifikat.status == Status.REVOKED:
        raise ValidationError(
            _("Sertifikat %(nomor)s sudah dicabut sebelumnya pada %(tanggal)s."),
            code="sudah_dicabut",
            params={
                "nomor": sertifikat.nomor,
                "tanggal": tanggal_panjang(timezone.localdate(sertifikat.dicabut_pada))
                if sertifikat.dicabut_pada
                else "—",
            },
        )
    if sertifikat.status != Status.READY:
        raise ValidationError(
            _(
                "Hanya sertifikat yang sudah terbit dan berlaku yang dapat dicabut; sertifikat %(nomor)s berstatus “%(status)s”."
            ),
            code="tidak_dapat_dicabut",
            params={"nomor": sertifikat.nomor, "status": sertifikat.get_status_display()},
        )
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError(_("Alasan pencabutan wajib diisi."), code="alasan_wajib")
    if len(alasan) > ALASAN_PENCABUTAN_MAKS:
        raise ValidationError(
            _("Alasan pencabutan paling panjang %(maks)s karakter; yang diisi %(jumlah)s."),
            code="alasan_terlalu_panjang",
            params={"maks": ALASAN_PENCABUTAN_MAKS, "jumlah": len(alasan)},
        )
    if any(sum(c.isdigit() for c in deret) >= 8 for deret in _DERET_ANGKA.findall(alasan)):
        raise ValidationError(
            _(
                "Alasan pencabutan tampil di halaman verifikasi publik: jangan tulis NIP, tanggal lahir "
                "atau nomor pribadi lain di dalamnya."
            ),
            code="alasan_data_pribadi",
        )
    validate_bukan_rumus(alasan)
    sertifikat.status = Status.REVOKED
    sertifikat.alasan_pencabutan = alasan
    sertifikat.dicabut_oleh = user if getattr(user, "is_authenticated", False) else None
    sertifikat.dicabut_pada = timezone.now()
    sertifikat.full_clean()
    sertifikat.save()
    return sertifikat


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


def data_cetak(sertifikat: Sertifikat) -> dict:
    """Return the facts a certificate prints, as they stand now: kept beside its file when made.

    The public page reads the named facts only. The full NIP and the birth place and date, which the
    PDF prints too, are kept as digests, so that a later correction of them can be noticed without
    the snapshot spelling them out. The digests are no secret from whoever reads the database, which
    holds those facts in clear beside them.
    """
    pendaftaran = sertifikat.pendaftaran
    peserta = pendaftaran.peserta
    angkatan = pendaftaran.angkatan
    venue = angkatan.venue
    return {
        "nama_lengkap": peserta.nama_lengkap,
        "nip": mask_nip(peserta.nip),
        "program": angkatan.program.nama,
        "dengan_evaluasi": angkatan.program.dengan_evaluasi,
        "predikat": pendaftaran.predikat,
        "angkatan": angkatan.nomor_romawi,
        "tahun": angkatan.tahun,
        "tanggal_mulai": angkatan.tanggal_mulai.isoformat(),
        "tanggal_selesai": angkatan.tanggal_selesai.isoformat(),
        "tempat": f"{venue.nama}, {venue.kota}" if venue else "",
        "tanggal_terbit": angkatan.tanggal_sertifikat.isoformat(),
        "kota_terbit": angkatan.kota_terbit,
        "penandatangan_nama": angkatan.penandatangan_nama,
        "penandatangan_nip": angkatan.penandatangan_nip_tampil,
        "penandatangan_jabatan": angkatan.penandatangan_jabatan,
        "penandatangan_atas_nama": angkatan.penandatangan_atas_nama,
        "sidik_nip": _sidik(peserta.nip),
        "sidik_lahir": _sidik(f"{peserta.tempat_lahir}|{peserta.tanggal_lahir}"),
    }


def _sidik(teks: str) -> str:
    return hashlib.sha256(f"diklat-sertifikat|{teks}".encode()).hexdigest()[:32]


# What a made certificate prints that staff may correct later, and how the tab names it. The program's
# name is left out: a program renamed later does not make its old certificates wrong.
_DATA_DIPERIKSA = {
    "nama_lengkap": gettext_lazy("Nama"),
    "predikat": gettext_lazy("Predikat"),
    "tanggal_mulai": gettext_lazy("Tanggal mulai"),
    "tanggal_selesai": gettext_lazy("Tanggal selesai"),
    "tempat": gettext_lazy("Tempat"),
    "tanggal_terbit": gettext_lazy("Tanggal terbit"),
}
# Printed too, and kept only since a certificate without a signing official could no longer be made:
# a snapshot from before has none of them, and is not compared on them (it would flag every one).
_DATA_DIPERIKSA_BARU = {
    "kota_terbit": gettext_lazy("Kota terbit"),
    "penandatangan_nama": gettext_lazy("Nama penandatangan"),
    "penandatangan_nip": gettext_lazy("NIP penandatangan"),
    "penandatangan_jabatan": gettext_lazy("Jabatan penandatangan"),
    "penandatangan_atas_nama": gettext_lazy("Baris a.n."),
}
# Printed, yet kept only as digests: the tab says what it is now, not what was printed.
_DATA_DIPERIKSA_SIDIK = {
    "sidik_nip": gettext_lazy("NIP"),
    "sidik_lahir": gettext_lazy("Tempat, tanggal lahir"),
}


def perubahan_sejak_cetak(sertifikat: Sertifikat) -> list[str]:
    """Return, in words for staff, what a made certificate prints that no longer holds.

    A person who no longer passed is said first, for every certificate: theirs is to be revoked,
    the others re-issued. The printed facts are compared with those kept beside the file when it was
    made (a certificate made before they were kept is not compared). Rank, position and agency are
    not: the certificate states them as they were during the training.
    """
    pendaftaran = sertifikat.pendaftaran
    lulus = pendaftaran.status == Pendaftaran.Status.LULUS
    perubahan = []
    if not lulus:
        perubahan.append(_("kini berstatus “%(status)s”") % {"status": pendaftaran.get_status_display()})
    tercetak = sertifikat.data_cetak
    if not tercetak:
        return perubahan
    kini = data_cetak(sertifikat)
    for kunci, label in (_DATA_DIPERIKSA | _DATA_DIPERIKSA_BARU).items():
        if kunci == "predikat" and (not kini["dengan_evaluasi"] or not lulus):
            continue
        if kunci in _DATA_DIPERIKSA_BARU and kunci not in tercetak:
            continue  # a snapshot from before it was kept
        if tercetak.get(kunci) != kini[kunci]:
            perubahan.append(
                _("%(apa)s tercetak “%(lama)s”, kini “%(baru)s”")
                % {"apa": label, "lama": _tampil(kunci, tercetak.get(kunci)), "baru": _tampil(kunci, kini[kunci])}
            )
    tampil_kini = {
        "sidik_nip": pendaftaran.peserta.nip_tampil,
        "sidik_lahir": pendaftaran.peserta.tempat_tanggal_lahir,
    }
    if "sidik_nip" not in tercetak and tercetak.get("nip") != kini["nip"]:
        # Kept before the digests were: the masked NIP (birth year and last digits) is all there is.
        perubahan.append(
            _("%(apa)s tercetak “%(lama)s”, kini “%(baru)s”")
            % {"apa": _("NIP"), "lama": tercetak.get("nip") or "—", "baru": kini["nip"]}
        )
    for kunci, label in _DATA_DIPERIKSA_SIDIK.items():
        if kunci in tercetak and tercetak[kunci] != kini[kunci]:
            perubahan.append(
                _("%(apa)s dikoreksi sejak dicetak, kini “%(baru)s”") % {"apa": label, "baru": tampil_kini[kunci]}
            )
    return perubahan


def _tampil(kunci: str, nilai) -> str:
    if kunci.startswith("tanggal") and nilai:
        return date_format(datetime.date.fromisoformat(nilai), "j F Y")
    return str(nilai or "—")


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
