"""Text measured with the font files the PDFs embed (static/fonts/liberation/), for sizes that fit a box.

WeasyPrint cannot shrink text to fit its box. The certificate (Liberation Serif) and the event's sheets
(Liberation Sans) measure their texts here, with the very files their templates embed by ``@font-face``,
and choose the size at which a text takes no more lines than its box holds.
"""

import re
from functools import cache
from pathlib import Path

from django.conf import settings

FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts" / "liberation"
PT_PER_MM = 72 / 25.4
# Where a line may break: any white space but the no-break space that binds a date together.
_CELAH = re.compile(r"[^\S\u00a0]+")


@cache
def _font(keluarga: str, tebal: bool, ukuran_persepuluh: int):
    from PIL import ImageFont

    nama = f"Liberation{keluarga}-{'Bold' if tebal else 'Regular'}.ttf"
    # Measured at ten times the size, then scaled: Pillow rounds advances to whole units of its size.
    return ImageFont.truetype(str(FONT_DIR / nama), ukuran_persepuluh)


def lebar_pt(teks: str, *, ukuran: float, tebal: bool = False, keluarga: str = "Sans") -> float:
    """Return the width of one line of text in points, at a size in points, in Liberation ``keluarga``."""
    return _font(keluarga, tebal, round(ukuran * 10)).getlength(teks) / 10


def jumlah_baris(teks: str, *, ukuran: float, lebar_mm: float, tebal: bool = False, keluarga: str = "Sans") -> int:
    """Return how many lines the text takes when wrapped at spaces in a box ``lebar_mm`` wide."""
    batas = lebar_mm * PT_PER_MM
    spasi = lebar_pt(" ", ukuran=ukuran, tebal=tebal, keluarga=keluarga)
    baris, panjang = 1, 0.0
    for kata in _CELAH.split(teks.strip()):
        if not kata:
            continue
        w = lebar_pt(kata, ukuran=ukuran, tebal=tebal, keluarga=keluarga)
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
