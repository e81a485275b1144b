"""The export of enrolments across angkatan (admins): the rows the filters keep, with the columns ticked.

Up to ``settings.DIKLAT_EKSPOR_BATAS_LANGSUNG`` rows go straight to the browser (CSV streamed, XLSX in
openpyxl's write-only mode, PDF); a larger export is built by a background job on the site's job page
(``diklat.tugas``), which keeps what was chosen in ``TugasEkspor.parameter`` so its task reads the same
selection again, writes the file through the storage API and reports its progress every ``LAPOR_TIAP``
rows. Its file is kept for ``MASA_SIMPAN_UNDUHAN`` (a week) for the admin who made it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from diklat.ekspor.csv import csv_baris, csv_response
from diklat.ekspor.kolom import Kolom
from diklat.ekspor.pdf import pdf_daftar
from diklat.ekspor.unduhan import disposisi
from diklat.ekspor.xlsx import xlsx_response, xlsx_tulis
from diklat.models import Tugas
from diklat.tugas.services import HasilBerkas, tugas_berkas_build
from peserta.ekspor.forms import FilterLintasForm
from peserta.ekspor.kolom import KOLOM_ANGKATAN, NOMOR, KolomPendaftaran, judul_kolom, kolom_tersedia
from peserta.ekspor.selectors import baris_ekspor, jumlah_per_status, pendaftaran_lintas

# The name of this export among those of enrolments (``kolom_ekspor``'s ``daftar``, ``PilihanEkspor.daftar``).
DAFTAR = "lintas"
# ``Tugas.jenis`` of an export across angkatan run as a job.
JENIS = "ekspor_lintas"
# A job reports how far it has come after every this many rows.
LAPOR_TIAP = 500
# What a job writes; the PDF is made for small exports only, in the request.
FORMAT_TUGAS = ("xlsx", "csv", "csv_titik_koma")


def batas_langsung() -> int:
    """Return how many rows an export may have to be sent straight to the browser."""
    return settings.DIKLAT_EKSPOR_BATAS_LANGSUNG


def batas_pdf() -> int:
    """Return how many rows a PDF export may have: it is laid out whole, in the request."""
    return min(settings.DIKLAT_EKSPOR_BATAS_PDF, batas_langsung())


def kolom_lintas() -> list[KolomPendaftaran]:
    """Return the columns an export across angkatan offers: the training's, the person's, the enrolment's, the floors'."""
    return kolom_tersedia(DAFTAR, awal=KOLOM_ANGKATAN)


@dataclass
class EksporLintas:
    """One export across angkatan, ready to write: its rows, header, title block and format."""

    qs: QuerySet
    dipilih: list[KolomPendaftaran]
    judul: list[str]
    format: str

    @property
    def kepala(self) -> list[Kolom]:
        return judul_kolom([NOMOR, *(k.kolom for k in self.dipilih)])

    def baris(self) -> Iterator[dict]:
        return baris_ekspor(self.qs, self.dipilih)

    @property
    def nama_berkas(self) -> str:
        akhiran = {"xlsx": "xlsx", "pdf": "pdf"}.get(self.format, "csv")
        tanggal = timezone.localdate().isoformat()
        return f"{slugify(_('data peserta lintas angkatan'))}-{tanggal}.{akhiran}"

    @property
    def pemisah(self) -> str:
        return ";" if self.format == "csv_titik_koma" else ","


def ekspor_lintas_siapkan(*, form: FilterLintasForm, kolom: Iterable[str], urut: str, format: str) -> EksporLintas:
    """Prepare the export of the enrolments a valid filter form keeps, with these columns (by key) in order."""
    dipilih_kunci = set(kolom)
    dipilih = [k for k in kolom_lintas() if k.kunci in dipilih_kunci]
    if not dipilih:
        raise ValidationError(_("Kolom yang dipilih tidak tersedia lagi; pilih kolomnya lagi."), code="tanpa_kolom")
    sekarang = date_format(timezone.localtime(), "j F Y, H.i")
    judul = [
        _("Data Peserta Lintas Angkatan"),
        _("Filter: %(filter)s") % {"filter": form.ringkasan()},
        _("Diekspor: %(waktu)s") % {"waktu": sekarang},
    ]
    return EksporLintas(qs=pendaftaran_lintas(**form.filter(), urut=urut), dipilih=dipilih, judul=judul, format=format)


def ekspor_lintas_respons(ekspor: EksporLintas) -> HttpResponse:
    """Answer with the export itself: a streamed CSV, an XLSX or a PDF (small exports only)."""
    kepala, nama = ekspor.kepala, ekspor.nama_berkas
    if ekspor.format == "xlsx":
        return xlsx_response(nama, kepala, ekspor.baris(), judul=ekspor.judul, nama_lembar=_("Peserta"))
    if ekspor.format == "pdf":
        pdf = pdf_daftar(kepala, ekspor.baris(), judul=ekspor.judul, ringkasan=jumlah_per_status(ekspor.qs))
        respons = HttpResponse(pdf, content_type="application/pdf")
        respons["Content-Disposition"] = disposisi(nama)
        return respons
    return csv_response(nama, kepala, ekspor.baris(), pemisah=ekspor.pemisah)


def _melapor(baris: Iterable[dict], lapor: Callable[[int], None]) -> Iterator[dict]:
    """Pass the rows on, telling ``lapor`` how many have gone after every ``LAPOR_TIAP``."""
    n = 0
    for n, satu in enumerate(baris, start=1):
        yield satu
        if n % LAPOR_TIAP == 0:
            lapor(n)


def ekspor_lintas_tulis(ekspor: EksporLintas, berkas: BinaryIO, *, lapor: Callable[[int], None]) -> int:
    """Write an XLSX or CSV export into a binary file, reporting progress; return the number of rows."""
    jumlah = 0

    def hitung(baris):
        nonlocal jumlah
        for satu in baris:
            jumlah += 1
            yield satu

    baris = hitung(_melapor(ekspor.baris(), lapor))
    if ekspor.format == "xlsx":
        xlsx_tulis(berkas, ekspor.kepala, baris, judul=ekspor.judul, nama_lembar=_("Peserta"))
    elif ekspor.format in FORMAT_TUGAS:
        for teks in csv_baris(ekspor.kepala, baris, pemisah=ekspor.pemisah):
            berkas.write(teks.encode("utf-8"))
    else:
        raise ValidationError(_("Format ini tidak dapat disusun di latar belakang."), code="format_tugas")
    return jumlah


def _ekspor_dari_parameter(parameter: dict) -> EksporLintas:
    """Read a job's choices again as the page's form would: a filter no longer valid fails the job, with why."""
    form = FilterLintasForm(data=parameter.get("filter") or {})
    if not form.is_valid():
        galat = " ".join(form.galat_kalimat())
        raise ValidationError(_("Filter ekspor ini tidak berlaku lagi. %(galat)s") % {"galat": galat})
    return ekspor_lintas_siapkan(
        form=form, kolom=parameter.get("kolom") or [], urut=parameter.get("urut", ""), format=parameter.get("format")
    )


def ekspor_lintas_build(*, tugas_id: int) -> None:
    """Write a job's export to its file (``tugas_berkas_build``); running it again rebuilds the same file."""

    def tulis(tugas: Tugas, berkas: BinaryIO, lapor: Callable[[int], None]) -> HasilBerkas:
        parameter = tugas.tugas_ekspor.parameter
        with translation.override(parameter.get("bahasa") or settings.LANGUAGE_CODE):
            ekspor = _ekspor_dari_parameter(parameter)
            jumlah = ekspor_lintas_tulis(ekspor, berkas, lapor=lapor)
        # The rows as written: people may have enrolled or left since the count the page showed.
        return HasilBerkas(nama=ekspor.nama_berkas, total=jumlah, diproses=jumlah)

    tugas_berkas_build(tugas_id=tugas_id, tulis=tulis, pesan_gagal=_("Gagal menyusun ekspor: %(galat)s"))
