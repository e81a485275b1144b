"""Decide what each record of an import does to the database as it is now.

A record becomes a new person (``baru``), an existing person enrolled now
(``lama``, with the fields that change), an enrolment that already exists
(``terdaftar``, its person's data still updated when the file differs) or an
error (``galat``). The plan reads with a fixed number of queries whatever the
number of rows: one for the people by NIP, one for the angkatan's enrolments.
Its fingerprint (``sidik``) lets the confirmation check that it applies
exactly what the preview showed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from angkatan.models import Angkatan
from diklat.angka import angka_tampil
from diklat.nip import format_nip, parse_nip
from diklat.telepon import format_telepon
from peserta.impor.reading import LABEL
from peserta.impor.values import Referensi
from peserta.models import PESERTA_CETAK, PESERTA_ISIAN, KategoriJabatan, Pendaftaran, Peserta
from peserta.pendaftaran.services import STATUS_MENGISI_KUOTA, kuota_sisa

BARU = "baru"
LAMA = "lama"
TERDAFTAR = "terdaftar"
GALAT = "galat"

# The person's fields an import may set, in the order the preview lists changes.
KOLOM_PESERTA = PESERTA_ISIAN
# What enrolling a new person needs. What only the certificate prints (PESERTA_CETAK: place of birth, rank,
# position) may wait: the person is stored without it and marked belum lengkap.
WAJIB_BARU = ["nama", "instansi", "provinsi"]
_KOLOM_FK = {"pangkat", "provinsi", "kabupaten_kota"}


@dataclass
class Perubahan:
    kolom: str
    label: str
    lama: str
    baru: str


@dataclass
class HasilBaris:
    """What one record does: its action, the changes to its person, its errors."""

    rekaman: dict
    aksi: str
    galat: list[dict] = field(default_factory=list)
    perubahan: list[Perubahan] = field(default_factory=list)
    nilai: dict[str, Any] = field(default_factory=dict)
    peserta: Peserta | None = None
    pendaftaran: Pendaftaran | None = None
    # Labels of the printed fields the person will still lack after the import (``["tempat lahir"]``).
    kurang: list[str] = field(default_factory=list)
    # Refused because the angkatan has no place left for it: said once above the rows (Rencana.kuota_terlampaui).
    melebihi_kuota: bool = False

    @property
    def baris(self) -> int:
        return self.rekaman["baris"]

    @property
    def tampil(self) -> dict:
        return self.rekaman["tampil"]

    @property
    def nip_tampil(self) -> str:
        if self.rekaman.get("nip_rusak"):
            return _("NIP rusak oleh Excel")
        return format_nip(self.rekaman["nip"])

    @property
    def nip_rusak(self) -> bool:
        return bool(self.rekaman.get("nip_rusak"))

    @property
    def status_pendaftaran(self) -> str:
        return self.pendaftaran.get_status_display() if self.pendaftaran else ""


@dataclass
class KolomTidakAda:
    """A column the whole file lacks, said once above the rows: required for new people, or printed only."""

    wajib: bool
    pesan: str


@dataclass
class KuotaTerlampaui:
    """Rows the angkatan has no place for, said once above the rows: how many, the kuota and the free places."""

    jumlah: int
    kuota: int
    sisa: int

    @property
    def pesan(self) -> str:
        angka = {
            "jumlah": angka_tampil(self.jumlah),
            "kuota": angka_tampil(self.kuota),
            "sisa": angka_tampil(self.sisa),
        }
        if self.sisa <= 0:
            return (
                ngettext(
                    "%(jumlah)s baris tidak dapat diimpor: kuota angkatan (%(kuota)s orang) sudah penuh, tidak ada "
                    "tempat tersisa.",
                    "%(jumlah)s baris tidak dapat diimpor: kuota angkatan (%(kuota)s orang) sudah penuh, tidak ada "
                    "tempat tersisa.",
                    self.jumlah,
                )
                % angka
            )
        return (
            ngettext(
                "%(jumlah)s baris melebihi kuota dan tidak dapat diimpor: kuota angkatan %(kuota)s orang, tempat yang "
                "masih kosong %(sisa)s, dan baris-baris sebelumnya sudah mengisinya.",
                "%(jumlah)s baris melebihi kuota dan tidak dapat diimpor: kuota angkatan %(kuota)s orang, tempat yang "
                "masih kosong %(sisa)s, dan baris-baris sebelumnya sudah mengisinya.",
                self.jumlah,
            )
            % angka
        )

    @property
    def saran(self) -> str:
        return _("Untuk mengimpor semuanya, naikkan kuota di halaman ubah angkatan, lalu buka lagi pratinjau ini.")


@dataclass
class Rencana:
    baris: list[HasilBaris]
    sisa: int
    kuota: int
    kolom_tidak_ada: list[KolomTidakAda] = field(default_factory=list)

    def _hitung(self, aksi: str) -> int:
        return sum(1 for b in self.baris if b.aksi == aksi)

    @property
    def jumlah_baru(self) -> int:
        return self._hitung(BARU)

    @property
    def jumlah_lama(self) -> int:
        return self._hitung(LAMA)

    @property
    def jumlah_terdaftar(self) -> int:
        return self._hitung(TERDAFTAR)

    @property
    def jumlah_galat(self) -> int:
        return self._hitung(GALAT)

    @property
    def jumlah_benar(self) -> int:
        return len(self.baris) - self.jumlah_galat

    @property
    def jumlah_belum_lengkap(self) -> int:
        return sum(1 for b in self.baris if b.aksi != GALAT and b.kurang)

    @property
    def jumlah_diperbarui(self) -> int:
        return sum(1 for b in self.baris if b.aksi in (LAMA, TERDAFTAR) and b.perubahan)

    @property
    def jumlah_melebihi_kuota(self) -> int:
        return sum(1 for b in self.baris if b.melebihi_kuota)

    @property
    def kuota_terlampaui(self) -> KuotaTerlampaui | None:
        """Return what to say once above the rows when some have no place in the angkatan."""
        jumlah = self.jumlah_melebihi_kuota
        return KuotaTerlampaui(jumlah=jumlah, kuota=self.kuota, sisa=self.sisa) if jumlah else None

    @property
    def ada_yang_ditulis(self) -> bool:
        return any(b.aksi in (BARU, LAMA) or (b.aksi == TERDAFTAR and b.perubahan) for b in self.baris)

    @property
    def sidik(self) -> str:
        """Return a fingerprint of what the import would do, row by row, and of the kuota said above the rows."""
        isi = [
            [b.baris, b.aksi, [[p.kolom, p.lama, p.baru] for p in b.perubahan], [g["pesan"] for g in b.galat]]
            for b in self.baris
        ]
        # The rows over the kuota only point to the message at the top: its figures are part of what was shown.
        kuota = self.kuota_terlampaui
        isi.append([kuota.jumlah, kuota.kuota, kuota.sisa] if kuota else None)
        return hashlib.sha256(json.dumps(isi, ensure_ascii=False).encode()).hexdigest()

    def ringkasan(self) -> dict:
        return {
            "baru": self.jumlah_baru,
            "lama": self.jumlah_lama,
            "terdaftar": self.jumlah_terdaftar,
            "galat": self.jumlah_galat,
            "diperbarui": self.jumlah_diperbarui,
            "belum_lengkap": self.jumlah_belum_lengkap,
        }


def _label(kolom: str) -> str:
    return str(Peserta._meta.get_field(kolom).verbose_name).capitalize()


def _nilai_python(kolom: str, nilai: Any, ref: Referensi) -> Any:
    """Turn a stored record value into the model attribute value (FKs as reference objects)."""
    if nilai is None:
        return None
    if kolom == "pangkat":
        return ref.pangkat[nilai]
    if kolom == "provinsi":
        return ref.provinsi[nilai]
    if kolom == "kabupaten_kota":
        return ref.kabupaten_kota[nilai]
    if kolom == "tanggal_lahir":
        return date.fromisoformat(nilai)
    return nilai


def _nilai_peserta(peserta: Peserta, kolom: str, ref: Referensi) -> Any:
    """Return a person's current value of a field; FKs from the reference data, without a query."""
    if kolom in _KOLOM_FK:
        pk = getattr(peserta, f"{kolom}_id")
        return None if pk is None else _nilai_python(kolom, pk, ref)
    return getattr(peserta, kolom)


def tampil_nilai(kolom: str, nilai: Any) -> str:
    """Return a value as the preview shows it."""
    if nilai in (None, ""):
        return "—"
    if kolom == "tanggal_lahir":
        return nilai.strftime("%d-%m-%Y")
    if kolom == "kategori_jabatan":
        return str(KategoriJabatan(nilai).label)
    if kolom == "telepon":
        return format_telepon(nilai)
    if kolom == "provinsi":
        return nilai.nama
    return str(nilai)


def _ada_kolom(kolom_berkas: dict, kolom: str) -> bool:
    if kolom == "tempat_lahir":
        return "tempat_lahir" in kolom_berkas or "ttl" in kolom_berkas
    if kolom == "provinsi":
        return "provinsi" in kolom_berkas or "kabupaten_kota" in kolom_berkas
    return kolom in kolom_berkas


def kolom_tidak_ada(kolom_berkas: dict) -> list[KolomTidakAda]:
    """Say once what the file lacks: a column new people need, then the printed columns that may wait."""
    hasil = []
    if not _ada_kolom(kolom_berkas, "instansi"):
        hasil.append(
            KolomTidakAda(
                wajib=True,
                pesan=_(
                    "Berkas tidak punya kolom %(label)s (mis. “Instansi”, “Unit Kerja”, atau “OPD”), yang wajib "
                    "untuk peserta baru: baris peserta baru tidak dapat diimpor. Tambahkan kolom itu lalu unggah "
                    "lagi; peserta yang sudah tersimpan tetap dapat didaftarkan."
                )
                % {"label": LABEL["instansi"]},
            )
        )
    if not _ada_kolom(kolom_berkas, "provinsi"):
        hasil.append(
            KolomTidakAda(
                wajib=True,
                pesan=_(
                    "Berkas tidak punya kolom Provinsi maupun Kabupaten/Kota, padahal pemda wajib untuk peserta "
                    "baru: baris peserta baru tidak dapat diimpor. Tambahkan kolom Provinsi, atau kolom "
                    "Kabupaten/Kota (provinsinya terbaca dari nama kabupaten/kota), lalu unggah lagi; peserta yang "
                    "sudah tersimpan tetap dapat didaftarkan."
                ),
            )
        )
    boleh_menyusul = [str(LABEL[k]) for k in PESERTA_CETAK if not _ada_kolom(kolom_berkas, k)]
    if boleh_menyusul:
        daftar = (
            boleh_menyusul[0]
            if len(boleh_menyusul) == 1
            else _("%(awal)s dan %(akhir)s") % {"awal": ", ".join(boleh_menyusul[:-1]), "akhir": boleh_menyusul[-1]}
        )
        hasil.append(
            KolomTidakAda(
                wajib=False,
                pesan=_(
                    "Berkas tidak punya kolom %(kolom)s. Peserta baru tetap diimpor, tetapi ditandai belum lengkap: "
                    "lengkapi datanya sebelum sertifikat dibuat."
                )
                % {"kolom": daftar},
            )
        )
    return hasil


def _galat_wajib(kolom_berkas: dict, kolom: str) -> dict:
    if not _ada_kolom(kolom_berkas, kolom):
        # The whole file lacks it: said once above the rows (kolom_tidak_ada); the row only points there.
        label = _("Provinsi atau Kabupaten/Kota") if kolom == "provinsi" else LABEL[kolom]
        pesan = _("Kolom %(label)s tidak ada di berkas (lihat keterangan di atas).") % {"label": label}
        return {"kolom": "", "huruf": "", "pesan": pesan}
    if kolom == "provinsi":
        info = kolom_berkas.get("provinsi") or kolom_berkas["kabupaten_kota"]
        if "provinsi" in kolom_berkas and "kabupaten_kota" in kolom_berkas:
            pesan = _("Provinsi wajib diisi untuk peserta baru, atau Kabupaten/Kota yang menunjukkan provinsinya.")
        elif "provinsi" in kolom_berkas:
            pesan = _("Provinsi wajib diisi untuk peserta baru.")
        else:
            pesan = _(
                "Kabupaten/Kota wajib diisi untuk peserta baru: dari sanalah provinsinya terbaca (berkas ini tidak "
                "punya kolom Provinsi)."
            )
        return {"kolom": info["judul"], "huruf": info["huruf"], "pesan": pesan}
    info = kolom_berkas[kolom]
    pesan = _("%(label)s wajib diisi untuk peserta baru.") % {"label": _label(kolom)}
    return {"kolom": info["judul"], "huruf": info["huruf"], "pesan": pesan}


def _kurang(nilai: dict, peserta: Peserta | None, ref: Referensi) -> list[str]:
    """Return the labels of the printed fields the person lacks once the import is applied."""
    kurang = []
    for kolom in PESERTA_CETAK:
        isi = nilai[kolom] if kolom in nilai else None if peserta is None else _nilai_peserta(peserta, kolom, ref)
        if isi in (None, ""):
            kurang.append(str(Peserta._meta.get_field(kolom).verbose_name))
    return kurang


def rencanakan(
    *, angkatan: Angkatan, rekaman: list[dict], kolom_berkas: dict, ref: Referensi, sisa: int | None = None
) -> Rencana:
    """Plan an import of the records into the angkatan, against the database as it is now.

    ``sisa`` is the number of free places; the confirmation passes the one it read under the angkatan's
    lock, the preview leaves it to be counted here.
    """
    nips = [r["nip"] for r in rekaman if r["nip_sah"] and not r["galat"]]
    ada = Peserta.objects.in_bulk(nips, field_name="nip") if nips else {}
    pendaftaran = {p.peserta_id: p for p in Pendaftaran.objects.filter(angkatan=angkatan)}
    if sisa is None:
        sisa = kuota_sisa(angkatan, terisi=sum(1 for p in pendaftaran.values() if p.status in STATUS_MENGISI_KUOTA))
    terpakai = 0
    hasil = []
    # The row taken for each NIP: the first one the import does not refuse. A refused row does not take it, so a
    # later correct row of the same person is imported, and is never called a repeat of a refused row.
    diambil: dict[str, int] = {}
    for r in rekaman:
        baris = HasilBaris(rekaman=r, aksi=GALAT, galat=list(r["galat"]))
        hasil.append(baris)
        if r["nip_sah"] and r["nip"] in diambil:
            baris.galat.append(_galat_nip_diambil(kolom_berkas, r["nip"], diambil[r["nip"]]))
        if baris.galat:
            continue
        data = r["data"]
        nilai = {k: _nilai_python(k, data[k], ref) for k in KOLOM_PESERTA if k in data}
        peserta = ada.get(r["nip"])
        if peserta is None:
            nilai.setdefault("tanggal_lahir", parse_nip(r["nip"]).tanggal_lahir)
            nilai.setdefault("kategori_jabatan", data.get("kategori_tebakan") or KategoriJabatan.LAINNYA.value)
            nilai.setdefault("kabupaten_kota", None)
            baris.galat = [_galat_wajib(kolom_berkas, k) for k in WAJIB_BARU if nilai.get(k) in (None, "")]
            if baris.galat:
                continue
            baris.aksi = BARU
        else:
            baris.peserta = peserta
            provinsi_baru = nilai.get("provinsi")
            if (
                provinsi_baru is not None
                and "kabupaten_kota" not in nilai
                and peserta.kabupaten_kota_id
                and not peserta.kabupaten_kota_id.startswith(provinsi_baru.kode + ".")
            ):
                # Moved to another province: the stored kab/kota is of the old one.
                nilai["kabupaten_kota"] = None
            for kolom in KOLOM_PESERTA:
                if kolom not in nilai:
                    continue
                lama = _nilai_peserta(peserta, kolom, ref)
                if lama != nilai[kolom]:
                    baris.perubahan.append(
                        Perubahan(kolom, _label(kolom), tampil_nilai(kolom, lama), tampil_nilai(kolom, nilai[kolom]))
                    )
            baris.pendaftaran = pendaftaran.get(peserta.pk)
            baris.aksi = TERDAFTAR if baris.pendaftaran else LAMA
        baris.nilai = nilai
        baris.kurang = _kurang(nilai, peserta, ref)
        if baris.aksi in (BARU, LAMA):
            if terpakai >= sisa:
                baris.aksi = GALAT
                baris.melebihi_kuota = True
                baris.galat = [_galat_kuota()]
                continue
            terpakai += 1
        diambil[r["nip"]] = baris.baris
    return Rencana(baris=hasil, sisa=sisa, kuota=angkatan.kuota, kolom_tidak_ada=kolom_tidak_ada(kolom_berkas))


def _galat_nip_diambil(kolom_berkas: dict, nip: str, baris: int) -> dict:
    info = kolom_berkas.get("nip", {})
    return {
        "kolom": info.get("judul", ""),
        "huruf": info.get("huruf", ""),
        "pesan": _("NIP %(nip)s sudah ada di baris %(baris)s; baris ini dilewati.")
        % {"nip": format_nip(nip), "baris": baris},
    }


def _galat_kuota() -> dict:
    # The kuota, the free places and what to do are said once above the rows (Rencana.kuota_terlampaui).
    return {"kolom": "", "huruf": "", "pesan": _("Melebihi kuota angkatan (lihat keterangan di atas).")}
