from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from angkatan.models import Angkatan, Venue
from diklat.fields import NipField, TeleponField
from diklat.signals import periksa_angkatan_form


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class VenueForm(forms.ModelForm):
    kontak_telepon = TeleponField(label=_("telepon narahubung"), required=False)

    class Meta:
        model = Venue
        fields = ["nama", "alamat", "kota", "provinsi", "kapasitas", "kontak_nama", "kontak_telepon"]
        widgets = {"alamat": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "nama",
            "alamat",
            Row(Column("kota", css_class="col-md-6"), Column("provinsi", css_class="col-md-6")),
            Row(
                Column("kapasitas", css_class="col-md-3"),
                Column("kontak_nama", css_class="col-md-5"),
                Column("kontak_telepon", css_class="col-md-4"),
            ),
        )


# Where BPSDM signs its certificates unless an angkatan says otherwise.
KOTA_TERBIT_BAWAAN = "Jakarta"


class AngkatanForm(forms.ModelForm):
    penandatangan_nip = NipField(label=_("NIP penandatangan"), required=False)

    class Meta:
        model = Angkatan
        fields = [
            "program",
            "nomor",
            "tahun",
            "tanggal_mulai",
            "tanggal_selesai",
            "venue",
            "kuota",
            "penandatangan_nama",
            "penandatangan_nip",
            "penandatangan_jabatan",
            "penandatangan_atas_nama",
            "kota_terbit",
            "tanggal_terbit",
        ]
        widgets = {"tanggal_mulai": DateInput(), "tanggal_selesai": DateInput(), "tanggal_terbit": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["venue"].queryset = Venue.objects.order_by("nama")
        self.fields["nomor"].widget.attrs["min"] = 1
        self.fields["kuota"].widget.attrs["min"] = 1
        self.fields["tahun"].required = False
        self.fields["tahun"].help_text = _("Kosongkan untuk memakai tahun tanggal mulai.")
        self.fields["kota_terbit"].required = False
        self.fields["kota_terbit"].help_text = _("Kosongkan untuk memakai %(kota)s.") % {"kota": KOTA_TERBIT_BAWAAN}
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "program",
            Row(
                Column("nomor", css_class="col-sm-4"),
                Column("tahun", css_class="col-sm-4"),
                Column("kuota", css_class="col-sm-4"),
            ),
            Row(Column("tanggal_mulai", css_class="col-sm-6"), Column("tanggal_selesai", css_class="col-sm-6")),
            "venue",
            Fieldset(
                _("Penandatangan sertifikat"),
                Row(
                    Column("penandatangan_nama", css_class="col-md-7"),
                    Column("penandatangan_nip", css_class="col-md-5"),
                ),
                "penandatangan_jabatan",
                "penandatangan_atas_nama",
                Row(
                    Column("kota_terbit", css_class="col-md-6"),
                    Column("tanggal_terbit", css_class="col-md-6"),
                ),
            ),
        )

    def clean_kota_terbit(self):
        return (self.cleaned_data.get("kota_terbit") or "").strip() or KOTA_TERBIT_BAWAAN

    def clean(self):
        cleaned = super().clean()
        venue, kuota = cleaned.get("venue"), cleaned.get("kuota")
        if venue and venue.kapasitas and kuota and kuota > venue.kapasitas:
            self.add_error(
                "kuota",
                _("Kuota %(kuota)s melebihi kapasitas %(tempat)s (%(kapasitas)s orang).")
                % {"kuota": kuota, "tempat": venue.nama, "kapasitas": venue.kapasitas},
            )
        # What the floors above refuse once people are enrolled (peserta: kuota, program).
        try:
            periksa_angkatan_form.send(sender=Angkatan, form=self)
        except forms.ValidationError as error:
            self.add_error(None, error)
        mulai = cleaned.get("tanggal_mulai")
        if mulai and cleaned.get("tahun") is None and "tahun" not in self.errors:
            cleaned["tahun"] = mulai.year
        return cleaned
