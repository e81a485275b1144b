"""The public verification pages: anyone holding a certificate checks it by its QR code, its code or its PDF.

No login, a limit per address and minute, and no more personal data than the summary
in ``sertifikat.verification.RingkasanPublik``. An uploaded file is hashed and forgotten.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from diklat.unggah import BATAS_BUNGKUS_FORMULIR, panjang_badan, timbang_badan_sendiri
from sertifikat.ratelimit import batasi_permintaan
from sertifikat.verification import (
    kode_mungkin,
    ringkasan_publik,
    ringkasan_untuk_kode,
    sertifikat_by_file,
)

PDF_MAGIC = b"%PDF-"


def _kode_dari_isian(isian: str) -> str:
    """Return the code from what was typed or pasted: the code itself, or the whole address from the QR."""
    isian = isian.strip()
    if "/" not in isian:
        return isian
    try:
        jalur = urlsplit(isian).path
    except ValueError:  # e.g. "http://[x/…": not an address, so no code either
        return ""
    bagian = [b for b in jalur.split("/") if b]
    if "verifikasi" in bagian:
        bagian = bagian[bagian.index("verifikasi") + 1 :]
    return bagian[-1] if bagian else ""


class KodeForm(forms.Form):
    kode = forms.CharField(
        label=gettext_lazy("Kode verifikasi"),
        max_length=500,
        help_text=gettext_lazy(
            "Ketik kode verifikasi, atau tempel alamat yang terbuka saat kode QR sertifikat dipindai."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "off", "spellcheck": "false"}),
    )

    def clean_kode(self) -> str:
        kode = _kode_dari_isian(self.cleaned_data["kode"])
        if not kode_mungkin(kode):
            raise forms.ValidationError(
                _(
                    "Ini bukan kode verifikasi: kode terdiri atas huruf, angka, “-” dan “_” saja. "
                    "Periksa kembali kode yang diketik, atau pindai kode QR pada sertifikat."
                ),
                code="kode_tidak_sah",
            )
        return kode


def pesan_terlalu_besar(ukuran: int) -> str:
    return _(
        "Berkas terlalu besar (%(ukuran)s); paling besar %(maks)s. Berkas sertifikat asli jauh lebih kecil dari itu."
    ) % {"ukuran": filesizeformat(ukuran), "maks": filesizeformat(settings.VERIFIKASI_MAKS_BYTE)}


class BerkasForm(forms.Form):
    berkas = forms.FileField(
        label=gettext_lazy("Berkas PDF sertifikat"),
        help_text=gettext_lazy("Berkas tidak disimpan: kami hanya menghitung sidik digitalnya (SHA-256)."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        error_messages={
            "required": gettext_lazy("Pilih berkas PDF sertifikat yang akan diperiksa."),
            "empty": gettext_lazy("Berkas yang diunggah kosong."),
        },
    )

    def clean_berkas(self) -> bytes:
        berkas = self.cleaned_data["berkas"]
        maks = settings.VERIFIKASI_MAKS_BYTE
        # The size Django counted while receiving; nothing beyond the limit is read into memory.
        if berkas.size > maks:
            raise forms.ValidationError(pesan_terlalu_besar(berkas.size), code="terlalu_besar")
        data = berkas.read(maks)
        if not data.startswith(PDF_MAGIC):
            raise forms.ValidationError(
                _(
                    "Berkas ini bukan PDF. Unggah berkas PDF sertifikat seperti yang Anda terima atau unduh, "
                    "bukan foto atau hasil pindaian."
                ),
                code="bukan_pdf",
            )
        return data


def _tanpa_indeks(response):
    # Search engines must not list who holds which certificate; the header also covers the 404 and 429 pages.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


# csrf_exempt: the check changes nothing and needs no session, and the CSRF middleware would read
# (and spool to disk) the whole body of an oversized upload before the view could refuse it. The view
# weighs the body itself (diklat.unggah), to answer on its own page.
@method_decorator([csrf_exempt, timbang_badan_sendiri, never_cache, batasi_permintaan()], name="dispatch")
class VerifikasiUnggahView(View):
    """Check a PDF by its bytes, or go to a code's page; nothing uploaded is stored."""

    template_name = "sertifikat/verifikasi/unggah.html"

    def _render(self, request, *, kode_form=None, berkas_form=None, status=200, **context):
        context = {
            "kode_form": kode_form or KodeForm(),
            "berkas_form": berkas_form or BerkasForm(),
            **context,
        }
        return _tanpa_indeks(render(request, self.template_name, context, status=status))

    def get(self, request):
        if "kode" not in request.GET:
            return self._render(request)
        kode_form = KodeForm(request.GET)
        if kode_form.is_valid():
            return redirect("sertifikat:verifikasi", kode=kode_form.cleaned_data["kode"])
        return self._render(request, kode_form=kode_form)

    def post(self, request):
        # Refused before the body is read: Django would otherwise receive all of it to disk first.
        panjang = panjang_badan(request)
        if panjang > settings.VERIFIKASI_MAKS_BYTE + BATAS_BUNGKUS_FORMULIR:
            berkas_form = BerkasForm()
            berkas_form.errors["berkas"] = berkas_form.error_class([pesan_terlalu_besar(panjang)])
            return self._render(request, berkas_form=berkas_form, status=413)
        berkas_form = BerkasForm(request.POST, request.FILES)
        if not berkas_form.is_valid():
            return self._render(request, berkas_form=berkas_form)
        sertifikat = sertifikat_by_file(data=berkas_form.cleaned_data["berkas"])
        return self._render(
            request,
            diperiksa=True,
            ringkasan=ringkasan_publik(sertifikat=sertifikat) if sertifikat else None,
            kode=sertifikat.kode_verifikasi if sertifikat else "",
        )


@method_decorator([never_cache, batasi_permintaan()], name="dispatch")
class VerifikasiView(View):
    """The page a certificate's QR code opens: valid, revoked or replaced, with a short public summary."""

    template_name = "sertifikat/verifikasi/detail.html"
    template_tidak_ditemukan = "sertifikat/verifikasi/tidak_ditemukan.html"

    def get(self, request, kode: str):
        # The limit above has counted this request already, whether the summary comes from the cache or not.
        ringkasan = ringkasan_untuk_kode(kode=kode)
        if ringkasan is None:
            return _tanpa_indeks(render(request, self.template_tidak_ditemukan, {"kode_form": KodeForm()}, status=404))
        return _tanpa_indeks(render(request, self.template_name, {"ringkasan": ringkasan, "kode": kode}))
