"""Pages of the bulk import: template, upload, preview, confirmation and cancellation."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View

from angkatan.models import Angkatan
from diklat.access import StaffPermissionRequiredMixin
from peserta.imports.forms import UnggahForm
from peserta.imports.plan import BARU, GALAT, LAMA, TERDAFTAR
from peserta.imports.reading import LABEL
from peserta.imports.services import (
    angkatan_terima_impor,
    sesi_impor_cancel,
    sesi_impor_confirm,
    sesi_impor_create,
    sesi_impor_plan,
)
from peserta.imports.template import templat_impor_xlsx
from peserta.models import SesiImpor

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TAMPILAN = (("semua", None), ("galat", GALAT), ("baru", BARU), ("lama", LAMA), ("terdaftar", TERDAFTAR))


class _ImporMixin(StaffPermissionRequiredMixin):
    permission_required = "peserta.add_sesiimpor"

    @cached_property
    def angkatan(self) -> Angkatan:
        return get_object_or_404(Angkatan.objects.select_related("program", "venue"), pk=self.kwargs["pk"])

    def sesi(self) -> SesiImpor:
        # Scoped to the angkatan in the URL and to the person who uploaded it: any other id is a 404.
        return get_object_or_404(
            SesiImpor, pk=self.kwargs["sesi"], angkatan=self.angkatan, dibuat_oleh=self.request.user
        )

    def url_pratinjau(self, sesi: SesiImpor) -> str:
        return reverse("peserta:impor-pratinjau", args=[self.angkatan.pk, sesi.pk])


class ImporTemplatView(_ImporMixin, View):
    def get(self, request, pk):
        response = HttpResponse(templat_impor_xlsx(), content_type=XLSX)
        response["Content-Disposition"] = 'attachment; filename="templat-impor-peserta.xlsx"'
        return response


class ImporView(_ImporMixin, View):
    """Upload a file: read it, keep its rows, and go to the preview."""

    template_name = "peserta/impor/unggah.html"

    def get(self, request, pk):
        return self.tampil(UnggahForm())

    def post(self, request, pk):
        form = UnggahForm(request.POST, request.FILES)
        if form.is_valid():
            berkas = form.cleaned_data["berkas"]
            try:
                sesi = sesi_impor_create(
                    angkatan=self.angkatan, user=request.user, nama_berkas=berkas.name, isi=berkas.read()
                )
            except ValidationError as galat:
                form.add_error("berkas", galat)
            else:
                return redirect(self.url_pratinjau(sesi))
        return self.tampil(form)

    def tampil(self, form):
        try:
            angkatan_terima_impor(self.angkatan)
            tertutup = ""
        except ValidationError as galat:
            tertutup = " ".join(galat.messages)
        riwayat = SesiImpor.objects.filter(angkatan=self.angkatan, dibuat_oleh=self.request.user).defer("baris")[:5]
        return render(
            self.request,
            self.template_name,
            {
                "angkatan": self.angkatan,
                "tab": "peserta",
                "form": form,
                "tertutup": tertutup,
                "riwayat": riwayat,
                "label_kolom": [LABEL[k] for k in LABEL if k != "ttl"],
            },
        )


class ImporPratinjauView(_ImporMixin, View):
    """Show what the import would do, row by row; or, once done, what it did."""

    template_name = "peserta/impor/pratinjau.html"

    def get(self, request, pk, sesi):
        sesi = self.sesi()
        konteks = {"angkatan": self.angkatan, "tab": "peserta", "sesi": sesi}
        if sesi.status != SesiImpor.Status.PRATINJAU:
            return render(request, self.template_name, konteks)

        sesi.angkatan = self.angkatan
        rencana = sesi_impor_plan(sesi)
        tampil = request.GET.get("tampil", "semua")
        aksi = dict(TAMPILAN).get(tampil)
        if tampil not in dict(TAMPILAN):
            tampil = "semua"
        baris = [b for b in rencana.baris if aksi is None or b.aksi == aksi]
        konteks |= {
            "rencana": rencana,
            "baris": baris,
            "tampil": tampil,
            "pilihan_tampil": [
                ("semua", _("Semua"), len(rencana.baris)),
                ("galat", _("Bermasalah"), rencana.jumlah_galat),
                ("baru", _("Peserta baru"), rencana.jumlah_baru),
                ("lama", _("Peserta lama"), rencana.jumlah_lama),
                ("terdaftar", _("Sudah terdaftar"), rencana.jumlah_terdaftar),
            ],
            "pernah_diimpor": SesiImpor.objects.filter(
                angkatan=self.angkatan, sha256=sesi.sha256, status=SesiImpor.Status.DIIMPOR
            )
            .exclude(pk=sesi.pk)
            .order_by("-updated_at")
            .only("updated_at")
            .first(),
        }
        if request.htmx and request.htmx.target == "tabel-pratinjau":
            return render(request, "peserta/impor/_tabel.html", konteks)
        return render(request, self.template_name, konteks)


class ImporKonfirmasiView(_ImporMixin, View):
    permission_required = (
        "peserta.add_sesiimpor",
        "peserta.add_peserta",
        "peserta.change_peserta",
        "peserta.add_pendaftaran",
    )

    def post(self, request, pk, sesi):
        sesi = self.sesi()
        try:
            rencana = sesi_impor_confirm(sesi=sesi, user=request.user, sidik=request.POST.get("sidik", "")[:64])
        except ValidationError as galat:
            messages.error(request, " ".join(galat.messages))
            return redirect(self.url_pratinjau(sesi))
        pesan = _(
            "Impor selesai: %(baru)s peserta baru dan %(lama)s peserta lama didaftarkan, %(diperbarui)s data "
            "peserta diperbarui, %(terdaftar)s sudah terdaftar sebelumnya."
        ) % {
            "baru": rencana.jumlah_baru,
            "lama": rencana.jumlah_lama,
            "diperbarui": rencana.jumlah_diperbarui,
            "terdaftar": rencana.jumlah_terdaftar,
        }
        if rencana.jumlah_galat:
            pesan += " " + _("%(galat)s baris bermasalah tidak diimpor.") % {"galat": rencana.jumlah_galat}
        messages.success(request, pesan)
        return redirect(self.angkatan.get_absolute_url())


class ImporBatalView(_ImporMixin, View):
    def post(self, request, pk, sesi):
        sesi = self.sesi()
        try:
            sesi_impor_cancel(sesi=sesi, user=request.user)
        except ValidationError as galat:
            messages.error(request, " ".join(galat.messages))
            return redirect(self.url_pratinjau(sesi))
        messages.info(
            request, _("Impor “%(nama)s” dibatalkan; tidak ada data yang diubah.") % {"nama": sesi.nama_berkas}
        )
        return redirect("peserta:impor", self.angkatan.pk)
