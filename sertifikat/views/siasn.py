"""The SIASN *riwayat kursus* record of graduates: of one angkatan (its Sertifikat tab, staff) as CSV or
JSON straight away or as a ZIP with the PDFs, and of the selection of the export across angkatan (admins),
posted by that page's form (``diklat.signals.aksi_ekspor_lintas``)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from angkatan.models import Angkatan
from diklat.access import StaffPermissionRequiredMixin
from diklat.ekspor.csv import csv_response
from diklat.ekspor.unduhan import disposisi
from peserta.ekspor.selectors import pendaftaran_lintas
from peserta.ekspor.views import EksporLintasView, filter_sah
from sertifikat.services import tugas_siasn_start
from sertifikat.siasn import IZIN_LINTAS, KOLOM_SIASN, folder_angkatan, sertifikat_siasn, siasn_baris, siasn_json

FORMAT = ("csv", "json", "zip")


def _unduhan(format_: str, qs, nama: str):
    """Answer with the record of ``qs`` (certificates ready to be listed) as a streamed CSV or JSON."""
    if format_ == "json":
        respons = StreamingHttpResponse(siasn_json(siasn_baris(qs)), content_type="application/json; charset=utf-8")
        respons["Content-Disposition"] = disposisi(f"{nama}.json")
        return respons
    return csv_response(f"{nama}.csv", KOLOM_SIASN, siasn_baris(qs))


class SiasnAngkatanView(StaffPermissionRequiredMixin, View):
    """The record of one angkatan's graduates as CSV or JSON, straight away."""

    permission_required = "sertifikat.view_sertifikat"

    def load_objects(self, **kwargs):
        self.angkatan = get_object_or_404(Angkatan.objects.select_related("program"), pk=kwargs["pk"])

    def get(self, request, pk, format):
        if format not in ("csv", "json"):
            messages.error(request, _("Format riwayat kursus SIASN tidak dikenal."))
            return redirect("sertifikat:angkatan", pk=pk)
        qs = sertifikat_siasn(Angkatan.objects.filter(pk=self.angkatan.pk))
        return _unduhan(format, qs, f"siasn-riwayat-kursus-{folder_angkatan(self.angkatan)}")


class SiasnAngkatanZipView(StaffPermissionRequiredMixin, View):
    """Start the ZIP of one angkatan's record: the PDFs with the record as CSV and JSON."""

    permission_required = ("sertifikat.view_sertifikat", "sertifikat.add_tugassertifikat")

    def load_objects(self, **kwargs):
        self.angkatan = get_object_or_404(Angkatan.objects.select_related("program"), pk=kwargs["pk"])

    def post(self, request, pk):
        total = sertifikat_siasn(Angkatan.objects.filter(pk=pk)).count()
        parameter = {"angkatan": [pk], "ringkasan": str(self.angkatan)}
        try:
            tugas = tugas_siasn_start(user=request.user, parameter=parameter, total=total)
        except ValidationError as error:
            for pesan in error.messages:
                messages.error(request, pesan)
            return redirect("sertifikat:angkatan", pk=pk)
        return redirect("tugas:detail", pk=tugas.pk)


class SiasnLintasView(EksporLintasView):
    """The record of the graduates the export across angkatan's filters keep (its form, posted here).

    Only the filters count (the columns and format are the other export's): invalid ones bring the page
    back with their errors. CSV and JSON stream whatever their size (light rows, read in chunks); the ZIP,
    with every PDF, is always a job.
    """

    permission_required = IZIN_LINTAS
    http_method_names = ["post"]

    def post(self, request):
        form = self.form(request.POST)
        format_ = request.POST.get("siasn", "")
        if not filter_sah(form):
            return self._halaman(form, jumlah=None, status=400)
        jumlah = pendaftaran_lintas(**form.filter()).count()
        if format_ not in FORMAT:
            form.add_error(None, _("Format riwayat kursus SIASN tidak dikenal."))
            return self._halaman(form, jumlah=jumlah, status=400)
        qs = sertifikat_siasn(pendaftaran_lintas(**form.filter()))
        total = qs.count()
        if not total:
            # Said on the page rather than as a file holding its header only.
            form.add_error(
                None,
                _(
                    "Belum ada sertifikat berlaku dari lulusan yang cocok dengan filter ini; riwayat kursus SIASN kosong."
                ),
            )
            return self._halaman(form, jumlah=jumlah, status=400)
        if format_ == "zip":
            if not request.user.has_perm("sertifikat.add_tugassertifikat"):
                form.add_error(None, _("Anda tidak berwenang menyusun ZIP sertifikat."))
                return self._halaman(form, jumlah=jumlah, status=403)
            try:
                tugas = tugas_siasn_start(
                    user=request.user,
                    parameter={"filter": form.data_filter(), "ringkasan": form.ringkasan()},
                    total=total,
                )
            except ValidationError as error:
                form.add_error(None, error)
                return self._halaman(form, jumlah=jumlah, status=400)
            return redirect("tugas:detail", pk=tugas.pk)
        return _unduhan(format_, qs, f"siasn-riwayat-kursus-{timezone.localdate().isoformat()}")
