"""What enrolments add to the staff dashboard: the angkatan running now and next with their fill, and the
enrolments waiting for verification.

Receivers of ``diklat.signals.widget_dasbor``, connected in ``PesertaConfig.ready``. The fill of an angkatan
is counted here, not by the angkatan floor, which knows nothing of the people enrolled.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Min, Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import urlencode

from angkatan.hari_pelatihan import rentang_tanggal
from angkatan.models import Angkatan
from peserta.dasbor import JumlahPerAngkatan, jumlah_per_angkatan
from peserta.models import Pendaftaran
from peserta.pendaftaran.services import STATUS_MENGISI_KUOTA

Status = Pendaftaran.Status

URUTAN_ANGKATAN = 10
URUTAN_VERIFIKASI = 20
IZIN_ANGKATAN = ("angkatan.view_angkatan", "peserta.view_pendaftaran")
IZIN_VERIFIKASI = ("angkatan.view_angkatan", "peserta.view_pendaftaran")
# As many as a card holds at a glance; the pages it links to list the rest.
BERJALAN_MAKS = 8
BERIKUTNYA_MAKS = 5
MENUNGGU_MAKS = 5


def _angkatan_dengan_isian() -> QuerySet[Angkatan]:
    """Return the angkatan not closed, each with ``terisi``: the places of its kuota taken."""
    return (
        Angkatan.objects.exclude(status=Angkatan.Status.CLOSED)
        .select_related("program", "venue")
        .annotate(terisi=Count("pendaftaran", filter=Q(pendaftaran__status__in=STATUS_MENGISI_KUOTA)))
    )


def angkatan_berjalan(hari_ini: datetime.date) -> list[Angkatan]:
    """Return the angkatan whose dates hold today, ending soonest first, with ``terisi``; one query."""
    return list(
        _angkatan_dengan_isian()
        .filter(tanggal_mulai__lte=hari_ini, tanggal_selesai__gte=hari_ini)
        .order_by("tanggal_selesai", "tanggal_mulai", "pk")[:BERJALAN_MAKS]
    )


def angkatan_berikutnya(hari_ini: datetime.date) -> list[Angkatan]:
    """Return the angkatan that start after today, soonest first, with ``terisi``; one query."""
    return list(
        _angkatan_dengan_isian().filter(tanggal_mulai__gt=hari_ini).order_by("tanggal_mulai", "pk")[:BERIKUTNYA_MAKS]
    )


def _dengan_tampilan(daftar: list[Angkatan], hari_ini: datetime.date) -> list[Angkatan]:
    """Give each angkatan what its row shows: its dates as Indonesian writes them, the days until it starts and
    the share of its kuota taken."""
    for angkatan in daftar:
        angkatan.hari_lagi = (angkatan.tanggal_mulai - hari_ini).days
        angkatan.rentang = rentang_tanggal(angkatan.tanggal_mulai, angkatan.tanggal_selesai)
        angkatan.persen_terisi = (Decimal(100) * angkatan.terisi / angkatan.kuota).quantize(
            Decimal(1), rounding=ROUND_HALF_UP
        )
        angkatan.penuh = angkatan.terisi >= angkatan.kuota
    return daftar


def widget_angkatan(sender, *, request, **kwargs) -> list[tuple[int, str]]:
    """The angkatan running now and those next, each with its dates, venue and fill (enrolled of the kuota)."""
    if not request.user.has_perms(IZIN_ANGKATAN):
        return []
    hari_ini = timezone.localdate()
    konteks = {
        "kunci": "angkatan",
        "berjalan": _dengan_tampilan(angkatan_berjalan(hari_ini), hari_ini),
        "berikutnya": _dengan_tampilan(angkatan_berikutnya(hari_ini), hari_ini),
    }
    return [(URUTAN_ANGKATAN, render_to_string("peserta/pendaftaran/_dasbor_angkatan.html", konteks, request=request))]


def menunggu_verifikasi() -> JumlahPerAngkatan:
    """Return the enrolments proposed and not yet verified: their count, and the angkatan where they have
    waited longest, each linked to its roster narrowed to them.

    Two queries, however many there are: the waiting ones counted per angkatan (a row per angkatan, read off
    the partial index ``pendaftaran_diusulkan_idx``), then the few angkatan shown.
    """
    saring = urlencode({"status": Status.DIUSULKAN})
    return jumlah_per_angkatan(
        list(
            Pendaftaran.objects.filter(status=Status.DIUSULKAN)
            .values("angkatan_id")
            .annotate(jumlah=Count("pk"), sejak=Min("created_at"))
            .order_by("sejak", "angkatan_id")
        ),
        kunci="angkatan_id",
        maks=MENUNGGU_MAKS,
        url=lambda angkatan: f"{angkatan.get_absolute_url()}?{saring}",
    )


def widget_verifikasi(sender, *, request, **kwargs) -> list[tuple[int, str]]:
    """The enrolments waiting for verification: how many, and the angkatan where they have waited longest."""
    if not request.user.has_perms(IZIN_VERIFIKASI):
        return []
    konteks = {"kunci": "verifikasi", "menunggu": menunggu_verifikasi()}
    return [
        (URUTAN_VERIFIKASI, render_to_string("peserta/pendaftaran/_dasbor_verifikasi.html", konteks, request=request))
    ]
