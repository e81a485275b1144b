"""Render certificates (STTP) to PDF: one complete document, or a whole batch the fast way.

The fast way lays out what every certificate of an angkatan shares (frame, logo, headings, the
signing block and the whole curriculum page: the *latar*) once per process, and only each person's
text and QR code (the *isi*) for every certificate, several people per WeasyPrint document. Each
person's two pages are then split off with pikepdf and the shared pages stamped under them as form
XObjects, so nothing shared is laid out twice and each file holds it once. Parsed stylesheets and
the font configuration are kept for the life of the worker process.

``render_lengkap`` draws the same template in one piece, as a naive loop would; the batch output
looks the same (tests compare the text; bench/certificates.py compares the speed).
"""

import atexit
import hashlib
import io
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from lokal.terbilang import terbilang

from angkatan.hari_pelatihan import rentang_tanggal
from angkatan.models import Angkatan
from diklat.pdf import BASE_URL, url_berkas, url_fetcher
from diklat.tanggal import NBSP, tanggal_utuh
from peserta.data.cetak import blok_data_cetak, blok_nilai
from sertifikat import fit
from sertifikat.models import Sertifikat

TEMPLATE = "sertifikat/sttp.html"
CSS_PATH = "sertifikat/sttp.css"
# Programs with a long curriculum get a tighter table so that it stays on one page.
KURIKULUM_RAPAT_MULAI = 15
# Modules of white around the QR code inside its box; the page around it adds more.
QR_TEPI = 2
# Shared layers kept per process: one per angkatan (and signing mode) being rendered.
LATAR_DISIMPAN = 8


def rentang_utuh(mulai, selesai) -> str:
    """Return the training's dates as the certificate prints them, ``20 s.d. 24 Juni 2022``, unbroken.

    Within one month the span reads as one date and is kept whole; a span across months may break
    after "s.d." only (``28 Juni s.d.`` / ``2 Juli 2022``), never inside either date.
    """
    teks = rentang_tanggal(mulai, selesai, resmi=True)
    awal, sd, akhir = teks.partition(" s.d. ")
    if sd and " " in awal:
        return f"{awal.replace(' ', NBSP)}{NBSP}s.d. {akhir.replace(' ', NBSP)}"
    return teks.replace(" ", NBSP)


def url_verifikasi(sertifikat: Sertifikat) -> str:
    """Return the public address printed in the certificate's QR code."""
    return settings.SERTIFIKAT_URL_DASAR + reverse("sertifikat:verifikasi", args=[sertifikat.kode_verifikasi])


def qr_data_uri(url: str) -> str:
    """Return the QR code of ``url`` as a PNG of one pixel per module, with a two-module margin.

    Drawn unscaled and without smoothing (``image-rendering: pixelated``), it prints as sharp as a
    vector and costs WeasyPrint far less than an SVG path per certificate. M corrects a scuffed print.
    """
    import segno

    return segno.make(url, error="m").png_data_uri(scale=1, border=QR_TEPI)


def _logo_url(program) -> str:
    if program.logo:
        # Read through the storage by the PDF's fetcher: the logo may be in a private object store.
        return url_berkas(program.logo.name)
    return static("sertifikat/logo-netral.svg")


def konteks_bersama(angkatan: Angkatan, *, ditandatangani: bool) -> dict:
    """Return what every certificate of the angkatan prints alike."""
    program = angkatan.program
    kurikulum = list(program.mata_pelatihan.all())
    jp = sum(mp.jp for mp in kurikulum)
    venue = angkatan.venue
    bersama = {
        "logo_url": _logo_url(program),
        "instansi_baris": [baris.strip() for baris in program.nama_instansi.splitlines() if baris.strip()],
        "program": program.nama,
        "angkatan": angkatan.nomor_romawi,
        "tahun": angkatan.tahun,
        "tanggal": rentang_utuh(angkatan.tanggal_mulai, angkatan.tanggal_selesai),
        "tempat": f"{venue.nama}, {venue.kota}" if venue else "",
        "jp": jp,
        "jp_terbilang": terbilang(jp),
        "dengan_evaluasi": program.dengan_evaluasi,
        "kurikulum": [{"nama": mp.nama, "jp": mp.jp} for mp in kurikulum],
        "kurikulum_rapat": len(kurikulum) >= KURIKULUM_RAPAT_MULAI,
        "kotak_foto": program.kotak_foto,
        "kota_terbit": angkatan.kota_terbit,
        "tanggal_terbit": tanggal_utuh(angkatan.tanggal_sertifikat),
        "atas_nama": angkatan.penandatangan_atas_nama,
        "jabatan_ttd": angkatan.penandatangan_jabatan,
        "nama_ttd": angkatan.penandatangan_nama,
        "nip_ttd": angkatan.penandatangan_nip_tampil,
        "ditandatangani": ditandatangani,
    }
    # Measured as printed; "TELAH MENGIKUTI" in bold capitals is measured in capitals, a near match.
    awal = "telah mengikuti" if program.dengan_evaluasi else "TELAH MENGIKUTI"
    kalimat = (
        f"{awal} {bersama['program']} Angkatan {bersama['angkatan']} Tahun {bersama['tahun']} "
        f"yang diselenggarakan pada tanggal {bersama['tanggal']} di {bersama['tempat']}, "
        f"selama {jp} ({bersama['jp_terbilang']}) jam pelajaran,"
    )
    bersama["kalimat_pt"] = fit.ukuran_kalimat(kalimat)
    # The result line follows the sentence at 1.5 mm, however many lines the sentence took.
    bersama["hasil_atas_mm"] = round(
        fit.KALIMAT_ATAS_MM + fit.tinggi_kalimat_mm(kalimat, ukuran=bersama["kalimat_pt"]) + 1.5, 2
    )
    return bersama


def konteks_sertifikat(sertifikat: Sertifikat, bersama: dict) -> dict:
    """Return what one certificate prints of its person, with the font sizes that make it fit."""
    pendaftaran = sertifikat.pendaftaran
    peserta = pendaftaran.peserta
    url = url_verifikasi(sertifikat)
    # The one source of the printed block, which the participant's preview shows too.
    blok = blok_nilai(blok_data_cetak(peserta))
    nama = blok["nama"]
    nilai = [blok["nip"], blok["ttl"], blok["pangkat"], blok["jabatan"], blok["instansi"]]
    alamat, _sep, jalur = url.partition("://")[2].partition("/")
    ukuran_nama = fit.ukuran_nama(nama)
    return {
        "nomor": sertifikat.nomor,
        "nama": nama,
        "nama_pt": ukuran_nama,
        "nama_atas_mm": fit.jarak_atas_nama(nama, ukuran=ukuran_nama),
        "isi_pt": fit.ukuran_isi(nilai=nilai),
        "nip": nilai[0],
        "ttl": nilai[1],
        "pangkat": nilai[2],
        "jabatan": nilai[3],
        "instansi": nilai[4],
        "predikat": pendaftaran.predikat,
        "qr": qr_data_uri(url),
        "url_alamat": alamat,
        "url_jalur": "/" + jalur,
    }


def _html(*, lapisan: str, bersama: dict, daftar: list[dict | None], tautan_css: bool) -> str:
    from django.template.loader import render_to_string

    return render_to_string(
        TEMPLATE,
        {
            "b": bersama,
            "daftar": daftar,
            "latar": lapisan in ("lengkap", "latar"),
            "isi": lapisan in ("lengkap", "isi"),
            "tautan_css": tautan_css,
        },
    )


def sertifikat_queryset():
    """Return certificates with everything a render reads, in as few queries as a batch allows."""
    return Sertifikat.objects.select_related(
        "pendaftaran__peserta__pangkat",
        "pendaftaran__angkatan__program",
        "pendaftaran__angkatan__venue",
    )


def render_lengkap(sertifikat: Sertifikat, *, ditandatangani: bool = False) -> bytes:
    """Render one certificate as one complete two-page document, sharing nothing with other calls."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    with translation.override("id"):
        angkatan = sertifikat.pendaftaran.angkatan
        bersama = konteks_bersama(angkatan, ditandatangani=ditandatangani)
        html = _html(
            lapisan="lengkap", bersama=bersama, daftar=[konteks_sertifikat(sertifikat, bersama)], tautan_css=True
        )
    return HTML(string=html, base_url=BASE_URL, url_fetcher=url_fetcher()).write_pdf(font_config=FontConfiguration())


# The batch renderer ------------------------------------------------------------------------------


@dataclass
class _Proses:
    """What a worker process keeps between batches: parsed CSS, fonts, shared layers."""

    font_config: object
    css: object
    latar: OrderedDict


@cache
def _proses() -> _Proses:
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    # Let it go before the interpreter tears down the modules its finaliser needs.
    atexit.register(_proses.cache_clear)
    css = CSS(url=BASE_URL + static(CSS_PATH).lstrip("/"), url_fetcher=url_fetcher(), font_config=font_config)
    return _Proses(font_config=font_config, css=css, latar=OrderedDict())


# WeasyPrint's font configuration is not meant for two threads at once (the test live server).
_kunci = threading.Lock()


def _tulis_pdf(html: str) -> bytes:
    from weasyprint import HTML

    proses = _proses()
    return HTML(string=html, base_url=BASE_URL, url_fetcher=url_fetcher()).write_pdf(
        stylesheets=[proses.css], font_config=proses.font_config
    )


def _latar_pdf(bersama: dict) -> bytes:
    """Return the two shared pages of an angkatan, laid out once per process and content."""
    html = _html(lapisan="latar", bersama=bersama, daftar=[None], tautan_css=False)
    kunci = hashlib.sha256(html.encode()).hexdigest()
    simpanan = _proses().latar
    if kunci in simpanan:
        simpanan.move_to_end(kunci)
        return simpanan[kunci]
    pdf = _tulis_pdf(html)
    simpanan[kunci] = pdf
    while len(simpanan) > LATAR_DISIMPAN:
        simpanan.popitem(last=False)
    return pdf


def _pisah_dan_cap(isi_pdf: bytes, latar_pdf: bytes, jumlah: int, judul: list[str]) -> list[bytes]:
    """Split a document of ``jumlah`` front pages and stamp the shared pages under and behind each.

    Each certificate gets its own front page over the shared front, and the shared back page
    (the curriculum), which has nothing of the person's and is not laid out again.
    """
    import pikepdf

    hasil = []
    with pikepdf.open(io.BytesIO(isi_pdf)) as isi, pikepdf.open(io.BytesIO(latar_pdf)) as latar:
        latar_form = [halaman.as_form_xobject() for halaman in latar.pages]
        ukuran = tuple(float(v) for v in latar.pages[0].mediabox[2:])
        for i in range(jumlah):
            keluar = pikepdf.new()
            keluar.pages.append(isi.pages[i])
            depan = keluar.pages[0]
            # Every page of the chunk shares WeasyPrint's resource dictionary; keep only this page's.
            depan.remove_unreferenced_resources()
            depan.add_underlay(keluar.copy_foreign(latar_form[0]))
            belakang = keluar.add_blank_page(page_size=ukuran)
            belakang.add_overlay(keluar.copy_foreign(latar_form[1]))
            keluar.docinfo["/Title"] = judul[i]
            keluar.docinfo["/Producer"] = "diklat (WeasyPrint, pikepdf)"
            buffer = io.BytesIO()
            keluar.save(buffer, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
            hasil.append(buffer.getvalue())
    return hasil


def render_batch(daftar: list[Sertifikat], *, ditandatangani: bool = False) -> dict[int, bytes]:
    """Render many certificates (ideally of one angkatan) and return each one's PDF by its id.

    They are laid out ``SERTIFIKAT_UKURAN_POTONGAN`` to a WeasyPrint document: bigger chunks save
    little more and make one bad name fail more of its neighbours.
    """
    hasil: dict[int, bytes] = {}
    per_angkatan: dict[int, list[Sertifikat]] = {}
    for sertifikat in daftar:
        per_angkatan.setdefault(sertifikat.pendaftaran.angkatan_id, []).append(sertifikat)
    potongan = max(1, settings.SERTIFIKAT_UKURAN_POTONGAN)
    with _kunci, translation.override("id"):
        for kelompok in per_angkatan.values():
            bersama = konteks_bersama(kelompok[0].pendaftaran.angkatan, ditandatangani=ditandatangani)
            latar = _latar_pdf(bersama)
            for awal in range(0, len(kelompok), potongan):
                bagian = kelompok[awal : awal + potongan]
                konteks = [konteks_sertifikat(s, bersama) for s in bagian]
                isi = _tulis_pdf(_html(lapisan="isi", bersama=bersama, daftar=konteks, tautan_css=False))
                judul = [f"STTP {s.nomor} — {k['nama']}" for s, k in zip(bagian, konteks, strict=True)]
                for sertifikat, pdf in zip(bagian, _pisah_dan_cap(isi, latar, len(bagian), judul), strict=True):
                    hasil[sertifikat.pk] = pdf
    return hasil
