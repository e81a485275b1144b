"""Parse and format the NIP (Nomor Induk Pegawai) of a civil servant.

A NIP is 18 digits: birth date ``YYYYMMDD``, TMT CPNS ``YYYYMM``, a gender
digit (1 male, 2 female) and a three-digit sequence, written
``19660801 198803 1 001``. It is printed on every certificate and holds the
birth date, so it is never a secret (DESIGN.md §4).
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.dates import MONTHS
from django.utils.translation import gettext, gettext_noop

NIP_LENGTH = 18
TAHUN_LAHIR_MIN = 1940
TAHUN_TMT_MIN = 1960
USIA_CPNS_MIN = 17

# Spaces of every kind (Word and web pages paste NBSP, thin and zero-width spaces), dots, slashes and hyphens
# including the typographic dashes that word processors substitute for "-".
_SEPARATORS = re.compile(r"[\s\u00a0\u2007\u200b\u202f\u2060\ufeff./\-\u2010-\u2015\u2212]+")
# Excel marks a cell as text with a leading apostrophe; phones and word processors curl it.
_APOSTROPHES = "'\u2018\u2019`"
# What Excel shows for a long number (1.96608E+17, 1,96608E+17 in the Indonesian locale, 196608E+12), matched
# after separators are removed, so the decimal point and the exponent's minus are already gone.
_SCIENTIFIC = re.compile(r"\+?[0-9]+(?:,[0-9]*)?[eE]\+?[0-9]+", re.ASCII)
# A number cell saved as text by a spreadsheet or a script: 196608011988031001.0, 196608011988031001,00.
_ANGKA_DESIMAL = re.compile(r"([0-9]{10,})[.,]0+", re.ASCII)
# The label that lists and letters write before a NIP: "NIP. 1966…", "NIP: 1966…", "nip . 1966…", "N.I.P. 1966…".
# How many systems keep a NIP as text in a CSV: the formula ="198001012005011001", which Excel shows as the digits.
# A CSV writer doubles the quotes inside a quoted field; a cell read without unquoting keeps them: =""1980…"".
_RUMUS_TEKS = re.compile(r'=\s*("{1,2})([^"]*)\1')
_AWALAN_NIP = re.compile(r"n[\s.]*i[\s.]*p[\s.:]*", re.IGNORECASE)
_DIGITS = re.compile(r"[0-9]+", re.ASCII)
# Excel keeps 15 significant digits of a number; the rest of a NIP stored as a number is lost.
DIGIT_EXCEL = 15


@dataclass(frozen=True)
class Nip:
    """A parsed, valid NIP."""

    digits: str
    tanggal_lahir: date
    tmt_tahun: int
    tmt_bulan: int
    jenis_kelamin: str
    nomor_urut: str

    def __str__(self) -> str:
        return format_nip(self.digits)

    @property
    def formatted(self) -> str:
        """Return the NIP grouped as it is written: ``19660801 198803 1 001``."""
        return format_nip(self.digits)

    @property
    def masked(self) -> str:
        """Return the NIP for public pages: ``1966**** ****** 1 001``, from which the birth date cannot be read."""
        d = self.digits
        return f"{d[:4]}**** ****** {d[14]} {d[15:]}"


def format_nip(digits: str) -> str:
    """Group 18 digits as ``19660801 198803 1 001``; return anything else unchanged."""
    if not isinstance(digits, str) or len(digits) != NIP_LENGTH or not _DIGITS.fullmatch(digits):
        return digits
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


def _error_notasi_ilmiah() -> ValidationError:
    # The value is not echoed: "1.96608E+17" would read as a NIP, and its digits are gone anyway. The message
    # serves a form as well as an import: what to do in the spreadsheet is the import's to add.
    return ValidationError(
        gettext(
            "NIP ini tampak seperti angka yang disimpan spreadsheet dan ditampilkan dalam notasi ilmiah (seperti "
            "1,97E+17): digit-digit terakhirnya sudah hilang dan tidak dapat dibaca lagi. Isi NIP lengkap 18 digit."
        ),
        code="nip_notasi_ilmiah",
    )


def galat_nip_angka() -> ValidationError:
    """Return the error for a NIP that a spreadsheet kept as a number: its last digits cannot be trusted."""
    return ValidationError(
        gettext(
            "NIP ini tersimpan sebagai angka, bukan teks (spreadsheet menyimpannya begitu bila kolomnya berformat "
            "Angka). Angka hanya menyimpan %(tepat)s digit pertama dengan tepat, jadi digit terakhir NIP sudah "
            "hilang atau berubah dan tidak dapat dipercaya. Isi NIP lengkap 18 digit."
        ),
        code="nip_angka",
        params={"tepat": DIGIT_EXCEL},
    )


def _error_angka_desimal(nilai: str, bulat: str, ekor: str) -> ValidationError:
    """Return the error for ``196608011988031001.0``: a number saved as text, not a NIP of 19 digits."""
    if len(bulat) > DIGIT_EXCEL:
        return ValidationError(
            gettext(
                "NIP “%(nilai)s” tampak seperti angka yang disimpan spreadsheet (berakhir “%(ekor)s”), bukan NIP "
                "yang diketik sebagai teks. Spreadsheet hanya menyimpan %(tepat)s digit pertama sebuah angka dengan "
                "tepat, jadi %(jumlah)s digit terakhirnya (%(digit)s) mungkin sudah hilang atau berubah dan tidak "
                "dapat dipercaya. Isi NIP lengkap 18 digit."
            ),
            code="nip_angka",
            params={
                "nilai": nilai,
                "ekor": ekor,
                "tepat": DIGIT_EXCEL,
                "jumlah": len(bulat) - DIGIT_EXCEL,
                "digit": bulat[DIGIT_EXCEL:],
            },
        )
    return ValidationError(
        gettext(
            "NIP “%(nilai)s” tampak seperti angka yang disimpan spreadsheet (berakhir “%(ekor)s”), dan angkanya "
            "hanya %(jumlah)s digit; NIP harus 18 digit. Isi NIP lengkap 18 digit."
        ),
        code="nip_angka",
        params={"nilai": nilai, "ekor": ekor, "jumlah": len(bulat)},
    )


def _to_text(value: object) -> str:
    """Return the value as text to parse, refusing numbers that cannot hold 18 digits."""
    if value is None:
        return ""
    if isinstance(value, bool):
        # bool is an int subclass; True is not the NIP 1.
        raise ValidationError(
            gettext("NIP hanya boleh berisi angka; yang diisi “%(nilai)s”."),
            code="nip_bukan_angka",
            params={"nilai": value},
        )
    if isinstance(value, (float, Decimal)):
        # A spreadsheet cell read as a number: a float keeps only 15–17 significant digits, and even an exact
        # Decimal means the column was numeric, where Excel has already rounded the last digits away.
        raise galat_nip_angka()
    if isinstance(value, int):
        if value < 0:
            raise ValidationError(
                gettext("NIP tidak boleh bernilai negatif; yang diisi “%(nilai)s”."),
                code="nip_bukan_angka",
                params={"nilai": value},
            )
        return str(value)
    return str(value)


def _angka_biasa(nilai: str) -> str:
    """Return the text with every decimal digit as ASCII and full-width letters and marks as their ASCII forms.

    Staff cannot tell ``１９６６`` (typed with an East Asian keyboard) or Arabic-Indic digits from ``1966``;
    they are the digits they look like. Other look-alikes (circled or superscript digits) are not digits and
    stay, to be named.
    """
    hasil = []
    for c in nilai:
        if "\uff01" <= c <= "\uff5e":
            c = chr(ord(c) - 0xFEE0)
        elif c == "\u3000":
            c = " "
        elif not c.isascii() and (angka := unicodedata.decimal(c, None)) is not None:
            c = str(angka)
        hasil.append(c)
    return "".join(hasil)


_NAMA_KARAKTER = {
    ",": gettext_noop("koma (,)"),
    ";": gettext_noop("titik koma (;)"),
    ":": gettext_noop("titik dua (:)"),
    "+": gettext_noop("tanda tambah (+)"),
    "*": gettext_noop("bintang (*)"),
    "#": gettext_noop("tanda pagar (#)"),
    "_": gettext_noop("garis bawah (_)"),
    "\\": gettext_noop("garis miring terbalik (\\)"),
    "(": gettext_noop("tanda kurung"),
    ")": gettext_noop("tanda kurung"),
    "[": gettext_noop("tanda kurung"),
    "]": gettext_noop("tanda kurung"),
    '"': gettext_noop('tanda petik (")'),
    "\u201c": gettext_noop("tanda petik (“)"),
    "\u201d": gettext_noop("tanda petik (”)"),
    "=": gettext_noop("tanda sama dengan (=)"),
    "?": gettext_noop("tanda tanya (?)"),
    "!": gettext_noop("tanda seru (!)"),
    "&": gettext_noop("tanda dan (&)"),
    "%": gettext_noop("tanda persen"),
}


def _sebut_karakter(c: str) -> str:
    """Name a character in words, as staff would read it: a letter, a comma, an invisible character."""
    if c in _NAMA_KARAKTER:
        return gettext(_NAMA_KARAKTER[c])
    if c.isalpha():
        return gettext("huruf “%(huruf)s”") % {"huruf": c}
    if c.isdigit() or c.isnumeric():
        # ², ①: looks like a digit, is not one.
        return gettext("angka khusus “%(karakter)s” (bukan angka biasa)") % {"karakter": c}
    kategori = unicodedata.category(c)
    if kategori.startswith(("C", "Z")):
        return gettext("karakter tak terlihat (kode U+%(kode)04X)") % {"kode": ord(c)}
    return gettext("tanda “%(karakter)s”") % {"karakter": c}


def _parse_tanggal_lahir(bagian: str, hari_ini: date) -> date:
    tahun, bulan, hari = int(bagian[:4]), int(bagian[4:6]), int(bagian[6:8])
    if not 1 <= bulan <= 12:
        raise ValidationError(
            gettext("Bulan lahir %(bulan)s pada NIP (digit 5–6) tidak ada; bulan ditulis 01 sampai 12."),
            code="nip_tanggal_lahir",
            params={"bulan": bagian[4:6]},
        )
    if tahun < TAHUN_LAHIR_MIN:
        raise ValidationError(
            gettext("Tahun lahir pada NIP (digit 1–4: %(tahun)s) tidak mungkin; paling awal %(minimum)s."),
            code="nip_tanggal_lahir",
            params={"tahun": bagian[:4], "minimum": TAHUN_LAHIR_MIN},
        )
    akhir = calendar.monthrange(tahun, bulan)[1]
    if not 1 <= hari <= akhir:
        raise ValidationError(
            gettext(
                "Tanggal lahir %(hari)s pada NIP (digit 7–8) tidak ada di bulan %(bulan)s %(tahun)s, yang tanggalnya "
                "01 sampai %(akhir)s."
            ),
            code="nip_tanggal_lahir",
            params={"hari": bagian[6:8], "bulan": MONTHS[bulan], "tahun": tahun, "akhir": akhir},
        )
    tanggal_lahir = date(tahun, bulan, hari)
    if tanggal_lahir > hari_ini:
        raise ValidationError(
            gettext("Tanggal lahir pada NIP (digit 1–8: %(tanggal)s) ada di masa depan."),
            code="nip_tanggal_lahir",
            params={"tanggal": tanggal_lahir.strftime("%d-%m-%Y")},
        )
    return tanggal_lahir


def _parse_tmt(bagian: str, tanggal_lahir: date, hari_ini: date) -> tuple[int, int]:
    tahun, bulan = int(bagian[:4]), int(bagian[4:6])
    if not 1 <= bulan <= 12:
        raise ValidationError(
            gettext("Bulan TMT CPNS pada NIP (digit 13–14: %(bulan)s) bukan bulan yang sah; harus 01 sampai 12."),
            code="nip_tmt",
            params={"bulan": bagian[4:6]},
        )
    if tahun < TAHUN_TMT_MIN:
        raise ValidationError(
            gettext("Tahun TMT CPNS pada NIP (digit 9–12: %(tahun)s) tidak mungkin; paling awal %(minimum)s."),
            code="nip_tmt",
            params={"tahun": bagian[:4], "minimum": TAHUN_TMT_MIN},
        )
    if (tahun, bulan) > (hari_ini.year, hari_ini.month):
        raise ValidationError(
            gettext("TMT CPNS pada NIP (digit 9–14: %(bulan)s-%(tahun)s) ada di masa depan."),
            code="nip_tmt",
            params={"bulan": bagian[4:6], "tahun": bagian[:4]},
        )
    if tahun - tanggal_lahir.year < USIA_CPNS_MIN:
        raise ValidationError(
            gettext(
                "TMT CPNS pada NIP (tahun %(tahun_tmt)s) terlalu dekat dengan tahun lahir (%(tahun_lahir)s): "
                "CPNS paling muda berusia %(usia)s tahun."
            ),
            code="nip_tmt",
            params={"tahun_tmt": tahun, "tahun_lahir": tanggal_lahir.year, "usia": USIA_CPNS_MIN},
        )
    return tahun, bulan


def _teks_nip(nilai: str) -> str:
    """Return typed NIP text with its digits as ASCII, without the ``NIP.`` label and a spreadsheet's text mark."""
    biasa = _isi_rumus_teks(_angka_biasa(nilai).strip().lstrip(_APOSTROPHES))
    if cocok := _AWALAN_NIP.match(biasa):
        biasa = biasa[cocok.end() :]
    return biasa.strip().lstrip(_APOSTROPHES)


def _isi_rumus_teks(nilai: str) -> str:
    """Return the text inside a spreadsheet's text formula (``="1980…"``, quotes doubled or not), else the value."""
    cocok = _RUMUS_TEKS.fullmatch(nilai)
    return cocok[2].strip() if cocok else nilai


def _tanpa_pemisah(biasa: str) -> str:
    # Separators go first so that the Excel text marker is found even after a pasted zero-width space.
    return _SEPARATORS.sub("", biasa).lstrip(_APOSTROPHES)


def ketikan_nip(teks: str) -> str:
    """Return typed text read as ``parse_nip`` reads a NIP, unchecked: ``ＮＩＰ. １９６６ ０８`` gives ``196608``.

    Digits of any script become ASCII; the ``NIP`` label, a spreadsheet's apostrophe and the separators people
    type go. What remains is not checked: it may hold letters, or be any number of digits (a search for part
    of a NIP reads it so).
    """
    return _tanpa_pemisah(_teks_nip(teks))


def nip_tanpa_label(teks: str) -> str:
    """Return typed NIP text (or part of one) as ``parse_nip`` reads it, separators kept, to say it back.

    ``N.I.P. １９６６ ０８`` gives ``1966 08``: digits as ASCII, without the ``NIP`` label or a spreadsheet's text
    mark. Text that does not start with the label keeps its words: ``Budi NIP 1966`` stays as it is.
    """
    return _teks_nip(teks)


def parse_nip(value: object) -> Nip:
    """Parse a NIP typed any common way, or raise ValidationError saying what is wrong."""
    # A message quotes the NIP inside a text formula, not the formula around it.
    nilai = _isi_rumus_teks(_to_text(value).strip())
    biasa = _teks_nip(nilai)
    if cocok := _ANGKA_DESIMAL.fullmatch(biasa):
        raise _error_angka_desimal(nilai, cocok[1], biasa[cocok.end(1) :])
    digits = _tanpa_pemisah(biasa)
    if not digits:
        raise ValidationError(gettext("NIP wajib diisi."), code="nip_kosong")

    if _SCIENTIFIC.fullmatch(digits):
        raise _error_notasi_ilmiah()

    if not _DIGITS.fullmatch(digits):
        asing = list(dict.fromkeys(_sebut_karakter(c) for c in digits if not ("0" <= c <= "9")))
        raise ValidationError(
            gettext(
                "NIP hanya boleh berisi angka (spasi, titik, garis miring, tanda hubung, dan awalan “NIP” boleh); "
                "“%(nilai)s” memuat %(karakter)s."
            ),
            code="nip_bukan_angka",
            params={"nilai": nilai, "karakter": ", ".join(asing)},
        )
    if len(digits) != NIP_LENGTH:
        raise ValidationError(
            gettext("NIP harus 18 digit; yang diisi %(jumlah)s digit (%(nilai)s)."),
            code="nip_panjang",
            params={"jumlah": len(digits), "nilai": nilai},
        )

    hari_ini = date.today()
    tanggal_lahir = _parse_tanggal_lahir(digits[:8], hari_ini)
    tmt_tahun, tmt_bulan = _parse_tmt(digits[8:14], tanggal_lahir, hari_ini)

    if digits[14] not in "12":
        raise ValidationError(
            gettext(
                "Digit ke-15 NIP menunjukkan jenis kelamin dan harus 1 (laki-laki) atau 2 (perempuan); "
                "yang diisi %(digit)s."
            ),
            code="nip_jenis_kelamin",
            params={"digit": digits[14]},
        )
    if digits[15:] == "000":
        # Sequences start at 001. Excel keeps only 15 significant digits, so a NIP stored as a number comes back
        # (e.g. through CSV) with its last three digits turned into 000: refuse it rather than store a wrong NIP.
        raise ValidationError(
            gettext(
                "Nomor urut NIP (3 digit terakhir) tidak mungkin 000. Bila NIP ini disalin dari spreadsheet yang "
                "menyimpannya sebagai angka, digit terakhirnya sudah hilang: isi NIP lengkap 18 digit."
            ),
            code="nip_nomor_urut",
        )

    return Nip(
        digits=digits,
        tanggal_lahir=tanggal_lahir,
        tmt_tahun=tmt_tahun,
        tmt_bulan=tmt_bulan,
        jenis_kelamin="L" if digits[14] == "1" else "P",
        nomor_urut=digits[15:],
    )


def normalize_nip(value: object) -> str:
    """Return the 18 digits of a NIP typed any common way, or raise ValidationError."""
    return parse_nip(value).digits


def validate_nip(value: object) -> None:
    """Raise ValidationError unless the value is a valid NIP (a model-field validator)."""
    parse_nip(value)


def birth_date_matches(nip: Nip, tanggal_lahir: date) -> bool:
    """Return whether a birth date agrees with the one encoded in the NIP."""
    if isinstance(tanggal_lahir, datetime):
        # datetime is a date subclass that never compares equal to a date.
        tanggal_lahir = tanggal_lahir.date()
    return nip.tanggal_lahir == tanggal_lahir


def mask_nip(nip: str) -> str:
    """Return a NIP for public pages, ``1966**** ****** 1 001``: birth year, gender digit and sequence only.

    Month and day of birth and the TMT are starred, so the birth date cannot be read. Separators are
    ignored; anything that is not 18 digits is starred whole rather than shown, since it may still hold
    a birth date.
    """
    digits = _SEPARATORS.sub("", nip) if isinstance(nip, str) else ""
    if not digits:
        return ""
    if len(digits) != NIP_LENGTH or not _DIGITS.fullmatch(digits):
        return "******** ****** * ***"
    return f"{digits[:4]}**** ****** {digits[14]} {digits[15:]}"
