"""Attendance pages: the grid of an angkatan, its training days, and the daily sign-in sheet (PDF)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django_htmx.http import HttpResponseClientRefresh

from angkatan.hari_pelatihan import (
    akhir_pekan,
    hari_pelatihan_ubah,
    libur_dalam_jadwal,
    libur_pada,
    tahun_tanpa_data_libur,
    tanggal_panjang,
)
from angkatan.models import Angkatan, HariPelatihan
from diklat.access import StaffPermissionRequiredMixin
from diklat.pdf import css_string, render_pdf
from peserta.models import Pendaftaran, Presensi
from peserta.presensi.forms import HariForm, KeteranganForm
from peserta.presensi.selectors import daftar_hadir_untuk_hari, jumlah_hadir_pada_hari, presensi_grid
from peserta.presensi.services import (
    STATUS_PRESENSI,
    presensi_hari_hapus,
    presensi_hari_siapkan,
    presensi_hari_tambah,
    presensi_semua_hadir,
    presensi_set,
)

TEMPLATE_GRID = "peserta/presensi/grid.html"


class AngkatanPresensiMixin(StaffPermissionRequiredMixin):
    """An angkatan from the URL; every other object is looked up within it, so a forged id is a 404."""

    @cached_property
    def angkatan(self) -> Angkatan:
        return get_object_or_404(
            Angkatan.objects.select_related("program", "venue", "venue__provinsi"), pk=self.kwargs["pk"]
        )

    def get_hari(self) -> HariPelatihan:
        hari = get_object_or_404(HariPelatihan, pk=self.kwargs["hari_pk"], angkatan=self.angkatan)
        hari.angkatan = self.angkatan  # already read: spare the services a query
        return hari

    def url_grid(self, anchor: str = "") -> str:
        url = reverse("peserta:presensi", args=[self.angkatan.pk])
        return f"{url}#{anchor}" if anchor else url

    def pesan_error(self, error: ValidationError) -> None:
        for message in error.messages:
            messages.error(self.request, message)

    def render_grid(self, *, form_hari: HariForm | None = None):
        angkatan = self.angkatan
        grid = presensi_grid(angkatan=angkatan)
        jumlah_diusulkan = Pendaftaran.objects.filter(angkatan=angkatan, status=Pendaftaran.Status.DIUSULKAN).count()
        tanggal_hari = {h.tanggal for h in grid.hari}
        context = {
            "angkatan": angkatan,
            "tab": "presensi",
            "grid": grid,
            "terkunci": grid.terkunci,
            "bisa_ubah": not grid.terkunci and self.request.user.has_perm("peserta.change_presensi"),
            "jumlah_diusulkan": jumlah_diusulkan,
            "url_peserta": angkatan.get_absolute_url(),
            "libur": libur_dalam_jadwal(angkatan),
            "tahun_tanpa_data_libur": tahun_tanpa_data_libur(angkatan),
            "hari_luar_jadwal": [
                h for h in grid.hari if not angkatan.tanggal_mulai <= h.tanggal <= angkatan.tanggal_selesai
            ],
            "hari_ini": next((h for h in grid.hari if h.tanggal == timezone.localdate()), None),
            # The form suggests the first date of the schedule that is not a training day yet.
            "form_hari": form_hari
            or HariForm(
                initial={"tanggal": next((t for t in angkatan.tanggal_pelaksanaan if t not in tanggal_hari), None)}
            ),
        }
        return render(self.request, TEMPLATE_GRID, context)


class PresensiView(AngkatanPresensiMixin, View):
    """The attendance grid. Opening it changes nothing: the training days are made by "Siapkan hari pelatihan"."""

    permission_required = "peserta.view_presensi"

    def get(self, request, pk):
        return self.render_grid()


class PresensiSelView(AngkatanPresensiMixin, View):
    """One cell of the grid: set it to the status the click leads to."""

    permission_required = "peserta.change_presensi"

    def post(self, request, pk, pendaftaran_pk, hari_pk):
        pendaftaran = get_object_or_404(
            Pendaftaran.objects.select_related("peserta"), pk=pendaftaran_pk, angkatan=self.angkatan
        )
        hari = self.get_hari()
        error = None
        try:
            presensi_set(pendaftaran=pendaftaran, hari=hari, status=request.POST.get("status", ""))
        except ValidationError as e:
            error = e
        if request.htmx:
            return self.fragment(pendaftaran, hari, error)
        if error:
            self.pesan_error(error)
        else:
            status = request.POST.get("status", "")
            messages.success(
                request,
                _("Presensi %(nama)s pada %(tanggal)s: %(status)s.")
                % {
                    "nama": pendaftaran.peserta.nama_lengkap,
                    "tanggal": tanggal_panjang(hari.tanggal),
                    "status": Presensi.Status(status).label if status else _("dikosongkan"),
                },
            )
        return redirect(self.url_grid(f"baris-{pendaftaran.pk}"))

    def fragment(self, pendaftaran, hari, error):
        """Return the cell, and out of band the row's percentage, the day's count and the message area."""
        grid = presensi_grid(angkatan=self.angkatan, pendaftaran_ids=[pendaftaran.pk])
        if not grid.baris:
            # The person is not (or no longer) a row of the grid: show the whole page again.
            if error:
                self.pesan_error(error)
            return HttpResponseClientRefresh()
        baris = grid.baris[0]
        sel = next(s for s in baris.sel if s.hari.pk == hari.pk)
        context = {
            "angkatan": self.angkatan,
            "baris": baris,
            "sel": sel,
            "hari": hari,
            "hadir_hari_ini": jumlah_hadir_pada_hari(hari),
            "jumlah_baris": Pendaftaran.objects.filter(angkatan=self.angkatan, status__in=STATUS_PRESENSI).count(),
            "bisa_ubah": not grid.terkunci,
            "pesan_error": error.messages if error else [],
        }
        return render(self.request, "peserta/presensi/_sel_respons.html", context)


class PresensiSemuaHadirView(AngkatanPresensiMixin, View):
    """Mark every empty cell of one day as present."""

    permission_required = ("peserta.add_presensi", "peserta.change_presensi")

    def post(self, request, pk, hari_pk):
        hari = self.get_hari()
        try:
            jumlah = presensi_semua_hadir(hari=hari)
        except ValidationError as error:
            self.pesan_error(error)
        else:
            tanggal = tanggal_panjang(hari.tanggal)
            if jumlah:
                messages.success(
                    request,
                    _("%(jumlah)s peserta ditandai hadir pada %(tanggal)s. Catatan izin, sakit dan tidak hadir tetap.")
                    % {"jumlah": jumlah, "tanggal": tanggal},
                )
            else:
                messages.info(
                    request,
                    _("Semua peserta sudah tercatat pada %(tanggal)s; tidak ada yang diubah.") % {"tanggal": tanggal},
                )
        return redirect(self.url_grid(f"hari-{hari.pk}"))


class HariSiapkanView(AngkatanPresensiMixin, View):
    """Create the default training days (the button shown when an angkatan has none)."""

    permission_required = "angkatan.add_haripelatihan"

    def post(self, request, pk):
        try:
            dibuat = presensi_hari_siapkan(angkatan=self.angkatan)
        except ValidationError as error:
            self.pesan_error(error)
        else:
            if dibuat:
                messages.success(
                    request,
                    _("%(jumlah)s hari pelatihan dibuat dari jadwal angkatan. Tambah atau hapus hari di bawah.")
                    % {"jumlah": len(dibuat)},
                )
            else:
                messages.info(
                    request,
                    _(
                        "Tidak ada hari yang dibuat: angkatan ini sudah memiliki hari pelatihan, atau semua "
                        "tanggalnya hari libur. Tambahkan hari secara manual."
                    ),
                )
        return redirect(self.url_grid())


class HariTambahView(AngkatanPresensiMixin, View):
    permission_required = "angkatan.add_haripelatihan"

    def post(self, request, pk):
        form = HariForm(request.POST)
        if form.is_valid():
            tanggal = form.cleaned_data["tanggal"]
            try:
                hari = presensi_hari_tambah(
                    angkatan=self.angkatan, tanggal=tanggal, keterangan=form.cleaned_data["keterangan"]
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error("tanggal", message)
            else:
                pesan = _("%(tanggal)s ditambahkan sebagai hari pelatihan.") % {"tanggal": tanggal_panjang(tanggal)}
                catatan = [libur.nama for libur in libur_pada(tanggal)]
                if akhir_pekan(tanggal):
                    catatan.insert(0, _("akhir pekan"))
                if catatan:
                    pesan += " " + _("Catatan: %(catatan)s.") % {"catatan": "; ".join(catatan)}
                messages.success(request, pesan)
                return redirect(self.url_grid(f"hari-{hari.pk}"))
        messages.error(request, _("Hari pelatihan tidak ditambahkan; periksa isian di bawah."))
        return self.render_grid(form_hari=form)


class HariUbahView(AngkatanPresensiMixin, View):
    permission_required = "angkatan.change_haripelatihan"

    def post(self, request, pk, hari_pk):
        hari = self.get_hari()
        form = KeteranganForm(request.POST)
        if not form.is_valid():
            for message in form.errors.get("keterangan", []):
                messages.error(
                    request,
                    _("Keterangan %(tanggal)s: %(pesan)s")
                    % {"tanggal": tanggal_panjang(hari.tanggal), "pesan": message},
                )
            return redirect(self.url_grid("hari-pelatihan"))
        try:
            hari = hari_pelatihan_ubah(hari=hari, keterangan=form.cleaned_data["keterangan"])
        except ValidationError as error:
            self.pesan_error(error)
        else:
            messages.success(
                request, _("Keterangan %(tanggal)s tersimpan.") % {"tanggal": tanggal_panjang(hari.tanggal)}
            )
        return redirect(self.url_grid("hari-pelatihan"))


class HariHapusView(AngkatanPresensiMixin, View):
    """Remove a day; a day with attendance asks for confirmation on a page of its own."""

    permission_required = "angkatan.delete_haripelatihan"
    template_name = "peserta/presensi/hari_hapus.html"

    def get(self, request, pk, hari_pk):
        hari = self.get_hari()
        return self.konfirmasi(hari)

    def konfirmasi(self, hari):
        context = {
            "angkatan": self.angkatan,
            "tab": "presensi",
            "hari": hari,
            "jumlah_presensi": hari.presensi.count(),
        }
        return render(self.request, self.template_name, context)

    def post(self, request, pk, hari_pk):
        hari = self.get_hari()
        tanggal = tanggal_panjang(hari.tanggal)
        try:
            jumlah = presensi_hari_hapus(hari=hari, termasuk_presensi=request.POST.get("termasuk_presensi") == "1")
        except ValidationError as error:
            if error.code == "hari_berisi_presensi":
                return self.konfirmasi(hari)
            self.pesan_error(error)
            return redirect(self.url_grid("hari-pelatihan"))
        if jumlah:
            pesan = _("%(tanggal)s dihapus dari hari pelatihan beserta %(jumlah)s catatan presensinya.")
        else:
            pesan = _("%(tanggal)s dihapus dari hari pelatihan.")
        messages.success(request, pesan % {"tanggal": tanggal, "jumlah": jumlah})
        return redirect(self.url_grid("hari-pelatihan"))


class DaftarHadirView(AngkatanPresensiMixin, View):
    """The sign-in sheet of one day as PDF, always in Indonesian: it is an official document."""

    permission_required = "peserta.view_presensi"

    def get(self, request, pk, hari_pk):
        hari = self.get_hari()
        with translation.override("id"):
            daftar = daftar_hadir_untuk_hari(hari=hari)
            context = {
                "angkatan": self.angkatan,
                "daftar": daftar,
                "hari": hari,
                "judul_berjalan": css_string(
                    _("Daftar Hadir %(program)s Angkatan %(nomor)s Tahun %(tahun)s · %(tanggal)s")
                    % {
                        "program": self.angkatan.program.kode,
                        "nomor": self.angkatan.nomor_romawi,
                        "tahun": self.angkatan.tahun,
                        "tanggal": daftar.tanggal_panjang,
                    }
                ),
                "kata_halaman": css_string(_("Halaman")),
                "kata_dari": css_string(_("dari")),
            }
            pdf = render_pdf("peserta/presensi/daftar_hadir.html", context, request=request)
        nama = slugify(
            f"daftar-hadir-{self.angkatan.program.kode}-{self.angkatan.nomor_romawi}-{hari.tanggal:%Y-%m-%d}"
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{nama}.pdf"'
        return response
