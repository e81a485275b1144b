"""Telling a graduate by e-mail that their certificate is ready: its number and a link to the portal, never the PDF."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from diklat.models import Surel
from diklat.surel.services import surel_kirim, tautan_mutlak
from peserta.akun.services import BAHASA_PESERTA, akun_aktif
from peserta.models import Pendaftaran
from sertifikat.models import Sertifikat


def kunci_surel_siap(sertifikat: Sertifikat) -> str:
    """Return the outbox key of a certificate's message: one message per version, however often its work runs."""
    return f"sertifikat_siap:{sertifikat.pk}"


def sertifikat_siap_kabari(*, sertifikat: Sertifikat) -> Surel | None:
    """E-mail the graduate that this version of their certificate is ready, once; return the message, if any.

    Called in the transaction that makes it ready, so the message goes out after that commits (and not
    at all if it does not). A re-issued version gets its own message, saying it replaces the earlier
    one. The message is keyed by the certificate (``kunci_surel_siap``): a task retried or delivered
    twice finds it made and queues nothing more. Nobody without an address on their record is
    written to; the certificate is on the portal all the same.
    """
    pendaftaran = Pendaftaran.objects.select_related("peserta__user", "angkatan__program", "angkatan__venue").get(
        pk=sertifikat.pendaftaran_id
    )
    peserta = pendaftaran.peserta
    if not peserta.email:
        return None
    konteks = {
        "nama": peserta.nama_lengkap,
        "angkatan": pendaftaran.angkatan,
        "nomor": sertifikat.nomor,
        "terbit_ulang": sertifikat.versi > 1,
        "tautan": tautan_mutlak(reverse("peserta:portal-pelatihan", args=[pendaftaran.pk])),
        # Someone who never opened their account is shown the way to; the portal is where the file is.
        "akun_aktif": akun_aktif(peserta.user),
        "tautan_aktivasi": tautan_mutlak(reverse("peserta:aktivasi-minta")),
    }
    with translation.override(BAHASA_PESERTA):
        if sertifikat.versi > 1:
            subjek = _("Sertifikat pelatihan Anda diterbitkan ulang: %(nomor)s")
        else:
            subjek = _("Sertifikat pelatihan Anda sudah terbit: %(nomor)s")
        return surel_kirim(
            kepada=peserta.email,
            jenis="sertifikat_siap",
            subjek=subjek % {"nomor": sertifikat.nomor},
            template="sertifikat/surel/siap",
            konteks=konteks,
            user=peserta.user,
            bahasa=BAHASA_PESERTA,
            kunci=kunci_surel_siap(sertifikat),
        )
