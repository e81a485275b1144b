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
