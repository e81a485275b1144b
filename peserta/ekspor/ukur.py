"""Font sizes that fit: the text of a name tag or a table tent measured with the font the PDF embeds.

WeasyPrint cannot shrink text to fit its box. Each text is measured here with Liberation Sans (the files
in static/fonts/liberation/, which the templates embed by ``@font-face``), and the largest size is chosen
at which it takes no more lines than its box holds: a long name gets a smaller size, never a cut.
"""

from collections.abc import Iterable

from diklat.ukur_teks import PT_PER_MM, jumlah_baris


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
