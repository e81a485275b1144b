"""The certificate jobs as the site's job page shows them (``diklat.tugas.jenis``): a render, a ZIP,
a print PDF, each framed by its angkatan's Sertifikat tab."""

from django.urls import reverse

from diklat.models import Tugas
from diklat.tugas.jenis import JenisTugas
from diklat.tugas.selectors import Progres
from sertifikat.models import TugasSertifikat
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

    def progres(self, tugas: Tugas) -> Progres:
        return tugas_progres(tugas)

    def konteks(self, tugas: Tugas, request) -> dict:
        return {
            "angkatan": _tugas_sertifikat(tugas).angkatan,
            "tab": "sertifikat",
            "boleh_buat": request.user.has_perms(IZIN_BUAT),
        }

    def url_asal(self, tugas: Tugas) -> str:
        return reverse("sertifikat:angkatan", args=[_tugas_sertifikat(tugas).angkatan_id])


JENIS = [JenisTugasSertifikat(jenis) for jenis in TugasSertifikat.Jenis]
