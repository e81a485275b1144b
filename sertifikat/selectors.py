"""Reads for the certificate pages: an angkatan's certificates and what needs doing, a job's progress."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from angkatan.models import Angkatan
from diklat.models import Tugas
from diklat.tugas.selectors import Progres, batas_basi, batas_diam, tugas_progres_hitungan
from peserta.models import Pendaftaran
from sertifikat.data_cetak import perubahan_sejak_cetak
from sertifikat.kelengkapan import url_ubah_peserta
from sertifikat.models import Sertifikat, TugasSertifikat

Status = Sertifikat.Status


@dataclass
class BarisSertifikat:
    """One person on the angkatan's Sertifikat tab, with their newest certificate version."""

    pendaftaran: Pendaftaran
    # The newest version, whatever its state: what the row shows and acts on.
    sertifikat: Sertifikat | None
    # The version valid now, if any: the newest, or an older one while a newer is being made or failed.
    berlaku: Sertifikat | None = None
    # What the valid version prints that no longer holds (results final again, or data corrected).
    perubahan: list[str] = field(default_factory=list)

    @property
    def data_kurang(self) -> list[str]:
        """The person's printed data still empty: no certificate of theirs is made until it is filled."""
        return self.pendaftaran.peserta.data_cetak_kurang

    @property
    def url_lengkapi(self) -> str:
        return url_ubah_peserta(self.pendaftaran.peserta_id)

    @property
    def perlu_terbit_ulang(self) -> bool:
        # Not while a newer version is on its way (or failed: "Ulangi" makes it with today's data).
        lulus = self.pendaftaran.status == Pendaftaran.Status.LULUS
        return bool(self.perubahan) and lulus and self.berlaku == self.sertifikat

    @property
    def perlu_dicabut(self) -> bool:
        return bool(self.perubahan) and self.pendaftaran.status != Pendaftaran.Status.LULUS


def baris_sertifikat(angkatan: Angkatan) -> list[BarisSertifikat]:
    """Return the tab's rows by name: every graduate, and anyone else who holds a certificate record.

    The second kind appear while results are reopened, or once someone no longer passed: their
    certificate stays valid until an admin revokes it. While results are final, each valid
    certificate is compared with today's facts. A fixed number of queries, however many rows.
    """
    punya_sertifikat = Exists(Sertifikat.objects.filter(pendaftaran=OuterRef("pk")))
    pendaftaran = (
        Pendaftaran.objects.filter(angkatan=angkatan)
        .filter(Q(status=Pendaftaran.Status.LULUS) | punya_sertifikat)
        .select_related("peserta")
        .prefetch_related(Prefetch("sertifikat", queryset=Sertifikat.objects.order_by("-versi")))
        .order_by("peserta__nama", "peserta__nip")
    )
    final = angkatan.hasil_final
    baris = []
    for p in pendaftaran:
        p.angkatan = angkatan  # loaded with its program and venue, as the comparison needs
        versi = list(p.sertifikat.all())  # newest first
        berlaku = next((s for s in versi if s.status == Status.READY), None)
        baris.append(
            BarisSertifikat(
                pendaftaran=p,
                sertifikat=versi[0] if versi else None,
                berlaku=berlaku,
                perubahan=perubahan_sejak_cetak(berlaku) if final and berlaku else [],
            )
        )
    return baris


@dataclass
class PerluTindakan:
    """The tab's list of certificates that no longer hold: what all of them share said once."""

    baris: list[BarisSertifikat]
    # Changes every listed certificate has (the angkatan's dates corrected, say).
    bersama: list[str]
    # Every listed certificate, by name, with what is its own alone (perhaps nothing).
    sendiri: list[tuple[BarisSertifikat, list[str]]]

    @property
    def terbit_ulang(self) -> list[Sertifikat]:
        """The valid certificates to re-issue with today's data."""
        return [b.berlaku for b in self.baris if b.perlu_terbit_ulang]

    @property
    def dicabut(self) -> list[Sertifikat]:
        """The valid certificates of those who no longer passed, to revoke."""
        return [b.berlaku for b in self.baris if b.perlu_dicabut]


def perlu_tindakan(baris: list[BarisSertifikat]) -> PerluTindakan:
    """Gather the rows whose valid certificate no longer holds, for the warning on the tab."""
    berubah = [b for b in baris if b.perubahan]
    bersama = []
    if len(berubah) > 1:
        bersama = [p for p in berubah[0].perubahan if all(p in b.perubahan for b in berubah[1:])]
    sendiri = [(b, [p for p in b.perubahan if p not in bersama]) for b in berubah]
    return PerluTindakan(baris=berubah, bersama=bersama, sendiri=sendiri)


def tugas_progres(tugas: Tugas) -> Progres:
    """Return how far a certificate job has come: a render's read off its certificates, an archive's
    off its own counter, with its file to download once built."""
    if tugas.jenis != TugasSertifikat.Jenis.BUAT:
        progres = tugas_progres_hitungan(tugas)
        if tugas.status == Tugas.Status.SELESAI:
            progres.unduh_url = reverse("tugas:unduh", args=[tugas.pk])
            progres.unduh_label = (
                _("Unduh ZIP") if tugas.jenis == TugasSertifikat.Jenis.ZIP else _("Unduh PDF untuk dicetak")
            )
        return progres
    hitung = tugas.sertifikat.aggregate(
        total=Count("pk"),
        # A certificate made by this job and superseded or revoked since still counts as done.
        siap=Count("pk", filter=Q(status__in=[Status.READY, Status.REVOKED, Status.REPLACED])),
        gagal=Count("pk", filter=Q(status=Status.FAILED)),
        # Held by a live worker; a dead worker's claim (its heartbeat stopped) does not count as moving.
        dibuat=Count("pk", filter=Q(status=Status.RENDERING, updated_at__gte=batas_basi())),
        terhenti=Count("pk", filter=Q(status=Status.RENDERING, updated_at__lt=batas_basi())),
        terakhir=Max("updated_at"),
    )
    batas = batas_diam()
    daftar_gagal = list(
        tugas.sertifikat.filter(status=Status.FAILED).select_related("pendaftaran__peserta").order_by("urut")
    )
    berjalan = hitung["total"] - hitung["siap"] - hitung["gagal"] > 0
    terakhir = max(filter(None, [hitung["terakhir"], tugas.created_at]))
    return Progres(
        total=hitung["total"],
        siap=hitung["siap"],
        gagal=hitung["gagal"],
        berjalan=berjalan,
        diam=berjalan
        and not tugas.tidak_terkirim
        and not hitung["dibuat"]
        and not hitung["terhenti"]
        and terakhir < batas,
        daftar_gagal=daftar_gagal,
        # A job of the days when a job not sent failed its certificates at once: none failed of its own.
        tidak_dimulai=tugas.tidak_terkirim and not berjalan and not hitung["siap"],
        menunggu_antrean=tugas.tidak_terkirim and berjalan,
        terhenti=hitung["terhenti"],
        diambil_ulang=tugas.diambil_ulang,
        rincian="sertifikat/_tugas_gagal.html",
    )
