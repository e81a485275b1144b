"""The certificate jobs as the site's job page shows them (``diklat.tugas.jenis``): a render, a ZIP,
a print PDF, each framed by its angkatan's Sertifikat tab."""

from django.urls import reverse

from diklat.models import Tugas
from diklat.tugas.jenis import MASA_SIMPAN_UNDUHAN, JenisTugas
from diklat.tugas.selectors import Progres
from peserta.models import Pendaftaran
from peserta.perbaikan.halaman_angkatan import url_perbaikan_data
from peserta.perbaikan.selectors import peringatan_cetak
from sertifikat.models import Sertifikat, TugasSertifikat
from sertifikat.selectors import tugas_progres

# Starting a render needs both; the page shows "Ulangi" by a failed certificate to whoever has them.
IZIN_BUAT = ["sertifikat.add_sertifikat", "sertifikat.add_tugassertifikat"]


def _tugas_sertifikat(tugas: Tugas) -> TugasSertifikat:
    """Return the job's certificate part with its angkatan and program, loaded once per request."""
    if not Tugas.tugas_sertifikat.is_cached(tugas):
        tugas.tugas_sertifikat = TugasSertifikat.objects.select_related("angkatan__program").get(tugas=tugas)
    return tugas.tugas_sertifikat


class JenisTugasSertifikat(JenisTugas):
    izin = ("sertifikat.view_tugassertifikat",)
    bingkai = "sertifikat/tugas.html"

    def __init__(self, jenis: TugasSertifikat.Jenis):
        self.kode = jenis.value
        self.label = jenis.label
        # The ZIP and the print PDF are copies, deleted after a week (bersihkan_unduhan); a render keeps no file.
        if jenis != TugasSertifikat.Jenis.BUAT:
            self.masa_simpan = MASA_SIMPAN_UNDUHAN

    def progres(self, tugas: Tugas) -> Progres:
        return tugas_progres(tugas)

    def konteks(self, tugas: Tugas, request) -> dict:
        angkatan = _tugas_sertifikat(tugas).angkatan
        konteks = {"angkatan": angkatan, "tab": "sertifikat", "boleh_buat": request.user.has_perms(IZIN_BUAT)}
        if tugas.jenis == TugasSertifikat.Jenis.BUAT and not getattr(request, "htmx", False):
            # Whom this job prints without their word that the data is right: said on the page, not polled.
            konteks["peringatan_data"] = peringatan_cetak(
                Pendaftaran.objects.filter(
                    pk__in=Sertifikat.objects.filter(tugas=tugas).values("pendaftaran_id")
                ).select_related("peserta__pangkat")
            )
            konteks["url_perbaikan_data"] = url_perbaikan_data(request.user, angkatan)
        return konteks

    def url_asal(self, tugas: Tugas) -> str:
        return reverse("sertifikat:angkatan", args=[_tugas_sertifikat(tugas).angkatan_id])


JENIS = [JenisTugasSertifikat(jenis) for jenis in TugasSertifikat.Jenis]
