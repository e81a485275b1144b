"""The exports of enrolments: an angkatan's roster (daftar peserta) as CSV, XLSX or PDF with the columns
staff tick, the sheets of its event as PDF (certificate receipt sheet, name tags, table tents), and the
export across angkatan (admins), filtered, straight or as a background job."""

import logging

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View

from angkatan.hari_pelatihan import rentang_tanggal
from angkatan.models import Angkatan
from diklat.access import StaffPermissionRequiredMixin
from diklat.angka import angka_tampil
from diklat.ekspor.csv import csv_response
from diklat.ekspor.pdf import pdf_daftar
from diklat.ekspor.unduhan import disposisi
from diklat.ekspor.xlsx import xlsx_response
from diklat.models import Tugas
from diklat.signals import aksi_ekspor_lintas as sinyal_aksi_ekspor_lintas
from diklat.tugas.jenis import jenis_tugas
from peserta.ekspor.forms import EksporLintasForm, EksporRosterForm, FilterLintasForm
from peserta.ekspor.kolom import NOMOR, judul_kolom, kolom_tersedia
from peserta.ekspor.lembar import lembar_jumlah, pdf_papan_meja, pdf_papan_nama, pdf_tanda_terima
from peserta.ekspor.lintas import DAFTAR as DAFTAR_LINTAS
from peserta.ekspor.lintas import batas_langsung, batas_pdf, ekspor_lintas_respons, ekspor_lintas_siapkan, kolom_lintas
from peserta.ekspor.selectors import baris_ekspor, jumlah_per_status, pendaftaran_ekspor, pendaftaran_lintas
from peserta.ekspor.services import ekspor_lintas_start
from peserta.models import Pendaftaran, PilihanEkspor

logger = logging.getLogger(__name__)

DAFTAR = "roster"
# How many of an admin's recent export jobs the page lists, to come back to their downloads.
TUGAS_TERAKHIR = 5


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


def aksi_ekspor_lintas(request) -> list:
    """Return the other exports of the same selection that higher floors offer (``diklat.signals``)."""
    aksi = []
    for receiver, jawaban in sinyal_aksi_ekspor_lintas.send_robust(sender=Pendaftaran, request=request):
        if isinstance(jawaban, Exception):
            logger.error("aksi_ekspor_lintas receiver %r failed", receiver, exc_info=jawaban)
            continue
        if jawaban:
            aksi.append(jawaban)
    return aksi


def tugas_ekspor_terakhir(user) -> list[tuple[Tugas, str, str]]:
    """Return the user's latest exports built as jobs, newest first, each with its kind's label and what it took."""
    daftar = (
        Tugas.objects.filter(dibuat_oleh=user, tugas_ekspor__isnull=False)
        .select_related("tugas_ekspor")
        .order_by("-created_at", "-pk")
    )
    hasil = []
    for tugas in daftar[:TUGAS_TERAKHIR]:
        jenis = jenis_tugas(tugas.jenis)
        if jenis is not None and user.has_perms(jenis.izin):
            hasil.append((tugas, jenis.label, tugas.tugas_ekspor.parameter.get("ringkasan", "")))
    return hasil


class EksporLintasView(StaffPermissionRequiredMixin, View):
    """Export enrolments across angkatan (admins): filters, columns, order and format; the count first.

    Up to ``DIKLAT_EKSPOR_BATAS_LANGSUNG`` rows the file comes straight back; above it the export is
    queued as a job and its page opens (a PDF that large is refused: it cannot be streamed).
    """

    permission_required = ("peserta.ekspor_lintas", "peserta.view_pendaftaran")
    template_name = "peserta/ekspor/lintas.html"

    def load_objects(self, **kwargs):
        self.kolom = kolom_lintas()

    def form(self, data=None, **kwargs) -> EksporLintasForm:
        return EksporLintasForm(data, kolom=self.kolom, **kwargs)

    def get(self, request):
        tersimpan = PilihanEkspor.objects.filter(user=request.user, daftar=DAFTAR_LINTAS).first()
        form = self.form(initial=tersimpan.pilihan if tersimpan else None)
        return self._halaman(form, jumlah=Pendaftaran.objects.count())

    def post(self, request):
        form = self.form(request.POST)
        sah = filter_sah(form)
        jumlah = pendaftaran_lintas(**form.filter()).count() if sah else None
        if request.POST.get("aksi") == "hitung":
            return self._halaman(form, jumlah=jumlah, status=200 if sah else 400)
        if not form.is_valid():
            return self._halaman(form, jumlah=jumlah, status=400)
        PilihanEkspor.objects.update_or_create(
            user=request.user, daftar=DAFTAR_LINTAS, defaults={"pilihan": form.pilihan()}
        )
        format_ = form.cleaned_data["format"]
        if not jumlah:
            form.add_error(None, _("Tidak ada pendaftaran yang cocok dengan filter ini; longgarkan filternya."))
            return self._halaman(form, jumlah=jumlah, status=400)
        batas = batas_langsung()
        if format_ == "pdf" and jumlah > batas_pdf():
            # A PDF is laid out whole in the request (WeasyPrint): a thousand rows take half a minute.
            form.add_error(
                "format",
                _(
                    "PDF hanya untuk paling banyak %(batas)s baris, sedangkan filter ini mencakup %(jumlah)s baris. "
                    "Pilih Excel atau CSV (disusun di latar belakang), atau persempit filternya."
                )
                % {"batas": angka_tampil(batas_pdf()), "jumlah": angka_tampil(jumlah)},
            )
            return self._halaman(form, jumlah=jumlah, status=400)
        if jumlah > batas:
            parameter = {"filter": form.data_filter(), "ringkasan": form.ringkasan(), **form.pilihan()}
            tugas = ekspor_lintas_start(user=request.user, parameter=parameter, total=jumlah)
            return redirect("tugas:detail", pk=tugas.pk)
        ekspor = ekspor_lintas_siapkan(
            form=form, kolom=form.cleaned_data["kolom"], urut=form.cleaned_data["urut"], format=format_
        )
        return ekspor_lintas_respons(ekspor)

    def _halaman(self, form, *, jumlah: int | None, status: int = 200):
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "jumlah": jumlah,
                "batas": batas_langsung(),
                "batas_pdf": batas_pdf(),
                "aksi_tambahan": aksi_ekspor_lintas(self.request),
                "tugas_terakhir": tugas_ekspor_terakhir(self.request.user),
            },
            status=status,
        )


class EksporLintasHitungView(StaffPermissionRequiredMixin, View):
    """How many rows the filters keep, for the page to show as they change (htmx); or why they cannot hold."""

    permission_required = ("peserta.ekspor_lintas", "peserta.view_pendaftaran")

    def post(self, request):
        form = FilterLintasForm(request.POST)
        jumlah = pendaftaran_lintas(**form.filter()).count() if form.is_valid() else None
        # The fields are not drawn again: say what is wrong beside the count.
        galat = form.galat_kalimat()
        return render(
            request,
            "peserta/ekspor/_jumlah_lintas.html",
            {"jumlah": jumlah, "batas": batas_langsung(), "batas_pdf": batas_pdf(), "galat": galat},
        )


def filter_sah(form: EksporLintasForm) -> bool:
    """Whether the filters of a bound export form hold, whatever its columns and format say."""
    form.is_valid()
    return not any(nama in form.errors for nama in FilterLintasForm.FILTER) and not form.non_field_errors()
