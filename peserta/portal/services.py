"""What the participant changes in the portal themselves: how to reach them, and the notice that it changed."""

from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from diklat.surel.services import surel_aman, surel_kirim, tautan_mutlak
from peserta.akun.services import BAHASA_PESERTA
from peserta.data.services import peserta_kontak_ubah
from peserta.models import Peserta


@transaction.atomic
def kontak_saya_ubah(*, peserta: Peserta, email: str, telepon: str, user) -> list[str]:
    """Change the participant's own e-mail address and phone number; return the names of the fields changed.

    When the address changes, the old one is told (in case it was not its owner who changed it); a
    notice that cannot be made never undoes the change.
    """
    lama = peserta.email
    peserta, berubah = peserta_kontak_ubah(peserta=peserta, email=email, telepon=telepon, user=user)
    if "email" in berubah and lama:
        with surel_aman("the notice of a changed e-mail address"):
            kabar_email_diubah(peserta=peserta, email_lama=lama)
    return berubah


def kabar_email_diubah(*, peserta: Peserta, email_lama: str) -> None:
    """Tell the old address that the account's e-mail changed, without naming the new one."""
    with translation.override(BAHASA_PESERTA):
        surel_kirim(
            kepada=email_lama,
            jenis="email_diubah",
            subjek=_("Alamat e-mail akun Diklat BPSDM Anda diubah"),
            template="peserta/portal/surel/email_diubah",
            konteks={"peserta": peserta, "dihapus": not peserta.email, "tautan": tautan_mutlak(reverse("login"))},
            user=peserta.user,
            bahasa=BAHASA_PESERTA,
        )
