"""The upload form of the import."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from diklat.angka import angka_tampil
from peserta.impor.reading import BATAS_BARIS, BATAS_UKURAN


def galat_terlalu_besar(ukuran: int) -> ValidationError:
    """Return the refusal of a file of ``ukuran`` bytes, above the import's limit."""
    return ValidationError(
        _("Berkas terlalu besar (%(ukuran)s MB); paling besar %(batas)s MB."),
        code="terlalu_besar",
        params={"ukuran": angka_tampil(ukuran / 1024 / 1024, 1), "batas": BATAS_UKURAN // 1024 // 1024},
    )


class UnggahForm(forms.Form):
    berkas = forms.FileField(
        label=_("Berkas daftar peserta"),
        error_messages={
            "required": _("Pilih berkas yang akan diunggah."),
            "empty": _("Berkas yang diunggah kosong."),
            "invalid": _("Tidak ada berkas yang terkirim; pilih berkas lalu unggah lagi."),
            "missing": _("Tidak ada berkas yang terkirim; pilih berkas lalu unggah lagi."),
        },
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["berkas"].help_text = _(
            "Excel (.xlsx) atau CSV, paling besar %(batas)s MB dan %(baris)s baris peserta."
        ) % {"batas": BATAS_UKURAN // 1024 // 1024, "baris": angka_tampil(BATAS_BARIS)}

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        # Checked before the file is read: an upload a little over the limit stays in its temporary file (a
        # larger one is refused by the view before it is received at all).
        if berkas.size > BATAS_UKURAN:
            raise galat_terlalu_besar(berkas.size)
        return berkas
