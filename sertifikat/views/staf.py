"""Staff pages of certificates: an angkatan's certificates, starting their jobs, downloads.

A job's page with its progress is the site's (``tugas:detail``); ``sertifikat.tugas`` frames it.
"""

import re
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from angkatan.models import Angkatan
from diklat.access import StaffPermissionRequiredMixin
from diklat.models import Tugas
from peserta.models import Pendaftaran
from peserta.perbaikan.halaman_angkatan import url_perbaikan_data
from peserta.perbaikan.selectors import peringatan_cetak
from sertifikat.arsip import berkas_buka, nama_unduhan
from sertifikat.kelengkapan import kekurangan_cetak
from sertifikat.models import Sertifikat, TugasSertifikat
from sertifikat.selectors import baris_sertifikat, perlu_tindakan, tugas_progres
from sertifikat.services import (
    sertifikat_reissue,
    sertifikat_reissue_many,
    sertifikat_retry,
    sertifikat_revoke,
    sertifikat_revoke_tidak_lulus,
    tugas_arsip_start,
    tugas_buat_start,
)
from sertifikat.siasn import JENIS as JENIS_SIASN
from sertifikat.tugas import IZIN_BUAT


def _tidak_tersedia(request, pesan: str, *, kembali: str = ""):
    """Answer a download whose file cannot be given with a 404 that says why."""
    return render(request, "sertifikat/tidak_tersedia.html", {"pesan": pesan, "kembali": kembali}, status=404)


def _pesan_galat(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _ke_halaman_tugas(request, mulai: Callable[[], Tugas], *, gagal: HttpResponse) -> HttpResponse:
    """Start a job and show its page; on a refusal, say why and answer with ``gagal``."""
    try:
        tugas = mulai()
    except ValidationError as error:
        _pesan_galat(request, error)
        return gagal
    return redirect("tugas:detail", pk=tugas.pk)


class AngkatanSertifikatMixin(StaffPermissionRequiredMixin):
    def load_objects(self, **kwargs):
        self.angkatan = get_object_or_404(Angkatan.objects.select_related("program", "venue"), pk=kwargs["pk"])


class SertifikatAngkatanView(AngkatanSertifikatMixin, View):
    """The Sertifikat tab of an angkatan: each graduate's certificate, the jobs, the downloads."""

    permission_required = "sertifikat.view_sertifikat"
    template_name = "sertifikat/angkatan.html"

    def get(self, request, pk):
        angkatan = self.angkatan
        baris = baris_sertifikat(angkatan)
        tugas = {}
        for t in Tugas.objects.filter(tugas_sertifikat__angkatan=angkatan).order_by("-created_at")[:20]:
            tugas.setdefault(t.jenis, t)
        berlaku = [b for b in baris if b.berlaku]
        selesai = (Sertifikat.Status.READY, Sertifikat.Status.REVOKED)
        lulusan = [b for b in baris if b.pendaftaran.status == Pendaftaran.Status.LULUS]
        ada_yang_belum_dibuat = any(not b.sertifikat or b.sertifikat.status not in selesai for b in lulusan)
        tugas_buat = tugas.get(TugasSertifikat.Jenis.BUAT)
        # What the certificates would print empty, said before anyone clicks (the services refuse it too).
        kekurangan = kekurangan_cetak(angkatan, pendaftaran=[b.pendaftaran for b in lulusan])
        tindakan = perlu_tindakan(baris)
        # Whose printed data the participant has not confirmed, or asked to correct: said, not enforced.
        belum_selesai = [
            b.pendaftaran
            for b in lulusan
            if not b.sertifikat or b.sertifikat.status in (Sertifikat.Status.PENDING, Sertifikat.Status.FAILED)
        ]
        kurang_ids = kekurangan.pendaftaran_ids
        terbit_ulang_terhalang = bool(kekurangan.angkatan_kurang) or any(
            s.pendaftaran_id in kurang_ids for s in tindakan.terbit_ulang
        )
        return render(
            request,
            self.template_name,
            {
                "angkatan": angkatan,
                "tab": "sertifikat",
                "baris": baris,
                "jumlah_lulusan": len(lulusan),
                "jumlah_siap": sum(1 for b in berlaku if b.pendaftaran.status == Pendaftaran.Status.LULUS),
                "jumlah_berlaku": len(berlaku),
                "perlu_tindakan": tindakan,
                "ada_yang_belum_dibuat": ada_yang_belum_dibuat,
                "kekurangan": kekurangan,
                "peringatan_data": peringatan_cetak(belum_selesai),
                "url_perbaikan_data": url_perbaikan_data(request.user, angkatan),
                "terbit_ulang_terhalang": terbit_ulang_terhalang,
                "final": angkatan.hasil_final,
                "tugas_buat": tugas_buat,
                "progres": tugas_progres(tugas_buat) if tugas_buat else None,
                "tugas_zip": tugas.get(TugasSertifikat.Jenis.ZIP),
                "tugas_gabung": tugas.get(TugasSertifikat.Jenis.GABUNG),
                "tugas_siasn": Tugas.objects.filter(
                    jenis=JENIS_SIASN, dibuat_oleh=request.user, tugas_ekspor__parameter__angkatan=[angkatan.pk]
                )
                .order_by("-created_at", "-pk")
                .first(),
                "boleh_buat": request.user.has_perms(IZIN_BUAT),
                "boleh_cabut": request.user.has_perm("sertifikat.revoke_sertifikat"),
                "boleh_terbit_ulang": request.user.has_perm("sertifikat.reissue_sertifikat"),
            },
        )


class TugasBuatView(AngkatanSertifikatMixin, View):
    """Generate the certificates of every graduate (or of one, ``pendaftaran`` in the form)."""

    permission_required = IZIN_BUAT

    def post(self, request, pk):
        pendaftaran = request.POST.get("pendaftaran")
        ids = None
        if pendaftaran:
            if not re.fullmatch(r"[0-9]{1,18}", pendaftaran):
                messages.error(request, _("Peserta tidak dikenal."))
                return redirect("sertifikat:angkatan", pk=pk)
            ids = [int(pendaftaran)]
        return _ke_halaman_tugas(
            request,
            lambda: tugas_buat_start(angkatan=self.angkatan, user=request.user, pendaftaran_ids=ids),
            gagal=redirect("sertifikat:angkatan", pk=pk),
        )


class TerbitUlangSemuaView(AngkatanSertifikatMixin, View):
    """Re-issue, as one job, every valid certificate of the angkatan that no longer matches (admins)."""

    permission_required = "sertifikat.reissue_sertifikat"

    def post(self, request, pk):
        daftar = perlu_tindakan(baris_sertifikat(self.angkatan)).terbit_ulang
        if not daftar:
            messages.info(request, _("Tidak ada sertifikat yang perlu diterbitkan ulang."))
            return redirect("sertifikat:angkatan", pk=pk)
        return _ke_halaman_tugas(
            request,
            lambda: sertifikat_reissue_many(sertifikat_list=daftar, user=request.user),
            gagal=redirect("sertifikat:angkatan", pk=pk),
        )


class CabutSemuaView(AngkatanSertifikatMixin, View):
    """Revoke, with one reason, the valid certificates listed of those who no longer passed (admins)."""

    permission_required = "sertifikat.revoke_sertifikat"

    def post(self, request, pk):
        ids = request.POST.getlist("sertifikat")
        if not ids or not all(re.fullmatch(r"[0-9]{1,18}", i) for i in ids):
            messages.error(
                request, _("Sertifikat yang akan dicabut tidak dikenal; muat ulang halaman lalu periksa lagi.")
            )
            return redirect("sertifikat:angkatan", pk=pk)
        try:
            jumlah = sertifikat_revoke_tidak_lulus(
                angkatan=self.angkatan,
                sertifikat_ids=[int(i) for i in ids],
                user=request.user,
                alasan=request.POST.get("alasan", ""),
            )
        except ValidationError as error:
            _pesan_galat(request, error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(jumlah)s sertifikat dicabut; halaman verifikasinya kini menyatakan dicabut.",
                    "%(jumlah)s sertifikat dicabut; halaman verifikasinya kini menyatakan dicabut.",
                    jumlah,
                )
                % {"jumlah": jumlah},
            )
        return redirect("sertifikat:angkatan", pk=pk)


class TugasArsipView(AngkatanSertifikatMixin, View):
    """Start building the ZIP of all certificates, or one PDF to print them all."""

    permission_required = "sertifikat.add_tugassertifikat"

    def post(self, request, pk, jenis):
        return _ke_halaman_tugas(
            request,
            lambda: tugas_arsip_start(angkatan=self.angkatan, user=request.user, jenis=jenis),
            gagal=redirect("sertifikat:angkatan", pk=pk),
        )


class TugasLamaView(StaffPermissionRequiredMixin, View):
    """The address a certificate job's page had before jobs were the site's: checked as it was, then sent on."""

    permission_required = "sertifikat.view_tugassertifikat"

    def get(self, request, pk):
        tugas_sertifikat = get_object_or_404(TugasSertifikat, pk=pk)
        return redirect("tugas:detail", pk=tugas_sertifikat.pk)


class TugasUnduhView(StaffPermissionRequiredMixin, View):
    """The address a job's ZIP or print PDF had before jobs kept their files for a time: sent on to the
    site's download (``tugas:unduh``), which refuses a file older than its keeping time."""

    permission_required = "sertifikat.view_tugassertifikat"

    def get(self, request, pk):
        tugas_sertifikat = get_object_or_404(TugasSertifikat, pk=pk)
        return redirect("tugas:unduh", pk=tugas_sertifikat.pk)


class SertifikatMixin(StaffPermissionRequiredMixin):
    def load_objects(self, **kwargs):
        self.sertifikat = get_object_or_404(
            Sertifikat.objects.select_related("pendaftaran__angkatan", "pendaftaran__peserta"), pk=kwargs["pk"]
        )

    def kembali(self):
        return redirect("sertifikat:angkatan", pk=self.sertifikat.pendaftaran.angkatan_id)


class SertifikatUlangiView(SertifikatMixin, View):
    """Try one failed certificate again."""

    permission_required = IZIN_BUAT

    def post(self, request, pk):
        return _ke_halaman_tugas(
            request, lambda: sertifikat_retry(sertifikat=self.sertifikat, user=request.user), gagal=self.kembali()
        )


class SertifikatCabutView(SertifikatMixin, View):
    """Revoke a certificate (admins), with the reason the verification page shows."""

    permission_required = "sertifikat.revoke_sertifikat"

    def post(self, request, pk):
        try:
            sertifikat_revoke(sertifikat=self.sertifikat, user=request.user, alasan=request.POST.get("alasan", ""))
        except ValidationError as error:
            _pesan_galat(request, error)
        else:
            messages.success(
                request,
                _("Sertifikat %(nomor)s dicabut; halaman verifikasinya kini menyatakan dicabut.")
                % {"nomor": self.sertifikat.nomor},
            )
        return self.kembali()


class SertifikatTerbitUlangView(SertifikatMixin, View):
    """Issue a corrected version (same number) after the person's data was corrected (admins)."""

    permission_required = "sertifikat.reissue_sertifikat"

    def post(self, request, pk):
        try:
            sertifikat_reissue(sertifikat=self.sertifikat, user=request.user)
        except ValidationError as error:
            _pesan_galat(request, error)
        else:
            messages.success(
                request,
                _("Versi baru sertifikat %(nomor)s sedang dibuat; versi lama diganti begitu versi baru siap.")
                % {"nomor": self.sertifikat.nomor},
            )
        return self.kembali()


class SertifikatUnduhView(LoginRequiredMixin, View):
    """Download one certificate: staff who may see certificates, or the participant it belongs to.

    Anyone else gets the same 404 as for an id that does not exist, so ids tell nothing.
    """

    def get(self, request, pk):
        sertifikat = Sertifikat.objects.select_related("pendaftaran__peserta").filter(pk=pk).exclude(berkas="").first()
        if sertifikat is None:
            raise Http404
        if not request.user.has_perm("sertifikat.view_sertifikat"):
            pemilik = sertifikat.pendaftaran.peserta.user_id
            if pemilik is None or pemilik != request.user.pk:
                raise Http404
            if sertifikat.status != Sertifikat.Status.READY:
                raise PermissionDenied(_("Sertifikat ini tidak berlaku lagi."))
        berkas = berkas_buka(sertifikat.berkas)
        if berkas is None:
            hilang = _(
                "Berkas sertifikat ini tidak ditemukan di penyimpanan. Sertifikatnya tetap tercatat dan dapat diverifikasi."
            )
            if request.user.has_perm("sertifikat.view_sertifikat"):
                saran = _("Admin dapat menerbitkannya ulang di tab Sertifikat angkatan.")
            else:
                saran = _("Hubungi penyelenggara pelatihan agar sertifikat Anda diterbitkan ulang.")
            return _tidak_tersedia(request, f"{hilang} {saran}")
        return FileResponse(
            berkas,
            as_attachment=True,
            filename=nama_unduhan(sertifikat),
            content_type="application/pdf",
        )
