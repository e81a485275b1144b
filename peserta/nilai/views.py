"""The score page of an angkatan: the grid, finalising results, and unlocking them."""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from angkatan.models import Angkatan
from diklat.access import StaffPermissionRequiredMixin
from diklat.angka import persen_tampil
from peserta.nilai.aturan import batas_lulus, nilai_tampil
from peserta.nilai.forms import IsianNilaiForm, nama_sel
from peserta.nilai.selectors import nilai_grid, riwayat_kunci
from peserta.nilai.services import IsianNilaiSalah, hasil_buka_kunci, hasil_finalisasi, nilai_grid_save


def _angkatan(pk: int) -> Angkatan:
    return get_object_or_404(Angkatan.objects.select_related("program"), pk=pk)


def _baris_grid(grid, *, post=None, salah=None, disimpan=()):
    """Return the rows as the template draws them, and what each cell showed ({"<pid>-<kid>": text})."""
    salah = salah or {}
    awal = {}
    baris = []
    for row in grid.baris:
        sel = []
        for komponen in grid.komponen:
            kunci = (row.pendaftaran.pk, komponen.pk)
            tersimpan = nilai_tampil(row.nilai.get(komponen.pk))
            nama = nama_sel(*kunci)
            awal[f"{kunci[0]}-{kunci[1]}"] = tersimpan
            sel.append(
                {
                    "nama": nama,
                    "komponen": komponen,
                    # After a refused save the cell keeps what was typed.
                    "nilai": post.get(nama, tersimpan) if post is not None else tersimpan,
                    "tersimpan": tersimpan,
                    "galat": salah.get(kunci, []),
                    "baru_disimpan": kunci in disimpan,
                }
            )
        baris.append({"row": row, "sel": sel, "kehadiran": persen_tampil(row.pendaftaran.persen_kehadiran)})
    return baris, awal


def _konteks_grid(request, angkatan, *, form=None, salah=None, masalah_finalisasi=None):
    """Build what the grid shows: stored scores, or what was typed and its errors after a refused save."""
    grid = nilai_grid(angkatan)
    post = form.data if form is not None else None
    baris, awal = _baris_grid(grid, post=post, salah=salah)
    if form is not None and form.awal is not None:
        # Keep what the page first showed, so the next try still saves only what was changed.
        awal = {k: v for k, v in form.awal.items() if k in awal}
    boleh_ubah = request.user.has_perm("peserta.change_nilai")
    return {
        "angkatan": angkatan,
        "program": angkatan.program,
        "tab": "nilai",
        "grid": grid,
        "baris": baris,
        "url_nilai": reverse("peserta:nilai", args=[angkatan.pk]),
        "awal_json": json.dumps(awal, separators=(",", ":")),
        "batas_lulus": nilai_tampil(batas_lulus(grid.bands), desimal=2),
        "min_kehadiran": persen_tampil(angkatan.program.min_kehadiran_persen),
        "jumlah_lengkap": sum(1 for row in grid.baris if row.lengkap),
        "riwayat": riwayat_kunci(angkatan),
        "masalah_finalisasi": masalah_finalisasi or [],
        "dapat_diisi": bool(grid.komponen) and boleh_ubah and not grid.terkunci,
        "boleh_finalisasi": request.user.has_perms(["peserta.change_nilai", "peserta.change_pendaftaran"]),
        "boleh_buka_kunci": request.user.has_perm("angkatan.unlock_nilai_angkatan"),
    }


def _simpan_satu_sel(request, angkatan, nama: str, kunci: tuple[int, int]):
    """Save one cell on its own (htmx, when the cell loses focus) and return it with its row's final score."""
    teks = request.POST.get(nama, "")
    salah, disimpan = {}, ()
    try:
        nilai_grid_save(angkatan=angkatan, isian={kunci: teks}, user=request.user)
        disimpan = (kunci,)
    except IsianNilaiSalah as error:
        salah = error.per_isian
    except ValidationError as error:
        salah = {kunci: error.messages}
    grid = nilai_grid(angkatan, pendaftaran_ids=[kunci[0]])
    baris, _awal = _baris_grid(grid, post=request.POST if salah else None, salah=salah, disimpan=disimpan)
    sel = next((s for b in baris for s in b["sel"] if s["nama"] == nama), None)
    if sel is None:
        # A forged or stale cell: answer in place, in words, rather than with an error page.
        sel = {"nama": nama, "komponen": None, "nilai": teks, "tersimpan": "", "galat": salah.get(kunci, [])}
    konteks = {
        "angkatan": angkatan,
        "sel": sel,
        "p": baris[0]["row"].pendaftaran if baris else None,
        "row": baris[0]["row"] if baris else None,
        "oob": True,
        "url_nilai": reverse("peserta:nilai", args=[angkatan.pk]),
        "dapat_diisi": True,
    }
    return render(request, "peserta/nilai/_sel_htmx.html", konteks)


class NilaiView(StaffPermissionRequiredMixin, View):
    """Show the score grid (GET) and save what was typed into it, all or nothing (POST)."""

    template_name = "peserta/nilai/grid.html"

    def get_permission_required(self):
        return ["peserta.change_nilai"] if self.request.method == "POST" else ["peserta.view_nilai"]

    def get(self, request, pk):
        angkatan = _angkatan(pk)
        return render(request, self.template_name, _konteks_grid(request, angkatan))

    def post(self, request, pk):
        angkatan = _angkatan(pk)
        form = IsianNilaiForm(request.POST)
        if request.htmx and form.sel_tunggal is not None:
            return _simpan_satu_sel(request, angkatan, *form.sel_tunggal)
        if not form.is_valid():
            for message in form.non_field_errors():
                messages.error(request, message)
            return render(request, self.template_name, _konteks_grid(request, angkatan, form=form))
        try:
            hasil = nilai_grid_save(angkatan=angkatan, isian=form.cleaned_data["isian"], user=request.user)
        except IsianNilaiSalah as error:
            messages.error(request, error.messages[0])
            konteks = _konteks_grid(request, angkatan, form=form, salah=error.per_isian)
            return render(request, self.template_name, konteks)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            konteks = _konteks_grid(request, angkatan, form=form)
            return render(request, self.template_name, konteks)
        if hasil.disimpan or hasil.dihapus:
            messages.success(
                request,
                _("Nilai tersimpan: %(disimpan)s diisi atau diubah, %(dihapus)s dikosongkan.")
                % {"disimpan": hasil.disimpan, "dihapus": hasil.dihapus},
            )
        elif form.ada_teks:
            # Each cell is saved when it loses focus: nothing left to save is the good outcome, not a failure.
            messages.success(request, _("Semua nilai sudah tersimpan."))
        else:
            messages.info(
                request, _("Belum ada nilai yang diisi: ketik nilai di tabel; tiap sel tersimpan saat ditinggalkan.")
            )
        return redirect("peserta:nilai", pk=angkatan.pk)


class NilaiFinalisasiView(StaffPermissionRequiredMixin, View):
    """Decide lulus / tidak lulus for everyone attending and lock the scores."""

    permission_required = ["peserta.change_nilai", "peserta.change_pendaftaran"]

    def post(self, request, pk):
        angkatan = _angkatan(pk)
        if not request.POST.get("konfirmasi"):
            messages.error(request, _("Centang konfirmasi dahulu: setelah difinalisasi, nilai terkunci."))
            return redirect("peserta:nilai", pk=angkatan.pk)
        try:
            ringkasan = hasil_finalisasi(angkatan=angkatan, user=request.user)
        except ValidationError as error:
            konteks = _konteks_grid(request, angkatan, masalah_finalisasi=error.messages)
            return render(request, NilaiView.template_name, konteks)
        messages.success(
            request,
            _("Hasil difinalisasi: %(lulus)s lulus, %(tidak)s tidak lulus. Nilai kini terkunci.")
            % {"lulus": ringkasan.lulus, "tidak": ringkasan.tidak_lulus},
        )
        return redirect("peserta:nilai", pk=angkatan.pk)


class NilaiBukaKunciView(StaffPermissionRequiredMixin, View):
    """Reopen finalised results (admins), with a reason for the audit log."""

    permission_required = "angkatan.unlock_nilai_angkatan"

    def post(self, request, pk):
        angkatan = _angkatan(pk)
        try:
            jumlah = hasil_buka_kunci(angkatan=angkatan, user=request.user, alasan=request.POST.get("alasan", ""))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("Kunci nilai dibuka; %(jumlah)s hasil kembali berstatus Mengikuti dan perlu difinalisasi ulang.")
                % {"jumlah": jumlah},
            )
        return redirect("peserta:nilai", pk=angkatan.pk)
