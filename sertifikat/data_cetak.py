"""What a certificate printed, kept beside its file when it was made, and what has changed since."""

import datetime
import hashlib

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from diklat.nip import mask_nip
from peserta.models import Pendaftaran
from sertifikat.models import Sertifikat


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
