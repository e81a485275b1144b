"""Staff pages of the participants' requests to correct their printed data: the angkatan's tab, and one request's
page, where staff apply it to the person's data or reject it with a reason."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from angkatan.models import Angkatan
from diklat.access import StaffPermissionRequiredMixin
from peserta.data.cetak import blok_data_cetak
from peserta.data.forms import galat_ke_form
from peserta.models import PermintaanPerbaikanData, Peserta
from peserta.perbaikan.forms import TerapkanPerbaikanForm, TolakPerbaikanForm, isian_kini
from peserta.perbaikan.selectors import perbaikan_angkatan
from peserta.perbaikan.services import (
    IZIN_LIHAT,
    IZIN_PUTUS,
    IZIN_UBAH_NIP,
    TAB,
    permintaan_perbaikan_terapkan,
    permintaan_perbaikan_tolak,
)


class _AngkatanMixin(StaffPermissionRequiredMixin):
    def load_objects(self, **kwargs):
        self.angkatan = get_object_or_404(Angkatan.objects.select_related("program", "venue"), pk=kwargs["pk"])


class PerbaikanDataView(_AngkatanMixin, View):
    """The angkatan's requests: those waiting first, then those answered, and who has not confirmed yet."""

    permission_required = IZIN_LIHAT

    def get(self, request, pk):
        return render(
            request,
            "peserta/perbaikan/angkatan.html",
            {
                "angkatan": self.angkatan,
                "tab": TAB,
                "perbaikan": perbaikan_angkatan(self.angkatan),
                "boleh_putus": request.user.has_perms(IZIN_PUTUS),
            },
        )


class _PermintaanMixin(_AngkatanMixin):
    permission_required = IZIN_PUTUS

    def load_objects(self, **kwargs):
        super().load_objects(**kwargs)
        # Only a request of this angkatan: another's id answers 404, as one that does not exist.
        self.permintaan = get_object_or_404(
            PermintaanPerbaikanData.objects.select_related("pendaftaran__peserta__pangkat", "diputus_oleh"),
            pk=kwargs["permintaan_pk"],
            pendaftaran__angkatan=self.angkatan,
        )

    def render_halaman(self, *, form_terapkan=None, form_tolak=None, status=200):
        peserta = self.permintaan.pendaftaran.peserta
        boleh_ubah_nip = self.request.user.has_perm(IZIN_UBAH_NIP)
        if form_terapkan is None:
            form_terapkan = TerapkanPerbaikanForm(instance=peserta, boleh_ubah_nip=boleh_ubah_nip)
        diminta = self.permintaan.isian
        baris = [(form_terapkan[nama], diminta.get(nama, "")) for nama in ("gelar_depan", "nama", "gelar_belakang")]
        baris += [(form_terapkan["nip_baru"], diminta.get("nip", ""))]
        baris_akhir = [
            (form_terapkan[nama], diminta.get(nama, "")) for nama in ("tempat_lahir", "pangkat", "jabatan", "instansi")
        ]
        return render(
            self.request,
            "peserta/perbaikan/permintaan.html",
            {
                "angkatan": self.angkatan,
                "tab": TAB,
                "permintaan": self.permintaan,
                "peserta": peserta,
                "blok": blok_data_cetak(peserta),
                "kini": isian_kini(peserta),
                "form_terapkan": form_terapkan,
                "form_tolak": form_tolak or TolakPerbaikanForm(),
                "baris_awal": baris,
                "baris_akhir": baris_akhir,
                "diminta_tanggal_lahir": diminta.get("tanggal_lahir", ""),
                "boleh_ubah_nip": boleh_ubah_nip,
            },
            status=status,
        )

    def ke_daftar(self):
        return redirect("peserta:perbaikan-data", pk=self.angkatan.pk)


class PermintaanPerbaikanView(_PermintaanMixin, View):
    """One request: the person's data prefilled with the request beside it, to apply; or a reason, to reject."""

    def get(self, request, pk, permintaan_pk):
        return self.render_halaman()


class PerbaikanTerapkanView(_PermintaanMixin, View):
    """Apply a request: save the person's data as typed (audited), mark it applied, e-mail the participant."""

    def post(self, request, pk, permintaan_pk):
        if not self.permintaan.terbuka:
            messages.info(request, _("Permintaan ini sudah ditindaklanjuti."))
            return self.ke_daftar()
        peserta = self.permintaan.pendaftaran.peserta
        # The form works on a copy: the page keeps the stored data while what was typed is refused.
        form = TerapkanPerbaikanForm(
            request.POST,
            instance=Peserta.objects.select_related("pangkat").get(pk=peserta.pk),
            boleh_ubah_nip=request.user.has_perm(IZIN_UBAH_NIP),
        )
        if not form.is_valid():
            return self.render_halaman(form_terapkan=form)
        try:
            berubah = permintaan_perbaikan_terapkan(
                permintaan=self.permintaan,
                data=form.data_peserta(),
                user=request.user,
                nip_baru=form.cleaned_data["nip_baru"] or None,
                tanggal_lahir_ikut=form.cleaned_data["tanggal_lahir_ikut"],
                versi=form.cleaned_data["versi"],
            )
        except ValidationError as error:
            if getattr(error, "code", None) in ("peserta_berubah", "sudah_diputus"):
                messages.error(request, error.messages[0])
                return redirect(
                    "peserta:perbaikan-data-permintaan", pk=self.angkatan.pk, permintaan_pk=self.permintaan.pk
                )
            galat_ke_form(form, error)
            return self.render_halaman(form_terapkan=form)
        # As it is now: the name may be what was just corrected.
        nama = Peserta.objects.values_list("nama", flat=True).get(pk=peserta.pk)
        if berubah:
            messages.success(
                request,
                _("Permintaan %(nama)s diterapkan; yang diubah: %(daftar)s.")
                % {"nama": nama, "daftar": ", ".join(berubah)},
            )
        else:
            messages.success(
                request,
                _("Permintaan %(nama)s ditandai diterapkan; datanya sudah sesuai, tidak ada yang diubah.")
                % {"nama": nama},
            )
        return self.ke_daftar()


class PerbaikanTolakView(_PermintaanMixin, View):
    """Reject a request with a reason, which the participant reads; they are e-mailed."""

    def post(self, request, pk, permintaan_pk):
        if not self.permintaan.terbuka:
            messages.info(request, _("Permintaan ini sudah ditindaklanjuti."))
            return self.ke_daftar()
        form = TolakPerbaikanForm(request.POST)
        if not form.is_valid():
            return self.render_halaman(form_tolak=form)
        try:
            permintaan_perbaikan_tolak(
                permintaan=self.permintaan, alasan=form.cleaned_data["alasan_tolak"], user=request.user
            )
        except ValidationError as error:
            if getattr(error, "code", None) == "sudah_diputus":
                messages.error(request, error.messages[0])
                return self.ke_daftar()
            galat_ke_form(form, error)
            return self.render_halaman(form_tolak=form)
        messages.success(
            request,
            _("Permintaan %(nama)s ditolak; peserta diberi tahu alasannya.")
            % {"nama": self.permintaan.pendaftaran.peserta.nama},
        )
        return self.ke_daftar()
