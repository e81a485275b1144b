"""An export as XLSX with openpyxl's write-only mode, so memory does not grow with the rows.

A title block may stand above the table; the header row is bold and frozen, the table has an
autofilter, columns are as wide as their content, NIP-like columns are text (format ``@``), dates
are dates and numbers numbers; every text cell is formula-safe.
"""

import tempfile
from collections.abc import Callable, Iterable, Sequence
from itertools import chain, islice
from typing import Any, BinaryIO

from django.http import FileResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .aman import sel_aman
from .format import adalah_angka, sebagai_tanggal, teks_sel
from .kolom import Kolom, semua_nilai
from .unduhan import disposisi

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMAT_TANGGAL = "dd/mm/yyyy"
FORMAT_TEKS = "@"
FORMAT_PERSEN = '0.00"%"'
# Rows read ahead to estimate the column widths (write-only sheets take widths before the first row).
BARIS_CONTOH = 200
LEBAR_MIN, LEBAR_MAKS = 6, 60

_HURUF_JUDUL = Font(bold=True, size=14)
_HURUF_TEBAL = Font(bold=True)
_RATA_TENGAH = Alignment(vertical="center", wrap_text=True)


def _teks(nilai: Any) -> str:
    # openpyxl refuses control characters other than tab, newline and carriage return: drop them first,
    # then make the text formula-safe as it will be stored.
    return sel_aman(ILLEGAL_CHARACTERS_RE.sub("", "" if nilai is None else str(nilai)))


def _sel_bergaya(lembar, jenis: str, nilai: Any, format_angka: str) -> WriteOnlyCell:
    sel = WriteOnlyCell(lembar, value=nilai)
    sel.number_format = format_angka
    if jenis == "teks_angka":
        sel.data_type = "s"
    return sel


def _penulis_sel(lembar, jenis: str) -> Callable[[Any], Any]:
    """Return how a column's values become what the sheet appends, cheaply: 100,000 rows make millions of cells.

    A plain value (text, a number) is appended as it is: openpyxl writes it through one cell it reuses.
    A value that needs a format (a date, a percentage, a NIP kept as text) gets a cell of its own, as
    write-only sheets require. Text is formula-safe and never one of Excel's error codes (``#N/A``).
    """

    def teks(nilai: Any) -> Any:
        if nilai is None:
            return None
        hasil = _teks(nilai)
        if hasil in ERROR_CODES:  # openpyxl would store it as an error, not as the text it is
            sel = WriteOnlyCell(lembar, value=hasil)
            sel.data_type = "s"
            return sel
        return hasil

    if jenis == "tanggal":

        def tanggal(nilai: Any) -> Any:
            if (hari := sebagai_tanggal(nilai)) is not None:
                return _sel_bergaya(lembar, jenis, hari, FORMAT_TANGGAL)
            return teks(nilai)

        return tanggal
    if jenis in ("angka", "persen"):

        def angka(nilai: Any) -> Any:
            if adalah_angka(nilai):
                return _sel_bergaya(lembar, jenis, nilai, FORMAT_PERSEN) if jenis == "persen" else nilai
            return teks(nilai)

        return angka
    if jenis == "teks_angka":

        def teks_angka(nilai: Any) -> Any:
            return None if nilai is None else _sel_bergaya(lembar, jenis, _teks(nilai), FORMAT_TEKS)

        return teks_angka
    return teks


def _lebar(kolom: Sequence[Kolom], contoh: list[list[Any]]) -> list[int]:
    """Estimate each column's width in characters from its header and the sample rows."""
    lebar = []
    for i, k in enumerate(kolom):
        if k.lebar:
            lebar.append(k.lebar)
            continue
        terpanjang = len(k.judul)
        for nilai in contoh:
            teks = teks_sel(k.jenis, nilai[i])
            terpanjang = max(terpanjang, max((len(b) for b in teks.splitlines()), default=0))
        lebar.append(min(max(terpanjang + 2, LEBAR_MIN), LEBAR_MAKS))
    return lebar


def xlsx_tulis(
    berkas: BinaryIO | str,
    kolom: Sequence[Kolom],
    baris: Iterable,
    *,
    judul: list[str] | None = None,
    nama_lembar: str = "Data",
) -> int:
    """Write the XLSX of ``baris`` to ``berkas`` (a path or a binary file); return the number of rows."""
    buku = Workbook(write_only=True)
    lembar = buku.create_sheet(title=ILLEGAL_CHARACTERS_RE.sub("", nama_lembar)[:31] or "Data")

    sumber = semua_nilai(kolom, baris)
    contoh = list(islice(sumber, BARIS_CONTOH))
    for i, lebar in enumerate(_lebar(kolom, contoh), start=1):
        lembar.column_dimensions[get_column_letter(i)].width = lebar

    # Write-only sheets take their views before the first row: the header's row is known beforehand.
    baris_kepala = len(judul) + 2 if judul else 1
    lembar.freeze_panes = f"A{baris_kepala + 1}"

    for i, baris_judul in enumerate(judul or []):
        sel = WriteOnlyCell(lembar, value=_teks(baris_judul))
        sel.data_type = "s"
        if i == 0:
            sel.font = _HURUF_JUDUL
        lembar.append([sel])
    if judul:
        lembar.append([])

    kepala = []
    for k in kolom:
        sel = WriteOnlyCell(lembar, value=_teks(k.judul))
        sel.data_type = "s"
        sel.font = _HURUF_TEBAL
        sel.alignment = _RATA_TENGAH
        kepala.append(sel)
    lembar.append(kepala)

    penulis = [_penulis_sel(lembar, k.jenis) for k in kolom]
    jumlah = 0
    for nilai in chain(contoh, sumber):
        lembar.append([tulis(n) for tulis, n in zip(penulis, nilai, strict=True)])
        jumlah += 1
    if kolom:
        kolom_akhir = get_column_letter(len(kolom))
        lembar.auto_filter.ref = f"A{baris_kepala}:{kolom_akhir}{baris_kepala + jumlah}"
    buku.save(berkas)
    return jumlah


def xlsx_response(nama_berkas: str, kolom: Sequence[Kolom], baris: Iterable, **kw) -> FileResponse:
    """Return a download of the XLSX of ``baris``, written to a temporary file first (``kw`` as ``xlsx_tulis``)."""
    berkas = tempfile.TemporaryFile()  # noqa: SIM115 -- FileResponse closes it when sent
    try:
        xlsx_tulis(berkas, kolom, baris, **kw)
        berkas.seek(0)
    except BaseException:
        berkas.close()
        raise
    respons = FileResponse(berkas, content_type=CONTENT_TYPE)
    respons["Content-Disposition"] = disposisi(nama_berkas)
    return respons
