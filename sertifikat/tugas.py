"""The certificate jobs as the site's job page shows them (``diklat.tugas.jenis``): a render, a ZIP,
a print PDF, each framed by its angkatan's Sertifikat tab; and the SIASN record's ZIP, of one angkatan
(framed by its tab) or across angkatan (framed by the export page), for the one who made it."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy

from angkatan.models import Angkatan
from diklat.models import Tugas
from diklat.tugas.jenis import MASA_SIMPAN_UNDUHAN, JenisTugas
from diklat.tugas.selectors import Progres
from peserta.ekspor.tugas import JenisTugasEkspor
from peserta.models import Pendaftaran
from peserta.perbaikan.halaman_angkatan import url_perbaikan_data
from peserta.perbaikan.selectors import peringatan_cetak
from sertifikat.models import Sertifikat, TugasSertifikat
from sertifikat.selectors import tugas_progres
from sertifikat.services import sertifikat_sapu
from sertifikat.siasn import JENIS as JENIS_SIASN
from sertifikat.siasn import JENIS_LINTAS as JENIS_SIASN_LINTAS
from sertifikat.tasks import bangun_arsip, bangun_siasn

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
        # The ZIP and the print PDF are copies, deleted after a week (bersihkan_unduhan), each made by one
        # task; a render keeps no file, and is made in chunks the sweep sends again itself (``sapu``).
        if jenis != TugasSertifikat.Jenis.BUAT:
            self.masa_simpan = MASA_SIMPAN_UNDUHAN
            self.task = bangun_arsip

    def sapu(self) -> int:
        return sertifikat_sapu() if self.kode == TugasSertifikat.Jenis.BUAT else 0

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


class JenisTugasSiasn(JenisTugasEkspor):
    """The SIASN ZIP of one angkatan, started from its Sertifikat tab and framed by it."""

    kode = JENIS_SIASN
    label = gettext_lazy("Riwayat kursus SIASN (ZIP)")
    task = bangun_siasn
    izin = ("sertifikat.view_tugassertifikat",)
    bingkai = "sertifikat/tugas.html"

    def konteks(self, tugas: Tugas, request) -> dict:
        pk = tugas.tugas_ekspor.parameter["angkatan"][0]
        # The frame is the angkatan's Sertifikat tab: a job whose angkatan is gone has no page left.
        angkatan = get_object_or_404(Angkatan.objects.select_related("program", "venue"), pk=pk)
        return {**super().konteks(tugas, request), "angkatan": angkatan, "tab": "sertifikat"}


class JenisTugasSiasnLintas(JenisTugasEkspor):
    """The SIASN ZIP of the graduates the export across angkatan keeps (admins)."""

    kode = JENIS_SIASN_LINTAS
    label = gettext_lazy("Riwayat kursus SIASN lintas angkatan (ZIP)")
    task = bangun_siasn
    izin = ("peserta.ekspor_lintas", "sertifikat.view_tugassertifikat")
    bingkai = "peserta/ekspor/tugas.html"


JENIS = [*(JenisTugasSertifikat(jenis) for jenis in TugasSertifikat.Jenis), JenisTugasSiasn(), JenisTugasSiasnLintas()]
