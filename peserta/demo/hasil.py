"""Take a demo angkatan through verification, attendance and scores, as staff would in the browser."""

from collections.abc import Callable

from django.db import transaction

from angkatan.models import Angkatan
from angkatan.services import angkatan_status_advance
from peserta.models import Pendaftaran
from peserta.nilai.services import hasil_finalisasi, nilai_grid_save
from peserta.pendaftaran.services import pendaftaran_bulk_transition
from peserta.presensi.services import presensi_hari_siapkan, presensi_semua_hadir

Status = Pendaftaran.Status


def nilai_demo(urutan: int) -> str:
    """Return a varied, repeatable score: 78 to 98, so the three predikat all appear."""
    return str(78 + (urutan * 7) % 21)


@transaction.atomic
def angkatan_demo_siapkan(
    *, angkatan: Angkatan, user, nilai: Callable[[int, Pendaftaran], str] | None = None
) -> list[Pendaftaran]:
    """Verify everyone proposed, mark them attending and present every day, and score them.

    ``nilai(urutan, pendaftaran)`` gives each person's score in every component (default
    ``nilai_demo``). Returns the enrolments, ready for ``hasil_finalisasi``.
    """
    semua = list(angkatan.pendaftaran.order_by("peserta__nama", "pk"))
    pks = [p.pk for p in semua]
    for ke in (Status.DIVERIFIKASI, Status.MENGIKUTI):
        pendaftaran_bulk_transition(angkatan=angkatan, pks=pks, ke=ke, user=user)
    if angkatan.status == Angkatan.Status.OPEN:
        angkatan_status_advance(angkatan=angkatan, to=Angkatan.Status.RUNNING, user=user)
    for hari in presensi_hari_siapkan(angkatan=angkatan):
        presensi_semua_hadir(hari=hari)
    komponen = list(angkatan.program.komponen_nilai.all())
    isian = {}
    for urutan, pendaftaran in enumerate(semua):
        skor = nilai(urutan, pendaftaran) if nilai else nilai_demo(urutan)
        isian.update({(pendaftaran.pk, k.pk): skor for k in komponen})
    nilai_grid_save(angkatan=angkatan, isian=isian, user=user)
    return semua


def angkatan_demo_selesaikan(*, angkatan: Angkatan, user) -> None:
    """Prepare the angkatan as above, finalise its results and mark it finished."""
    angkatan_demo_siapkan(angkatan=angkatan, user=user)
    hasil_finalisasi(angkatan=angkatan, user=user)
    angkatan_status_advance(angkatan=angkatan, to=Angkatan.Status.FINISHED, user=user)
