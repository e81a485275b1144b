"""Forms of the check of printed data: the participant's request, and staff's applying or rejecting it."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from diklat.fields import NipField
from diklat.models import PangkatGolongan
from diklat.validators import validate_bukan_rumus
from peserta.models import CATATAN_PERBAIKAN_MAKS, ISIAN_PERBAIKAN, Peserta
from peserta.perbaikan.services import DATA_DITERAPKAN


def isian_kini(peserta: Peserta) -> dict[str, str]:
    """Return what is stored now for each field a participant may ask to correct, as a person reads it."""
    return {
        "gelar_depan": peserta.gelar_depan,
        "nama": peserta.nama,
        "gelar_belakang": peserta.gelar_belakang,
        "nip": peserta.nip_tampil,
        "tempat_lahir": peserta.tempat_lahir,
        "tanggal_lahir": date_format(peserta.tanggal_lahir, "j F Y") if peserta.tanggal_lahir else "",
        "pangkat": str(peserta.pangkat) if peserta.pangkat_id else "",
        "jabatan": peserta.jabatan,
        "instansi": peserta.instansi,
    }


class PermintaanPerbaikanForm(forms.Form):
    """What is wrong, in the participant's words: one free text per printed field, at least one, and a note."""

    catatan = forms.CharField(
        label=_("Catatan untuk penyelenggara"),
        required=False,
        max_length=CATATAN_PERBAIKAN_MAKS,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_bukan_rumus],
        help_text=_("Mis. menurut SK kenaikan pangkat terakhir; boleh dikosongkan."),
    )

    def __init__(self, *args, kini: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        kini = kini or {}
        isian = {}
        for kunci, (label, maks) in ISIAN_PERBAIKAN.items():
            field = forms.CharField(
                label=label, required=False, max_length=maks, validators=[validate_bukan_rumus], strip=True
            )
            field.widget.attrs["autocomplete"] = "off"
            field.kini = kini.get(kunci, "")
            isian[kunci] = field
        # The fields of the request first, in the certificate's order; the note last.
        self.fields = {**isian, "catatan": self.fields["catatan"]}

    @property
    def isian_fields(self):
        return [self[kunci] for kunci in ISIAN_PERBAIKAN]

    def clean(self):
        cleaned = super().clean()
        diisi = [kunci for kunci in ISIAN_PERBAIKAN if cleaned.get(kunci)]
        if not diisi and not any(kunci in self.errors for kunci in ISIAN_PERBAIKAN):
            raise forms.ValidationError(
                _("Isi sedikitnya satu data yang perlu diperbaiki, dengan tulisan yang benar."),
                code="perbaikan_kosong",
            )
        return cleaned

    def isian(self) -> dict[str, str]:
        """Return the fields filled in, as ``permintaan_perbaikan_create`` takes them."""
        return {kunci: self.cleaned_data[kunci] for kunci in ISIAN_PERBAIKAN if self.cleaned_data.get(kunci)}


def versi_dibaca(teks: str) -> datetime.datetime | None:
    """Return the ``updated_at`` a form was drawn from, or None when there is none; refuse one that is unreadable."""
    if not teks:
        return None
    try:
        versi = datetime.datetime.fromisoformat(teks)
    except ValueError:
        raise forms.ValidationError(
            _("Isian formulir ini tidak dapat dibaca; muat ulang halaman lalu coba lagi."), code="versi_tidak_sah"
        ) from None
    return versi if timezone.is_aware(versi) else None


class TerapkanPerbaikanForm(forms.ModelForm):
    """The person's printed data as staff correct it, prefilled with what is stored; the request is shown beside.

    The NIP is editable only for those who may change NIPs (an admin); the birth date follows the NIP.
    """

    nip_baru = NipField(label=_("NIP"), required=False)
    tanggal_lahir_ikut = forms.BooleanField(label=_("Ubah juga tanggal lahir sesuai NIP baru"), required=False)
    # The ``updated_at`` the form was drawn from: a save over a change made meanwhile is refused.
    versi = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Peserta
        fields = list(DATA_DITERAPKAN)

    def __init__(self, *args, boleh_ubah_nip: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pangkat"].queryset = PangkatGolongan.objects.order_by("urutan")
        self.fields["pangkat"].empty_label = _("— Pilih pangkat/golongan —")
        self.fields["nip_baru"].initial = self.instance.nip
        if not boleh_ubah_nip:
            # A disabled field keeps the stored NIP whatever is posted.
            self.fields["nip_baru"].disabled = True
            self.fields["tanggal_lahir_ikut"].disabled = True
            self.fields["nip_baru"].help_text = _("NIP hanya dapat diubah oleh admin.")
        if not self.is_bound and self.instance.updated_at:
            self.initial["versi"] = self.instance.updated_at.isoformat()
        for name, field in self.fields.items():
            if name not in ("versi", "tanggal_lahir_ikut"):
                css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
                field.widget.attrs["class"] = css
                field.widget.attrs.setdefault("autocomplete", "off")

    def clean_versi(self) -> datetime.datetime | None:
        return versi_dibaca(self.cleaned_data.get("versi", ""))

    def data_peserta(self) -> dict:
        return {name: self.cleaned_data[name] for name in DATA_DITERAPKAN}


class TolakPerbaikanForm(forms.Form):
    alasan_tolak = forms.CharField(
        label=_("Alasan penolakan"),
        max_length=CATATAN_PERBAIKAN_MAKS,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_bukan_rumus],
        help_text=_("Peserta membaca alasan ini di halamannya dan di e-mail yang dikirimkan kepadanya."),
        error_messages={"required": _("Alasan penolakan wajib diisi: peserta membacanya.")},
    )
