"""The national training record: each graduate's certificate as a row of BKN's SIASN *riwayat kursus*.

A regional personnel office (BKD) files every training of its civil servants into SIASN by hand; this
export gives it the record ready to type or import, one row per valid certificate:

- ``nip``: the person's NIP (as it stands now: SIASN keys the person by it);
- ``namaKursus``: the program's name and the angkatan as the certificate printed them,
  ``Pelatihan Penguatan Tugas-Tugas Sekretaris Perangkat Daerah Angkatan III``;
- ``institusiPenyelenggara``: the agency heading the certificate (``Program.nama_instansi``), its last
  line (the unit) first: ``BADAN PENGEMBANGAN SUMBER DAYA MANUSIA KEMENTERIAN DALAM NEGERI``;
- ``tanggalKursus``, ``tanggalSelesaiKursus``: the training's dates as printed, ``dd-mm-yyyy``;
- ``tahunKursus``: its year; ``jumlahJam``: the program's JP; ``nomorSertipikat``: the number;
- ``namaBerkas``: the certificate's PDF inside the ZIP, in a folder per angkatan
  (``PTSPD-III-2022/0001-siti-aminah.pdf``, the names of the certificate ZIP), so the names stay unique
  however many angkatan one ZIP spans, and a row names the same file whatever else was chosen.

Revoked certificates are left out, and of a replaced one only its newest version, the valid one, is
given: the rows are the certificates *siap* of enrolments *lulus*. As CSV (``KOLOM_SIASN`` through
``diklat.ekspor.csv``), as JSON (a list of objects with exactly those keys), or as a ZIP of the PDFs with
both, built by a background job (``siasn_zip_build``).
"""

from __future__ import annotations

import datetime
import json
import logging
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Generator, Iterable, Iterator

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import IntegerField, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from angkatan.models import Angkatan
from diklat.ekspor.csv import csv_baris
from diklat.ekspor.kolom import Kolom
from diklat.models import MataPelatihan, Program, Tugas
from diklat.roman import to_roman
from diklat.tugas.services import HasilBerkas, tugas_berkas_build
from peserta.ekspor.forms import FilterLintasForm
from peserta.ekspor.selectors import pendaftaran_lintas
from peserta.models import Pendaftaran
from sertifikat.arsip import berkas_baca, nama_dalam_zip, pesan_hilang
from sertifikat.models import Sertifikat

logger = logging.getLogger(__name__)

# ``Tugas.jenis`` of a SIASN ZIP: of one angkatan (from its Sertifikat tab), or across angkatan (admins).
JENIS = "siasn"
JENIS_LINTAS = "siasn_lintas"

# The columns, headed by SIASN's own keys (not translated: an import reads them).
KOLOM_SIASN = [
    Kolom("nip", "nip", "teks_angka", 20),
    Kolom("namaKursus", "namaKursus", "teks", 60),
    Kolom("institusiPenyelenggara", "institusiPenyelenggara", "teks", 50),
    Kolom("tanggalKursus", "tanggalKursus", "teks", 14),
    Kolom("tanggalSelesaiKursus", "tanggalSelesaiKursus", "teks", 14),
    Kolom("tahunKursus", "tahunKursus", "angka", 12),
    Kolom("jumlahJam", "jumlahJam", "angka", 10),
    Kolom("nomorSertipikat", "nomorSertipikat", "teks", 36),
    Kolom("namaBerkas", "namaBerkas", "teks", 50),
]
KUNCI_SIASN = [k.kunci for k in KOLOM_SIASN]
# Who may take the record across angkatan: the export across angkatan's admins, who may see certificates.
IZIN_LINTAS = ("peserta.ekspor_lintas", "peserta.view_pendaftaran", "sertifikat.view_sertifikat")
FORMAT_TANGGAL = "%d-%m-%Y"
UKURAN_POTONGAN = 2000
# A ZIP job reports how far it has come after every this many certificates.
LAPOR_TIAP = 20
# The record's own files inside the ZIP, beside the folders of PDFs.
NAMA_CSV = "siasn-riwayat-kursus.csv"
NAMA_JSON = "siasn-riwayat-kursus.json"


def sertifikat_siasn(sumber: QuerySet) -> QuerySet[Sertifikat]:
    """Return the valid certificates of the graduates of ``sumber``: angkatan, enrolments or certificates.

    With the person, the angkatan and its program joined and the program's JP counted in the same query,
    ordered by angkatan (year, program, number), then by certificate number.
    """
    qs = Sertifikat.objects.filter(status=Sertifikat.Status.READY, pendaftaran__status=Pendaftaran.Status.LULUS)
    if sumber.model is Angkatan:
        qs = qs.filter(pendaftaran__angkatan__in=sumber.order_by().values("pk"))
    elif sumber.model is Pendaftaran:
        qs = qs.filter(pendaftaran__in=sumber.order_by().values("pk"))
    elif sumber.model is Sertifikat:
        qs = qs.filter(pk__in=sumber.order_by().values("pk"))
    else:
        raise TypeError(f"sertifikat_siasn takes angkatan, enrolments or certificates, not {sumber.model}")
    jp = (
        MataPelatihan.objects.filter(program=OuterRef("pendaftaran__angkatan__program"))
        .order_by()
        .values("program")
        .annotate(total=Sum("jp"))
        .values("total")
    )
    return (
        qs.select_related("pendaftaran__peserta", "pendaftaran__angkatan__program")
        .annotate(jumlah_jp=Coalesce(Subquery(jp, output_field=IntegerField()), 0))
        .order_by(
            "pendaftaran__angkatan__tahun",
            "pendaftaran__angkatan__program__kode",
            "pendaftaran__angkatan__nomor",
            "urut",
            "versi",
        )
    )


def institusi_penyelenggara(program: Program) -> str:
    """Return the organiser as the certificate's heading names it, the unit (its last line) first."""
    baris = [b.strip() for b in program.nama_instansi.splitlines() if b.strip()]
    return " ".join([*baris[-1:], *baris[:-1]])


def folder_angkatan(angkatan: Angkatan) -> str:
    """Return an angkatan's folder inside a SIASN ZIP: ``PTSPD-III-2022``."""
    return f"{angkatan.program.kode}-{angkatan.nomor_romawi}-{angkatan.tahun}"


def _tanggal(tercetak: str | None, kini: datetime.date) -> datetime.date:
    try:
        return datetime.date.fromisoformat(tercetak) if tercetak else kini
    except ValueError:
        return kini


def _jumlah_jp(sertifikat: Sertifikat) -> int:
    # Counted in the query by ``sertifikat_siasn``; a certificate read otherwise asks its program.
    jp = getattr(sertifikat, "jumlah_jp", None)
    return int(jp) if jp is not None else sertifikat.pendaftaran.angkatan.program.total_jp


# What a row reads (``siasn_baris_satu``, ``nama_dalam_zip``, ``folder_angkatan``, ``institusi_penyelenggara``):
# read alone, a hundred thousand rows skip the timestamps and texts of five tables they do not print.
BIDANG_BARIS = (
    "nomor",
    "urut",
    "data_cetak",
    "pendaftaran__peserta__nip",
    "pendaftaran__peserta__nama",
    "pendaftaran__angkatan__nomor",
    "pendaftaran__angkatan__tahun",
    "pendaftaran__angkatan__tanggal_mulai",
    "pendaftaran__angkatan__tanggal_selesai",
    "pendaftaran__angkatan__program__nama",
    "pendaftaran__angkatan__program__kode",
    "pendaftaran__angkatan__program__nama_instansi",
)


def siasn_baris_satu(sertifikat: Sertifikat) -> dict:
    """Return a certificate's SIASN row: what it printed (kept beside its file), or the training as it is."""
    pendaftaran = sertifikat.pendaftaran
    angkatan = pendaftaran.angkatan
    tercetak = sertifikat.data_cetak or {}
    mulai = _tanggal(tercetak.get("tanggal_mulai"), angkatan.tanggal_mulai)
    selesai = _tanggal(tercetak.get("tanggal_selesai"), angkatan.tanggal_selesai)
    program = tercetak.get("program") or angkatan.program.nama
    romawi = tercetak.get("angkatan") or to_roman(angkatan.nomor)
    return {
        "nip": pendaftaran.peserta.nip,
        # SIASN is Indonesian whatever the language of the page: "Angkatan" is not translated.
        "namaKursus": f"{program} Angkatan {romawi}",
        "institusiPenyelenggara": institusi_penyelenggara(angkatan.program),
        "tanggalKursus": mulai.strftime(FORMAT_TANGGAL),
        "tanggalSelesaiKursus": selesai.strftime(FORMAT_TANGGAL),
        "tahunKursus": int(tercetak.get("tahun") or angkatan.tahun),
        "jumlahJam": _jumlah_jp(sertifikat),
        "nomorSertipikat": sertifikat.nomor,
        "namaBerkas": f"{folder_angkatan(angkatan)}/{nama_dalam_zip(sertifikat)}",
    }


def _sertifikat(sumber: QuerySet) -> QuerySet[Sertifikat]:
    """Return ``sertifikat_siasn(sumber)``, unless ``sumber`` is that already (annotated with the JP)."""
    if sumber.model is Sertifikat and "jumlah_jp" in sumber.query.annotations:
        return sumber
    return sertifikat_siasn(sumber)


def siasn_baris(sumber: QuerySet) -> Iterator[dict]:
    """Yield the SIASN row of each valid certificate of ``sumber`` (angkatan, enrolments or certificates).

    Read in chunks of ``UKURAN_POTONGAN``: one query per chunk, whatever the number of rows, so
    ``csv_baris(KOLOM_SIASN, siasn_baris(qs))`` writes the CSV in a fixed number of queries.
    """
    qs = _sertifikat(sumber).only(*BIDANG_BARIS)
    for sertifikat in qs.iterator(chunk_size=UKURAN_POTONGAN):
        yield siasn_baris_satu(sertifikat)


def _json_objek(baris: dict) -> str:
    return json.dumps({k: baris[k] for k in KUNCI_SIASN}, ensure_ascii=False)


def siasn_json(baris: Iterable[dict]) -> Iterator[str]:
    """Yield a JSON list of the rows, one object a line, reading them lazily (UTF-8, not escaped)."""
    yield "["
    pemisah = "\n"
    for satu in baris:
        yield pemisah + _json_objek(satu)
        pemisah = ",\n"
    yield "\n]\n"


def siasn_json_potongan() -> Generator[str, dict | None, None]:
    """The JSON of ``siasn_json`` fed a row at a time: ``next()`` gives the start, ``send(row)`` each
    row's piece, ``send(None)`` the end (for a writer that hands the same rows to the CSV too)."""
    satu = yield "["
    pemisah = "\n"
    while satu is not None:
        satu = yield pemisah + _json_objek(satu)
        pemisah = ",\n"
    yield "\n]\n"


def sertifikat_dari_parameter(parameter: dict) -> QuerySet[Sertifikat]:
    """Return the certificates a SIASN job covers: of its angkatan, or of the enrolments its filters keep.

    The filters are read again as the export page reads them; a filter no longer valid is refused, with why.
    """
    if "angkatan" in parameter:
        return sertifikat_siasn(Angkatan.objects.filter(pk__in=parameter["angkatan"]))
    form = FilterLintasForm(data=parameter.get("filter") or {})
    if not form.is_valid():
        galat = " ".join(" ".join(pesan) for pesan in form.errors.values())
        raise ValidationError(_("Filter ekspor ini tidak berlaku lagi. %(galat)s") % {"galat": galat})
    return sertifikat_siasn(pendaftaran_lintas(**form.filter()))


def nama_zip(parameter: dict) -> str:
    """Return the ZIP's file name: of its angkatan when it has one, else of the day it was made."""
    angkatan = None
    if len(parameter.get("angkatan") or []) == 1:
        angkatan = Angkatan.objects.select_related("program").filter(pk=parameter["angkatan"][0]).first()
    if angkatan is not None:
        return f"SIASN-riwayat-kursus-{folder_angkatan(angkatan)}.zip"
    return f"SIASN-riwayat-kursus-{timezone.localdate().isoformat()}.zip"


def _salin_ke_zip(arsip: zipfile.ZipFile, nama: str, sumber) -> None:
    info = zipfile.ZipInfo(nama, date_time=timezone.localtime().timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    sumber.seek(0)
    with arsip.open(info, "w") as tujuan:
        shutil.copyfileobj(sumber, tujuan)


def siasn_zip_tulis(qs: QuerySet, berkas, *, lapor: Callable[[int], None]) -> tuple[int, list[Sertifikat]]:
    """Write the ZIP of the certificates' PDFs with the record as CSV and JSON; return the rows and those left out.

    A certificate whose file is missing from storage stays in the record with an empty ``namaBerkas``,
    and is named on the job page. The certificates are read once, in chunks: each PDF is packed and each
    row written to the CSV and the JSON as it comes, so nothing piles up in memory.
    """
    hilang: list[Sertifikat] = []
    jumlah = 0
    with (
        tempfile.TemporaryFile() as csv_tmp,
        tempfile.TemporaryFile() as json_tmp,
        zipfile.ZipFile(berkas, "w", compression=zipfile.ZIP_STORED) as arsip,
    ):

        def dengan_pdf() -> Iterator[dict]:
            nonlocal jumlah
            for sertifikat in _sertifikat(qs).iterator(chunk_size=UKURAN_POTONGAN):
                baris = siasn_baris_satu(sertifikat)
                pdf = berkas_baca(sertifikat)
                if pdf is None:
                    hilang.append(sertifikat)
                    baris["namaBerkas"] = ""
                else:
                    # PDFs are compressed already; storing them makes the ZIP as fast as copying.
                    arsip.writestr(baris["namaBerkas"], pdf)
                jumlah += 1
                if jumlah % LAPOR_TIAP == 0:
                    lapor(jumlah)
                yield baris

        def juga_json(semua: Iterator[dict]) -> Iterator[dict]:
            potongan = siasn_json_potongan()
            json_tmp.write(next(potongan).encode("utf-8"))
            for satu in semua:
                json_tmp.write(potongan.send(satu).encode("utf-8"))
                yield satu
            json_tmp.write(potongan.send(None).encode("utf-8"))

        for teks in csv_baris(KOLOM_SIASN, juga_json(dengan_pdf())):
            csv_tmp.write(teks.encode("utf-8"))
        _salin_ke_zip(arsip, NAMA_CSV, csv_tmp)
        _salin_ke_zip(arsip, NAMA_JSON, json_tmp)
    return jumlah, hilang


def siasn_zip_build(*, tugas_id: int) -> None:
    """Build a SIASN job's ZIP (``tugas_berkas_build``); running it again rebuilds the same file."""

    def tulis(tugas: Tugas, berkas, lapor: Callable[[int], None]) -> HasilBerkas:
        parameter = tugas.tugas_ekspor.parameter
        with translation.override(parameter.get("bahasa") or settings.LANGUAGE_CODE):
            jumlah, hilang = siasn_zip_tulis(sertifikat_dari_parameter(parameter), berkas, lapor=lapor)
            return HasilBerkas(
                nama=nama_zip(parameter), total=jumlah, diproses=jumlah - len(hilang), galat=pesan_hilang(hilang)
            )

    tugas_berkas_build(tugas_id=tugas_id, tulis=tulis, pesan_gagal=_("Gagal menyusun berkas: %(galat)s"))
