"""What the portal does besides reading: telling a participant about a change to their own account."""

from django.urls import reverse
from django.utils.translation import gettext as _

from diklat.surel.services import surel_kirim, tautan_mutlak
from peserta.models import Peserta


def email_diubah_beri_tahu(*, peserta: Peserta, email_lama: str) -> None:
    """Tell the old address that the account's e-mail changed: if it was not its owner, they can act."""
    surel_kirim(
        kepada=email_lama,
        jenis="email_diubah",
        subjek=_("Alamat e-mail akun Diklat BPSDM Anda diubah"),
        template="peserta/portal/surel/email_diubah",
        konteks={
            "peserta": peserta,
            "email_baru": peserta.email,
            "tautan": tautan_mutlak(reverse("login")),
        },
        user=peserta.user,
    )
