import re
import string

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from diklat.ekspor.aman import awal_rumus

POLA_PENANDA = ("seq", "program", "angkatan", "year")
# Only a zero-padded width for the sequence: {seq}, {seq:d}, {seq:04d} … up to 12 digits.
SEQ_FORMAT = re.compile(r"0?(?:[1-9]|1[0-2])?d?")


def validate_pola_nomor(pola: str) -> None:
    """Refuse a certificate number pattern that could fail or run away when a number is made.

    ``str.format`` would accept attribute access (``{seq.x}``), indexing and
    any width (``{seq:>999999999}``); only the four placeholders and a small
    zero-padded width for ``seq`` are allowed.
    """
    try:
        parts = list(string.Formatter().parse(pola))
    except ValueError as error:
        raise ValidationError(
            _("Pola tidak dapat dibaca: kurung kurawal { } tidak berpasangan."), code="pola_tidak_valid"
        ) from error
    names = []
    for _text, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in POLA_PENANDA:
            raise ValidationError(
                _("Penanda “{%(nama)s}” tidak dikenal. Penanda yang boleh: {seq:04d}, {program}, {angkatan}, {year}."),
                code="pola_penanda_tidak_dikenal",
                params={"nama": name},
            )
        if conversion or (spec and (name != "seq" or not SEQ_FORMAT.fullmatch(spec))):
            raise ValidationError(
                _("Format “{%(nama)s:%(format)s}” tidak didukung; untuk nomor urut pakai mis. {seq:04d}."),
                code="pola_format_tidak_valid",
                params={"nama": name, "format": spec or conversion},
            )
        names.append(name)
    if "seq" not in names:
        raise ValidationError(
            _("Pola harus memuat nomor urut {seq}, agar setiap sertifikat bernomor lain."), code="pola_tanpa_seq"
        )
    # The sequence counts per program and year: without both in the number, two programs (or two
    # years) would print the same number.
    kurang = [f"{{{nama}}}" for nama in ("program", "year") if nama not in names]
    if kurang:
        raise ValidationError(
            _("Pola harus memuat %(penanda)s, agar nomor tidak berulang antarprogram dan antartahun."),
            code="pola_tanpa_program_tahun",
            params={"penanda": " dan ".join(kurang)},
        )


def validate_bukan_rumus(value: str) -> None:
    """Refuse text that a spreadsheet would run as a formula (``=HYPERLINK(...)``, ``@SUM(A1)``), also
    behind leading spaces or control characters.

    Such a value would be printed on rosters and certificates, and would run
    when an exported roster is opened in Excel.
    """
    if tanda := awal_rumus(str(value)).strip():
        raise ValidationError(
            _("Isian “%(nilai)s” diawali %(tanda)s seperti rumus spreadsheet; hapus tanda itu."),
            code="berisi_rumus",
            params={"nilai": str(value)[:40], "tanda": tanda},
        )


LOGO_MAKS_BYTE = 1024 * 1024
LOGO_EKSTENSI = (".png", ".jpg", ".jpeg", ".svg")


def _logo_terbaca(berkas, nama: str) -> bool:
    """Return whether the file is the image its name says: a PNG or JPEG Pillow can read, or an SVG."""
    posisi = berkas.tell() if hasattr(berkas, "tell") else 0
    try:
        berkas.seek(0)
        if nama.endswith(".svg"):
            from xml.etree import ElementTree

            # Refuse entity declarations outright: no expansion bombs, no external entities.
            data = berkas.read(LOGO_MAKS_BYTE + 1)
            if b"<!ENTITY" in data or b"<!DOCTYPE" in data:
                return False
            return ElementTree.fromstring(data).tag.rsplit("}", 1)[-1] == "svg"
        from PIL import Image

        with Image.open(berkas) as gambar:
            gambar.verify()
            return gambar.format in ("PNG", "JPEG")
    except Exception:
        return False
    finally:
        berkas.seek(posisi)


def validate_logo(berkas) -> None:
    """Refuse a logo that is too big or not an image the certificate can print."""
    nama = str(getattr(berkas, "name", "") or "").lower()
    if not nama.endswith(LOGO_EKSTENSI):
        raise ValidationError(_("Logo harus berupa berkas PNG, JPEG atau SVG."), code="logo_format")
    ukuran = getattr(berkas, "size", 0) or 0
    if ukuran > LOGO_MAKS_BYTE:
        raise ValidationError(
            _("Logo terlalu besar (%(kb)s KB); paling besar 1024 KB."),
            code="logo_terlalu_besar",
            params={"kb": ukuran // 1024},
        )
    # Only a new upload is read; a logo already stored was checked when it came.
    if hasattr(berkas, "_committed") and berkas._committed:
        return
    if not _logo_terbaca(berkas, nama):
        raise ValidationError(
            _("Berkas logo tidak dapat dibaca sebagai gambar PNG, JPEG atau SVG."), code="logo_rusak"
        )
