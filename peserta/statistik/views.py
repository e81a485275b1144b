"""The statistics page, and each of its tables as CSV."""

import logging

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from diklat.access import StaffPermissionRequiredMixin
from diklat.ekspor.csv import csv_response
from diklat.ekspor.kolom import Kolom
from diklat.signals import angka_statistik
from peserta.models import Pendaftaran
from peserta.statistik.angka import Angka, BagianAngka
from peserta.statistik.forms import PEMISAH, UNDUH, StatistikForm
from peserta.statistik.selectors import Tabel, statistik_pendaftaran

logger = logging.getLogger(__name__)


def bagian_tambahan(request, *, tahun: int | None) -> list[BagianAngka]:
    """Return the groups of figures the floors above give (``diklat.signals.angka_statistik``).

    A receiver that fails, or answers with anything but groups of counts, is logged and left out.
    """
    bagian = []
    for receiver, jawaban in angka_statistik.send_robust(sender=Pendaftaran, tahun=tahun, request=request):
        if isinstance(jawaban, Exception):
            logger.error("angka_statistik receiver %r failed", receiver, exc_info=jawaban)
            continue
        try:
            daftar = list(jawaban or [])
        except TypeError:
            daftar = [jawaban]
        for satu in daftar:
            if not isinstance(satu, BagianAngka) or not all(isinstance(a, Angka) for a in satu.angka):
                logger.error("angka_statistik receiver %r gave an unusable group %r", receiver, satu)
                continue
            bagian.append(satu)
    return bagian


def kolom_tabel(tabel: Tabel) -> list[Kolom]:
    """The columns of a table's CSV, as the page shows them."""
    kolom = [Kolom("label", str(tabel.kolom_label))]
    if tabel.dengan_kabkota:
        kolom.append(Kolom("kode", _("Kode Kemendagri"), "teks_angka"))
    if tabel.dengan_angkatan:
        kolom.append(Kolom("angkatan", _("Angkatan"), "angka"))
    kolom += [
        Kolom("peserta", _("Peserta"), "angka"),
        Kolom("lulus", _("Lulus"), "angka"),
        Kolom("tidak_lulus", _("Tidak lulus"), "angka"),
        Kolom("kelulusan", _("Tingkat kelulusan (%)"), "persen"),
    ]
    if tabel.dengan_kabkota:
        kolom += [
            Kolom("kabkota", _("Kabupaten/kota terjangkau"), "angka"),
            Kolom("kabkota_total", _("Jumlah kabupaten/kota"), "angka"),
        ]
    return kolom


def baris_tabel(tabel: Tabel) -> list[dict]:
    """The rows of a table's CSV, the totals last."""
    return [
        {
            "label": b.label,
            "kode": b.kunci if b is not tabel.total else "",
            "angkatan": b.angkatan,
            "peserta": b.peserta,
            "lulus": b.lulus,
            "tidak_lulus": b.tidak_lulus,
            "kelulusan": b.kelulusan,
            "kabkota": b.kabkota,
            "kabkota_total": b.kabkota_total,
        }
        for b in [*tabel.baris, tabel.total]
    ]


def kolom_ringkasan() -> list[Kolom]:
    """The columns of the summary CSV."""
    return [
        Kolom("bagian", _("Bagian")),
        Kolom("uraian", _("Uraian")),
        Kolom("jumlah", _("Jumlah"), "angka"),
        Kolom("dari", _("Dari"), "angka"),
        Kolom("persen", _("Persen"), "persen"),
    ]


def baris_ringkasan(bagian: list[BagianAngka]) -> list[dict]:
    """The rows of the summary CSV: every count of every group, with the whole it is a share of."""
    return [
        {"bagian": b.judul, "uraian": a.label, "jumlah": a.jumlah, "dari": a.dari, "persen": a.persen}
        for b in bagian
        for a in b.angka
    ]


class StatistikView(StaffPermissionRequiredMixin, View):
    """Participants and graduates per year, program and province, the regions reached, the certificates;
    for one year or all of them; each table downloadable as CSV (``?unduh=tahun``)."""

    permission_required = ("angkatan.view_angkatan", "peserta.view_pendaftaran")
    template_name = "peserta/statistik/statistik.html"

    def get(self, request):
        form = StatistikForm(request.GET)
        if not form.is_valid():
            # Said beside the filter; the page shows every year meanwhile.
            return self._halaman(form, tahun=None, status=400)
        tahun = form.cleaned_data["tahun"]
        unduh = form.cleaned_data["unduh"]
        if unduh:
            return self._csv(unduh, tahun=tahun, pemisah=PEMISAH.get(form.cleaned_data["pemisah"], ","))
        return self._halaman(form, tahun=tahun)

    def _bagian(self, statistik, tahun):
        bagian = [statistik.ringkasan(), *bagian_tambahan(self.request, tahun=tahun)]
        return sorted(bagian, key=lambda b: b.urutan)

    def _csv(self, unduh: str, *, tahun: int | None, pemisah: str):
        statistik = statistik_pendaftaran(tahun=tahun)
        nama = f"statistik-{unduh}-{tahun or 'semua-tahun'}.csv"
        if unduh == "ringkasan":
            return csv_response(
                nama, kolom_ringkasan(), baris_ringkasan(self._bagian(statistik, tahun)), pemisah=pemisah
            )
        tabel = {t.kunci: t for t in statistik.tabel}[unduh]
        return csv_response(nama, kolom_tabel(tabel), baris_tabel(tabel), pemisah=pemisah)

    def _halaman(self, form, *, tahun: int | None, status: int = 200):
        statistik = statistik_pendaftaran(tahun=tahun)
        statistik.bagian = self._bagian(statistik, tahun)
        pilihan = list(statistik.tahun_pilihan)
        if tahun is not None and tahun not in pilihan:
            pilihan = sorted([*pilihan, tahun], reverse=True)
        konteks = {
            "form": form,
            "statistik": statistik,
            "tahun": tahun,
            "tahun_pilihan": pilihan,
            "unduhan": UNDUH,
        }
        return render(self.request, self.template_name, konteks, status=status)
