"""The one form a participant fills about themselves: how to reach them."""

from django import forms
from django.utils.translation import gettext_lazy as _

from diklat.fields import TeleponField
from peserta.models import Peserta


class KontakForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        max_length=Peserta._meta.get_field("email").max_length,
        help_text=_(
            "Untuk tautan masuk, pemberitahuan, dan mengatur ulang kata sandi. Anda juga dapat masuk dengannya."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    telepon = TeleponField(
        label=_("Nomor HP / WhatsApp"),
        required=False,
        max_length=30,
        help_text=_("Mis. 0812-3456-7890."),
    )
    sandi = forms.CharField(
        label=_("Kata sandi Anda"),
        required=False,
        max_length=128,
        strip=False,
        help_text=_("Hanya bila mengubah alamat e-mail: tautan untuk mengatur ulang sandi dikirim ke alamat itu."),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, email_kini: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.email_kini = user, email_kini

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("email")
        # Whoever finds a phone left logged in must not point the password reset at their own mailbox.
        if email is not None and email.strip().casefold() != self.email_kini.strip().casefold():
            if not self.user.check_password(cleaned.get("sandi") or ""):
                self.add_error("sandi", _("Untuk mengubah alamat e-mail, ketik kata sandi Anda dengan benar."))
        return cleaned
