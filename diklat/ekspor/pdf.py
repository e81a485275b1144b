"""An export as a PDF list (WeasyPrint, A4 landscape): a title block, a table whose header repeats on
every page, page numbers and a summary at the end.

Column widths (``tata_kolom``): a NIP, a phone number, a date or a number never wraps and its column is as
narrow as its content; the text columns share the rest of the page so that each takes about as many lines
as the others, a name half as many, a long name getting a wide column and a status a narrow one. When
their words cannot stay whole beside each other, the type gets smaller, then words are hyphenated. The
table keeps WeasyPrint's automatic layout, which never makes a cell narrower than what cannot wrap (a fixed
layout let a NIP run over its neighbour), and a text cell may break a word anywhere as a last resort, so
no choice of columns runs off the page.
"""

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import pgettext

from diklat.angka import angka_tampil, desimal_tampil, persen_tampil
from diklat.pdf import css_string, render_pdf

from .format import adalah_angka, sebagai_tanggal
from .kolom import Kolom, semua_nilai

TEMPLATE = "diklat/ekspor/daftar.html"
# Kinds that never wrap: a NIP, a phone number, a date or a number reads badly over two lines.
JENIS_UTUH = frozenset({"teks_angka", "tanggal", "angka", "persen"})
# The table's type sizes, tried in turn until the words fit.
UKURAN_PT = (8.5, 7.5)
# Estimates of the layout, only to weigh the columns against each other (WeasyPrint measures the real
# text): the table's width on A4 landscape within the margins (templates/diklat/ekspor/daftar.html), a
# cell's padding and borders, and the width of a letter and of a digit in DejaVu Sans Condensed, in em.
LEBAR_TABEL_MM = 273
TEPI_SEL_MM = 3
EM_HURUF, EM_ANGKA = 0.58, 0.55
MM_PER_PT = 25.4 / 72
# Bold header letters are this much wider.
TEBAL = 1.1
# A word is kept whole up to this many letters when the widths are weighed; a longer one may break.
KATA_PANJANG = 14
_BATAS_KATA = re.compile(r"\s+|(?<=[/-])")
# The text columns are weighed on this share of their cells, so one odd long cell does not widen a column.
PERSENTIL = 0.9


@dataclass(frozen=True)
class TataKolom:
    """How the table is laid out: each column's CSS width and classes (its kind, ``penggalan`` where words
    are hyphenated), and the type size."""

    lebar: list[str]
    kelas: list[str]
    ukuran: str


def _panjang_kata(teks: str) -> int:
    """The longest word of ``teks`` in letters; a line may also break after a slash or a hyphen."""
    return max((len(kata) for kata in _BATAS_KATA.split(teks)), default=0)


def _lebar_teks(kolom: Sequence[Kolom], isi: list[list[str]], ukuran_pt: float) -> tuple[dict[int, float], bool]:
    """Weigh the text columns at a type size: their widths in letters, and whether every word fits whole.

    The fewest lines ``n`` is sought for which every text column, ``ceil(length × bobot / n)`` letters wide
    (length: its cells' 90th percentile), fits beside the others, none narrower than its longest word or
    header word (up to ``KATA_PANJANG`` letters) nor wider than its length. When even the words do not fit,
    a name (``bobot`` above 1) keeps its longest word whole and the other columns share what is left.
    """
    huruf_mm = ukuran_pt * MM_PER_PT * EM_HURUF
    angka_mm = ukuran_pt * MM_PER_PT * EM_ANGKA
    sisa_mm = LEBAR_TABEL_MM
    teks = []  # (column index, typical length, weight, narrowest width), in letters
    for i, k in enumerate(kolom):
        sel = [baris[i] for baris in isi]
        if k.jenis in JENIS_UTUH:
            isi_mm = max((len(s) for s in sel), default=0) * angka_mm
            sisa_mm -= max(isi_mm, _panjang_kata(str(k.judul)) * huruf_mm) + TEPI_SEL_MM
            continue
        panjang = sorted(len(" ".join(s.split())) for s in sel)
        khas = panjang[min(len(panjang) - 1, int(len(panjang) * PERSENTIL))] if panjang else 0
        kata_judul = math.ceil(_panjang_kata(str(k.judul)) * TEBAL)
        kata = max(min(max([kata_judul, *(_panjang_kata(s) for s in sel)]), KATA_PANJANG), 1)
        teks.append((i, max(khas, kata), k.bobot, kata))
    tersedia = (sisa_mm - len(teks) * TEPI_SEL_MM) / huruf_mm
    lebar: dict[int, float] = {}
    for baris in range(1, max((khas for _, khas, _, _ in teks), default=1) + 1):
        lebar = {i: min(khas, max(math.ceil(khas * bobot / baris), kata)) for i, khas, bobot, kata in teks}
        if sum(lebar.values()) <= tersedia:
            return lebar, True
    nama = {i for i, _, bobot, _ in teks if bobot > 1}
    lain = sum(v for i, v in lebar.items() if i not in nama)
    if lain:
        susut = max(tersedia - sum(v for i, v in lebar.items() if i in nama), lain / 2) / lain
        lebar = {i: v if i in nama else v * susut for i, v in lebar.items()}
    return lebar, False


def tata_kolom(kolom: Sequence[Kolom], isi: list[list[str]]) -> TataKolom:
    """Lay out the table's columns for ``isi`` (each row's cells as printed).

    The unwrapped kinds get ``1%``, which the automatic layout widens to their content; the text columns
    share what is left by percentages. Every percentage counts towards 100 (beyond it the layout takes
    them back from the last columns).
    """
    for ukuran_pt in UKURAN_PT:
        lebar, muat = _lebar_teks(kolom, isi, ukuran_pt)
        if muat:
            break
    persen_teks = 100 - (len(kolom) - len(lebar))
    jumlah = sum(lebar.values()) or 1
    return TataKolom(
        lebar=[f"{persen_teks * lebar[i] / jumlah:.2f}%" if i in lebar else "1%" for i in range(len(kolom))],
        kelas=[
            f"{k.jenis} penggalan" if not muat and i in lebar and k.bobot <= 1 else k.jenis
            for i, k in enumerate(kolom)
        ],
        ukuran=f"{ukuran_pt}pt",
    )


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
    isi = [[_teks_pdf(j, n) for j, n in zip(jenis, nilai, strict=True)] for nilai in semua_nilai(kolom, baris)]
    tata = tata_kolom(kolom, isi)
    return render_pdf(
        TEMPLATE,
        {
            "kolom": kolom,
            "tata": tata,
            "kepala": list(zip(kolom, tata.kelas, strict=True)),
            "baris": [list(zip(sel, tata.kelas, strict=True)) for sel in isi],
            "judul": judul,
            "ringkasan": ringkasan or [],
            "judul_berjalan": css_string(judul[0] if judul else ""),
            "kata_halaman": css_string(pgettext("nomor halaman", "Halaman")),
            "kata_dari": css_string(pgettext("nomor halaman", "dari")),
        },
    )
