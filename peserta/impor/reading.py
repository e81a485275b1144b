"""Read an uploaded XLSX or CSV file into a table: find the header row and the rows of the list.

Official lists put a title block above the table ("DAFTAR USULAN PESERTA …",
merged cells, empty rows), sometimes a row of column numbers under the header,
and a signature block under it ("Mengetahui, Kepala Dinas …, NIP. …"). The
header row is the first one naming at least the NIP and the name; the table
ends at the first row that is empty or is not a row of data, unless a real row
of data (a NIP and a name) follows further down.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import islice

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from openpyxl.utils import get_column_letter

from diklat.angka import angka_tampil
from peserta.impor.values import kosong, kunci, teks
from peserta.impor.xlsx import BATAS_SEL_BARIS, Anggaran, BukuKerja, Rusak, TerlaluBesar

BATAS_UKURAN = 5 * 1024 * 1024
BATAS_BARIS = 5000
BATAS_KOLOM = 60
# The header is looked for in this many rows from the top.
BATAS_CARI_JUDUL = 50
# An XLSX is a zip: refuse one that declares it would unpack to more than this. What really inflates is
# bounded while reading (peserta.impor.xlsx), whatever the zip declares.
BATAS_EKSTRAK = 200 * 1024 * 1024
# Bounds of reading one file, far above any real list (5,000 rows of people, a title above, a signature below)
# and far below what holds a web process: the time by the clock and by the processor (a list of 5,000 people in
# 12 columns takes about 0.3 s of the processor, in 40 columns about 0.7 s; every bomb known is stopped by the
# other bounds well within a second), the
# last row that may hold data, the characters of a cell (Excel's own limit), of all cells read, and the text
# lines of a CSV.
BATAS_WAKTU = 5.0
BATAS_WAKTU_CPU = 2.0
BATAS_NOMOR_BARIS = 10_000
BATAS_PANJANG_SEL = 32_767
BATAS_HURUF = 10_000_000
BATAS_BARIS_CSV = 100_000

# Header synonyms, compared after ``kunci`` (lower case, punctuation as spaces). ``no`` and other known columns
# that the import does not use are recognised so that they are not reported as unknown.
JUDUL: dict[str, tuple[str, ...]] = {
    "nip": ("nip", "nip baru", "no nip", "nomor nip", "nomor induk pegawai", "nip pns", "nip asn"),
    "nama": (
        "nama", "nama lengkap", "nama peserta", "nama pegawai", "nama asn", "nama pns", "nama lengkap dan gelar",
        "nama lengkap gelar", "nama dan gelar", "nama gelar", "nama lengkap beserta gelar", "nama lengkap tanpa gelar",
        "nama tanpa gelar", "nama lengkap dengan gelar",
    ),
    "gelar_depan": ("gelar depan", "gelar dpn"),
    "gelar_belakang": ("gelar belakang", "gelar blk", "gelar blkg"),
    "tempat_lahir": ("tempat lahir", "tmp lahir", "tpt lahir", "tmpt lahir", "tempat lhr", "kota lahir"),
    "tanggal_lahir": ("tanggal lahir", "tgl lahir", "tgl lhr", "tanggal lhr", "tgl lahir", "tanggal kelahiran"),
    "ttl": (
        "tempat tanggal lahir", "tempat tgl lahir", "ttl", "tempat dan tanggal lahir", "tmp tgl lahir",
        "tempat tgl lhr", "tmpt tgl lahir", "tempat lahir tanggal lahir", "tempat lahir tgl lahir",
    ),
    "pangkat": (
        "pangkat", "golongan", "gol", "pangkat gol", "pangkat golongan", "pangkat gol ruang", "pangkat golongan ruang",
        "gol ruang", "golongan ruang", "pangkat dan golongan", "pangkat gol ruang", "pkt gol", "pangkat golru",
        "golru", "pangkat gol rg",
    ),
    "jabatan": ("jabatan", "nama jabatan", "jabatan saat ini", "jabatan sekarang", "jabatan terakhir"),
    "kategori_jabatan": ("kategori jabatan", "kategori", "jenis jabatan", "kelompok jabatan"),
    "instansi": (
        "instansi", "unit kerja", "perangkat daerah", "opd", "skpd", "satuan kerja", "satker", "nama instansi",
        "instansi unit kerja", "unit kerja instansi", "nama opd", "asal instansi", "nama perangkat daerah",
        "unit organisasi", "instansi perangkat daerah", "nama unit kerja", "asal opd", "asal skpd",
    ),
    "kabupaten_kota": (
        "kab kota", "kabupaten kota", "kabupaten", "kota", "kab", "kota kabupaten", "kab kot", "asal kab kota",
        "pemda", "pemerintah daerah", "pemda kab kota", "kabupaten kota asal", "asal kabupaten kota", "kab kota asal",
    ),
    "provinsi": ("provinsi", "prov", "propinsi", "asal provinsi", "provinsi asal"),
    "telepon": (
        "no hp", "nomor hp", "hp", "telepon", "telp", "tlp", "no telp", "no telepon", "nomor telepon", "no tlp",
        "wa", "no wa", "nomor wa", "whatsapp", "no whatsapp", "no hp wa", "hp wa", "no hp whatsapp", "telepon hp",
        "kontak", "no kontak", "handphone", "no handphone", "nomor handphone", "telepon seluler", "ponsel",
        "nomor whatsapp", "no telp hp", "telp hp", "no hp telp", "nomor hp wa",
    ),
    "email": ("email", "e mail", "alamat email", "surel", "alamat e mail", "alamat surel", "email aktif"),
    "_no": ("no", "no urut", "nomor urut", "nomor", "nmr"),
}  # fmt: skip
# Sub-headers under a merged header cell ("Tempat/Tgl Lahir" over "Tempat" | "Tanggal").
SUBJUDUL = {
    "tempat": "tempat_lahir",
    "tanggal": "tanggal_lahir",
    "tgl": "tanggal_lahir",
    "depan": "gelar_depan",
    "belakang": "gelar_belakang",
    "ruang": "pangkat",
}
# The columns whose cells are combined when a file splits them (Pangkat | Gol.).
BOLEH_GANDA = {"pangkat"}
LABEL = {
    "nip": gettext_lazy("NIP"),
    "nama": gettext_lazy("Nama"),
    "gelar_depan": gettext_lazy("Gelar Depan"),
    "gelar_belakang": gettext_lazy("Gelar Belakang"),
    "tempat_lahir": gettext_lazy("Tempat Lahir"),
    "tanggal_lahir": gettext_lazy("Tanggal Lahir"),
    "ttl": gettext_lazy("Tempat, Tanggal Lahir"),
    "pangkat": gettext_lazy("Pangkat/Golongan"),
    "jabatan": gettext_lazy("Jabatan"),
    "kategori_jabatan": gettext_lazy("Kategori Jabatan"),
    "instansi": gettext_lazy("Unit Kerja/Instansi"),
    "kabupaten_kota": gettext_lazy("Kabupaten/Kota"),
    "provinsi": gettext_lazy("Provinsi"),
    "telepon": gettext_lazy("No. HP"),
    "email": gettext_lazy("E-mail"),
}

_SINONIM = {kunci(s): f for f, daftar in JUDUL.items() for s in daftar}
_SINONIM_RAPAT = {k.replace(" ", ""): f for k, f in _SINONIM.items()}
_DALAM_KURUNG = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_DIGIT = re.compile(r"\d")
_NOMOR_KOLOM = re.compile(r"^\(?(\d{1,2})\)?$")
# A header, even with a note in brackets, is short; a longer cell is not compared (it would cost a long
# normalisation for each of the first rows' cells).
_PANJANG_JUDUL = 500


def cocokkan_judul(value: object) -> str | None:
    """Return the field a header cell names (``Pangkat/Gol.`` → ``pangkat``), or None."""
    if not isinstance(value, str) or len(value) > _PANJANG_JUDUL:
        return None
    for calon in (value, _DALAM_KURUNG.sub(" ", value)):
        nilai = kunci(calon)
        if not nilai:
            continue
        if nilai in _SINONIM:
            return _SINONIM[nilai]
        if nilai.replace(" ", "") in _SINONIM_RAPAT:
            return _SINONIM_RAPAT[nilai.replace(" ", "")]
    return None


@dataclass
class Kolom:
    """A column of the file that the import reads: its field, position and header as written."""

    kunci: str
    indeks: int
    judul: str

    @property
    def huruf(self) -> str:
        return get_column_letter(self.indeks + 1)


@dataclass
class Tabel:
    """The rows of the list in a file, with their row numbers as the spreadsheet shows them."""

    jenis: str
    lembar: str
    baris_judul: int
    kolom: list[Kolom]
    diabaikan: list[str] = field(default_factory=list)
    baris: list[tuple[int, tuple]] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)

    def kolom_untuk(self, kunci_kolom: str) -> list[Kolom]:
        return [k for k in self.kolom if k.kunci == kunci_kolom]


def _galat_bukan_spreadsheet(nama: str) -> ValidationError:
    return ValidationError(
        _("Berkas “%(nama)s” bukan spreadsheet yang dapat dibaca. Unggah berkas Excel (.xlsx) atau CSV."),
        code="bukan_spreadsheet",
        params={"nama": nama},
    )


def _galat_terlalu_rumit(nama: str, alasan: str) -> ValidationError:
    return ValidationError(
        _(
            "Berkas “%(nama)s” tidak dibaca karena terlalu besar atau terlalu rumit untuk sebuah daftar peserta: "
            "%(alasan)s. Sebuah daftar peserta cukup berupa satu tabel: satu baris judul, paling banyak %(baris)s "
            "baris peserta, hanya kolom yang diperlukan, dengan isi sel yang pendek (NIP, nama, jabatan, instansi). Salin "
            "tabel pesertanya saja ke buku kerja baru, atau bagi menjadi beberapa berkas, simpan sebagai Excel "
            "(.xlsx) atau CSV, lalu unggah lagi."
        ),
        code="terlalu_rumit",
        params={"nama": nama, "alasan": alasan, "baris": angka_tampil(BATAS_BARIS)},
    )


def baca_berkas(nama: str, isi: bytes) -> Tabel:
    """Read an XLSX or CSV file into a Tabel, or raise ValidationError saying why it cannot be read.

    Whatever the file claims, reading it stays within an ``Anggaran``: a file that would take more time,
    rows, cells or characters than any participant list is refused with the bound it crossed.
    """
    if len(isi) > BATAS_UKURAN:
        raise ValidationError(
            _("Berkas terlalu besar (%(ukuran)s MB); paling besar %(batas)s MB."),
            code="terlalu_besar",
            params={
                "ukuran": angka_tampil(len(isi) / 1024 / 1024, 1),
                "batas": BATAS_UKURAN // 1024 // 1024,
            },
        )
    if not isi.strip():
        raise ValidationError(_("Berkas “%(nama)s” kosong."), code="kosong", params={"nama": nama})
    anggaran = Anggaran(
        detik=BATAS_WAKTU,
        detik_cpu=BATAS_WAKTU_CPU,
        panjang_sel=BATAS_PANJANG_SEL,
        huruf=BATAS_HURUF,
        baris=BATAS_NOMOR_BARIS,
    )
    try:
        if isi.startswith(b"PK\x03\x04"):
            return _baca_xlsx(nama, isi, anggaran)
        if isi.startswith(b"\xd0\xcf\x11\xe0"):
            raise ValidationError(
                _(
                    "Berkas “%(nama)s” berformat Excel 97–2003 (.xls), yang belum dapat dibaca. Buka di Excel, "
                    "simpan sebagai “Excel Workbook (.xlsx)” atau CSV, lalu unggah lagi."
                ),
                code="format_xls",
                params={"nama": nama},
            )
        return _baca_csv(nama, isi, anggaran)
    except TerlaluBesar as galat:
        raise _galat_terlalu_rumit(nama, galat.alasan) from None
    except Rusak:
        raise _galat_bukan_spreadsheet(nama) from None


# XLSX ------------------------------------------------------------------------------------------------------------


def _baca_xlsx(nama: str, isi: bytes, anggaran: Anggaran) -> Tabel:
    buku = BukuKerja(isi, anggaran)
    try:
        berkas = buku.nama_bagian()
        if "xl/workbook.xml" not in berkas:
            if "content.xml" in berkas:
                raise ValidationError(
                    _(
                        "Berkas “%(nama)s” berformat OpenDocument (.ods), yang belum dapat dibaca. Simpan sebagai "
                        ".xlsx atau CSV, lalu unggah lagi."
                    ),
                    code="format_ods",
                    params={"nama": nama},
                )
            raise _galat_bukan_spreadsheet(nama)
        if sum(info.file_size for info in buku.bagian.values()) > BATAS_EKSTRAK:
            # What the zip declares is only used to refuse early; the reading counts what really inflates.
            raise TerlaluBesar(
                _("isinya menyatakan ukuran lebih dari %(batas)s MB setelah dibuka")
                % {"batas": BATAS_EKSTRAK // 1024 // 1024}
            )
        buku.muat()
        # Formulas are read as formulas (=...), not as the value Excel last cached: a name or NIP
        # computed by a formula is then refused as a formula, never taken as an empty cell.
        ada_isi = False
        galat_judul = None
        for judul, bagian in buku.lembar_terlihat():
            # Empty-looking text comes as None; numbers, dates and text are kept as read, so that a NIP cell
            # that Excel turned into a number can be told apart from one typed as text.
            try:
                return _susun_tabel("xlsx", judul, buku.baris(judul, bagian, BATAS_KOLOM))
            except ValidationError as galat:
                if galat.code == "kosong":
                    continue
                ada_isi = True
                if galat.code != "judul_tidak_ditemukan":
                    raise
                galat_judul = galat_judul or galat
        if ada_isi and galat_judul:
            raise galat_judul
        raise ValidationError(
            _("Berkas “%(nama)s” kosong: tidak ada data di lembar mana pun."), code="kosong", params={"nama": nama}
        )
    finally:
        buku.close()


# CSV -------------------------------------------------------------------------------------------------------------


def _dekode(nama: str, isi: bytes) -> str:
    if isi.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode Text" is UTF-16.
        return isi.decode("utf-16")
    kepala = isi[:4096]
    if b"\x00" in kepala or kepala.startswith(b"%PDF") or kepala.lstrip()[:1] == b"<":
        raise _galat_bukan_spreadsheet(nama)
    try:
        return isi.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's "CSV (Comma delimited)" writes the Windows code page, not UTF-8.
        return isi.decode("cp1252", errors="replace")


def _baca_csv(nama: str, isi: bytes, anggaran: Anggaran) -> Tabel:
    isi_teks = _dekode(nama, isi)
    if sum(1 for c in isi_teks[:4096] if ord(c) < 32 and c not in "\r\n\t") > 8:
        raise _galat_bukan_spreadsheet(nama)
    # Counted before parsing, at the speed of str.count: a file of nothing but line breaks is millions of rows.
    jumlah_baris = isi_teks.count("\n") + isi_teks.count("\r") - isi_teks.count("\r\n")
    if jumlah_baris > BATAS_BARIS_CSV:
        raise TerlaluBesar(
            _("berkasnya berisi %(jumlah)s baris teks, lebih dari %(batas)s")
            % {"jumlah": angka_tampil(jumlah_baris), "batas": angka_tampil(BATAS_BARIS_CSV)}
        )
    # Excel reads (and hides) a first line "sep=;" that names the separator.
    pemisah_tetap = None
    if cocok := re.match(r"^sep=(.)\r?\n", isi_teks):
        pemisah_tetap = cocok[1]
        isi_teks = isi_teks[cocok.end() :]
    if not isi_teks.strip():
        raise ValidationError(_("Berkas “%(nama)s” kosong."), code="kosong", params={"nama": nama})

    def baris(pemisah: str, batas: int | None = None) -> Iterator[tuple[int, tuple]]:
        pembaca = csv.reader(io.StringIO(isi_teks, newline=""), delimiter=pemisah)
        for nomor, sel in enumerate(islice(_rekaman_csv(pembaca, anggaran), batas), start=1):
            _pastikan_rekaman_wajar(nomor, sel, anggaran)
            yield nomor, tuple(s if s.strip() else None for s in sel[:BATAS_KOLOM])

    # Indonesian Excel separates with semicolons (the comma is the decimal mark); others with commas or tabs.
    # The separator is the one under which a header row is found with the most known columns.
    terbaik, galat_pertama = None, None
    for pemisah in [pemisah_tetap] if pemisah_tetap else [";", ",", "\t", "|"]:
        try:
            judul = _cari_judul(baris(pemisah, BATAS_CARI_JUDUL))
        except (ValidationError, csv.Error) as galat:
            galat_pertama = galat_pertama or galat
            continue
        if terbaik is None or len(judul[1]) > len(terbaik[1][1]):
            terbaik = (pemisah, judul)
    if terbaik is None:
        if isinstance(galat_pertama, ValidationError):
            raise galat_pertama
        raise _galat_bukan_spreadsheet(nama)
    try:
        return _susun_tabel("csv", "", baris(terbaik[0]))
    except csv.Error:
        raise _galat_bukan_spreadsheet(nama) from None


def _rekaman_csv(pembaca: Iterator[list[str]], anggaran: Anggaran) -> Iterator[list[str]]:
    """Yield the records of a CSV reader, saying a field over the csv module's own limit is too long."""
    nomor = 0
    while True:
        nomor += 1
        try:
            sel = next(pembaca)
        except StopIteration:
            return
        except csv.Error as galat:
            if "field larger than field limit" in str(galat):
                raise TerlaluBesar(_panjang_sel_csv(nomor, anggaran)) from None
            raise
        if nomor % 1024 == 0:
            anggaran.pastikan_waktu_cukup()
        yield sel


def _panjang_sel_csv(nomor: int, anggaran: Anggaran) -> str:
    return _("sebuah sel di baris %(baris)s berisi lebih dari %(batas)s karakter") % {
        "baris": angka_tampil(nomor),
        "batas": angka_tampil(anggaran.panjang_sel),
    }


def _pastikan_rekaman_wajar(nomor: int, sel: list[str], anggaran: Anggaran) -> None:
    """Refuse a CSV record wider, longer or lower than any participant list has."""
    if len(sel) > BATAS_SEL_BARIS:
        raise TerlaluBesar(
            _("baris %(baris)s berisi lebih dari %(batas)s kolom")
            % {"baris": angka_tampil(nomor), "batas": angka_tampil(BATAS_SEL_BARIS)}
        )
    panjang = 0
    for s in sel:
        if len(s) > anggaran.panjang_sel:
            raise TerlaluBesar(_panjang_sel_csv(nomor, anggaran))
        panjang += len(s)
    if panjang and nomor > anggaran.baris and any(s.strip() for s in sel):
        raise TerlaluBesar(_("berkasnya berisi data sampai baris %(baris)s") % {"baris": angka_tampil(nomor)})
    anggaran.pakai_huruf(sum(len(s) for s in sel[:BATAS_KOLOM]))


# The table -------------------------------------------------------------------------------------------------------


def _cari_judul(baris: Iterable[tuple[int, tuple]]) -> tuple[int, dict[int, str], tuple]:
    """Find the header row: the first naming the NIP and the name. Return its number, its mapping and its cells."""
    terbaca, separuh = [], None
    for nomor, sel in baris:
        terbaca.append((nomor, sel))
        peta = {i: f for i, v in enumerate(sel) if (f := cocokkan_judul(v))}
        ditemukan = set(peta.values())
        if {"nip", "nama"} <= ditemukan:
            return nomor, peta, sel
        if separuh is None and len(ditemukan - {"_no"}) >= 2:
            separuh = (nomor, ditemukan)
    if not any(any(v is not None for v in sel) for _, sel in terbaca):
        raise ValidationError(_("Berkas kosong."), code="kosong")
    if separuh:
        kurang = [str(LABEL[f]) for f in ("nip", "nama") if f not in separuh[1]]
        raise ValidationError(
            _(
                "Kolom %(kolom)s tidak ditemukan pada baris judul (baris %(baris)s). Baris judul harus memuat "
                "kolom NIP dan Nama."
            ),
            code="judul_tidak_ditemukan",
            params={"kolom": _(" dan ").join(kurang), "baris": separuh[0]},
        )
    raise ValidationError(
        _(
            "Baris judul kolom tidak ditemukan. Daftar harus punya satu baris judul yang memuat sedikitnya "
            "kolom NIP dan Nama (mis. “NIP”, “Nama Lengkap”, “Pangkat/Gol.”). Unduh templat untuk contohnya."
        ),
        code="judul_tidak_ditemukan",
    )


def _mirip_nip(value: object) -> bool:
    """Return whether a cell may be a NIP: a number, or text with ten digits or more, "NIP. 1966…" included.

    A signer's "NIP. …" line under the table has no name beside it, so it is not taken for a participant.
    """
    if value is None:
        return False
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return True
    if isinstance(value, (date, datetime)):
        return False
    # Only the digits count, so a "NIP. " label before them changes nothing.
    nilai = teks(value)
    return len(_DIGIT.findall(nilai)) >= 10 or bool(re.search(r"\d[eE]\+?\d", nilai))


def _baris_nomor_kolom(sel: tuple) -> bool:
    """Return whether a row only numbers the columns: 1, 2, 3 … (or (1), (2), (3) …)."""
    angka = []
    for v in sel:
        if v is None:
            continue
        if isinstance(v, (int, float)) and not isinstance(v, bool) and float(v).is_integer():
            angka.append(int(v))
        elif isinstance(v, str) and (cocok := _NOMOR_KOLOM.match(v.strip())):
            angka.append(int(cocok[1]))
        else:
            return False
    return (
        len(angka) >= 2
        and angka[-1] <= BATAS_KOLOM
        and all(b == a + 1 for a, b in zip(angka, angka[1:], strict=False))
    )


def _subjudul(sel: tuple, peta: dict[int, str]) -> dict[int, str] | None:
    """Return the mapping of a sub-header row (``Tempat`` | ``Tanggal`` under a merged header), or None."""
    isi = [(i, v) for i, v in enumerate(sel) if v is not None]
    if not isi or any(not isinstance(v, str) or _mirip_nip(v) for _, v in isi):
        return None
    sub = {}
    for i, v in isi:
        f = cocokkan_judul(v) or SUBJUDUL.get(kunci(v))
        if f is None:
            return None
        sub[i] = f
    return sub


def _susun_tabel(jenis: str, lembar: str, baris: Iterator[tuple[int, tuple]]) -> Tabel:
    nomor_judul, peta, sel_judul = _cari_judul(islice(baris, BATAS_CARI_JUDUL))
    judul = {i: teks(v) for i, v in enumerate(sel_judul) if v is not None}
    # The rows after the header are still unread in ``baris``: islice stopped at the header.
    berikut = baris

    # A sub-header row under merged header cells refines the columns above it.
    pertama = next(berikut, None)
    if pertama is not None and (sub := _subjudul(pertama[1], peta)):
        for i, f in sub.items():
            induk = next((judul[j] for j in range(i, -1, -1) if j in judul), "")
            peta[i] = f
            judul[i] = (
                f"{induk} – {teks(pertama[1][i])}" if induk and induk != teks(pertama[1][i]) else teks(pertama[1][i])
            )
        pertama = next(berikut, None)
    if pertama is not None and _baris_nomor_kolom(pertama[1]):
        pertama = next(berikut, None)

    kolom, diabaikan, dipakai = [], [], set()
    for i in sorted(judul):
        f = peta.get(i)
        if f == "_no":
            continue
        if f is None or (f in dipakai and f not in BOLEH_GANDA):
            diabaikan.append(judul[i])
            continue
        dipakai.add(f)
        kolom.append(Kolom(kunci=f, indeks=i, judul=judul[i]))
    tabel = Tabel(jenis=jenis, lembar=lembar, baris_judul=nomor_judul, kolom=kolom, diabaikan=diabaikan)

    i_nip = next(k.indeks for k in kolom if k.kunci == "nip")
    i_nama = next(k.indeks for k in kolom if k.kunci == "nama")
    terpetakan = [k.indeks for k in kolom]
    di_tabel = True
    lewat = []
    baris_data = _gabung([pertama], berikut) if pertama is not None else iter(())
    for nomor, sel in baris_data:
        ambil = [sel[i] if i < len(sel) else None for i in terpetakan]
        terisi = sum(1 for v in ambil if v is not None and not kosong(v))
        nip = sel[i_nip] if i_nip < len(sel) else None
        nama = sel[i_nama] if i_nama < len(sel) else None
        kuat = _mirip_nip(nip) and nama is not None and not kosong(nama)
        lemah = _mirip_nip(nip) or terisi >= 3
        if kuat or (di_tabel and lemah):
            di_tabel = True
            tabel.baris.append((nomor, sel))
            if len(tabel.baris) > BATAS_BARIS:
                raise ValidationError(
                    _("Berkas berisi lebih dari %(batas)s baris data; bagi menjadi beberapa berkas."),
                    code="terlalu_banyak_baris",
                    params={"batas": angka_tampil(BATAS_BARIS)},
                )
        else:
            # An empty row, a group label or the signature block: what follows is read only if it is
            # clearly a row of data again.
            di_tabel = False
            if tabel.baris and any(v is not None for v in sel):
                lewat.append(nomor)
    if lewat and tabel.baris:
        lewat_sesudah = [n for n in lewat if n > tabel.baris[0][0]]
        if lewat_sesudah:
            tabel.catatan.append(
                ngettext(
                    "%(jumlah)s baris di bawah atau di sela tabel tanpa NIP dan nama (mis. blok tanda tangan, "
                    "baris %(contoh)s) tidak dibaca.",
                    "%(jumlah)s baris di bawah atau di sela tabel tanpa NIP dan nama (mis. blok tanda tangan, "
                    "baris %(contoh)s) tidak dibaca.",
                    len(lewat_sesudah),
                )
                % {"jumlah": len(lewat_sesudah), "contoh": ", ".join(str(n) for n in lewat_sesudah[:3])}
            )
    return tabel


def _gabung(*sumber: Iterable) -> Iterator:
    for s in sumber:
        yield from s
