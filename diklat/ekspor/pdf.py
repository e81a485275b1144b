"""An export as a PDF list (WeasyPrint, A4 landscape): a title block, a table whose header repeats on
every page, page numbers and a summary at the end."""

from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.translation import pgettext

from diklat.angka import angka_tampil, desimal_tampil, persen_tampil
from diklat.pdf import css_string, render_pdf

from .format import adalah_angka, sebagai_tanggal
from .kolom import Kolom, semua_nilai

TEMPLATE = "diklat/ekspor/daftar.html"


def _teks_pdf(jenis: str, nilai: Any) -> str:
    """Write a cell as a reader of the PDF expects it: ``20/06/2022``, ``1.250``, ``91,25``, ``87,5%``."""
    if nilai is None:
        return ""
    if jenis == "tanggal" and (tanggal := sebagai_tanggal(nilai)) is not None:
        return tanggal.strftime("%d/%m/%Y")
    if jenis == "persen" and adalah_angka(nilai):
        return persen_tampil(nilai)
    if jenis == "angka" and adalah_angka(nilai):
        return angka_tampil(nilai) if isinstance(nilai, int) else desimal_tampil(nilai)
    return str(nilai)


def pdf_daftar(
    kolom: Sequence[Kolom],
    baris: Iterable,
    *,
    judul: list[str],
    ringkasan: list[tuple[str, str]] | None = None,
) -> bytes:
    """Return the PDF of a list: ``judul`` lines above the table, ``ringkasan`` pairs (label, value) below it."""
    jenis = [k.jenis for k in kolom]
    isi = [[(_teks_pdf(j, n), j) for j, n in zip(jenis, nilai, strict=True)] for nilai in semua_nilai(kolom, baris)]
    return render_pdf(
        TEMPLATE,
        {
            "kolom": kolom,
            "baris": isi,
            "judul": judul,
            "ringkasan": ringkasan or [],
            "judul_berjalan": css_string(judul[0] if judul else ""),
            "kata_halaman": css_string(pgettext("nomor halaman", "Halaman")),
            "kata_dari": css_string(pgettext("nomor halaman", "dari")),
        },
    )
