"""The one page of a job, whatever its kind: a progress bar that polls while the job runs."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views import View
from django_htmx.http import HttpResponseClientRefresh

from diklat.access import StaffPermissionRequiredMixin
from diklat.models import Tugas
from diklat.tugas.jenis import jenis_tugas, jenis_tugas_semua


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
        if not self.request.user.has_perms(self.jenis.izin):
            raise PermissionDenied

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
