"""What the participants' correction requests add to the staff dashboard: the requests waiting for staff,
by angkatan, each linked to its Perbaikan data tab (a receiver of ``diklat.signals.widget_dasbor``,
connected in ``PesertaConfig.ready``)."""

from __future__ import annotations

from django.db.models import Count, Min
from django.template.loader import render_to_string
from django.urls import reverse

from peserta.dasbor import JumlahPerAngkatan, jumlah_per_angkatan
from peserta.models import PermintaanPerbaikanData
from peserta.perbaikan.services import IZIN_LIHAT

URUTAN = 30
MAKS = 5


def perbaikan_menunggu() -> JumlahPerAngkatan:
    """Return the open correction requests: their count, and the angkatan where they have waited longest.

    Two queries, however many there are: the open requests counted per angkatan, then the few angkatan shown.
    """
    return jumlah_per_angkatan(
        list(
            PermintaanPerbaikanData.objects.filter(status=PermintaanPerbaikanData.Status.TERBUKA)
            .values("pendaftaran__angkatan_id")
            .annotate(jumlah=Count("pk"), sejak=Min("created_at"))
            .order_by("sejak", "pendaftaran__angkatan_id")
        ),
        kunci="pendaftaran__angkatan_id",
        maks=MAKS,
        url=lambda angkatan: reverse("peserta:perbaikan-data", args=[angkatan.pk]),
    )


def widget_perbaikan_data(sender, *, request, **kwargs) -> list[tuple[int, str]]:
    """The participants' requests to correct their printed data that wait for staff."""
    if not request.user.has_perms(IZIN_LIHAT):
        return []
    konteks = {"kunci": "perbaikan-data", "menunggu": perbaikan_menunggu()}
    return [(URUTAN, render_to_string("peserta/perbaikan/_dasbor.html", konteks, request=request))]
