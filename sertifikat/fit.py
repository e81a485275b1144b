"""Choose font sizes so that long names and agency names fit their boxes on the certificate.

WeasyPrint cannot shrink text to fit; the text is measured here with the very font files the
certificate embeds (static/fonts/liberation/), so the size chosen is the size that fits. The
template prints the sizes chosen (and the padding that centres the name) on the elements.
"""

from functools import partial

from diklat import ukur_teks

MM = ukur_teks.PT_PER_MM  # points per millimetre

# The boxes of static/sertifikat/sttp.css.
NAMA_LEBAR_MM = 251 - 4  # a little air on both sides
NAMA_UKURAN = range(26, 10, -1)
NAMA_TINGGI_MM = 14
NAMA_TINGGI_BARIS = 1.05  # line-height of .nama
NILAI_LEBAR_MM = 128
KALIMAT_LEBAR_MM = 251
ISI_UKURAN = [11, 10.5, 10, 9.5, 9, 8.5, 8]
# The five data rows share 38 mm; the sentence has 15 mm under them.
DATA_TINGGI_MM = 38
KALIMAT_TINGGI_MM = 15
KALIMAT_ATAS_MM = 126  # top of .kalimat
# The certificate is set in Liberation Serif.
jumlah_baris = partial(ukur_teks.jumlah_baris, keluarga="Serif")


def ukuran_nama(nama: str) -> int:
    """Return the largest size at which the name fits on one line, else on two (never cut)."""
    for ukuran in NAMA_UKURAN:
        if jumlah_baris(nama, ukuran=ukuran, lebar_mm=NAMA_LEBAR_MM, tebal=True) == 1:
            return ukuran
    for ukuran in NAMA_UKURAN:
        # The 14 mm box holds two lines of up to 17 pt (line-height 1.05).
        if ukuran <= 17 and jumlah_baris(nama, ukuran=ukuran, lebar_mm=NAMA_LEBAR_MM, tebal=True) <= 2:
            return ukuran
    return NAMA_UKURAN[-1]


def ukuran_isi(*, nilai: list[str]) -> float:
    """Return the largest size at which the five data rows fit their 38 mm."""
    for ukuran in ISI_UKURAN:
        tinggi_baris_mm = ukuran * 1.25 / MM
        baris = sum(jumlah_baris(teks, ukuran=ukuran, lebar_mm=NILAI_LEBAR_MM) for teks in nilai)
        if baris * tinggi_baris_mm + len(nilai) * 0.6 <= DATA_TINGGI_MM:
            return ukuran
    return ISI_UKURAN[-1]


def ukuran_kalimat(kalimat: str) -> float:
    """Return the largest size at which the sentence (the same for a whole angkatan) fits its 15 mm."""
    for ukuran in ISI_UKURAN:
        if tinggi_kalimat_mm(kalimat, ukuran=ukuran) <= KALIMAT_TINGGI_MM:
            return ukuran
    return ISI_UKURAN[-1]


def tinggi_kalimat_mm(kalimat: str, *, ukuran: float) -> float:
    """Return the height the sentence takes at this size, so the result line can follow it closely."""
    return jumlah_baris(kalimat, ukuran=ukuran, lebar_mm=KALIMAT_LEBAR_MM) * ukuran * 1.25 / MM


def jarak_atas_nama(nama: str, *, ukuran: int) -> float:
    """Return the top padding (mm) that centres the name's one or two lines in its 14 mm box."""
    baris = jumlah_baris(nama, ukuran=ukuran, lebar_mm=NAMA_LEBAR_MM, tebal=True)
    tinggi_mm = baris * ukuran * NAMA_TINGGI_BARIS / MM
    return round(max(0.0, (NAMA_TINGGI_MM - tinggi_mm) / 2), 2)
