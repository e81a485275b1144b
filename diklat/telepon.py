"""Normalize and display Indonesian phone numbers (mobile and landline)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from lokal import parse_phone


def normalize_telepon(value: str) -> str:
    """Return the E.164 form (``+62…``) of an Indonesian phone number, or "" for an empty value."""
    nilai = str(value or "").strip()
    if not nilai:
        return ""
    info = parse_phone(nilai)
    if info.valid and info.e164:
        return info.e164

    kode = info.errors[0].code if info.errors else ""
    # lokal's own messages are fixed Indonesian text; ours go through gettext and name what was typed.
    if kode == "length" and info.type == "mobile":
        pesan = gettext(
            "Nomor HP “%(nilai)s” tidak valid: panjangnya harus 10–13 digit termasuk 0 di depan, "
            "misalnya 0812-3456-7890."
        )
    elif kode == "length":
        pesan = gettext(
            "Nomor telepon “%(nilai)s” tidak valid: panjang nomor telepon kantor/rumah beserta kode wilayahnya "
            "harus 8–12 digit, misalnya (021) 7654321."
        )
    else:
        pesan = gettext(
            "Nomor telepon “%(nilai)s” tidak valid: tulis nomor Indonesia yang diawali 0, 62, atau +62 dan "
            "hanya berisi angka, misalnya 0812-3456-7890 atau (021) 7654321."
        )
    raise ValidationError(pesan, code="telepon_tidak_valid", params={"nilai": nilai})


def format_telepon(e164: str) -> str:
    """Return a stored E.164 number for display, e.g. ``+62 812-3456-7890``; anything else unchanged."""
    if not e164:
        return e164
    info = parse_phone(e164)
    if not info.valid or not info.e164:
        return e164
    nasional = info.e164[3:]
    if info.type == "mobile" and info.national:
        # lokal groups mobiles as 0812-3456-7890; drop the trunk 0 after the country code.
        return f"+62 {info.national[1:]}"
    if info.area_code:
        kode_wilayah = info.area_code[1:]
    else:
        # lokal knows all two-digit area codes (021, 022, 024, 031, 061); the others have three digits.
        kode_wilayah = nasional[:3]
    return f"+62 {kode_wilayah} {nasional[len(kode_wilayah) :]}"
