"""What the statistics page is asked for: a year (or every year), and which table to download as CSV."""

from django import forms
from django.utils.translation import gettext_lazy as _

UNDUH = [
    ("ringkasan", _("Ringkasan")),
    ("tahun", _("Per tahun")),
    ("program", _("Per program")),
    ("provinsi", _("Per provinsi")),
]
PEMISAH = {"koma": ",", "titik_koma": ";"}


class StatistikForm(forms.Form):
    tahun = forms.IntegerField(
        label=_("Tahun"),
        required=False,
        min_value=2000,
        max_value=2100,
        error_messages={
            "invalid": _("Tahun harus berupa angka, mis. 2022."),
            "min_value": _("Tahun paling awal 2000."),
            "max_value": _("Tahun paling akhir 2100."),
        },
    )
    unduh = forms.ChoiceField(
        label=_("Unduh"),
        required=False,
        choices=[("", ""), *UNDUH],
        error_messages={"invalid_choice": _("Tabel yang diminta untuk diunduh tidak dikenal.")},
    )
    pemisah = forms.ChoiceField(
        label=_("Pemisah CSV"),
        required=False,
        choices=[("", ""), ("koma", _("koma")), ("titik_koma", _("titik koma"))],
        error_messages={"invalid_choice": _("Pemisah CSV harus koma atau titik koma.")},
    )
