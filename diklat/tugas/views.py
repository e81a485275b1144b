"""The one page of a job, whatever its kind: a progress bar that polls while the job runs; and the
download of its result file, for the kinds that keep one."""

import logging

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django_htmx.http import HttpResponseClientRefresh

from diklat.access import StaffPermissionRequiredMixin
from diklat.models import Tugas
from diklat.tugas.jenis import jenis_tugas, jenis_tugas_semua

logger = logging.getLogger(__name__)


class TugasView(StaffPermissionRequiredMixin, View):
    """A job's page: a progress bar that polls while the job runs and survives a reload.

    What the page shows besides the bar, and who may see it, come from the job's kind
    (``diklat.tugas.jenis``).
    """

    def has_permission(self):
        # Checked before the job is looked up, so a stranger cannot tell from a 404 which ids exist:
        # may this user see jobs of any kind at all? The job's own kind is checked once it is loaded.
        return any(self.request.user.has_perms(jenis.izin) for jenis in jenis_tugas_semua())

    def load_objects(self, **kwargs):
        self.tugas = get_object_or_404(Tugas.objects.select_related("dibuat_oleh"), pk=kwargs["pk"])
        self.jenis = jenis_tugas(self.tugas.jenis)
        if self.jenis is None:
            raise Http404
        # A job of a kind this user may not see is not found, as one that does not exist: the answer
        # tells nobody which ids are someone else's jobs.
        if not self.request.user.has_perms(self.jenis.izin) or not self.jenis.boleh_lihat(
            self.tugas, self.request.user
        ):
            raise Http404

    def konteks(self):
        return {
            **self.jenis.konteks(self.tugas, self.request),
            "tugas": self.tugas,
            "judul": self.jenis.label,
            "bingkai": self.jenis.bingkai,
            "progres": self.jenis.progres(self.tugas),
        }

    def get(self, request, pk):
        konteks = self.konteks()
        if not request.htmx:
            return render(request, "diklat/tugas/tugas.html", konteks)
        asal = self.jenis.url_asal(self.tugas)
        if not konteks["progres"].berjalan and asal and request.htmx.current_url_abs_path == asal:
            # Polled from the page the job was started from and just done: reload it, so it shows the result.
            return HttpResponseClientRefresh()
        return render(request, "diklat/tugas/_progres.html", konteks)


class TugasUnduhView(TugasView):
    """Download a job's result file, for the kinds that keep one for ``masa_simpan`` (an export, say).

    Who may fetch it is who may see the job (its kind's permissions and ``boleh_lihat``); anyone else
    gets a 404. A file past its time is refused with why, also before the daily sweep has deleted it.
    """

    def get(self, request, pk):
        if self.jenis.masa_simpan is None:
            raise Http404
        kembali = reverse("tugas:detail", args=[self.tugas.pk])
        if self.jenis.kedaluwarsa(self.tugas):
            hari = self.jenis.masa_simpan.days
            pesan = ngettext(
                "Tautan unduhan ini sudah kedaluwarsa: berkas hasil disimpan %(hari)s hari saja. Buat lagi bila masih perlu.",
                "Tautan unduhan ini sudah kedaluwarsa: berkas hasil disimpan %(hari)s hari saja. Buat lagi bila masih perlu.",
                hari,
            ) % {"hari": hari}
            return _tidak_tersedia(request, pesan, kembali=kembali, status=410)
        berkas = None
        if self.tugas.status == Tugas.Status.SELESAI and self.tugas.berkas:
            try:
                berkas = self.tugas.berkas.open("rb")
            except FileNotFoundError:
                logger.error("Stored file %s of job %s is missing", self.tugas.berkas.name, self.tugas.pk)
        if berkas is None:
            pesan = _("Berkas ini belum selesai disusun atau sudah dihapus.")
            return _tidak_tersedia(request, pesan, kembali=kembali)
        return FileResponse(berkas, as_attachment=True, filename=self.tugas.berkas.name.rsplit("/", 1)[-1])


def _tidak_tersedia(request, pesan: str, *, kembali: str, status: int = 404):
    """Answer a download whose file cannot be given with a page that says why."""
    return render(request, "diklat/tugas/tidak_tersedia.html", {"pesan": pesan, "kembali": kembali}, status=status)
