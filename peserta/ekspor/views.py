"""An angkatan's roster (daftar peserta) exported as CSV, XLSX or PDF, with the columns staff tick; and the
sheets of its event as PDF (certificate receipt sheet, name tags, table tents)."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View

from angkatan.hari_pelatihan import rentang_tanggal
from angkatan.models import Angkatan
from diklat.access import StaffPermissionRequiredMixin
from diklat.ekspor.csv import csv_response
from diklat.ekspor.pdf import pdf_daftar
from diklat.ekspor.unduhan import disposisi
from diklat.ekspor.xlsx import xlsx_response
from peserta.ekspor.forms import EksporRosterForm
from peserta.ekspor.kolom import NOMOR, judul_kolom, kolom_tersedia
from peserta.ekspor.lembar import lembar_jumlah, pdf_papan_meja, pdf_papan_nama, pdf_tanda_terima
from peserta.ekspor.selectors import baris_ekspor, jumlah_per_status, pendaftaran_ekspor
from peserta.models import PilihanEkspor

DAFTAR = "roster"


def judul_angkatan(angkatan: Angkatan) -> list[str]:
    """The title block of an angkatan's exports: what, which batch, when and where."""
    venue = angkatan.venue
    return [
        _("Daftar Peserta"),
        _("%(program)s Angkatan %(nomor)s Tahun %(tahun)s")
        % {"program": angkatan.program.nama, "nomor": angkatan.nomor_romawi, "tahun": angkatan.tahun},
        _("Tanggal: %(tanggal)s") % {"tanggal": rentang_tanggal(angkatan.tanggal_mulai, angkatan.tanggal_selesai)},
        _("Tempat: %(tempat)s") % {"tempat": f"{venue.nama}, {venue.kota}" if venue else "—"},
    ]


class RosterEksporView(StaffPermissionRequiredMixin, View):
    """Choose the columns, order, status and format; the last choice is offered again to the same user."""

    permission_required = ("angkatan.view_angkatan", "peserta.view_pendaftaran")
    template_name = "peserta/ekspor/roster.html"

    def load_objects(self, **kwargs):
        self.angkatan = get_object_or_404(Angkatan.objects.select_related("program", "venue"), pk=kwargs["pk"])
        self.kolom = kolom_tersedia(DAFTAR)

    def get(self, request, pk):
        tersimpan = PilihanEkspor.objects.filter(user=request.user, daftar=DAFTAR).first()
        form = EksporRosterForm(kolom=self.kolom, initial=tersimpan.pilihan if tersimpan else None)
        return self._halaman(form)

    def post(self, request, pk):
        form = EksporRosterForm(request.POST, kolom=self.kolom)
        if not form.is_valid():
            return self._halaman(form, status=400)
        PilihanEkspor.objects.update_or_create(user=request.user, daftar=DAFTAR, defaults={"pilihan": form.pilihan()})
        dipilih = [k for k in self.kolom if k.kunci in form.cleaned_data["kolom"]]
        header = judul_kolom([NOMOR, *(k.kolom for k in dipilih)])
        qs = pendaftaran_ekspor(self.angkatan, status=form.cleaned_data["status"], urut=form.cleaned_data["urut"])
        baris = baris_ekspor(qs, dipilih)
        a = self.angkatan
        nama = slugify(f"daftar peserta {a.program.kode} angkatan {a.nomor_romawi} {a.tahun}")
        format_ = form.cleaned_data["format"]
        if format_ == "xlsx":
            return xlsx_response(f"{nama}.xlsx", header, baris, judul=judul_angkatan(a), nama_lembar=_("Peserta"))
        if format_ == "pdf":
            pdf = pdf_daftar(header, baris, judul=judul_angkatan(a), ringkasan=jumlah_per_status(qs))
            response = HttpResponse(pdf, content_type="application/pdf")
            response["Content-Disposition"] = disposisi(f"{nama}.pdf")
            return response
        pemisah = ";" if format_ == "csv_titik_koma" else ","
        return csv_response(f"{nama}.csv", header, baris, pemisah=pemisah)

    def _halaman(self, form, status=200):
        return render(
            self.request,
            self.template_name,
            {"angkatan": self.angkatan, "form": form, "tab": "peserta", "lembar": lembar_jumlah(self.angkatan)},
            status=status,
        )


class LembarAcaraView(StaffPermissionRequiredMixin, View):
    """One sheet of the angkatan's event as a PDF download; ``buat`` renders it, ``nama`` names the file."""

    permission_required = ("angkatan.view_angkatan", "peserta.view_pendaftaran")
    buat = None
    nama = ""

    def load_objects(self, **kwargs):
        self.angkatan = get_object_or_404(Angkatan.objects.select_related("program", "venue"), pk=kwargs["pk"])

    def get(self, request, pk):
        a = self.angkatan
        pdf = type(self).buat(a)
        response = HttpResponse(pdf, content_type="application/pdf")
        nama = slugify(f"{self.nama} {a.program.kode} angkatan {a.nomor_romawi} {a.tahun}")
        response["Content-Disposition"] = disposisi(f"{nama}.pdf")
        return response


class TandaTerimaView(LembarAcaraView):
    """The certificate receipt sheet: graduates, their certificate numbers and where they sign."""

    buat = pdf_tanda_terima
    nama = "tanda terima sertifikat"


class PapanNamaView(LembarAcaraView):
    """Name tags to cut, eight to an A4."""

    buat = pdf_papan_nama
    nama = "papan nama"


class PapanMejaView(LembarAcaraView):
    """Table tents, one A4 a person, folded."""

    buat = pdf_papan_meja
    nama = "papan nama meja"
