"""Font sizes that fit: the text of a name tag or a table tent measured with the font the PDF embeds.

WeasyPrint cannot shrink text to fit its box. Each text is measured here with Liberation Sans (the files
in static/fonts/liberation/, which the templates embed by ``@font-face``), and the largest size is chosen
at which it takes no more lines than its box holds: a long name gets a smaller size, never a cut.
"""

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from django.conf import settings

FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts" / "liberation"
PT_PER_MM = 72 / 25.4
# Where a line may break: any white space but a no-break space.
_CELAH = re.compile(r"[^\S\u00a0]+")


@cache
def _font(tebal: bool, ukuran_persepuluh: int):
    from PIL import ImageFont

    nama = "LiberationSans-Bold.ttf" if tebal else "LiberationSans-Regular.ttf"
    # Measured at ten times the size, then scaled: Pillow rounds advances to whole units of its size.
    return ImageFont.truetype(str(FONT_DIR / nama), ukuran_persepuluh)


def lebar_pt(teks: str, *, ukuran: float, tebal: bool = False) -> float:
    """Return the width of one line of text in points, at a size in points."""
    return _font(tebal, round(ukuran * 10)).getlength(teks) / 10


def jumlah_baris(teks: str, *, ukuran: float, lebar_mm: float, tebal: bool = False) -> int:
    """Return how many lines the text takes when wrapped at spaces in a box ``lebar_mm`` wide."""
    batas = lebar_mm * PT_PER_MM
    spasi = lebar_pt(" ", ukuran=ukuran, tebal=tebal)
    baris, panjang = 1, 0.0
    for kata in _CELAH.split(teks.strip()):
        if not kata:
            continue
        w = lebar_pt(kata, ukuran=ukuran, tebal=tebal)
        if panjang and panjang + spasi + w > batas:
            baris += 1
            panjang = w
        else:
            panjang = panjang + spasi + w if panjang else w
        # A word wider than the box is broken over several lines (overflow-wrap in the templates).
        while panjang > batas:
            baris += 1
            panjang -= batas
    return baris


def ukuran_pas(
    teks: str,
    *,
    lebar_mm: float,
    tinggi_mm: float,
    ukuran: Iterable[float],
    baris_maks: int = 2,
    tebal: bool = False,
    tinggi_baris: float = 1.15,
    satu_baris_min: float | None = None,
) -> float:
    """Return the largest of ``ukuran`` at which ``teks`` fits a box: at most ``baris_maks`` lines, and
    those lines (``tinggi_baris`` times the size each) no taller than ``tinggi_mm``.

    With ``satu_baris_min``, one line at that size or larger wins over a larger size on two lines (a
    name reads best whole). When nothing fits, the smallest size is returned (the template lets a word
    break rather than spill).
    """
    ukuran = sorted(ukuran, reverse=True)
    if satu_baris_min is not None:
        for u in ukuran:
            if u >= satu_baris_min and jumlah_baris(teks, ukuran=u, lebar_mm=lebar_mm, tebal=tebal) == 1:
                return u
    for u in ukuran:
        baris = jumlah_baris(teks, ukuran=u, lebar_mm=lebar_mm, tebal=tebal)
        if baris <= baris_maks and baris * u * tinggi_baris <= tinggi_mm * PT_PER_MM:
            return u
    return ukuran[-1]
