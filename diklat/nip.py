"""Parse and format the NIP (Nomor Induk Pegawai) of a civil servant.

A NIP is 18 digits: birth date ``YYYYMMDD``, TMT CPNS ``YYYYMM``, a gender
digit (1 male, 2 female) and a three-digit sequence, written
``19660801 198803 1 001``. It is printed on every certificate and holds the
birth date, so it is never a secret (DESIGN.md §4).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

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
_DIGITS = re.compile(r"[0-9]+", re.ASCII)


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


def _error_notasi_ilmiah(nilai: str) -> ValidationError:
    return ValidationError(
        gettext(
            "NIP “%(nilai)s” tertulis dalam notasi ilmiah: Excel mengubah NIP menjadi angka sehingga "
            "digit-digitnya hilang. Format kolom NIP sebagai Teks (Text) di Excel, ketik ulang NIP lengkap "
            "18 digit, lalu unggah lagi."
        ),
        code="nip_notasi_ilmiah",
        params={"nilai": nilai},
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
        raise _error_notasi_ilmiah(str(value))
    if isinstance(value, int):
        if value < 0:
            raise ValidationError(
                gettext("NIP tidak boleh bernilai negatif; yang diisi “%(nilai)s”."),
                code="nip_bukan_angka",
                params={"nilai": value},
            )
        return str(value)
    return str(value)


def _parse_tanggal_lahir(bagian: str, hari_ini: date) -> date:
    tahun, bulan, hari = int(bagian[:4]), int(bagian[4:6]), int(bagian[6:8])
    try:
        tanggal_lahir = date(tahun, bulan, hari)
    except ValueError:
        raise ValidationError(
            gettext("Tanggal lahir pada NIP (digit 1–8: %(bagian)s) bukan tanggal yang sah."),
            code="nip_tanggal_lahir",
            params={"bagian": bagian},
        ) from None
    if tahun < TAHUN_LAHIR_MIN:
        raise ValidationError(
            gettext("Tahun lahir pada NIP (digit 1–4: %(tahun)s) tidak mungkin; paling awal %(minimum)s."),
            code="nip_tanggal_lahir",
            params={"tahun": bagian[:4], "minimum": TAHUN_LAHIR_MIN},
        )
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


def parse_nip(value: object) -> Nip:
    """Parse a NIP typed any common way, or raise ValidationError saying what is wrong."""
    nilai = _to_text(value).strip()
    # Separators go first so that the Excel text marker is found even after a pasted zero-width space.
    digits = _SEPARATORS.sub("", nilai).lstrip(_APOSTROPHES)
    if not digits:
        raise ValidationError(gettext("NIP wajib diisi."), code="nip_kosong")

    if _SCIENTIFIC.fullmatch(digits):
        raise _error_notasi_ilmiah(nilai)

    if not _DIGITS.fullmatch(digits):
        asing = sorted({c for c in digits if not ("0" <= c <= "9")})
        raise ValidationError(
            gettext(
                "NIP hanya boleh berisi angka (spasi, titik, garis miring, dan tanda hubung boleh); "
                "“%(nilai)s” memuat %(karakter)s."
            ),
            code="nip_bukan_angka",
            params={"nilai": nilai, "karakter": ", ".join(f"“{c}”" for c in asing)},
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
                "Nomor urut NIP (3 digit terakhir) tidak mungkin 000. Jika NIP berasal dari Excel, digit terakhirnya "
                "hilang karena Excel menyimpan NIP sebagai angka: format kolom NIP sebagai Teks (Text) lalu ketik "
                "ulang NIP lengkap 18 digit."
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
