"""The sheets staff print for an angkatan's event, as PDF: the certificate receipt sheet (*tanda terima
sertifikat*), name tags to cut (*papan nama*, eight to an A4) and folded table tents (*papan nama meja*).

Official documents, always in Indonesian (as the sign-in sheet). The certificate number reaches the receipt
sheet through ``diklat.signals.kolom_ekspor`` (the certificates' floor answers it), never by an import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import translation
from django.utils.translation import gettext as _

from angkatan.hari_pelatihan import rentang_tanggal
from angkatan.models import Angkatan
from diklat.pdf import css_string, render_pdf
from peserta.ekspor.kolom import KolomPendaftaran, kolom_tersedia
from peserta.ekspor.selectors import siapkan_kolom
from peserta.ekspor.ukur import ukuran_pas
from peserta.models import Pendaftaran
from peserta.presensi.services import STATUS_PRESENSI

DAFTAR_TANDA_TERIMA = "tanda_terima"
KOLOM_NOMOR_SERTIFIKAT = "nomor_sertifikat"
PAPAN_PER_HALAMAN = 8

# The boxes of templates/peserta/ekspor/papan_nama.html (a tag of 95 × 68 mm, padded 6 mm on the sides)
# and papan_meja.html (a half of A4, 210 × 148.5 mm, padded 15 mm), in millimetres, and the sizes tried.
TAG_LEBAR_MM = 95 - 2 * 6 - 3  # air: Pango sets a line a little wider than Pillow measures it
TAG_NAMA_TINGGI_MM = 27
TAG_NAMA_UKURAN = range(24, 10, -1)
TAG_NAMA_SATU_BARIS_MIN = 17  # a name on one line down to this size, before a larger one on two
TAG_JABATAN_TINGGI_MM = 11
TAG_JABATAN_UKURAN = (9, 8.5, 8, 7.5, 7, 6.5, 6)
MEJA_LEBAR_MM = 210 - 2 * 15 - 6
MEJA_NAMA_TINGGI_MM = 58
MEJA_NAMA_UKURAN = range(60, 19, -2)
MEJA_NAMA_SATU_BARIS_MIN = 36
MEJA_DAERAH_TINGGI_MM = 16
MEJA_DAERAH_UKURAN = range(20, 9, -1)


def _judul_angkatan(angkatan: Angkatan) -> str:
    return _("Angkatan %(nomor)s Tahun %(tahun)s") % {"nomor": angkatan.nomor_romawi, "tahun": angkatan.tahun}


def _konteks_halaman(angkatan: Angkatan, judul: str) -> dict:
    """The running title and the words of "Halaman X dari Y" (templates/diklat/pdf/_halaman.html)."""
    return {
        "judul_berjalan": css_string(
            f"{judul} · {angkatan.program.kode} {_judul_angkatan(angkatan)}",
        ),
        "kata_halaman": css_string(_("Halaman")),
        "kata_dari": css_string(_("dari")),
    }


def _info_angkatan(angkatan: Angkatan) -> dict:
    venue = angkatan.venue
    return {
        "angkatan": angkatan,
        "judul_angkatan": _judul_angkatan(angkatan),
        "tanggal": rentang_tanggal(angkatan.tanggal_mulai, angkatan.tanggal_selesai),
        "tempat": f"{venue.nama}, {venue.kota}" if venue else "",
    }


def daerah(peserta) -> str:
    """The participant's regional government as a tag prints it: ``Kabupaten Bangli``, ``Provinsi Aceh``."""
    if peserta.kabupaten_kota_id:
        return peserta.kabupaten_kota.nama
    return _("Provinsi %(nama)s") % {"nama": peserta.provinsi.nama}


# --- the certificate receipt sheet -------------------------------------------------------------------


@dataclass(frozen=True)
class BarisTandaTerima:
    nomor: int
    pendaftaran: Pendaftaran
    nomor_sertifikat: str

    @property
    def peserta(self):
        return self.pendaftaran.peserta

    @property
    def nomor_bagian(self) -> list[str]:
        """The certificate number in pieces that stay whole, a line breaking only after a slash:
        ``0007/STTP/PTSPD-IV/`` never splits ``PTSPD-IV``."""
        return re.findall(r"[^/]*/|[^/]+$", self.nomor_sertifikat)

    @property
    def ttd_kanan(self) -> bool:
        """Even rows sign on the right, odd rows on the left (the zig-zag of the sign-in sheet)."""
        return self.nomor % 2 == 0


def _kolom_nomor_sertifikat() -> KolomPendaftaran | None:
    return next((k for k in kolom_tersedia(DAFTAR_TANDA_TERIMA) if k.kunci == KOLOM_NOMOR_SERTIFIKAT), None)


def tanda_terima_baris(angkatan: Angkatan) -> list[BarisTandaTerima]:
    """Return the rows of the receipt sheet: who passed, and anyone else a certificate was numbered for,
    by name. A graduate whose certificate has no number yet (or was revoked) gets an empty cell to fill in.
    """
    kolom = _kolom_nomor_sertifikat()
    qs = (
        Pendaftaran.objects.filter(angkatan=angkatan)
        .exclude(status__in=[Pendaftaran.Status.DIUSULKAN, Pendaftaran.Status.DITOLAK])
        .select_related("peserta")
        .order_by("peserta__nama", "peserta__nip")
    )
    if kolom is None:
        qs = qs.filter(status=Pendaftaran.Status.LULUS)
    else:
        qs = siapkan_kolom(qs, [kolom])
    baris = []
    for pendaftaran in qs:
        nomor = str(kolom.nilai(pendaftaran) or "") if kolom else ""
        if pendaftaran.status == Pendaftaran.Status.LULUS or nomor:
            baris.append(BarisTandaTerima(nomor=len(baris) + 1, pendaftaran=pendaftaran, nomor_sertifikat=nomor))
    return baris


def pdf_tanda_terima(angkatan: Angkatan) -> bytes:
    """Return the receipt sheet of the angkatan's certificates (A4 portrait)."""
    with translation.override("id"):
        konteks = {
            **_info_angkatan(angkatan),
            **_konteks_halaman(angkatan, _("Tanda Terima Sertifikat")),
            "baris": tanda_terima_baris(angkatan),
        }
        return render_pdf("peserta/ekspor/tanda_terima.html", konteks)


# --- name tags and table tents -----------------------------------------------------------------------


@dataclass(frozen=True)
class Papan:
    """What one name tag or table tent prints, with the font sizes at which it fits (in points)."""

    nama: str
    ukuran_nama: float
    keterangan: str
    ukuran_keterangan: float
    daerah: str = ""

    @property
    def kelas_nama(self) -> str:
        return kelas_ukuran(self.ukuran_nama)

    @property
    def kelas_keterangan(self) -> str:
        return kelas_ukuran(self.ukuran_keterangan)


def kelas_ukuran(ukuran: float) -> str:
    """The class that sets a font size: ``u-8-5`` for 8.5 pt (a style rule, not a style attribute)."""
    return "u-" + f"{ukuran:g}".replace(".", "-")


def aturan_ukuran(papan: list[Papan]) -> list[tuple[str, str]]:
    """The style rules of the sizes the tags use, as (class, CSS size), never localised (``8.5pt``)."""
    ukuran = {u for p in papan for u in (p.ukuran_nama, p.ukuran_keterangan)}
    return [(kelas_ukuran(u), f"{u:g}pt") for u in sorted(ukuran)]


def papan_pendaftaran(angkatan: Angkatan):
    """Return the people who get a name tag and a table tent: those verified or attending (as on the
    sign-in sheet), not the proposed, refused or withdrawn; by name."""
    return (
        Pendaftaran.objects.filter(angkatan=angkatan, status__in=STATUS_PRESENSI)
        .select_related("peserta", "peserta__provinsi", "peserta__kabupaten_kota")
        .order_by("peserta__nama", "peserta__nip")
    )


def papan_nama(pendaftaran: Pendaftaran) -> Papan:
    """A name tag: the name with titles as large as fits, the position (else the agency), the region."""
    peserta = pendaftaran.peserta
    keterangan = peserta.jabatan or peserta.instansi
    return Papan(
        nama=peserta.nama_lengkap,
        ukuran_nama=ukuran_pas(
            peserta.nama_lengkap,
            lebar_mm=TAG_LEBAR_MM,
            tinggi_mm=TAG_NAMA_TINGGI_MM,
            ukuran=TAG_NAMA_UKURAN,
            baris_maks=3,
            tebal=True,
            satu_baris_min=TAG_NAMA_SATU_BARIS_MIN,
        ),
        keterangan=keterangan,
        ukuran_keterangan=ukuran_pas(
            keterangan,
            lebar_mm=TAG_LEBAR_MM,
            tinggi_mm=TAG_JABATAN_TINGGI_MM,
            ukuran=TAG_JABATAN_UKURAN,
            baris_maks=3,
        ),
        daerah=daerah(peserta),
    )


def papan_meja(pendaftaran: Pendaftaran) -> Papan:
    """A table tent: the name with titles as large as fits, and the region under it."""
    peserta = pendaftaran.peserta
    wilayah = daerah(peserta)
    return Papan(
        nama=peserta.nama_lengkap,
        ukuran_nama=ukuran_pas(
            peserta.nama_lengkap,
            lebar_mm=MEJA_LEBAR_MM,
            tinggi_mm=MEJA_NAMA_TINGGI_MM,
            ukuran=MEJA_NAMA_UKURAN,
            baris_maks=3,
            tebal=True,
            tinggi_baris=1.1,
            satu_baris_min=MEJA_NAMA_SATU_BARIS_MIN,
        ),
        keterangan=wilayah,
        ukuran_keterangan=ukuran_pas(
            wilayah, lebar_mm=MEJA_LEBAR_MM, tinggi_mm=MEJA_DAERAH_TINGGI_MM, ukuran=MEJA_DAERAH_UKURAN
        ),
    )


def _halaman(papan: list[Papan], per_halaman: int) -> list[list[Papan]]:
    return [papan[i : i + per_halaman] for i in range(0, len(papan), per_halaman)]


def pdf_papan_nama(angkatan: Angkatan) -> bytes:
    """Return the name tags, eight to an A4 page in two columns of four, with cut lines."""
    with translation.override("id"):
        papan = [papan_nama(p) for p in papan_pendaftaran(angkatan)]
        konteks = {
            **_info_angkatan(angkatan),
            "halaman": _halaman(papan, PAPAN_PER_HALAMAN),
            "ukuran": aturan_ukuran(papan),
        }
        return render_pdf("peserta/ekspor/papan_nama.html", konteks)


def pdf_papan_meja(angkatan: Angkatan) -> bytes:
    """Return the table tents, one A4 a person: folded across the middle, the upper half upside down."""
    with translation.override("id"):
        papan = [papan_meja(p) for p in papan_pendaftaran(angkatan)]
        konteks = {**_info_angkatan(angkatan), "papan": papan, "ukuran": aturan_ukuran(papan)}
        return render_pdf("peserta/ekspor/papan_meja.html", konteks)


def lembar_jumlah(angkatan: Angkatan) -> dict[str, int]:
    """How many people the receipt sheet (graduates) and the tags and tents (attending) would print."""
    return Pendaftaran.objects.filter(angkatan=angkatan).aggregate(
        tanda_terima=Count("pk", filter=Q(status=Pendaftaran.Status.LULUS)),
        papan=Count("pk", filter=Q(status__in=STATUS_PRESENSI)),
    )
