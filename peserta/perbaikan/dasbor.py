"""What the participants' correction requests add to the staff dashboard: the requests waiting for staff,
by angkatan, each linked to its Perbaikan data tab (a receiver of ``diklat.signals.widget_dasbor``,
connected in ``PesertaConfig.ready``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Min
from django.template.loader import render_to_string
from django.urls import reverse

from angkatan.models import Angkatan
from peserta.models import PermintaanPerbaikanData
from peserta.perbaikan.services import IZIN_LIHAT

URUTAN = 30
MAKS = 5


@dataclass(frozen=True)
class PerbaikanPerAngkatan:
    angkatan: Angkatan
    jumlah: int
    sejak: datetime.datetime
    url: str


@dataclass(frozen=True)
class PerbaikanMenunggu:
    jumlah: int
    jumlah_angkatan: int
    per_angkatan: list[PerbaikanPerAngkatan]


def perbaikan_menunggu() -> PerbaikanMenunggu:
    """Return the open correction requests: their count, and the angkatan where they have waited longest.

    Two queries, however many there are: the open requests counted per angkatan, then the few angkatan shown.
    """
    per_angkatan = list(
        PermintaanPerbaikanData.objects.filter(status=PermintaanPerbaikanData.Status.TERBUKA)
        .values("pendaftaran__angkatan_id")
        .annotate(jumlah=Count("pk"), sejak=Min("created_at"))
        .order_by("sejak", "pendaftaran__angkatan_id")
    )
    tertua = per_angkatan[:MAKS]
    angkatan = Angkatan.objects.select_related("program").in_bulk([b["pendaftaran__angkatan_id"] for b in tertua])
    return PerbaikanMenunggu(
        jumlah=sum(b["jumlah"] for b in per_angkatan),
        jumlah_angkatan=len(per_angkatan),
        per_angkatan=[
            PerbaikanPerAngkatan(
                angkatan=angkatan[b["pendaftaran__angkatan_id"]],
                jumlah=b["jumlah"],
                sejak=b["sejak"],
                url=reverse("peserta:perbaikan-data", args=[b["pendaftaran__angkatan_id"]]),
            )
            for b in tertua
        ],
    )


def widget_perbaikan_data(sender, *, request, **kwargs) -> list[tuple[int, str]]:
    """The participants' requests to correct their printed data that wait for staff."""
    if not request.user.has_perms(IZIN_LIHAT):
        return []
    konteks = {"kunci": "perbaikan-data", "menunggu": perbaikan_menunggu()}
    return [(URUTAN, render_to_string("peserta/perbaikan/_dasbor.html", konteks, request=request))]
