"""The export across angkatan as the site's job page shows it (``diklat.tugas.jenis``): its progress, and
the download of its file for the admin who made it, for a week."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from diklat.models import Tugas
from diklat.tugas.jenis import MASA_SIMPAN_UNDUHAN, JenisTugas
from diklat.tugas.selectors import Progres, tugas_progres_hitungan
from peserta.ekspor.lintas import JENIS
from peserta.ekspor.tasks import susun_ekspor_lintas
from peserta.models import TugasEkspor


class JenisTugasEkspor(JenisTugas):
    """An export run as a job: seen and downloaded by the one who made it only (others: not found)."""

    masa_simpan = MASA_SIMPAN_UNDUHAN
    rincian = "peserta/ekspor/_tugas_rincian.html"

    def boleh_lihat(self, tugas: Tugas, user) -> bool:
        return tugas.dibuat_oleh_id is not None and tugas.dibuat_oleh_id == user.pk

    def progres(self, tugas: Tugas) -> Progres:
        progres = tugas_progres_hitungan(tugas)
        if tugas.status == Tugas.Status.SELESAI and tugas.berkas and not self.kedaluwarsa(tugas):
            progres.unduh_url = reverse("tugas:unduh", args=[tugas.pk])
            progres.unduh_label = _("Unduh %(berkas)s") % {"berkas": tugas.berkas.name.rsplit("/", 1)[-1]}
        progres.rincian = self.rincian
        return progres

    def konteks(self, tugas: Tugas, request) -> dict:
        konteks = {
            "berlaku_sampai": tugas.created_at + self.masa_simpan,
            "kedaluwarsa": self.kedaluwarsa(tugas),
            "hari_simpan": self.masa_simpan.days,
        }
        if not getattr(request, "htmx", False):
            # What was exported, said once on the page (not at every poll of the bar).
            konteks["ringkasan_filter"] = ringkasan_filter(tugas)
        return konteks


def ringkasan_filter(tugas: Tugas) -> str:
    """Say in words what an export job took (its filters, or its angkatan), as the page said it when started."""
    parameter = TugasEkspor.objects.filter(tugas=tugas).values_list("parameter", flat=True).first() or {}
    return parameter.get("ringkasan", "")


class JenisTugasEksporLintas(JenisTugasEkspor):
    kode = JENIS
    label = gettext_lazy("Berkas ekspor lintas angkatan")
    task = susun_ekspor_lintas
    izin = ("peserta.ekspor_lintas",)
    bingkai = "peserta/ekspor/tugas.html"
