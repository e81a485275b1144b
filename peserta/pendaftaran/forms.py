"""Forms of enrolment: looking a person up by NIP, and a move of the status workflow."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from diklat.fields import NipField


class NipCariForm(forms.Form):
    """Step 1 of enrolling: the NIP, typed any way people type it."""

    nip = NipField(
        label=_("NIP"),
        help_text=_("18 digit; boleh diketik dengan spasi, titik, atau tanda hubung."),
    )


class StatusForm(forms.Form):
    """One move of one enrolment; the reason is required for rejecting and withdrawing (the service checks)."""

    alasan = forms.CharField(
        label=_("Alasan"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Alasan wajib diisi.")},
    )

    def __init__(self, *args, perlu_alasan: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["alasan"].required = perlu_alasan
