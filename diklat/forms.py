from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from diklat.models import MataPelatihan, Predikat, Program

POLA_PENANDA = ("seq", "program", "angkatan", "year")


class ProgramForm(forms.ModelForm):
    class Meta:
        model = Program
        fields = ["nama", "kode", "deskripsi", "dengan_evaluasi", "min_kehadiran_persen", "pola_nomor_sertifikat"]
        widgets = {"deskripsi": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "nama",
            Row(Column("kode", css_class="col-md-4"), Column("min_kehadiran_persen", css_class="col-md-4")),
            "deskripsi",
            "dengan_evaluasi",
            "pola_nomor_sertifikat",
        )

    def clean_kode(self):
        return self.cleaned_data["kode"].strip().upper()

    def clean_pola_nomor_sertifikat(self):
        pola = self.cleaned_data["pola_nomor_sertifikat"].strip()
        try:
            contoh = pola.format(seq=1, program="KODE", angkatan="III", year=2026)
        except (KeyError, IndexError, ValueError) as error:
            raise ValidationError(
                _(
                    "Pola tidak dapat dipakai (%(galat)s). Penanda yang boleh: {seq:04d}, {program}, {angkatan}, {year}."
                ),
                code="pola_tidak_valid",
                params={"galat": error},
            ) from error
        if "{seq" not in pola:
            raise ValidationError(
                _("Pola harus memuat nomor urut {seq}, agar setiap sertifikat bernomor lain."), code="pola_tanpa_seq"
            )
        if contoh == pola:
            raise ValidationError(_("Pola tidak memuat penanda apa pun."), code="pola_tanpa_penanda")
        return pola


class MataPelatihanForm(forms.ModelForm):
    class Meta:
        model = MataPelatihan
        fields = ["urutan", "nama", "jp"]
        widgets = {
            "urutan": forms.NumberInput(
                attrs={"class": "form-control form-control-sm", "min": 1, "style": "width:5em"}
            ),
            "nama": forms.TextInput(attrs={"class": "form-control form-control-sm"}),
            "jp": forms.NumberInput(attrs={"class": "form-control form-control-sm", "min": 1, "style": "width:6em"}),
        }


class BaseMataPelatihanFormSet(forms.BaseInlineFormSet):
    def validate_unique(self):
        # clean() reports duplicates next to the row, ignoring case; Django's
        # own check would name the raw field instead.
        pass

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            nama = form.cleaned_data.get("nama", "").strip().casefold()
            if nama in seen:
                form.add_error("nama", _("Mata pelatihan ini tercantum dua kali."))
            seen.add(nama)


class PredikatForm(forms.ModelForm):
    class Meta:
        model = Predikat
        fields = ["nama", "nilai_minimal"]
        widgets = {
            "nama": forms.TextInput(attrs={"class": "form-control form-control-sm"}),
            "nilai_minimal": forms.NumberInput(
                attrs={"class": "form-control form-control-sm", "step": "0.01", "min": 0, "max": 100}
            ),
        }


class BasePredikatFormSet(forms.BaseInlineFormSet):
    def validate_unique(self):
        # clean() reports duplicates next to the row; see BaseMataPelatihanFormSet.
        pass

    def clean(self):
        super().clean()
        batas, nama_seen = set(), set()
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            nilai = form.cleaned_data.get("nilai_minimal")
            if nilai in batas:
                form.add_error("nilai_minimal", _("Dua predikat tidak boleh memiliki batas nilai yang sama."))
            batas.add(nilai)
            nama = form.cleaned_data.get("nama", "").strip().casefold()
            if nama in nama_seen:
                form.add_error("nama", _("Predikat ini tercantum dua kali."))
            nama_seen.add(nama)
        if self.instance.dengan_evaluasi and not batas:
            raise ValidationError(
                _("Program dengan evaluasi memerlukan setidaknya satu predikat kelulusan."), code="predikat_kosong"
            )


MataPelatihanFormSet = forms.inlineformset_factory(
    Program,
    MataPelatihan,
    form=MataPelatihanForm,
    formset=BaseMataPelatihanFormSet,
    extra=3,
    can_delete=True,
)
PredikatFormSet = forms.inlineformset_factory(
    Program, Predikat, form=PredikatForm, formset=BasePredikatFormSet, extra=1, can_delete=True
)


class LoginForm(AuthenticationForm):
    """Django's login form with an error message that reads well in Indonesian."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Nama pengguna atau sandi salah. Perhatikan huruf besar dan kecil."),
    }
