"""The participant's check of their data before printing: the certificate's data block as it will print, a button
to confirm it, and a form to ask for a correction, with their past requests and staff's answers."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from peserta.data.forms import galat_ke_form
from peserta.perbaikan.forms import PermintaanPerbaikanForm, isian_kini
from peserta.perbaikan.selectors import periksa_data_untuk
from peserta.perbaikan.services import data_cetak_konfirmasi, permintaan_perbaikan_create
from peserta.portal.akses import PortalPesertaMixin


class _PeriksaDataMixin(PortalPesertaMixin):
    template_name = "peserta/portal/periksa_data.html"

    def tampil(self, pendaftaran, *, form=None, status=200):
        periksa = periksa_data_untuk(pendaftaran)
        if form is None:
            form = PermintaanPerbaikanForm(kini=isian_kini(pendaftaran.peserta))
        return render(
            self.request,
            self.template_name,
            {"pendaftaran": pendaftaran, "angkatan": pendaftaran.angkatan, "periksa": periksa, "form": form},
            status=status,
        )


class PeriksaDataView(_PeriksaDataMixin, View):
    """Show the printed data of one of the asker's own enrolments; a POST confirms it as shown."""

    def get(self, request, pk):
        return self.tampil(self.get_pendaftaran(pk))

    def post(self, request, pk):
        pendaftaran = self.get_pendaftaran(pk)
        try:
            data_cetak_konfirmasi(pendaftaran=pendaftaran, sidik=request.POST.get("sidik", "")[:64])
        except ValidationError as error:
            for pesan in error.messages:
                messages.error(request, pesan)
        else:
            messages.success(
                request,
                _("Terima kasih. Data Anda tercatat sudah benar dan akan dicetak seperti ini pada sertifikat Anda."),
            )
        return redirect("peserta:portal-data", pk=pendaftaran.pk)


class MintaPerbaikanView(_PeriksaDataMixin, View):
    """Ask staff to correct the printed data of one of the asker's own enrolments."""

    def get(self, request, pk):
        pendaftaran = self.get_pendaftaran(pk)
        return redirect(reverse("peserta:portal-data", args=[pendaftaran.pk]) + "#perbaikan")

    def post(self, request, pk):
        pendaftaran = self.get_pendaftaran(pk)
        form = PermintaanPerbaikanForm(request.POST, kini=isian_kini(pendaftaran.peserta))
        if form.is_valid():
            try:
                permintaan_perbaikan_create(
                    pendaftaran=pendaftaran,
                    isian=form.isian(),
                    catatan=form.cleaned_data["catatan"],
                    user=request.user,
                )
            except ValidationError as error:
                galat_ke_form(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Permintaan perbaikan data Anda terkirim ke penyelenggara. Jawabannya tampil di halaman ini "
                        "dan dikirim lewat e-mail."
                    ),
                )
                return redirect("peserta:portal-data", pk=pendaftaran.pk)
        return self.tampil(pendaftaran, form=form)
