"""A person's data for staff: the search across angkatan, the correction page, and the guarded NIP change."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from diklat.access import StaffPermissionRequiredMixin
from diklat.halaman import HalamanTerdekatMixin
from diklat.nip import format_nip, nip_tanpa_label, parse_nip
from peserta.data.forms import NipUbahForm, PesertaUbahForm, galat_ke_form
from peserta.data.selectors import pendaftaran_lulus_for_peserta, peserta_cari
from peserta.data.services import peserta_nip_ubah, peserta_update
from peserta.models import Peserta


class PesertaCariView(StaffPermissionRequiredMixin, HalamanTerdekatMixin, ListView):
    """Find a person in any angkatan by NIP or name; a whole NIP that matches one person opens their page."""

    permission_required = ("peserta.view_peserta", "peserta.view_pendaftaran")
    template_name = "peserta/data/cari.html"
    context_object_name = "hasil"
    paginate_by = 25

    def get(self, request, *args, **kwargs):
        self.pencarian = peserta_cari(request.GET.get("q"))
        if self.pencarian.nip_lengkap and "page" not in request.GET:
            satu = list(self.pencarian.hasil.values_list("pk", flat=True)[:2])
            if len(satu) == 1:
                return redirect("peserta:detail", pk=satu[0])
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return self.pencarian.hasil

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            q=self.pencarian.teks,
            # As typed (without the "NIP." label, read as the search read it), which is how the reader knows it;
            # a whole NIP grouped.
            nip=format_nip(self.pencarian.nip) if self.pencarian.nip_lengkap else nip_tanpa_label(self.pencarian.teks),
            cari_nip=bool(self.pencarian.nip),
            **kwargs,
        )


def _url_kembali(request, peserta: Peserta) -> str:
    """Return where the page was opened from (``?next=``, one of our own pages only), else the person's page."""
    nxt = request.POST.get("next") or request.GET.get("next") or ""
    if nxt and url_has_allowed_host_and_scheme(
        nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return nxt
    return reverse("peserta:detail", args=[peserta.pk])


class _PesertaMixin(StaffPermissionRequiredMixin):
    def load_objects(self, **kwargs):
        self.peserta = get_object_or_404(
            Peserta.objects.select_related("pangkat", "provinsi", "kabupaten_kota", "user"), pk=kwargs["pk"]
        )

    def konteks(self, **kwargs) -> dict:
        kembali = _url_kembali(self.request, self.peserta)
        return {
            "peserta": self.peserta,
            "url_kembali": kembali,
            # Passed on to the next page only when it came with the request (and is safe).
            "next": kembali if kembali != reverse("peserta:detail", args=[self.peserta.pk]) else "",
            **kwargs,
        }


class PesertaUbahView(_PesertaMixin, View):
    """Correct a person's data (a misspelt name, a wrong jabatan) through the audited service."""

    permission_required = ("peserta.view_peserta", "peserta.change_peserta")
    template_name = "peserta/data/ubah.html"

    def render_form(self, form):
        return render(self.request, self.template_name, self.konteks(form=form))

    def get(self, request, pk):
        return self.render_form(PesertaUbahForm(instance=self.peserta))

    def post(self, request, pk):
        # The form works on a copy: the page's header keeps the stored name while the typed one is refused.
        form = PesertaUbahForm(request.POST, instance=Peserta.objects.get(pk=self.peserta.pk))
        if not form.is_valid():
            return self.render_form(form)
        try:
            peserta, berubah = peserta_update(
                peserta=self.peserta, data=form.data_peserta(), user=request.user, versi=form.cleaned_data["versi"]
            )
        except ValidationError as error:
            if getattr(error, "code", None) == "peserta_berubah":
                messages.error(request, error.messages[0])
                url = reverse("peserta:ubah", args=[self.peserta.pk])
                nxt = self.konteks()["next"]
                return HttpResponseRedirect(f"{url}?{urlencode({'next': nxt})}" if nxt else url)
            galat_ke_form(form, error)
            return self.render_form(form)
        if berubah:
            messages.success(
                request,
                _("Data %(nama)s tersimpan; yang diubah: %(daftar)s.")
                % {"nama": peserta.nama_lengkap, "daftar": ", ".join(berubah)},
            )
        else:
            messages.info(request, _("Tidak ada yang berubah pada data %(nama)s.") % {"nama": peserta.nama_lengkap})
        return HttpResponseRedirect(_url_kembali(request, peserta))


class PesertaNipUbahView(_PesertaMixin, View):
    """Change a person's NIP: admins only, typed twice, with a reason; the birth date follows when confirmed."""

    permission_required = ("peserta.view_peserta", "peserta.change_peserta", "peserta.ubah_nip_peserta")
    template_name = "peserta/data/ubah_nip.html"

    def render_form(self, form, *, nip_dipakai: Peserta | None = None, tanggal_lahir_berbeda: bool = False):
        return render(
            self.request,
            self.template_name,
            self.konteks(
                form=form,
                lulus=pendaftaran_lulus_for_peserta(self.peserta),
                nip_dipakai=nip_dipakai,
                tanggal_lahir_berbeda=tanggal_lahir_berbeda,
            ),
        )

    def get(self, request, pk):
        return self.render_form(NipUbahForm())

    def post(self, request, pk):
        form = NipUbahForm(request.POST)
        if not form.is_valid():
            return self.render_form(form, tanggal_lahir_berbeda=_lahir_berbeda(form, self.peserta))
        try:
            hasil = peserta_nip_ubah(
                peserta=self.peserta,
                nip_baru=form.cleaned_data["nip_baru"],
                alasan=form.cleaned_data["alasan"],
                user=request.user,
                tanggal_lahir_ikut=form.cleaned_data["tanggal_lahir_ikut"],
            )
        except ValidationError as error:
            code = getattr(error, "code", None)
            nip_dipakai = None
            if code == "nip_dipakai":
                nip_dipakai = Peserta.objects.filter(pk=error.params["pk"]).first()
                form.add_error("nip_baru", error)
            elif code == "tanggal_lahir_berbeda":
                form.add_error("tanggal_lahir_ikut", error)
            else:
                galat_ke_form(form, error)
            return self.render_form(
                form, nip_dipakai=nip_dipakai, tanggal_lahir_berbeda=code == "tanggal_lahir_berbeda"
            )
        messages.success(self.request, _pesan_nip_diubah(hasil, pendaftaran_lulus_for_peserta(hasil.peserta)))
        return HttpResponseRedirect(_url_kembali(request, hasil.peserta))


def _lahir_berbeda(form: NipUbahForm, peserta: Peserta) -> bool:
    """Tell whether the typed new NIP holds another birth date (so the page offers to change it too)."""
    nip = form.cleaned_data.get("nip_baru") if hasattr(form, "cleaned_data") else None
    return bool(nip) and parse_nip(nip).tanggal_lahir != peserta.tanggal_lahir


def _pesan_nip_diubah(hasil, lulus) -> str:
    peserta = hasil.peserta
    bagian = [
        _("NIP %(nama)s diubah dari %(lama)s menjadi %(baru)s.")
        % {"nama": peserta.nama_lengkap, "lama": format_nip(hasil.nip_lama), "baru": peserta.nip_tampil}
    ]
    if hasil.tanggal_lahir_lama:
        bagian.append(
            _("Tanggal lahir ikut diubah dari %(lama)s menjadi %(baru)s.")
            % {
                "lama": date_format(hasil.tanggal_lahir_lama, "j F Y"),
                "baru": date_format(peserta.tanggal_lahir, "j F Y"),
            }
        )
    if hasil.akun_diubah:
        bagian.append(_("Akun peserta kini masuk dengan NIP baru (sandinya tetap)."))
    if lulus:
        bagian.append(
            _(
                "Sertifikat yang sudah terbit masih mencetak NIP lama: terbitkan ulang dari tab Sertifikat %(daftar)s "
                "(nomornya tetap)."
            )
            % {"daftar": ", ".join(_nama_angkatan(p.angkatan) for p in lulus)}
        )
    return " ".join(bagian)


def _nama_angkatan(angkatan) -> str:
    return _("%(program)s Angkatan %(nomor)s %(tahun)s") % {
        "program": angkatan.program.kode,
        "nomor": angkatan.nomor_romawi,
        "tahun": angkatan.tahun,
    }
