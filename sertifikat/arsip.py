"""What staff download: a ZIP or one print PDF of an angkatan's certificates, built by a task, and
the names files are saved under."""

import io
import logging
import tempfile
import zipfile

from django.core.files import File
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from diklat.models import Tugas
from diklat.tugas.services import GALAT_SEMENTARA, pesan_galat, tugas_fail, tugas_klaim, tugas_lapor, tugas_lepas
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
    """Pack the job's certificates into its file; running it again rebuilds the same file.

    A certificate whose file is missing from storage is left out and named on the job page, so
    that one lost file does not cost staff the other two hundred. A passing error hands the job
    back for the task's retry; any other fails it, with why.
    """
    # Claim the job, so that the same message delivered twice builds one file; a claim whose
    # worker died long ago may be taken again.
    if not tugas_klaim(tugas_id=tugas_id):
        return
    tugas = None
    try:
        tugas = Tugas.objects.get(pk=tugas_id)
        daftar = list(
            tugas.sertifikat.filter(status=Status.READY)
            .select_related("pendaftaran__peserta")
            .order_by("urut", "versi")
        )
        angkatan = TugasSertifikat.objects.select_related("angkatan__program").get(tugas=tugas).angkatan
        dasar = f"STTP-{angkatan.program.kode}-{angkatan.nomor_romawi}-{angkatan.tahun}"
        with tempfile.TemporaryFile() as tmp:
            if tugas.jenis == TugasSertifikat.Jenis.ZIP:
                hilang = _tulis_zip(tugas, daftar, tmp)
                nama = f"{dasar}.zip"
            else:
                hilang = _tulis_gabungan(tugas, angkatan, daftar, tmp)
                nama = f"{dasar}-cetak.pdf"
            tmp.seek(0)
            tugas.berkas.save(nama, File(tmp), save=False)
        tugas.status = Tugas.Status.SELESAI
        tugas.diproses = len(daftar) - len(hilang)
        tugas.galat = pesan_hilang(hilang)
        tugas.selesai_pada = timezone.now()
        tugas.save(update_fields=["berkas", "status", "diproses", "galat", "selesai_pada", "updated_at"])
    except GALAT_SEMENTARA:
        if tugas is not None and tugas.berkas.name:
            tugas.berkas.delete(save=False)
        tugas_lepas(tugas_id=tugas_id)
        raise
    except Exception as error:
        logger.exception("Building archive %s failed", tugas_id)
        tugas_fail(tugas_id=tugas_id, pesan=_("Gagal menyusun berkas: %(galat)s") % {"galat": pesan_galat(error)})


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


def _lapor(tugas: Tugas, n: int) -> None:
    if n % 20 == 0:
        tugas_lapor(tugas_id=tugas.pk, diproses=n)


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


def _tulis_zip(tugas: Tugas, daftar: list[Sertifikat], tmp) -> list[Sertifikat]:
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
            _lapor(tugas, n)
    return hilang


def _tulis_gabungan(tugas: Tugas, angkatan, daftar: list[Sertifikat], tmp) -> list[Sertifikat]:
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
            _lapor(tugas, n)
        gabungan.docinfo["/Title"] = f"{TugasSertifikat.Jenis(tugas.jenis).label} — {angkatan}"
        gabungan.save(tmp, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return hilang
