"""Reads about certificate jobs: how far a job has come, for its page and the angkatan's tab."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q
from django.utils import timezone

from sertifikat.models import Sertifikat, TugasSertifikat

Status = Sertifikat.Status
# A running job none of whose certificates has moved for this long is probably waiting for a worker
# that is not there: its page says so.
DIAM_TERLALU_LAMA = datetime.timedelta(minutes=2)


@dataclass
class Progres:
    total: int
    siap: int
    gagal: int
    berjalan: bool
    # Running, yet nothing has moved for DIAM_TERLALU_LAMA: no worker seems to be taking it.
    diam: bool = False
    daftar_gagal: list = field(default_factory=list)

    @property
    def diproses(self) -> int:
        return self.siap + self.gagal

    @property
    def persen(self) -> int:
        return 100 if not self.total else round(100 * self.diproses / self.total)


def tugas_progres(tugas: TugasSertifikat) -> Progres:
    """Return how far a job has come, read off its certificates (or its own counter for archives)."""
    batas_diam = timezone.now() - DIAM_TERLALU_LAMA
    if tugas.jenis != TugasSertifikat.Jenis.BUAT:
        berjalan = tugas.status == TugasSertifikat.Status.BERJALAN
        if tugas.status == TugasSertifikat.Status.GAGAL:
            siap, gagal = 0, tugas.total
        elif tugas.status == TugasSertifikat.Status.SELESAI:
            siap, gagal = tugas.diproses, tugas.total - tugas.diproses  # left out for a missing file
        else:
            siap, gagal = tugas.diproses, 0
        return Progres(
            total=tugas.total,
            siap=siap,
            gagal=gagal,
            berjalan=berjalan,
            diam=berjalan and tugas.updated_at < batas_diam,
        )
    hitung = tugas.sertifikat.aggregate(
        total=Count("pk"),
        # A certificate made by this job and superseded or revoked since still counts as done.
        siap=Count("pk", filter=Q(status__in=[Status.READY, Status.REVOKED, Status.REPLACED])),
        gagal=Count("pk", filter=Q(status=Status.FAILED)),
        dibuat=Count("pk", filter=Q(status=Status.RENDERING)),
        terakhir=Max("updated_at"),
    )
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
        diam=berjalan and not hitung["dibuat"] and terakhir < batas_diam,
        daftar_gagal=daftar_gagal,
    )
