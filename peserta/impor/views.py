"""Pages of the bulk import: template, upload, preview, confirmation and cancellation."""

import logging
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db import connection
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRefresh

from angkatan.models import Angkatan
from diklat.access import StaffPermissionRequiredMixin
from diklat.angka import angka_tampil
from diklat.halaman import TautanHalaman, halaman_terdekat, tautan_halaman
from diklat.tugas.services import GALAT_SEMENTARA
from diklat.unggah import BATAS_BUNGKUS_FORMULIR, panjang_badan, timbang_badan_sendiri
from peserta.impor.forms import UnggahForm, galat_terlalu_besar
from peserta.impor.plan import BARU, GALAT, LAMA, TERDAFTAR, HasilBaris
from peserta.impor.reading import BATAS_UKURAN, LABEL
from peserta.impor.services import (
    sesi_impor_cancel,
    sesi_impor_confirm,
    sesi_impor_create,
    sesi_impor_plan,
)
from peserta.impor.template import templat_impor_xlsx
from peserta.models import SesiImpor
from peserta.pendaftaran.services import pastikan_angkatan_terima_peserta

logger = logging.getLogger(__name__)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Rows of the preview per page: a list of 5,000 people is not one page of megabytes.
BARIS_PER_HALAMAN = 100


def _pilih(aksi: str | None):
    return lambda b: aksi is None or b.aksi == aksi


TAMPILAN = {
    "semua": _pilih(None),
    "galat": _pilih(GALAT),
    "baru": _pilih(BARU),
    "lama": _pilih(LAMA),
    "terdaftar": _pilih(TERDAFTAR),
    "kurang": lambda b: b.aksi != GALAT and bool(b.kurang),
}


@dataclass
class BagianTabel:
    """One list of rows in the preview, with its page and the query parameter that turns it."""

    kode: str
    judul: str
    halaman: Page
    param: str
    tautan: list[TautanHalaman]
    lipat: bool = False
    terbuka: bool = True


def _bagian_tabel(baris: list[HasilBaris], tampil: str, get: QueryDict) -> list[BagianTabel]:
    """Split the rows shown into the problems first, then the rows to import folded; each paginated."""

    def bagian(kode: str, judul: str, daftar: list[HasilBaris], param: str, **lain) -> BagianTabel:
        halaman = halaman_terdekat(Paginator(daftar, BARIS_PER_HALAMAN), get.get(param))

        def alamat(nomor: int) -> str:
            kueri = get.copy()
            kueri[param] = nomor
            return "?" + kueri.urlencode()

        return BagianTabel(kode, judul, halaman, param, tautan_halaman(halaman, alamat), **lain)

    if tampil != "semua":
        return [bagian(tampil, "", baris, "hal")] if baris else []
    galat = [b for b in baris if b.aksi == GALAT]
    benar = [b for b in baris if b.aksi != GALAT]
    hasil = []
    if galat:
        hasil.append(bagian("galat", _("Baris bermasalah"), galat, "hal_galat"))
    if benar:
        hasil.append(
            # Folded while problems come first; open once someone pages through it, or when it is all there is.
            bagian("benar", _("Baris yang akan diimpor"), benar, "hal", lipat=True, terbuka=not galat or "hal" in get)
        )
    return hasil


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


# The CSRF check reads the whole body, which would spool a file of any size to disk: the body is weighed
# first, after the permission check and before the CSRF check (diklat.unggah).
@method_decorator([csrf_exempt, timbang_badan_sendiri], name="dispatch")
class ImporView(_ImporMixin, View):
    """Upload a file: read it, keep its rows, and go to the preview."""

    template_name = "peserta/impor/unggah.html"

    def get(self, request, pk):
        return self.tampil(UnggahForm())

    def post(self, request, pk):
        panjang = panjang_badan(request)
        if panjang > BATAS_UKURAN + BATAS_BUNGKUS_FORMULIR:
            form = UnggahForm()
            form.errors["berkas"] = form.error_class(galat_terlalu_besar(panjang).messages)
            return self.tampil(form, status=413)
        return csrf_protect(self.unggah)(request, pk)

    def unggah(self, request, pk):
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

    def tampil(self, form, status: int = 200):
        try:
            pastikan_angkatan_terima_peserta(self.angkatan)
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
            status=status,
        )


# The Back button after a confirmation comes here. A preview the browser kept (or, since htmx swaps the table
# from this same address, the table alone) would show an import that is done as still to confirm: every answer
# is asked for again, and the page and its table part are never taken for each other.
@method_decorator([never_cache, vary_on_headers("HX-Request")], name="dispatch")
class ImporPratinjauView(_ImporMixin, View):
    """Show what the import would do, row by row; or, once done, what it did."""

    template_name = "peserta/impor/pratinjau.html"

    def get(self, request, pk, sesi):
        sesi = self.sesi()
        konteks = {"angkatan": self.angkatan, "tab": "peserta", "sesi": sesi}
        if sesi.status != SesiImpor.Status.PRATINJAU:
            if request.htmx and not request.htmx.history_restore_request:
                # A page from before the confirmation asks for part of its table: reload it whole, as it is now.
                return HttpResponseClientRefresh()
            return render(request, self.template_name, konteks)

        sesi.angkatan = self.angkatan
        rencana = sesi_impor_plan(sesi)
        tampil = request.GET.get("tampil", "semua")
        if tampil not in TAMPILAN:
            tampil = "semua"
        baris = [b for b in rencana.baris if TAMPILAN[tampil](b)]
        konteks |= {
            "rencana": rencana,
            "baris": baris,
            "bagian_tabel": _bagian_tabel(baris, tampil, request.GET),
            "tampil": tampil,
            "pilihan_tampil": [
                ("semua", _("Semua"), len(rencana.baris)),
                ("galat", _("Bermasalah"), rencana.jumlah_galat),
                ("baru", _("Peserta baru"), rencana.jumlah_baru),
                ("lama", _("Peserta lama"), rencana.jumlah_lama),
                ("terdaftar", _("Sudah terdaftar"), rencana.jumlah_terdaftar),
                ("kurang", _("Belum lengkap"), rencana.jumlah_belum_lengkap),
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
        except GALAT_SEMENTARA:
            # The database went away (a restart) mid-import: its one transaction is lost whole.
            logger.exception("The database went away while confirming import %s", sesi.pk)
            connection.close()  # the next query (the message's session) opens a new one
            messages.error(
                request,
                _(
                    "Basis data tidak menjawab saat impor berjalan, jadi tidak ada satu baris pun yang disimpan. "
                    "Konfirmasi lagi setelah layanannya pulih."
                ),
            )
            return redirect(self.url_pratinjau(sesi))
        pesan = _("Impor selesai: %(baru)s peserta baru dan %(lama)s peserta lama didaftarkan.") % {
            "baru": angka_tampil(rencana.jumlah_baru),
            "lama": angka_tampil(rencana.jumlah_lama),
        }
        # Only what happened is said: "0 data peserta diperbarui" reads like something went wrong.
        if rencana.jumlah_diperbarui:
            pesan += " " + _("Data %(diperbarui)s peserta lama diperbarui.") % {
                "diperbarui": angka_tampil(rencana.jumlah_diperbarui)
            }
        if rencana.jumlah_terdaftar:
            pesan += " " + _("%(terdaftar)s peserta sudah terdaftar sebelumnya.") % {
                "terdaftar": angka_tampil(rencana.jumlah_terdaftar)
            }
        if rencana.jumlah_galat:
            pesan += " " + _("%(galat)s baris bermasalah tidak diimpor.") % {
                "galat": angka_tampil(rencana.jumlah_galat)
            }
        if rencana.jumlah_belum_lengkap:
            pesan += " " + _(
                "%(kurang)s peserta belum lengkap (tempat lahir, pangkat/golongan, atau jabatan kosong): lengkapi "
                "datanya sebelum sertifikat dibuat."
            ) % {"kurang": angka_tampil(rencana.jumlah_belum_lengkap)}
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
