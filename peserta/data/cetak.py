"""The person's data block as the certificate prints it: one source for the PDF and for every preview of it.

``sertifikat.rendering.konteks_sertifikat`` prints these values, and the participant's check of their
data before printing (``peserta.portal.periksa_data``) shows and confirms the same rows, so the preview
cannot drift from the PDF.
"""

from __future__ import annotations

import hashlib
import json
from typing import NamedTuple

from peserta.models import Peserta

# The rows of the block, in the order printed. The labels are the certificate's own words
# (``templates/sertifikat/sttp.html``), printed in Indonesian whatever language a page is shown in,
# so they are not translated; the name is printed without a label.
LABEL_CETAK = {
    "nama": "Nama",
    "nip": "NIP",
    "ttl": "Tempat, tanggal lahir",
    "pangkat": "Pangkat/golongan",
    "jabatan": "Jabatan",
    "instansi": "Instansi",
}


class BarisCetak(NamedTuple):
    """One printed row: its key (as ``konteks_sertifikat`` names it), its label and the text printed."""

    kunci: str
    label: str
    nilai: str


def blok_data_cetak(peserta: Peserta) -> list[BarisCetak]:
    """Return the person's rows of the certificate, with exactly the text the PDF prints.

    The name carries the titles; the birth date's spaces do not break (``Peserta.tempat_tanggal_lahir``).
    A rank not yet filled in prints empty (a certificate is not made until it is, ``PESERTA_CETAK``).
    """
    nilai = {
        "nama": peserta.nama_lengkap,
        "nip": peserta.nip_tampil,
        "ttl": peserta.tempat_tanggal_lahir,
        "pangkat": str(peserta.pangkat) if peserta.pangkat_id else "",
        "jabatan": peserta.jabatan,
        "instansi": peserta.instansi,
    }
    return [BarisCetak(kunci, label, nilai[kunci]) for kunci, label in LABEL_CETAK.items()]


def blok_nilai(blok: list[BarisCetak]) -> dict[str, str]:
    """Return the block as ``{key: text}``: what a confirmation keeps, and what it is compared with later."""
    return {baris.kunci: baris.nilai for baris in blok}


def blok_sidik(blok: list[BarisCetak]) -> str:
    """Return a short digest of the block: what a page shown sends back, so a confirmation is of what was seen."""
    teks = json.dumps(blok_nilai(blok), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(teks.encode()).hexdigest()[:32]
