"""Turn the rows of a table into records of a person, each with the errors found in it.

A record is plain JSON (it is kept in ``SesiImpor.baris`` between the preview
and the confirmation): the row number as the spreadsheet shows it, the values
to store (only those the file gives: an empty cell keeps what is stored), what
to show in the preview, and for each error the column (its header as written
in the file) and the reason in Indonesian. Nothing here reads people from the
database; ``plan`` does that.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from diklat.angka import angka_tampil
from diklat.models import KabupatenKota, Provinsi
from diklat.nip import Nip, galat_nip_angka, parse_nip
from peserta.impor.reading import LABEL, Kolom, Tabel
from peserta.impor.values import (
    Referensi,
    baca_email,
    baca_kategori,
    baca_tanggal,
    baca_telepon,
    kategori_dari_jabatan,
    kosong,
    pisah_gelar,
    pisah_tempat_tanggal,
    teks,
    teks_terbatas,
)
from peserta.models import Peserta

# The example row of our template: skipped when a file still carries it.
CONTOH_NIP = "198005122005011002"
CONTOH_NAMA = "Budi Santoso"

_PANJANG = {f.name: f.max_length for f in Peserta._meta.concrete_fields if getattr(f, "max_length", None)}


def pesan(galat: ValidationError) -> str:
    """Return the message(s) of a ValidationError as one sentence."""
    return " ".join(galat.messages)


# Errors that mean a spreadsheet has already destroyed the NIP: the cell's value is not shown as a NIP.
KODE_NIP_RUSAK = {"nip_angka", "nip_notasi_ilmiah"}
# Errors whose cure is in the spreadsheet (a NIP column formatted as Number): parse_nip's messages also serve the
# forms, where nothing is uploaded, so the import adds what to do with the file.
KODE_NIP_KOLOM_TEKS = KODE_NIP_RUSAK | {"nip_nomor_urut"}


def saran_kolom_teks() -> str:
    """Return the import's advice for a NIP a spreadsheet kept as a number."""
    return _("Di berkas, format kolom NIP sebagai Teks (Text), ketik ulang NIP lengkap, lalu unggah lagi.")


class _Baris:
    """One row being read: its cells by field, and the errors met so far."""

    def __init__(self, tabel: Tabel, nomor: int, sel: tuple):
        self.tabel, self.nomor, self.sel = tabel, nomor, sel
        self.data: dict[str, Any] = {}
        self.galat: list[dict] = []

    def ambil(self, kunci: str) -> tuple[Kolom | None, object]:
        """Return the first column of a field with something in it, and its value (None when empty)."""
        kolom = self.tabel.kolom_untuk(kunci)
        for k in kolom:
            nilai = self.sel[k.indeks] if k.indeks < len(self.sel) else None
            if nilai is not None and not kosong(nilai):
                return k, nilai
        return (kolom[0] if kolom else None), None

    def tambah_galat(self, kolom: Kolom | None, galat: ValidationError | str, saran: str = "") -> None:
        teks_galat = galat if isinstance(galat, str) else pesan(galat)
        self.galat.append(
            {
                "kolom": kolom.judul if kolom else "",
                "huruf": kolom.huruf if kolom else "",
                "pesan": f"{teks_galat} {saran}" if saran else teks_galat,
                # Read by urai_baris, then dropped: the record keeps column and message only.
                "kode": None if isinstance(galat, str) else getattr(galat, "code", None),
            }
        )


def urai_tabel(tabel: Tabel, ref: Referensi) -> tuple[list[dict], list[str]]:
    """Return a record for each row of the table, and notes for the preview."""
    catatan = list(tabel.catatan)
    catatan_baris = []
    hasil = []
    for nomor, sel in tabel.baris:
        rekaman = urai_baris(tabel, nomor, sel, ref)
        if rekaman["nip"] == CONTOH_NIP and rekaman["data"].get("nama") == CONTOH_NAMA:
            catatan_baris.append(nomor)
            continue
        hasil.append(rekaman)
    if catatan_baris:
        catatan.append(
            _("Baris %(baris)s adalah contoh dari templat dan dilewati.")
            % {"baris": ", ".join(str(n) for n in catatan_baris)}
        )
    hasil, kembar = _satukan_baris_sama(hasil)
    catatan += _catatan_kembar(kembar)
    return hasil, catatan


def _sama(a: dict, b: dict) -> bool:
    """Return whether two records without errors say the same thing once read: the same values and display."""
    return (a["data"], a["tampil"]) == (b["data"], b["tampil"])


def _satukan_baris_sama(hasil: list[dict]) -> tuple[list[dict], list[tuple[int, int]]]:
    """Drop each row identical to an earlier row of the same NIP without errors (a list pasted twice).

    The same person said twice is counted once, with a note, not reported as an error. Only a row without errors
    may stand for a later one: a refused row is never what a later row repeats, so identical rows with an error
    are each refused for it. Which row of a NIP is taken, and the refusal of later different ones, is decided by
    ``plan``, which knows the errors that depend on the database. Return the records kept and the
    (dropped, earlier) row pairs.
    """
    benar: dict[str, list[dict]] = {}
    tetap, kembar = [], []
    for rekaman in hasil:
        if not rekaman["nip_sah"] or rekaman["galat"]:
            tetap.append(rekaman)
            continue
        sebelumnya = benar.setdefault(rekaman["nip"], [])
        sama = next((r for r in sebelumnya if _sama(rekaman, r)), None)
        if sama is None:
            sebelumnya.append(rekaman)
            tetap.append(rekaman)
        else:
            kembar.append((rekaman["baris"], sama["baris"]))
    return tetap, kembar


def _catatan_kembar(kembar: list[tuple[int, int]]) -> list[str]:
    if len(kembar) <= 3:
        return [
            _("Baris %(baris)s sama persis dengan baris %(pertama)s dan dihitung sekali.")
            % {"baris": baris, "pertama": pertama}
            for baris, pertama in kembar
        ]
    contoh = ", ".join(
        _("baris %(baris)s = baris %(pertama)s") % {"baris": baris, "pertama": pertama}
        for baris, pertama in kembar[:5]
    )
    return [
        _(
            "%(jumlah)s baris sama persis dengan baris sebelumnya yang ber-NIP sama, dan masing-masing dihitung "
            "sekali (%(contoh)s%(lanjut)s)."
        )
        % {"jumlah": angka_tampil(len(kembar)), "contoh": contoh, "lanjut": ", …" if len(kembar) > 5 else ""}
    ]


def urai_baris(tabel: Tabel, nomor: int, sel: tuple, ref: Referensi) -> dict:
    """Read one row into a record: the values given, what to show, and the errors with their columns."""
    b = _Baris(tabel, nomor, sel)
    nip = _urai_nip(b)
    _urai_nama(b)
    _urai_lahir(b, nip)
    _urai_teks(b, "jabatan")
    _urai_teks(b, "instansi")
    _urai_pangkat(b, ref)
    _urai_kategori(b)
    provinsi, kabkota = _urai_wilayah(b, ref)
    _urai_kontak(b)

    kolom_nama, nama_asli = b.ambil("nama")
    if "nama" in b.data:
        nama_tampil = f"{b.data.get('gelar_depan', '')} {b.data['nama']}".strip()
        if b.data.get("gelar_belakang"):
            nama_tampil = f"{nama_tampil}, {b.data['gelar_belakang']}"
    else:
        nama_tampil = teks(nama_asli)
    pangkat = ref.pangkat.get(b.data.get("pangkat"))
    # What a spreadsheet made of a NIP is not shown where a NIP would be: it would read as one.
    nip_rusak = any(g.get("kode") in KODE_NIP_RUSAK for g in b.galat)
    for g in b.galat:
        g.pop("kode", None)
    return {
        "baris": nomor,
        "nip": nip.digits if nip else "" if nip_rusak else teks(b.ambil("nip")[1]),
        "nip_sah": nip is not None,
        "nip_rusak": nip_rusak,
        "data": b.data,
        "galat": b.galat,
        "tampil": {
            "nama": nama_tampil,
            "pangkat": str(pangkat) if pangkat else teks(" ".join(teks(v) for v in _semua(b, "pangkat"))),
            "jabatan": b.data.get("jabatan") or teks(b.ambil("jabatan")[1]),
            "instansi": b.data.get("instansi") or teks(b.ambil("instansi")[1]),
            "pemda": (kabkota.nama if kabkota else provinsi.nama if provinsi else "")
            or teks(b.ambil("kabupaten_kota")[1])
            or teks(b.ambil("provinsi")[1]),
        },
    }


def _semua(b: _Baris, kunci: str) -> list:
    return [
        b.sel[k.indeks]
        for k in b.tabel.kolom_untuk(kunci)
        if k.indeks < len(b.sel) and b.sel[k.indeks] is not None and not kosong(b.sel[k.indeks])
    ]


def _urai_nip(b: _Baris) -> Nip | None:
    kolom, nilai = b.ambil("nip")
    if nilai is None:
        b.tambah_galat(kolom, _("NIP wajib diisi."))
        return None
    if b.tabel.jenis == "xlsx" and isinstance(nilai, (int, float)) and not isinstance(nilai, bool):
        # A number cell never holds an 18-digit NIP exactly: Excel keeps 15 significant digits.
        b.tambah_galat(kolom, galat_nip_angka(), saran_kolom_teks())
        return None
    if isinstance(nilai, (date, datetime)):
        b.tambah_galat(kolom, _("NIP berisi tanggal, bukan NIP 18 digit."))
        return None
    try:
        nip = parse_nip(nilai)
    except ValidationError as galat:
        b.tambah_galat(kolom, galat, saran_kolom_teks() if galat.code in KODE_NIP_KOLOM_TEKS else "")
        return None
    b.data["nip"] = nip.digits
    return nip


def _urai_nama(b: _Baris) -> None:
    kolom, nilai = b.ambil("nama")
    if nilai is None:
        b.tambah_galat(kolom, _("Nama wajib diisi."))
        return
    nama = pisah_gelar(nilai)
    bagian = {"nama": nama.nama}
    if nama.ada_gelar:
        # A name cell that carries titles gives both parts: "Dr. Budi Santoso" has no gelar belakang.
        bagian |= {"gelar_depan": nama.gelar_depan, "gelar_belakang": nama.gelar_belakang}
    for kunci in ("gelar_depan", "gelar_belakang"):
        kolom_gelar, gelar = b.ambil(kunci)
        if gelar is not None:
            bagian[kunci] = teks(gelar)
    if not bagian["nama"]:
        b.tambah_galat(kolom, _("Nama “%(nilai)s” hanya berisi gelar.") % {"nilai": teks(nilai)})
        return
    for kunci, isi in bagian.items():
        label = {"nama": _("Nama"), "gelar_depan": _("Gelar depan"), "gelar_belakang": _("Gelar belakang")}[kunci]
        try:
            b.data[kunci] = teks_terbatas(isi, label=label, maks=_PANJANG[kunci])
        except ValidationError as galat:
            b.tambah_galat(b.ambil(kunci)[0] or kolom, galat)


def _urai_lahir(b: _Baris, nip: Nip | None) -> None:
    kolom_ttl, ttl = b.ambil("ttl")
    tempat, tanggal = pisah_tempat_tanggal(ttl) if ttl is not None else ("", None)
    kolom_tempat, kolom_tanggal = kolom_ttl, kolom_ttl
    k, nilai = b.ambil("tempat_lahir")
    if nilai is not None:
        kolom_tempat, tempat = k, teks(nilai)
    k, nilai = b.ambil("tanggal_lahir")
    if nilai is not None:
        kolom_tanggal, tanggal = k, nilai
    if tempat:
        try:
            b.data["tempat_lahir"] = teks_terbatas(tempat, label=_("Tempat lahir"), maks=_PANJANG["tempat_lahir"])
        except ValidationError as galat:
            b.tambah_galat(kolom_tempat, galat)
    if tanggal is None or tanggal == "":
        return
    try:
        tanggal_lahir = baca_tanggal(tanggal)
    except ValidationError as galat:
        b.tambah_galat(kolom_tanggal, galat)
        return
    if nip and nip.tanggal_lahir != tanggal_lahir:
        b.tambah_galat(
            kolom_tanggal,
            _("Tanggal lahir %(tanggal)s tidak sesuai dengan NIP: menurut NIP, tanggal lahirnya %(nip)s.")
            % {"tanggal": tanggal_lahir.strftime("%d-%m-%Y"), "nip": nip.tanggal_lahir.strftime("%d-%m-%Y")},
        )
        return
    b.data["tanggal_lahir"] = tanggal_lahir.isoformat()


def _urai_teks(b: _Baris, kunci: str) -> None:
    kolom, nilai = b.ambil(kunci)
    if nilai is None:
        return
    try:
        b.data[kunci] = teks_terbatas(nilai, label=LABEL[kunci], maks=_PANJANG[kunci])
    except ValidationError as galat:
        b.tambah_galat(kolom, galat)


def _urai_pangkat(b: _Baris, ref: Referensi) -> None:
    nilai = _semua(b, "pangkat")
    if not nilai:
        return
    try:
        b.data["pangkat"] = ref.cari_pangkat(" ".join(teks(v) for v in nilai)).pk
    except ValidationError as galat:
        kolom = next(
            k for k in b.tabel.kolom_untuk("pangkat") if k.indeks < len(b.sel) and b.sel[k.indeks] is not None
        )
        b.tambah_galat(kolom, galat)


def _urai_kategori(b: _Baris) -> None:
    kolom, nilai = b.ambil("kategori_jabatan")
    if nilai is not None:
        try:
            b.data["kategori_jabatan"] = baca_kategori(nilai)
        except ValidationError as galat:
            b.tambah_galat(kolom, galat)
    elif "jabatan" in b.data:
        # Used for new people only: a stored category is not overwritten by a guess.
        b.data["kategori_tebakan"] = kategori_dari_jabatan(b.data["jabatan"])


def _urai_wilayah(b: _Baris, ref: Referensi) -> tuple[Provinsi | None, KabupatenKota | None]:
    kolom_prov, nilai_prov = b.ambil("provinsi")
    kolom_kab, nilai_kab = b.ambil("kabupaten_kota")
    provinsi = kabkota = None
    if nilai_prov is not None:
        try:
            provinsi = ref.cari_provinsi(nilai_prov)
        except ValidationError as galat:
            b.tambah_galat(kolom_prov, galat)
            return None, None
    if nilai_kab is not None:
        provinsi_sendiri = ref.provinsi_dari_teks(nilai_kab)
        if provinsi_sendiri is not None:
            # "Provinsi Jawa Barat" in the kab/kota column: someone of the provincial government.
            if provinsi and provinsi != provinsi_sendiri:
                b.tambah_galat(
                    kolom_kab,
                    _("Kolom ini menyebut %(a)s, tetapi kolom provinsi %(b)s.")
                    % {"a": provinsi_sendiri.nama, "b": provinsi.nama},
                )
                return None, None
            provinsi = provinsi_sendiri
            b.data["kabupaten_kota"] = None
        else:
            try:
                kabkota = ref.cari_kabupaten_kota(nilai_kab, provinsi)
            except ValidationError as galat:
                b.tambah_galat(kolom_kab, galat)
                return provinsi, None
            provinsi = provinsi or kabkota.provinsi
            b.data["kabupaten_kota"] = kabkota.kode
    if provinsi:
        b.data["provinsi"] = provinsi.kode
    return provinsi, kabkota


def _urai_kontak(b: _Baris) -> None:
    kolom, nilai = b.ambil("telepon")
    if nilai is not None:
        try:
            b.data["telepon"] = baca_telepon(nilai)
        except ValidationError as galat:
            b.tambah_galat(kolom, galat)
    kolom, nilai = b.ambil("email")
    if nilai is not None:
        try:
            email = baca_email(nilai)
        except ValidationError as galat:
            b.tambah_galat(kolom, galat)
        else:
            if len(email) > _PANJANG["email"]:
                b.tambah_galat(kolom, _("Alamat e-mail terlalu panjang."))
            else:
                b.data["email"] = email
