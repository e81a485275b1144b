"""Forms of a person's data: the person as enrolled, the correction, and the change of a NIP."""

from __future__ import annotations

import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Fieldset, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from diklat.fields import NipField, TeleponField
from diklat.models import KabupatenKota, PangkatGolongan, Provinsi
from diklat.validators import validate_bukan_rumus
from peserta.models import PESERTA_CETAK, PESERTA_UBAH, Peserta


def kode_provinsi(nilai: object) -> str:
    """Return a province code as typed in a form or an address (``"33"``), or ``""`` when it cannot be one."""
    kode = str(nilai or "")
    return kode if kode.isascii() and kode.isdigit() and len(kode) == 2 else ""


def kabupaten_kota_choices(provinsi: Provinsi | str | None = None) -> list:
    """Return kab/kota options: of one province, or all of them grouped by province (the no-JavaScript list)."""
    kosong = ("", _("— Pemerintah provinsi —"))
    queryset = KabupatenKota.objects.select_related("provinsi").order_by("provinsi__kode", "kode")
    if provinsi:
        return [kosong] + [(k.pk, k.nama) for k in queryset.filter(provinsi=provinsi)]
    groups: dict[str, list] = {}
    for k in queryset:
        groups.setdefault(k.provinsi.nama, []).append((k.pk, k.nama))
    return [kosong, *groups.items()]


class PesertaForm(forms.ModelForm):
    """Step 2 of enrolling: the person's data, filled in when the NIP is known; the NIP itself is fixed."""

    nip = NipField(label=_("NIP"), widget=forms.HiddenInput)
    telepon = TeleponField(label=_("Telepon"), required=False, help_text=_("Mis. 0812-3456-7890."))

    class Meta:
        model = Peserta
        fields = list(PESERTA_UBAH)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pangkat"].queryset = PangkatGolongan.objects.order_by("urutan")
        self.fields["pangkat"].empty_label = _("— Pilih pangkat/golongan —")
        provinsi = self.fields["provinsi"]
        provinsi.queryset = Provinsi.objects.order_by("nama")
        provinsi.empty_label = _("— Pilih provinsi —")
        provinsi.required = False
        provinsi.widget.attrs.update(
            {
                "hx-get": reverse("peserta:kabkota-pilihan"),
                "hx-trigger": "change",
                "hx-target": "#id_kabupaten_kota",
                "hx-include": "#id_kabupaten_kota",
                "hx-swap": "innerHTML",
            }
        )
        kabkota = self.fields["kabupaten_kota"]
        kabkota.queryset = KabupatenKota.objects.all()
        kabkota.choices = self._pilihan_kabupaten_kota()
        for name in ("nama", "tempat_lahir", "jabatan", "instansi"):
            self.fields[name].widget.attrs.setdefault("autocomplete", "off")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            *[name for name in ("nip", "versi") if name in self.fields],
            Fieldset(
                _("Identitas"),
                Row(
                    Column("gelar_depan", css_class="col-sm-3"),
                    Column("nama", css_class="col-sm-5"),
                    Column("gelar_belakang", css_class="col-sm-4"),
                ),
                Row(Column("tempat_lahir", css_class="col-sm-6"), Column("pangkat", css_class="col-sm-6")),
            ),
            Fieldset(
                _("Jabatan dan pemda"),
                Row(Column("jabatan", css_class="col-sm-8"), Column("kategori_jabatan", css_class="col-sm-4")),
                "instansi",
                Row(Column("provinsi", css_class="col-sm-6"), Column(Field("kabupaten_kota"), css_class="col-sm-6")),
            ),
            Fieldset(
                _("Kontak"),
                Row(Column("email", css_class="col-sm-6"), Column("telepon", css_class="col-sm-6")),
            ),
        )

    def _pilihan_kabupaten_kota(self) -> list:
        """Return the kab/kota of the province submitted, else of the person's; all of them while none is known.

        Changing the province reloads the list (htmx). Without JavaScript, a kab/kota of the old province sent
        with a new province is refused by the model, and the page comes back with the new province's list;
        someone new, with no province yet, picks from all of them, grouped, and the province follows.
        """
        if self.is_bound:
            provinsi = kode_provinsi(self.data.get(self.add_prefix("provinsi")))
        else:
            provinsi = kode_provinsi(self.get_initial_for_field(self.fields["provinsi"], "provinsi"))
        pilihan = kabupaten_kota_choices(provinsi) if provinsi else []
        # A code that names no province (typed into the address) lists nothing of its own: offer them all.
        return pilihan if len(pilihan) > 1 else kabupaten_kota_choices()

    def clean(self):
        cleaned = super().clean()
        kabkota = cleaned.get("kabupaten_kota")
        if cleaned.get("provinsi") is None and "provinsi" not in self.errors:
            if kabkota is not None:
                # The kab/kota says which province; do not make people pick it twice.
                cleaned["provinsi"] = kabkota.provinsi
            else:
                self.add_error("provinsi", _("Pilih provinsi (dan kabupaten/kota bila pemdanya kabupaten/kota)."))
        return cleaned

    def data_peserta(self) -> dict:
        """Return the cleaned person's fields, as ``peserta_upsert`` takes them."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class PesertaUbahForm(PesertaForm):
    """A person's data as staff correct it: the NIP has its own guarded page, and the birth date follows the NIP."""

    nip = None
    # The ``updated_at`` the form was drawn from: a save over a change made meanwhile is refused.
    versi = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.updated_at:
            self.initial["versi"] = self.instance.updated_at.isoformat()
        for name in PESERTA_CETAK:
            if not self.initial.get(name):
                self.fields[name].help_text = _("Belum diisi; dicetak pada sertifikat.")

    def clean_versi(self) -> datetime.datetime | None:
        teks = self.cleaned_data.get("versi", "")
        if not teks:
            return None
        try:
            versi = datetime.datetime.fromisoformat(teks)
        except ValueError:
            raise forms.ValidationError(
                _("Isian formulir ini tidak dapat dibaca; muat ulang halaman lalu coba lagi."), code="versi_tidak_sah"
            ) from None
        return versi if timezone.is_aware(versi) else None


class NipUbahForm(forms.Form):
    """A new NIP typed twice, and why; the birth date follows when the new NIP says another one."""

    nip_baru = NipField(
        label=_("NIP baru"), help_text=_("18 digit; boleh diketik dengan spasi, titik, atau tanda hubung.")
    )
    nip_baru_ulang = NipField(label=_("Ketik ulang NIP baru"))
    alasan = forms.CharField(
        label=_("Alasan"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Mis. salah ketik saat impor; menurut SK CPNS. Dicatat dalam jejak audit."),
        error_messages={"required": _("Alasan wajib diisi: jejak audit mencatat mengapa NIP diubah.")},
        validators=[validate_bukan_rumus],
    )
    tanggal_lahir_ikut = forms.BooleanField(label=_("Ubah juga tanggal lahir sesuai NIP baru"), required=False)

    def clean(self):
        # A NIP the same as the stored one is the service's to refuse (peserta_nip_ubah); the view puts its
        # message next to the field.
        cleaned = super().clean()
        baru, ulang = cleaned.get("nip_baru"), cleaned.get("nip_baru_ulang")
        if baru and ulang and baru != ulang:
            self.add_error("nip_baru_ulang", _("Ketikan ulang tidak sama dengan NIP baru; periksa kedua isian."))
        return cleaned


def galat_ke_form(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: next to its field when the form has one, else on top."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields and name != "nip" else None, errors)
    else:
        form.add_error(None, error)
