"""The program's rules for scores, without the database: reading a typed score, the final score and
predikat, and deciding who passes.

Everything here is a function of what it is given, so the rules can be tested on plain objects.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from diklat.angka import angka_tampil, desimal_tampil, persen_tampil
from diklat.models import KomponenNilai, Predikat, Program
from peserta.models import Pendaftaran

NILAI_MIN = Decimal("0")
NILAI_MAX = Decimal("100")
SERATUS = Decimal("100")
DUA_DESIMAL = Decimal("0.01")

_ANGKA = re.compile(r"[0-9]+(?:[.,][0-9]+)?")
_NEGATIF = re.compile(r"-\s*[0-9]+(?:[.,][0-9]+)?")
_TERLALU_PANJANG = 20


# Reading and showing a score -------------------------------------------------------------------------------------


def nilai_parse(teks: str | None) -> Decimal | None:
    """Read a score as typed: ``85,5`` and ``85.5`` are both 85.5; empty means no score (``None``).

    A separator followed by exactly three digits (``1.000``, ``85,500``) is
    refused rather than guessed: in Indonesian writing it is a thousands
    separator, in English a decimal one, and a score must never be misread.
    """
    teks = (teks or "").strip()
    if not teks:
        return None
    if len(teks) > _TERLALU_PANJANG:
        raise ValidationError(
            _("Isian terlalu panjang untuk sebuah nilai. Tulis angka 0–100, mis. 85,5."), code="nilai_terlalu_panjang"
        )
    if _NEGATIF.fullmatch(teks):
        raise ValidationError(
            _("Nilai harus antara 0 dan 100; “%(teks)s” di bawah 0."),
            code="nilai_di_luar_rentang",
            params={"teks": teks},
        )
    pemisah = [c for c in teks if c in ".,"]
    if len(pemisah) > 1 and re.fullmatch(r"[0-9.,]+", teks):
        raise ValidationError(
            _("“%(teks)s” memuat lebih dari satu tanda pemisah. Tulis satu koma desimal saja, mis. 85,5."),
            code="nilai_pemisah_ganda",
            params={"teks": teks},
        )
    if not _ANGKA.fullmatch(teks):
        raise ValidationError(
            _("“%(teks)s” bukan angka. Tulis nilai 0–100, mis. 85,5."), code="nilai_bukan_angka", params={"teks": teks}
        )
    if pemisah:
        desimal = teks.split(pemisah[0])[1]
        if len(desimal) == 3:
            raise ValidationError(
                _(
                    "“%(teks)s” tampak memakai pemisah ribuan. Nilai berkisar 0–100 dengan paling banyak "
                    "dua angka di belakang koma, mis. 85,5."
                ),
                code="nilai_pemisah_ribuan",
                params={"teks": teks},
            )
        if len(desimal) > 3:
            raise ValidationError(
                _("“%(teks)s” memiliki lebih dari dua angka di belakang koma."),
                code="nilai_terlalu_banyak_desimal",
                params={"teks": teks},
            )
    nilai = Decimal(teks.replace(",", ".")).quantize(DUA_DESIMAL)
    if not NILAI_MIN <= nilai <= NILAI_MAX:
        raise ValidationError(
            _("Nilai harus antara 0 dan 100; “%(teks)s” di luar rentang itu."),
            code="nilai_di_luar_rentang",
            params={"teks": teks},
        )
    return nilai


def nilai_tampil(nilai: Decimal | None, *, desimal: int | None = None) -> str:
    """Write a score the way the reader's language writes it: ``85,5`` (or with fixed ``desimal`` places)."""
    if nilai is None:
        return ""
    return desimal_tampil(nilai) if desimal is None else angka_tampil(nilai, desimal)


def nilai_akhir_hitung(nilai_per_komponen: Mapping[int, Decimal], komponen: Sequence[KomponenNilai]) -> Decimal | None:
    """Return Σ nilai × bobot / 100 rounded half up to two decimals, or ``None`` while a score is missing."""
    if not komponen or any(k.pk not in nilai_per_komponen for k in komponen):
        return None
    total = sum((nilai_per_komponen[k.pk] * k.bobot for k in komponen), Decimal(0)) / SERATUS
    return total.quantize(DUA_DESIMAL, rounding=ROUND_HALF_UP)


def predikat_untuk(nilai_akhir: Decimal | None, bands: Iterable[Predikat]) -> Predikat | None:
    """Return the highest band whose ``nilai_minimal`` the final score reaches; ``None`` means not passed."""
    if nilai_akhir is None:
        return None
    tercapai = [band for band in bands if band.nilai_minimal <= nilai_akhir]
    return max(tercapai, key=lambda band: band.nilai_minimal, default=None)


def batas_lulus(bands: Iterable[Predikat]) -> Decimal | None:
    """Return the lowest band's minimum: the pass mark of the final score."""
    return min((band.nilai_minimal for band in bands), default=None)


# Deciding the results --------------------------------------------------------------------------------------------


@dataclass
class Keputusan:
    """The result decided for one enrolment: passed or not, the final score and predikat, and why not."""

    pendaftaran: Pendaftaran
    lulus: bool
    nilai_akhir: Decimal | None = None
    predikat: str = ""
    alasan: list[str] = field(default_factory=list)


def hasil_putuskan(
    *,
    program: Program,
    peserta: Sequence[Pendaftaran],
    nilai: Mapping[int, Mapping[int, Decimal]],
    komponen: Sequence[KomponenNilai],
    bands: Sequence[Predikat],
) -> list[Keputusan]:
    """Decide each enrolment's result from its attendance and scores; read nothing from the database.

    ``nilai`` maps an enrolment's id to its scores by component id. Passing needs attendance ≥ the
    program's minimum and, with an evaluation, a final score reaching the lowest predikat band; without
    an evaluation, attendance alone. Expects what ``pastikan_hasil_siap_difinalisasi`` has checked:
    every attendance recorded and, with an evaluation, every score given.
    """
    batas = batas_lulus(bands)
    keputusan = []
    for p in peserta:
        k = Keputusan(pendaftaran=p, lulus=True)
        if p.persen_kehadiran < program.min_kehadiran_persen:
            k.lulus = False
            k.alasan.append(
                _("Kehadiran %(hadir)s di bawah batas %(batas)s")
                % {"hadir": persen_tampil(p.persen_kehadiran), "batas": persen_tampil(program.min_kehadiran_persen)}
            )
        if program.dengan_evaluasi:
            k.nilai_akhir = nilai_akhir_hitung(nilai.get(p.pk, {}), komponen)
            band = predikat_untuk(k.nilai_akhir, bands)
            if band is None:
                k.lulus = False
                k.alasan.append(
                    _("Nilai akhir %(nilai)s di bawah batas kelulusan %(batas)s")
                    % {"nilai": nilai_tampil(k.nilai_akhir, desimal=2), "batas": nilai_tampil(batas, desimal=2)}
                )
            elif k.lulus:
                k.predikat = band.nama
        keputusan.append(k)
    return keputusan
