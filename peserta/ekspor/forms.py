"""The choices of an angkatan's roster export: which columns, in what order, which status, in which format."""

from django import forms
from django.utils.translation import gettext_lazy as _

from peserta.ekspor.kolom import KOLOM_BAWAAN, KolomPendaftaran
from peserta.models import Pendaftaran

FORMAT = [
    ("xlsx", _("Excel (.xlsx)")),
    ("csv", _("CSV, dipisah koma")),
    ("csv_titik_koma", _("CSV, dipisah titik koma (Excel berbahasa Indonesia)")),
    ("pdf", _("PDF (A4 mendatar)")),
]
URUT = [("nama", _("Nama")), ("daerah", _("Daerah (provinsi, kabupaten/kota)")), ("nomor", _("Urutan pendaftaran"))]


class EksporRosterForm(forms.Form):
    kolom = forms.MultipleChoiceField(
        label=_("Kolom"), widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"})
    )
    urut = forms.ChoiceField(label=_("Urutkan menurut"), choices=URUT, initial="nama")
    status = forms.ChoiceField(label=_("Status"), required=False)
    format = forms.ChoiceField(label=_("Format"), choices=FORMAT, initial="xlsx", widget=forms.RadioSelect)

    def __init__(self, *args, kolom: list[KolomPendaftaran], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kolom"].choices = [(k.kunci, k.kolom.judul) for k in kolom]
        self.fields["kolom"].initial = KOLOM_BAWAAN
        self.fields["status"].choices = [("", _("Semua status")), *Pendaftaran.Status.choices]
        self.fields["kolom"].error_messages["required"] = _("Pilih paling sedikit satu kolom.")

    def pilihan(self) -> dict:
        """What to remember for the user's next export: the cleaned choices, as JSON."""
        return {nama: self.cleaned_data[nama] for nama in ("kolom", "urut", "status", "format")}
