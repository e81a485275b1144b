"""An export as CSV: UTF-8 with a BOM (so Excel reads Indonesian text right), streamed a line at a time."""

import csv
from collections.abc import Iterable, Iterator, Sequence

from django.http import StreamingHttpResponse

from .format import teks_sel
from .kolom import Kolom, semua_nilai
from .unduhan import disposisi

BOM = "\ufeff"
PEMISAH = (",", ";")


class _Gema:
    """A file that hands back what is written to it, so the csv writer formats one line at a time."""

    def write(self, teks: str) -> str:
        return teks


def csv_baris(kolom: Sequence[Kolom], baris: Iterable, *, pemisah: str = ",") -> Iterator[str]:
    """Yield the BOM, the header line, then one line per row, reading ``baris`` lazily.

    ``pemisah`` is ``","`` or ``";"`` (Indonesian Excel's default); with ``";"`` decimals take a comma.
    Dates are ``dd/mm/yyyy``; text that could start a formula gets a leading apostrophe.
    """
    if pemisah not in PEMISAH:
        raise ValueError(f"Pemisah CSV harus ',' atau ';', bukan {pemisah!r}")
    desimal = "," if pemisah == ";" else "."
    penulis = csv.writer(_Gema(), delimiter=pemisah, lineterminator="\r\n")
    yield BOM
    yield penulis.writerow([teks_sel("teks", k.judul) for k in kolom])
    jenis = [k.jenis for k in kolom]
    for nilai in semua_nilai(kolom, baris):
        yield penulis.writerow([teks_sel(j, n, desimal=desimal) for j, n in zip(jenis, nilai, strict=True)])


def csv_response(
    nama_berkas: str, kolom: Sequence[Kolom], baris: Iterable, *, pemisah: str = ","
) -> StreamingHttpResponse:
    """Return a streaming download of the CSV of ``baris``."""
    if pemisah not in PEMISAH:
        raise ValueError(f"Pemisah CSV harus ',' atau ';', bukan {pemisah!r}")
    respons = StreamingHttpResponse(csv_baris(kolom, baris, pemisah=pemisah), content_type="text/csv; charset=utf-8")
    respons["Content-Disposition"] = disposisi(nama_berkas)
    return respons
