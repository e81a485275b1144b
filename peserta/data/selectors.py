"""Reads of people: the search across angkatan by NIP or name, and what a correction may reprint."""

from __future__ import annotations

import operator
from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce

from django.db.models import Prefetch, Q, QuerySet

from diklat.pencarian import digit_nip_cari, teks_cari
from peserta.models import Pendaftaran, Peserta

Status = Pendaftaran.Status


# Words of a search beyond these are ignored: a name with its titles has fewer, and each is a condition.
KATA_CARI_MAKS = 8

# What a word of a person search is looked for in: the name and the titles.
KOLOM_CARI_NAMA = ("gelar_depan", "nama", "gelar_belakang")


def q_cari_peserta(teks: str, *, prefix: str = "", kolom: Sequence[str] = KOLOM_CARI_NAMA) -> Q:
    """Return the condition of a search for people: a NIP (or part) typed any way, or every word in some column.

    A word is found in any case, stripped of the punctuation around it; ``prefix`` reaches the person through a
    relation (``"peserta__"``). An empty search is no condition.
    """
    nip = digit_nip_cari(teks)
    if nip:
        return Q(**{f"{prefix}nip__contains": nip})
    kata = [k for k in (k.strip(",;()\"'") for k in teks.split()) if k][:KATA_CARI_MAKS]
    syarat = Q()
    for k in kata:
        syarat &= reduce(operator.or_, (Q(**{f"{prefix}{nama}__icontains": k}) for nama in kolom))
    return syarat


# Search across angkatan ---------------------------------------------------------------------------------------------


@dataclass
class PencarianPeserta:
    """A search for people across every angkatan: what was searched, how it was read, and the people found."""

    teks: str
    # The digits, when the search was a NIP or part of one (typed with spaces, dots, a "NIP." prefix).
    nip: str
    hasil: QuerySet[Peserta]

    @property
    def nip_lengkap(self) -> bool:
        return len(self.nip) == 18


def peserta_cari(teks: object) -> PencarianPeserta:
    """Find people by NIP (whole or in part, typed any way) or by name (any case, with or without titles).

    A name search matches people whose name and titles hold every word typed (``dr budi santoso``,
    ``Budi Santoso, S.Sos.``). Each person comes with their enrolments, newest first, for the result list.
    """
    teks = teks_cari(teks)
    nip = digit_nip_cari(teks)
    hasil = Peserta.objects.select_related("provinsi", "kabupaten_kota")
    if not teks:
        hasil = hasil.none()
    else:
        hasil = hasil.filter(q_cari_peserta(teks))
    hasil = hasil.prefetch_related(
        Prefetch(
            "pendaftaran",
            queryset=Pendaftaran.objects.select_related("angkatan", "angkatan__program").order_by(
                "-angkatan__tanggal_mulai", "-pk"
            ),
        )
    ).order_by("nama", "nip")
    return PencarianPeserta(teks=teks, nip=nip, hasil=hasil)


def pendaftaran_lulus_for_peserta(peserta: Peserta) -> list[Pendaftaran]:
    """Return the angkatan a person graduated from: where a certificate may print what is corrected."""
    return list(
        Pendaftaran.objects.filter(peserta=peserta, status=Status.LULUS)
        .select_related("angkatan", "angkatan__program")
        .order_by("-angkatan__tanggal_mulai")
    )
