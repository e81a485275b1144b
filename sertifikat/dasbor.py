"""What certificates add to the staff dashboard: the certificate jobs that failed, and the graduates of
finalised angkatan still without a certificate.

Receivers of ``diklat.signals.widget_dasbor``, connected in ``SertifikatConfig.ready``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from angkatan.models import Angkatan
from diklat.models import Tugas
from peserta.dasbor import JumlahPerAngkatan, jumlah_per_angkatan
from peserta.models import Pendaftaran
from sertifikat.models import Sertifikat, TugasSertifikat

URUTAN_TUGAS_GAGAL = 40
URUTAN_BELUM_DIBUAT = 50
IZIN_TUGAS = ("sertifikat.view_tugassertifikat",)
IZIN_SERTIFIKAT = ("sertifikat.view_sertifikat",)
# A job that failed whole (a ZIP, a job the queue never took) matters while someone may still wait for it;
# a render whose certificates are still failed matters until they are made.
GAGAL_BARU = datetime.timedelta(days=14)
MAKS = 5


@dataclass(frozen=True)
class BarisTugasGagal:
    tugas: Tugas
    angkatan: Angkatan
    judul: str
    # How many of its certificates are failed now (a render's), 0 for a job that failed whole.
    sertifikat_gagal: int
    url: str


@dataclass(frozen=True)
class TugasGagal:
    jumlah: int
    daftar: list[BarisTugasGagal]


def tugas_sertifikat_gagal(*, sekarang: datetime.datetime | None = None) -> TugasGagal:
    """Return the certificate jobs that failed: those that failed whole in the last ``GAGAL_BARU``, the
    renders some of whose certificates are failed still (until they are made again), and those waiting for
    a queue that could not be reached. Newest first; three queries.
    """
    sekarang = sekarang or timezone.now()
    ada_yang_gagal = Exists(Sertifikat.objects.filter(tugas=OuterRef("tugas_id"), status=Sertifikat.Status.FAILED))
    gagal = TugasSertifikat.objects.filter(
        Q(tugas__status=Tugas.Status.GAGAL, tugas__created_at__gte=sekarang - GAGAL_BARU)
        | Q(ada_yang_gagal)
        # Not failed, but not moving either until the queue is back: worth an admin's look.
        | Q(tugas__status__in=Tugas.AKTIF, tugas__tidak_terkirim=True)
    )
    jumlah = gagal.count()
    daftar = list(gagal.select_related("tugas", "angkatan__program").order_by("-tugas__created_at", "-pk")[:MAKS])
    per_tugas = dict(
        Sertifikat.tugas.through.objects.filter(
            tugas_id__in=[t.pk for t in daftar], sertifikat__status=Sertifikat.Status.FAILED
        )
        .values("tugas_id")
        .annotate(jumlah=Count("pk"))
        .values_list("tugas_id", "jumlah")
    )
    return TugasGagal(
        jumlah=jumlah,
        daftar=[
            BarisTugasGagal(
                tugas=t.tugas,
                angkatan=t.angkatan,
                judul=str(TugasSertifikat.Jenis(t.tugas.jenis).label),
                sertifikat_gagal=per_tugas.get(t.pk, 0),
                url=reverse("tugas:detail", args=[t.pk]),
            )
            for t in daftar
        ],
    )


def widget_tugas_gagal(sender, *, request, **kwargs) -> list[tuple[int, str]]:
    """The certificate jobs that failed, newest first, each linked to its page (where it can be run again)."""
    if not request.user.has_perms(IZIN_TUGAS):
        return []
    konteks = {"kunci": "tugas-sertifikat-gagal", "gagal": tugas_sertifikat_gagal(), "hari": GAGAL_BARU.days}
    return [(URUTAN_TUGAS_GAGAL, render_to_string("sertifikat/_dasbor_tugas_gagal.html", konteks, request=request))]


def lulusan_tanpa_sertifikat() -> JumlahPerAngkatan:
    """Return the graduates of angkatan whose results are final and who have no certificate yet (none was
    started): their count, and the angkatan that finished longest ago first.

    Two queries, however many there are: the graduates without one counted per angkatan, then the few shown.
    """
    return jumlah_per_angkatan(
        list(
            Pendaftaran.objects.filter(status=Pendaftaran.Status.LULUS, angkatan__nilai_dikunci_pada__isnull=False)
            .exclude(Exists(Sertifikat.objects.filter(pendaftaran=OuterRef("pk"))))
            .values("angkatan_id", "angkatan__tanggal_selesai")
            .annotate(jumlah=Count("pk"))
            .order_by("angkatan__tanggal_selesai", "angkatan_id")
        ),
        kunci="angkatan_id",
        maks=MAKS,
        url=lambda angkatan: reverse("sertifikat:angkatan", args=[angkatan.pk]),
    )


def widget_belum_dibuat(sender, *, request, **kwargs) -> list[tuple[int, str]]:
    """The graduates still without a certificate, by angkatan, each linked to its Sertifikat tab."""
    if not request.user.has_perms(IZIN_SERTIFIKAT):
        return []
    konteks = {"kunci": "sertifikat-belum-dibuat", "belum": lulusan_tanpa_sertifikat()}
    return [(URUTAN_BELUM_DIBUAT, render_to_string("sertifikat/_dasbor_belum_dibuat.html", konteks, request=request))]
