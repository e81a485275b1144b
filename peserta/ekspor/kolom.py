"""The columns of the exports of enrolments: a fixed set staff tick from, and those higher floors add.

Each column knows its header and kind (``diklat.ekspor.Kolom``) and how to read its cell from an enrolment
of the export's queryset, which comes with the person, rank and region already joined. A column that reads
more (a certificate, say) names the annotations it needs (subqueries, read in the export's one query) or,
failing that, what to prefetch; an annotation keeps the export at the same queries for ten rows or a
hundred thousand, where a prefetch costs one more query per chunk of rows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from django.utils.translation import gettext_lazy as _

from diklat.ekspor.kolom import Kolom, label_pilihan
from diklat.signals import kolom_ekspor
from peserta.models import JenisKelamin, Pendaftaran

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class KolomPendaftaran:
    """A column of an export of enrolments: its ``Kolom`` and the reading of its cell from one enrolment."""

    kolom: Kolom
    nilai: Callable[[Pendaftaran], Any]
    prefetch: tuple = ()
    # Annotations the cell reads, by name: columns that share a name must give the same expression.
    anotasi: dict[str, Any] = field(default_factory=dict)
    # The fields the cell reads, as paths from the enrolment (``"peserta__pangkat__golongan"``): an export
    # whose every column names them reads only those (a hundred thousand rows come twice as fast). None:
    # not said, and the export reads every field of the joined rows.
    bidang: tuple[str, ...] | None = None

    @property
    def kunci(self) -> str:
        return self.kolom.kunci


def judul_kolom(kolom: list[Kolom]) -> list[Kolom]:
    """The columns with their headers in the language of the request (they are lazy until then)."""
    return [replace(k, judul=str(k.judul)) for k in kolom]


def _kolom(kunci, judul, nilai, jenis="teks", lebar=None, bobot=1, *, bidang: tuple[str, ...]) -> KolomPendaftaran:
    return KolomPendaftaran(Kolom(kunci, judul, jenis, lebar, bobot), nilai, bidang=bidang)


_NAMA_LENGKAP = ("peserta__gelar_depan", "peserta__nama", "peserta__gelar_belakang")
_PANGKAT = ("peserta__pangkat__pangkat", "peserta__pangkat__golongan")
_PEMDA = ("peserta__kabupaten_kota__nama", "peserta__provinsi__nama")


_kelamin = label_pilihan(JenisKelamin)
_status = label_pilihan(Pendaftaran.Status)


def _telepon(p: Pendaftaran) -> str:
    # As people write it at home (0812-3456-7890): a leading "+" would be taken for a formula and quoted.
    telepon = p.peserta.telepon
    return "0" + telepon[3:] if telepon.startswith("+62") else telepon


# The number (No.) is the row's place in the export, given by the export itself.
NOMOR = Kolom("nomor", _("No."), "angka", 5)

KOLOM_PESERTA = [
    # Names wrap least in the PDF (bobot 2): a name over four lines is hard to find.
    _kolom(
        "nama_lengkap", _("Nama dan gelar"), lambda p: p.peserta.nama_lengkap, lebar=34, bobot=2, bidang=_NAMA_LENGKAP
    ),
    _kolom("gelar_depan", _("Gelar depan"), lambda p: p.peserta.gelar_depan, bidang=("peserta__gelar_depan",)),
    _kolom("nama", _("Nama"), lambda p: p.peserta.nama, lebar=28, bobot=2, bidang=("peserta__nama",)),
    _kolom(
        "gelar_belakang", _("Gelar belakang"), lambda p: p.peserta.gelar_belakang, bidang=("peserta__gelar_belakang",)
    ),
    _kolom("nip", _("NIP"), lambda p: p.peserta.nip, "teks_angka", 20, bidang=("peserta__nip",)),
    _kolom("tempat_lahir", _("Tempat lahir"), lambda p: p.peserta.tempat_lahir, bidang=("peserta__tempat_lahir",)),
    _kolom(
        "tanggal_lahir",
        _("Tanggal lahir"),
        lambda p: p.peserta.tanggal_lahir,
        "tanggal",
        12,
        bidang=("peserta__tanggal_lahir",),
    ),
    _kolom(
        "jenis_kelamin",
        _("Jenis kelamin"),
        lambda p: _kelamin(p.peserta.jenis_kelamin),
        bidang=("peserta__jenis_kelamin",),
    ),
    _kolom("pangkat", _("Pangkat/golongan"), lambda p: str(p.peserta.pangkat or ""), lebar=26, bidang=_PANGKAT),
    _kolom("jabatan", _("Jabatan"), lambda p: p.peserta.jabatan, lebar=34, bidang=("peserta__jabatan",)),
    _kolom("instansi", _("Instansi"), lambda p: p.peserta.instansi, lebar=34, bidang=("peserta__instansi",)),
    _kolom("pemda", _("Pemda"), lambda p: str(p.peserta.pemda or ""), lebar=26, bidang=_PEMDA),
    _kolom(
        "provinsi",
        _("Provinsi"),
        lambda p: p.peserta.provinsi.nama if p.peserta.provinsi else "",
        bidang=("peserta__provinsi__nama",),
    ),
    _kolom("email", _("E-mail"), lambda p: p.peserta.email, lebar=28, bidang=("peserta__email",)),
    _kolom("telepon", _("Telepon"), _telepon, "teks_angka", 16, bidang=("peserta__telepon",)),
    _kolom("status", _("Status"), lambda p: _status(p.status), bidang=("status",)),
    _kolom("kehadiran", _("Kehadiran (%)"), lambda p: p.persen_kehadiran, "persen", bidang=("persen_kehadiran",)),
    _kolom("nilai_akhir", _("Nilai akhir"), lambda p: p.nilai_akhir, "angka", bidang=("nilai_akhir",)),
    _kolom("predikat", _("Predikat"), lambda p: p.predikat, bidang=("predikat",)),
]

# What a roster export ticks when a user has not chosen yet.
KOLOM_BAWAAN = ["nama_lengkap", "nip", "pangkat", "jabatan", "instansi", "pemda", "status"]

# Which training a row is: the cross-batch export lists enrolments of many angkatan (its queryset joins the
# angkatan and its program).
KOLOM_ANGKATAN = [
    _kolom("program", _("Program"), lambda p: p.angkatan.program.nama, lebar=40, bidang=("angkatan__program__nama",)),
    _kolom("angkatan", _("Angkatan"), lambda p: p.angkatan.nomor_romawi, lebar=10, bidang=("angkatan__nomor",)),
    # A year is no quantity: written as its digits, never "2.022".
    _kolom("tahun", _("Tahun"), lambda p: str(p.angkatan.tahun), "teks_angka", 8, bidang=("angkatan__tahun",)),
    _kolom(
        "tanggal_mulai",
        _("Tanggal mulai"),
        lambda p: p.angkatan.tanggal_mulai,
        "tanggal",
        12,
        bidang=("angkatan__tanggal_mulai",),
    ),
    _kolom(
        "tanggal_selesai",
        _("Tanggal selesai"),
        lambda p: p.angkatan.tanggal_selesai,
        "tanggal",
        12,
        bidang=("angkatan__tanggal_selesai",),
    ),
]
KOLOM_BAWAAN_LINTAS = ["program", "angkatan", "tahun", *KOLOM_BAWAAN, "predikat"]


def kolom_tersedia(daftar: str = "roster", *, awal: list[KolomPendaftaran] | None = None) -> list[KolomPendaftaran]:
    """Return every column an export may have: ``awal`` (the training, for a list across angkatan), the
    person's and the enrolment's, then those higher floors add.

    A receiver of ``diklat.signals.kolom_ekspor`` that fails, or answers with something else than a list of
    ``KolomPendaftaran``, is logged and left out: one floor's column never takes an export down.
    """
    kolom = [*(awal or []), *KOLOM_PESERTA]
    kunci = {k.kunci for k in kolom}
    for receiver, jawaban in kolom_ekspor.send_robust(sender=Pendaftaran, daftar=daftar):
        if isinstance(jawaban, Exception):
            logger.error("kolom_ekspor receiver %r failed", receiver, exc_info=jawaban)
            continue
        for satu in jawaban or []:
            if not isinstance(satu, KolomPendaftaran) or satu.kunci in kunci:
                logger.error("kolom_ekspor receiver %r gave an unusable column %r", receiver, satu)
                continue
            kunci.add(satu.kunci)
            kolom.append(satu)
    return kolom
