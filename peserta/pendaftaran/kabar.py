"""What a change of an enrolment tells its person by e-mail: verified, or refused and why.

Written to the address staff keep on the person's record (``Peserta.email``), in Indonesian, through
the site's outbox after the change commits; the change's service calls these inside
``diklat.surel.services.surel_aman``, so a message that cannot be made never undoes the change.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from angkatan.models import Angkatan
from diklat.surel.services import surel_kirim, tautan_mutlak
from peserta.akun.services import BAHASA_PESERTA, akun_aktif, akun_tautan_kirim
from peserta.models import Pendaftaran


def _judul_pelatihan(angkatan: Angkatan) -> str:
    return _("%(program)s Angkatan %(nomor)s Tahun %(tahun)s") % {
        "program": angkatan.program.nama,
        "nomor": angkatan.nomor_romawi,
        "tahun": angkatan.tahun,
    }


def kabar_diverifikasi(*, pendaftaran: Pendaftaran, akun) -> bool:
    """Tell a person their enrolment was verified; return whether a message was queued.

    An account not yet open gets its activation link, in a message that names the training; an open
    one gets the training's dates and place and a link to the participant's portal. Nobody without
    an address is written to (staff hand such a person the link themselves).
    """
    if not akun_aktif(akun):
        return akun_tautan_kirim(user=akun, pendaftaran=pendaftaran)
    peserta = pendaftaran.peserta
    if not peserta.email:
        return False
    with translation.override(BAHASA_PESERTA):
        surel_kirim(
            kepada=peserta.email,
            jenis="pendaftaran_diverifikasi",
            subjek=_("Pendaftaran diverifikasi: %(pelatihan)s")
            % {"pelatihan": _judul_pelatihan(pendaftaran.angkatan)},
            template="peserta/pendaftaran/surel/diverifikasi",
            konteks={
                "nama": peserta.nama_lengkap,
                "angkatan": pendaftaran.angkatan,
                "tautan": tautan_mutlak(reverse("peserta:portal-pelatihan", args=[pendaftaran.pk])),
            },
            user=akun,
            bahasa=BAHASA_PESERTA,
        )
    return True


def kabar_ditolak(*, pendaftaran: Pendaftaran) -> bool:
    """Tell a person their enrolment was refused, with the reason staff gave; return whether a message was queued.

    Written to anyone with an address on their record, whether or not they have an account.
    """
    peserta = pendaftaran.peserta
    if not peserta.email:
        return False
    with translation.override(BAHASA_PESERTA):
        surel_kirim(
            kepada=peserta.email,
            jenis="pendaftaran_ditolak",
            subjek=_("Pendaftaran tidak dapat diterima: %(pelatihan)s")
            % {"pelatihan": _judul_pelatihan(pendaftaran.angkatan)},
            template="peserta/pendaftaran/surel/ditolak",
            konteks={"nama": peserta.nama_lengkap, "angkatan": pendaftaran.angkatan, "alasan": pendaftaran.alasan},
            user=peserta.user,
            bahasa=BAHASA_PESERTA,
        )
    return True
