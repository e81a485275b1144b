from django import forms
from django.utils.translation import gettext_lazy as _


class MintaTautanForm(forms.Form):
    nip_atau_email = forms.CharField(
        label=_("NIP atau e-mail"),
        max_length=254,
        help_text=_("NIP boleh diketik dengan spasi atau titik, seperti tercetak."),
        widget=forms.TextInput(attrs={"autocapitalize": "none", "autocomplete": "username"}),
    )
