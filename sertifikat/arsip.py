"""What staff download: a ZIP or one print PDF of an angkatan's certificates, built by a task, and
the names files are saved under."""

import io
import logging
import zipfile

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from diklat.models import Tugas
from diklat.tugas.services import HasilBerkas, tugas_berkas_build
from sertifikat.models import Sertifikat, TugasSertifikat

logger = logging.getLogger(__name__)

Status = Sertifikat.Status


def _nama_orang(sertifikat: Sertifikat) -> str:
    return slugify(sertifikat.pendaftaran.peserta.nama)[:60] or "peserta"


def nama_dalam_zip(sertifikat: Sertifikat) -> str:
    """Return a certificate's name inside the ZIP: ``0001-siti-aminah.pdf``."""
    return f"{sertifikat.urut:04d}-{_nama_orang(sertifikat)}.pdf"


def nama_unduhan(sertifikat: Sertifikat) -> str:
    """Return the file name a download is saved under: ``STTP-0001-2022-siti-aminah.pdf``."""
    return f"STTP-{sertifikat.urut:04d}-{sertifikat.tahun}-{_nama_orang(sertifikat)}.pdf"


def tugas_arsip_build(*, tugas_id: int) -> None:
    """Pack the job's certificates into its file (``tugas_berkas_build``); running it again rebuilds the same file.

    A certificate whose file is missing from storage is left out and named on the job page, so
    that one lost file does not cost staff the other two hundred.
    """

    def tulis(tugas: Tugas, tmp, lapor) -> HasilBerkas:
        daftar = list(
            tugas.sertifikat.filter(status=Status.READY)
            .select_related("pendaftaran__peserta")
            .order_by("urut", "versi")
        )
        angkatan = TugasSertifikat.objects.select_related("angkatan__program").get(tugas=tugas).angkatan
        dasar = f"STTP-{angkatan.program.kode}-{angkatan.nomor_romawi}-{angkatan.tahun}"
        if tugas.jenis == TugasSertifikat.Jenis.ZIP:
            hilang = _tulis_zip(daftar, tmp, lapor)
            nama = f"{dasar}.zip"
        else:
            hilang = _tulis_gabungan(tugas, angkatan, daftar, tmp, lapor)
            nama = f"{dasar}-cetak.pdf"
        return HasilBerkas(
            nama=nama, total=tugas.total, diproses=len(daftar) - len(hilang), galat=pesan_hilang(hilang)
        )

    tugas_berkas_build(tugas_id=tugas_id, tulis=tulis, pesan_gagal=_("Gagal menyusun berkas: %(galat)s"))


def pesan_hilang(hilang: list[Sertifikat]) -> str:
    if not hilang:
        return ""
    return ngettext(
        "%(jumlah)s sertifikat tidak dimuat karena berkasnya tidak ditemukan di penyimpanan: %(nomor)s. "
        "Minta admin menerbitkan ulang sertifikat itu, lalu susun berkas ini lagi.",
        "%(jumlah)s sertifikat tidak dimuat karena berkasnya tidak ditemukan di penyimpanan: %(nomor)s. "
        "Minta admin menerbitkan ulang sertifikat-sertifikat itu, lalu susun berkas ini lagi.",
        len(hilang),
    ) % {"jumlah": len(hilang), "nomor": ", ".join(s.nomor for s in hilang)}


def _lapor(lapor, n: int) -> None:
    if n % 20 == 0:
        lapor(n)


def berkas_buka(berkas):
    """Return a stored file (a certificate's, an archive's) opened for reading, or None when it is gone."""
    try:
        return berkas.open("rb")
    except FileNotFoundError:
        logger.error("Stored file %s is missing", berkas.name)
        return None


def berkas_baca(sertifikat: Sertifikat) -> bytes | None:
    """Return a certificate's PDF, or None when its file is gone from storage."""
    berkas = berkas_buka(sertifikat.berkas)
    if berkas is None:
        return None
    with berkas:
        return berkas.read()


def _tulis_zip(daftar: list[Sertifikat], tmp, lapor) -> list[Sertifikat]:
    """Write the ZIP into tmp; return the certificates left out for a missing file."""
    hilang = []
    # PDFs are compressed already; storing them makes the ZIP as fast as copying.
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED) as arsip:
        for n, sertifikat in enumerate(daftar, start=1):
            isi = berkas_baca(sertifikat)
            if isi is None:
                hilang.append(sertifikat)
            else:
                arsip.writestr(nama_dalam_zip(sertifikat), isi)
            _lapor(lapor, n)
    return hilang


def _tulis_gabungan(tugas: Tugas, angkatan, daftar: list[Sertifikat], tmp, lapor) -> list[Sertifikat]:
    """Write one PDF of all the certificates into tmp; return those left out for a missing file."""
    # Loaded by the worker that builds a print PDF, not by every process that imports the tasks.
    import pikepdf

    hilang = []
    with pikepdf.new() as gabungan:
        for n, sertifikat in enumerate(daftar, start=1):
            isi = berkas_baca(sertifikat)
            if isi is None:
                hilang.append(sertifikat)
            else:
                gabungan.pages.extend(pikepdf.open(io.BytesIO(isi)).pages)
            _lapor(lapor, n)
        gabungan.docinfo["/Title"] = f"{TugasSertifikat.Jenis(tugas.jenis).label} — {angkatan}"
        gabungan.save(tmp, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return hilang
