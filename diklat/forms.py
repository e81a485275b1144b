from datetime import timedelta

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from diklat.models import KomponenNilai, MataPelatihan, Predikat, Program
from diklat.nip import parse_nip
from diklat.roles import adalah_peserta
from diklat.surel.services import surel_aman, surel_kirim, tautan_mutlak

POLA_PENANDA = ("seq", "program", "angkatan", "year")


class ProgramForm(forms.ModelForm):
    class Meta:
        model = Program
        fields = [
            "nama",
            "kode",
            "deskripsi",
            "dengan_evaluasi",
            "min_kehadiran_persen",
            "pola_nomor_sertifikat",
            "nama_instansi",
            "logo",
            "kotak_foto",
        ]
        widgets = {
            "deskripsi": forms.Textarea(attrs={"rows": 3}),
            "nama_instansi": forms.Textarea(attrs={"rows": 2}),
            "logo": forms.ClearableFileInput(attrs={"accept": ".png,.jpg,.jpeg,.svg"}),
        }

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
            "nama_instansi",
            "logo",
            "kotak_foto",
        )

    def clean_kode(self):
        return self.cleaned_data["kode"].strip().upper()


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


class KomponenNilaiForm(forms.ModelForm):
    class Meta:
        model = KomponenNilai
        fields = ["urutan", "nama", "bobot"]
        widgets = {
            "urutan": forms.NumberInput(attrs={"class": "form-control form-control-sm", "min": 1}),
            "nama": forms.TextInput(attrs={"class": "form-control form-control-sm"}),
            "bobot": forms.NumberInput(attrs={"class": "form-control form-control-sm", "min": 1, "max": 100}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The model's default order (1) would make every empty extra row look filled in.
        self.fields["urutan"].initial = None


class BaseKomponenNilaiFormSet(forms.BaseInlineFormSet):
    def validate_unique(self):
        # clean() reports duplicates next to the row; see BaseMataPelatihanFormSet.
        pass

    def clean(self):
        super().clean()
        nama_seen, jumlah, ada = set(), 0, False
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            nama = form.cleaned_data.get("nama", "").strip().casefold()
            if nama in nama_seen:
                form.add_error("nama", _("Komponen nilai ini tercantum dua kali."))
            nama_seen.add(nama)
            jumlah += form.cleaned_data.get("bobot") or 0
            ada = True
        # Only a program with an evaluation scores its participants; the final
        # score is a weighted mean, so the weights must make exactly 100.
        if self.instance.dengan_evaluasi and jumlah != 100:
            if not ada:
                raise ValidationError(
                    _("Program dengan evaluasi memerlukan komponen nilai dengan bobot berjumlah 100."),
                    code="komponen_kosong",
                )
            raise ValidationError(
                _("Bobot komponen nilai harus berjumlah tepat 100; sekarang %(jumlah)s."),
                code="bobot_bukan_100",
                params={"jumlah": jumlah},
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
KomponenNilaiFormSet = forms.inlineformset_factory(
    Program, KomponenNilai, form=KomponenNilaiForm, formset=BaseKomponenNilaiFormSet, extra=1, can_delete=True
)


class LoginForm(AuthenticationForm):
    """Django's login form, saying that participants sign in with their NIP, typed any way they write it."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Nama pengguna atau sandi salah. Perhatikan huruf besar dan kecil."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.label = _("Nama pengguna atau NIP")
        username.help_text = format_lazy(
            "{} {}",
            _("Peserta masuk dengan NIP (18 digit); staf dengan nama penggunanya."),
            _("Alamat e-mail akun juga dapat dipakai."),
        )
        username.widget.attrs["autocapitalize"] = "none"
        # AuthenticationForm sets max_length after the field is made, so no validator checks it.
        username.validators.append(MaxLengthValidator(254))

    def clean_username(self):
        # A participant's username is the 18 digits of their NIP; they type it as it is printed
        # (19680512 199403 1 004, with dots, or "NIP. …"). A staff username is never a valid NIP.
        username = self.cleaned_data.get("username", "")
        try:
            return parse_nip(username).digits
        except ValidationError:
            return username


class LupaSandiForm(PasswordResetForm):
    """Ask for a link to set a new password, by NIP (typed any way) or e-mail address.

    The answer is the same whether an account was found or not (the view always goes on to the "sent"
    page), so the form does not tell strangers who has an account.
    """

    email = forms.CharField(
        label=_("NIP atau alamat e-mail"),
        max_length=254,
        help_text=_(
            "Tautan untuk membuat sandi baru dikirim ke alamat e-mail akun, bila akun memiliki alamat e-mail."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none", "autofocus": True}),
    )

    def get_users(self, email):
        """Yield the active accounts with an e-mail address that the NIP or address names and that may get a link.

        That is an account with a password, and a participant's account not opened yet: its owner lost the
        activation e-mail, and a reset link lets them choose a first password just as well (single use,
        3 days). A staff account without a password is left out, as Django leaves it out.
        """
        isian = email.strip()
        pengguna = get_user_model()._default_manager.filter(is_active=True).exclude(email="")
        if "@" in isian:
            pengguna = pengguna.filter(email__iexact=isian)
        else:
            try:
                pengguna = pengguna.filter(username=parse_nip(isian).digits)
            except ValidationError:
                return
        for user in pengguna:
            if user.has_usable_password() or (adalah_peserta(user) and not user.is_staff):
                yield user

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        """Queue the link in the site's outbox, as plain text and HTML in Indonesian, for a worker to send.

        ``email_template_name`` names the plain-text body (``….txt``); the HTML body is its ``.html`` twin
        (``surel_kirim`` renders both). The link names the site's public address, never the Host header of
        the request that asked for it. Should the message not even be made, the page answers the same.
        """
        user = context["user"]
        path = reverse("password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]})
        with translation.override(settings.LANGUAGE_CODE):
            subjek = "".join(render_to_string(subject_template_name, context).splitlines())
        with surel_aman("lupa_sandi"):
            surel_kirim(
                kepada=to_email,
                jenis="lupa_sandi",
                subjek=subjek,
                template=email_template_name.removesuffix(".txt"),
                konteks={
                    "nama": user.get_full_name() or user.get_username(),
                    "akun": user.get_username(),
                    "tautan": tautan_mutlak(path),
                    "berlaku_sampai": timezone.localtime() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT),
                },
                user=user,
                bahasa=settings.LANGUAGE_CODE,
            )
