"""Forms of the attendance pages: a training day, and a day's note printed on its sign-in sheet."""

from django import forms
from django.utils.translation import gettext_lazy


class HariForm(forms.Form):
    tanggal = forms.DateField(label=gettext_lazy("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    keterangan = forms.CharField(
        label=gettext_lazy("Keterangan (sesi, pengajar)"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Dicetak pada daftar hadir hari itu."),
    )


class KeteranganForm(forms.Form):
    keterangan = forms.CharField(label=gettext_lazy("Keterangan"), max_length=200, required=False)
