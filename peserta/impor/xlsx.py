"""Read the rows of an XLSX workbook as openpyxl's read-only mode does, within bounds no participant list reaches.

openpyxl trusts what a file holds: it loads every shared string when it opens a
workbook, parses a whole row before yielding it, and reads a part for as long as
it inflates. A crafted file of a few hundred KB then held a web process for a
minute and took gigabytes. This reader reads the parts openpyxl reads for us
(content types, workbook, its relations, styles, shared strings, worksheets) and
gives the same values (it borrows openpyxl's conversions of numbers, dates and
formulas), but within an ``Anggaran``:

- each part is first inflated and measured at the speed of zlib, without being
  kept: its bytes and its tags (a count of ``<``, more than the parser can meet),
  for the part and with what was read before; only then is it parsed, as a stream;
- while parsing: the nesting, the rows of a sheet (empty ones too), the cells of a row, the characters of a
  cell and of all cells kept, of the shared formulas moved, the last row with data, and the time.

The first bound crossed stops the reading with ``TerlaluBesar``; a file it cannot
make sense of raises ``Rusak``. What a file declares is not trusted: sizes in the
zip only refuse early (zipfile never inflates a part past its declared size, and
this reader counts what does), and a sheet's ``<dimension>`` is not read at all (a
sheet formatted far below its table declares a large one honestly; a bomb lies).
"""

from __future__ import annotations

import io
import posixpath
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pyexpat import ExpatError, ParserCreate

from django.utils.translation import gettext as _
from openpyxl.formula.translate import Translator
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.cell import column_index_from_string
from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH, from_excel, from_ISO8601
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from diklat.angka import angka_tampil

# A workbook holds a few dozen parts and sheets; Excel itself has 16,384 columns.
BATAS_ENTRI = 1000
BATAS_LEMBAR = 100
BATAS_SEL_BARIS = 16_384
BATAS_KEDALAMAN = 64
# Rows a sheet may hold, empty ones included: ten times the last row a list may have data in. A sheet formatted
# far below its table keeps a row for each formatted row; a million of them, declared with the whole grid as the
# sheet's dimension (A1:XFD1048576), is a bomb that otherwise costs a second of parsing to find nothing.
BATAS_ELEMEN_BARIS = 100_000
# Bytes a part may inflate to, by kind, and all parts read together.
BATAS_BYTE_LEMBAR = 32 * 1024 * 1024
BATAS_BYTE_TEKS = 16 * 1024 * 1024
BATAS_BYTE_GAYA = 8 * 1024 * 1024
BATAS_BYTE_LAIN = 2 * 1024 * 1024
BATAS_BYTE_TOTAL = 64 * 1024 * 1024
# Tags in all parts read together: what bounds the work of the parser (each costs about half a microsecond). A
# list of 5,000 people in 12 columns has about 250,000 when Excel writes it (four a cell, four a distinct text)
# and 360,000 when openpyxl does (six a cell of text); 5,000 people in 40 columns of text, about 1,200,000 (read
# in about 0.7 s of the processor). The bound is what a crafted file can make the parser do before it is refused.
BATAS_TANDA = 1_300_000
# Characters of shared formulas tokenised and moved to other cells (openpyxl's Translator, about a microsecond
# each): a numbering column "=A5+1" filled down 5,000 rows is 30,000.
BATAS_HURUF_RUMUS = 200_000
_POTONGAN = 64 * 1024

_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main "
_NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships "
_NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships "
_NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types "
_BARIS, _NILAI, _RUMUS, _TEKS_SEL, _TEKS, _NS_T, _NS_R = (_NS + n for n in ("row", "v", "f", "is", "si", "t", "r"))
_JENIS_BUKU = (
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
)
_JENIS_TEKS_BERSAMA = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_ANGKA = "0123456789"


class TerlaluBesar(Exception):
    """The file crosses a bound; ``alasan`` says which, in the site's language."""

    def __init__(self, alasan: str):
        super().__init__(alasan)
        self.alasan = alasan


class Rusak(Exception):
    """The file is not a workbook this reader can make sense of."""


@dataclass
class Anggaran:
    """What reading one file may use, and what it has used so far.

    Time is bounded twice: by the clock, and by the processor time of the thread, which a busy server does not
    stretch; a real list uses a small part of either.
    """

    detik: float
    detik_cpu: float
    panjang_sel: int
    huruf: int
    baris: int
    mulai: float = field(default_factory=time.monotonic)
    mulai_cpu: float = field(default_factory=time.thread_time)
    huruf_terpakai: int = 0
    byte_terpakai: int = 0
    tanda_terpakai: int = 0
    rumus_terpakai: int = 0

    def pastikan_waktu_cukup(self) -> None:
        if time.monotonic() - self.mulai > self.detik:
            raise self._galat_waktu(self.detik)
        if time.thread_time() - self.mulai_cpu > self.detik_cpu:
            raise self._galat_waktu(self.detik_cpu)

    @staticmethod
    def _galat_waktu(detik: float) -> TerlaluBesar:
        return TerlaluBesar(_("membacanya memakan lebih dari %(detik)s detik") % {"detik": angka_tampil(detik)})

    def pakai_rumus(self, jumlah: int) -> None:
        self.rumus_terpakai += jumlah
        if self.rumus_terpakai > BATAS_HURUF_RUMUS:
            raise TerlaluBesar(
                _("rumus bersamanya akan menyalin lebih dari %(batas)s karakter ke sel lain")
                % {"batas": angka_tampil(BATAS_HURUF_RUMUS)}
            )
        self.pastikan_waktu_cukup()

    def pakai_huruf(self, jumlah: int) -> None:
        self.huruf_terpakai += jumlah
        if self.huruf_terpakai > self.huruf:
            raise TerlaluBesar(
                _("sel-selnya berisi lebih dari %(batas)s karakter seluruhnya") % {"batas": angka_tampil(self.huruf)}
            )


def _tolak_dtd(*args) -> None:
    # OOXML parts never declare a DTD; the entities of one are how an XML bomb multiplies its text.
    raise Rusak("DTD")


def _pengurai(mulai: Callable, akhir: Callable, teks: Callable | None = None):
    pengurai = ParserCreate(namespace_separator=" ")
    pengurai.buffer_text = True
    pengurai.buffer_size = _POTONGAN
    pengurai.StartDoctypeDeclHandler = _tolak_dtd
    pengurai.EntityDeclHandler = _tolak_dtd
    pengurai.StartElementHandler = mulai
    pengurai.EndElementHandler = akhir
    if teks is not None:
        pengurai.CharacterDataHandler = teks
    return pengurai


def _lokal(nama: str) -> str:
    return nama.rpartition(" ")[2]


def _galat_kedalaman() -> TerlaluBesar:
    return TerlaluBesar(_("susunan XML-nya bertingkat lebih dari %(batas)s lapis") % {"batas": BATAS_KEDALAMAN})


def _galat_panjang(tempat: str, batas: int) -> TerlaluBesar:
    return TerlaluBesar(
        _("%(tempat)s berisi lebih dari %(batas)s karakter, lebih dari yang dapat ditampung sel Excel")
        % {"tempat": tempat, "batas": angka_tampil(batas)}
    )


def _lokal_t(nama: str) -> bool:
    # Text.from_tree matches children by local name, whatever their namespace.
    return nama == _NS_T or nama.rpartition(" ")[2] == "t"


def _isi_teks(polos: list[str] | None, runtun: list[list[str] | None]) -> str:
    """Return the text of a <si> or <is> as openpyxl's ``Text.content``: the plain text, then the runs."""
    if not runtun:
        return "".join(polos) if polos else ""
    bagian = ["".join(polos)] if polos is not None else []
    bagian += ["".join(r) for r in runtun if r is not None]
    return "".join(bagian)


class BukuKerja:
    """An XLSX file opened for reading within an ``Anggaran``."""

    def __init__(self, isi: bytes, anggaran: Anggaran):
        self.anggaran = anggaran
        # zipfile makes an object per entry of the central directory when it opens: count them first.
        if isi.count(b"PK\x01\x02") > BATAS_ENTRI:
            raise TerlaluBesar(
                _("berkasnya terdiri atas lebih dari %(batas)s bagian") % {"batas": angka_tampil(BATAS_ENTRI)}
            )
        try:
            self.arsip = zipfile.ZipFile(io.BytesIO(isi))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, KeyError, IndexError):
            raise Rusak("zip") from None
        self.bagian = {info.filename: info for info in self.arsip.infolist()}
        self.epoch = WINDOWS_EPOCH
        self.gaya_tanggal: set[int] = set()
        self.gaya_durasi: set[int] = set()
        self.kolom: dict[str, int] = {}
        self._teks_bersama: list[str] | None = None
        self._letak_teks_bersama: str | None = None
        self._lembar: list[tuple[str, str]] = []

    def close(self) -> None:
        self.arsip.close()

    def nama_bagian(self) -> set[str]:
        return set(self.bagian)

    # Parts -------------------------------------------------------------------------------------------------------

    def _buka(self, info: zipfile.ZipInfo) -> Iterator[bytes]:
        try:
            with self.arsip.open(info) as berkas:
                while potongan := berkas.read(_POTONGAN):
                    yield potongan
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError, ValueError):
            # A damaged part, or one that inflates past its declared size (zipfile stops there and the
            # checksum fails).
            raise Rusak(info.filename) from None

    def _baca(self, nama: str, batas: int) -> Iterator[bytes]:
        """Yield a part in pieces, once it is known to inflate to at most ``batas`` bytes and few enough tags."""
        info = self.bagian.get(nama)
        if info is None:
            raise Rusak(nama)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or info.flag_bits & 0x1:
            # Bzip2 and LZMA inflate a piece without a bound on its size; an encrypted part cannot be read.
            raise Rusak(nama)
        if info.file_size > batas:
            raise self._galat_bagian(nama, batas)
        anggaran = self.anggaran
        ukuran = tanda = 0
        for potongan in self._buka(info):
            ukuran += len(potongan)
            tanda += potongan.count(b"<")
            if ukuran > batas:
                raise self._galat_bagian(nama, batas)
            if anggaran.byte_terpakai + ukuran > BATAS_BYTE_TOTAL:
                raise TerlaluBesar(
                    _("isinya mengembang menjadi lebih dari %(batas)s MB saat dibuka")
                    % {"batas": BATAS_BYTE_TOTAL // 1024 // 1024}
                )
            if anggaran.tanda_terpakai + tanda > BATAS_TANDA:
                raise TerlaluBesar(
                    _("isinya terdiri atas lebih dari %(batas)s unsur (sel, baris, teks)")
                    % {"batas": angka_tampil(BATAS_TANDA)}
                )
            anggaran.pastikan_waktu_cukup()
        # What the parser is given is counted as it is given: a sheet left after its first rows (no header
        # there) costs only those rows.
        for potongan in self._buka(info):
            anggaran.byte_terpakai += len(potongan)
            anggaran.tanda_terpakai += potongan.count(b"<")
            yield potongan

    @staticmethod
    def _galat_bagian(nama: str, batas: int) -> TerlaluBesar:
        return TerlaluBesar(
            _("bagian “%(bagian)s” di dalamnya mengembang menjadi lebih dari %(batas)s MB saat dibuka")
            % {"bagian": nama, "batas": batas // 1024 // 1024}
        )

    def _urai(self, pengurai, nama: str, batas: int) -> None:
        try:
            for potongan in self._baca(nama, batas):
                pengurai.Parse(potongan, False)
                self.anggaran.pastikan_waktu_cukup()
            pengurai.Parse(b"", True)
        except ExpatError:
            raise Rusak(nama) from None

    def _urai_kecil(self, nama: str, batas: int, mulai: Callable) -> None:
        """Parse a part of which only the start tags matter, with a handler given (name, attributes, depth)."""
        kedalaman = 0

        def _mulai(nama_unsur, atribut):
            nonlocal kedalaman
            kedalaman += 1
            if kedalaman > BATAS_KEDALAMAN:
                raise _galat_kedalaman()
            mulai(nama_unsur, atribut, kedalaman)

        def _akhir(nama_unsur):
            nonlocal kedalaman
            kedalaman -= 1

        self._urai(_pengurai(_mulai, _akhir), nama, batas)

    # The workbook ------------------------------------------------------------------------------------------------

    def muat(self) -> None:
        """Read the workbook's sheets, its date system and which styles show dates, as openpyxl does."""
        try:
            self._muat()
        except (TerlaluBesar, Rusak):
            raise
        except Exception:  # a missing attribute, a relation that is not there: all mean "cannot read it".
            raise Rusak("workbook") from None

    def _muat(self) -> None:
        timpa, bawaan = [], set()

        def mulai_jenis(nama, atribut, kedalaman):
            if nama == _NS_CT + "Override":
                timpa.append((atribut.get("PartName", ""), atribut.get("ContentType")))
            elif nama == _NS_CT + "Default":
                bawaan.add(atribut.get("ContentType"))

        self._urai_kecil("[Content_Types].xml", BATAS_BYTE_LAIN, mulai_jenis)
        buku = next((p for jenis in _JENIS_BUKU for p, j in timpa if j == jenis), None)
        if buku is None:
            if not bawaan & set(_JENIS_BUKU):
                raise Rusak("workbook")
            buku = "/xl/workbook.xml"
        buku = buku[1:]
        self._letak_teks_bersama = next((p[1:] for p, j in timpa if j == _JENIS_TEKS_BERSAMA), None)

        lembar, tanggal_1904 = [], False

        def mulai_buku(nama, atribut, kedalaman):
            nonlocal tanggal_1904
            if nama == _NS + "workbookPr" and kedalaman == 2:
                nilai = atribut.get("date1904")
                tanggal_1904 = bool(nilai) and nilai not in ("false", "f", "0")
            elif nama == _NS + "sheet" and kedalaman == 3:
                if len(lembar) >= BATAS_LEMBAR:
                    raise TerlaluBesar(
                        _("buku kerjanya berisi lebih dari %(batas)s lembar") % {"batas": angka_tampil(BATAS_LEMBAR)}
                    )
                keadaan = atribut.get("state", "visible")
                if keadaan not in ("visible", "hidden", "veryHidden"):
                    raise Rusak("state")
                lembar.append((atribut.get("name", ""), keadaan, atribut.get(_NS_REL + "id")))

        self._urai_kecil(buku, BATAS_BYTE_LAIN, mulai_buku)
        if tanggal_1904:
            self.epoch = CALENDAR_MAC_1904

        folder, berkas = posixpath.split(buku)
        letak_relasi = posixpath.join(folder, "_rels", f"{berkas}.rels")
        # As openpyxl's get_dependents: a relative target is relative to the folder above the _rels folder.
        induk_relasi = posixpath.split(posixpath.dirname(letak_relasi))[0]
        relasi = {}

        def mulai_relasi(nama, atribut, kedalaman):
            if nama == _NS_PKG_REL + "Relationship":
                target = atribut.get("Target", "")
                if atribut.get("TargetMode") != "External":
                    if target.startswith("/"):
                        target = target[1:]
                    else:
                        target = posixpath.normpath(posixpath.join(induk_relasi, target))
                relasi[atribut.get("Id")] = (atribut.get("Type", ""), target)

        self._urai_kecil(letak_relasi, BATAS_BYTE_LAIN, mulai_relasi)
        for judul, keadaan, rid in lembar:
            if not rid:
                continue
            jenis, target = relasi[rid]
            if target not in self.bagian or "chartsheet" in jenis:
                continue
            if keadaan == "visible":
                self._lembar.append((judul, target))
        self._muat_gaya()

    def _muat_gaya(self) -> None:
        # Which cell styles show a number as a date (or a duration): openpyxl reads such numbers as dates.
        if "xl/styles.xml" not in self.bagian:
            return
        format_khusus: dict[int, str] = {}
        gaya: list[int] = []
        induk = [""] * (BATAS_KEDALAMAN + 2)

        def mulai(nama, atribut, kedalaman):
            induk[kedalaman] = nama
            if kedalaman == 3 and nama == _NS + "numFmt" and induk[2] == _NS + "numFmts":
                format_khusus[int(atribut["numFmtId"])] = atribut.get("formatCode")
            elif kedalaman == 3 and nama == _NS + "xf" and induk[2] == _NS + "cellXfs":
                gaya.append(int(atribut.get("numFmtId", 0)))

        self._urai_kecil("xl/styles.xml", BATAS_BYTE_GAYA, mulai)
        jenis: dict[int, tuple[bool, bool]] = {}
        for indeks, nomor in enumerate(gaya):
            if nomor not in jenis:
                kode = format_khusus[nomor] if nomor in format_khusus else BUILTIN_FORMATS.get(nomor)
                jenis[nomor] = (is_date_format(kode), is_timedelta_format(kode))
            tanggal, durasi = jenis[nomor]
            if tanggal:
                self.gaya_tanggal.add(indeks)
            if durasi:
                self.gaya_durasi.add(indeks)

    def lembar_terlihat(self) -> list[tuple[str, str]]:
        """Return the title and part of each visible worksheet, in the workbook's order."""
        return list(self._lembar)

    def _muat_teks_bersama(self) -> list[str]:
        if self._teks_bersama is not None:
            return self._teks_bersama
        daftar: list[str] = []
        self._teks_bersama = daftar
        if self._letak_teks_bersama is None or self._letak_teks_bersama not in self.bagian:
            return daftar
        batas = self.anggaran.panjang_sel
        kedalaman = 0
        di_si = di_r = False
        # As openpyxl's Text.content: the plain <t>, then the <t> of each run; phonetic runs are left out.
        polos: list[str] | None = None
        runtun: list[list[str] | None] = []
        tujuan: list[str] | None = None
        panjang = 0

        def mulai(nama, atribut):
            nonlocal kedalaman, di_si, di_r, polos, runtun, tujuan, panjang
            kedalaman += 1
            tujuan = None
            if kedalaman == 3:
                di_r = False
                if di_si:
                    if _lokal_t(nama):
                        polos = tujuan = []
                    elif nama == _NS_R or _lokal(nama) == "r":
                        runtun.append(None)
                        di_r = True
            elif kedalaman == 2:
                if nama == _TEKS:
                    di_si, polos, runtun, panjang = True, None, [], 0
            elif kedalaman == 4:
                if di_r and _lokal_t(nama):
                    runtun[-1] = tujuan = []
            elif kedalaman > BATAS_KEDALAMAN:
                raise _galat_kedalaman()

        def akhir(nama):
            nonlocal kedalaman, di_si, tujuan
            tujuan = None
            if kedalaman == 2 and di_si:
                daftar.append(_isi_teks(polos, runtun).replace("x005F_", ""))
                di_si = False
            kedalaman -= 1

        def teks(data):
            nonlocal panjang
            if tujuan is not None:
                panjang += len(data)
                if panjang > batas:
                    raise _galat_panjang(
                        _("teks bersama ke-%(nomor)s") % {"nomor": angka_tampil(len(daftar) + 1)}, batas
                    )
                tujuan.append(data)

        self._urai(_pengurai(mulai, akhir, teks), self._letak_teks_bersama, BATAS_BYTE_TEKS)
        return daftar

    # A worksheet -------------------------------------------------------------------------------------------------

    def baris(self, judul: str, bagian: str, maks_kolom: int) -> Iterator[tuple[int, tuple]]:
        """Yield (row number, values of the first ``maks_kolom`` columns) as openpyxl's ``iter_rows`` would.

        Text that is empty or only spaces is None. Rows without a value are yielded only when a row with a
        value follows, so a sheet formatted far below its table costs no rows; a value below row
        ``Anggaran.baris`` stops the reading.
        """
        kosong = (None,) * maks_kolom
        terakhir = 0
        try:
            selesai: list[tuple[int, tuple]] = []
            pengurai = _pengurai_lembar(self, judul, maks_kolom, self._muat_teks_bersama(), selesai)
            for potongan in self._baca(bagian, BATAS_BYTE_LEMBAR):
                pengurai.Parse(potongan, False)
                self.anggaran.pastikan_waktu_cukup()
                for nomor, nilai in selesai:
                    for sela in range(terakhir + 1, nomor):
                        yield sela, kosong
                    yield nomor, nilai
                    terakhir = nomor
                selesai.clear()
            pengurai.Parse(b"", True)
        except (TerlaluBesar, Rusak):
            raise
        except Exception:
            # Bad XML, a number that is no number, a shared string that is not there, a formula that cannot be
            # moved: openpyxl raised as many kinds of errors, all meaning "cannot read it".
            raise Rusak(bagian) from None
        for nomor, nilai in selesai:
            for sela in range(terakhir + 1, nomor):
                yield sela, kosong
            yield nomor, nilai
            terakhir = nomor


def _angka_sel(nilai: str) -> int | float:
    # As openpyxl's _cast_number.
    if "." in nilai or "E" in nilai or "e" in nilai:
        return float(nilai)
    return int(nilai)


def _nomor_baris(r: str) -> int:
    # As openpyxl's WorkSheetParser.parse_row.
    try:
        return int(r)
    except ValueError:
        nilai = float(r)
        if not nilai.is_integer():
            raise
        return int(nilai)


def _pengurai_lembar(buku: BukuKerja, judul: str, maks_kolom: int, teks_bersama: list[str], selesai: list):
    """Return an expat parser that appends each row with a value to ``selesai``, as openpyxl reads it.

    The handlers are closures over local state: they run for every tag of the sheet.
    """
    anggaran = buku.anggaran
    huruf_kolom = buku.kolom
    gaya_tanggal, gaya_durasi, epoch = buku.gaya_tanggal, buku.gaya_durasi, buku.epoch
    panjang_sel, batas_baris = anggaran.panjang_sel, anggaran.baris
    rumus_bersama: dict[str, tuple[Translator, int]] = {}

    kedalaman = 0
    # openpyxl's counters: the row being read, the column of the last cell, the next row it would give.
    nomor_baris = kolom = 0
    berikut = 1
    dalam_baris = sel_dalam_baris = jumlah_baris = 0
    nilai: list | None = None
    ada_isi = False
    # The open cell: its depth (0 outside), column, reference, type, style; its first <v>, <f> and <is>.
    dalam_sel = sel_kolom = dalam_teks = 0
    sel_ref: str | None = None
    sel_jenis = "n"
    sel_gaya: str | int = 0
    v: list[str] | None = None
    f: list[str] | None = None
    f_atribut: dict | None = None
    ada_teks = di_r = False
    polos: list[str] | None = None
    runtun: list[list[str] | None] = []
    # Where character data goes (ElementTree's .text: the text before an element's first child), and how much.
    tujuan: list[str] | None = None
    panjang = 0

    def mulai(nama, atribut):
        nonlocal \
            kedalaman, \
            tujuan, \
            nomor_baris, \
            kolom, \
            dalam_baris, \
            sel_dalam_baris, \
            jumlah_baris, \
            nilai, \
            ada_isi, \
            dalam_sel
        nonlocal sel_kolom, dalam_teks, sel_ref, sel_jenis, sel_gaya, v, f, f_atribut, ada_teks, di_r, polos, runtun
        nonlocal panjang
        kedalaman += 1
        tujuan = None
        if dalam_sel:
            if kedalaman == dalam_sel + 1:
                if nama == _NILAI:
                    if v is None:
                        v = tujuan = []
                elif nama == _RUMUS:
                    if f_atribut is None:
                        f_atribut, f = atribut, []
                        tujuan = f
                elif nama == _TEKS_SEL and not ada_teks:
                    ada_teks, dalam_teks, polos, runtun = True, kedalaman, None, []
            elif dalam_teks:
                if kedalaman == dalam_teks + 1:
                    di_r = False
                    if _lokal_t(nama):
                        polos = tujuan = []
                    elif nama == _NS_R or _lokal(nama) == "r":
                        runtun.append(None)
                        di_r = True
                elif kedalaman == dalam_teks + 2 and di_r and _lokal_t(nama):
                    runtun[-1] = tujuan = []
        elif dalam_baris:
            if kedalaman == dalam_baris + 1:
                # openpyxl reads every child of a row as a cell.
                sel_dalam_baris += 1
                if sel_dalam_baris > BATAS_SEL_BARIS:
                    raise TerlaluBesar(
                        _("baris %(baris)s di lembar “%(lembar)s” berisi lebih dari %(batas)s sel")
                        % {"baris": angka_tampil(nomor_baris), "lembar": judul, "batas": angka_tampil(BATAS_SEL_BARIS)}
                    )
                ref = atribut.get("r")
                if ref:
                    huruf = ref.rstrip(_ANGKA)
                    if len(huruf) == len(ref):
                        raise ValueError(ref)
                    kolom = huruf_kolom.get(huruf) or huruf_kolom.setdefault(huruf, column_index_from_string(huruf))
                else:
                    kolom += 1
                dalam_sel, sel_kolom, sel_ref = kedalaman, kolom, ref
                sel_jenis = atribut.get("t", "n")
                sel_gaya = atribut.get("s", 0)
                v = f = f_atribut = None
                ada_teks = False
                dalam_teks = panjang = 0
        elif nama == _BARIS:
            jumlah_baris += 1
            if jumlah_baris > BATAS_ELEMEN_BARIS:
                raise TerlaluBesar(
                    _("lembar “%(lembar)s” berisi lebih dari %(batas)s baris, yang kosong ikut terhitung")
                    % {"lembar": judul, "batas": angka_tampil(BATAS_ELEMEN_BARIS)}
                )
            r = atribut.get("r")
            nomor_baris = _nomor_baris(r) if r is not None else nomor_baris + 1
            kolom = sel_dalam_baris = 0
            dalam_baris = kedalaman
            nilai, ada_isi = None, False
        if kedalaman > BATAS_KEDALAMAN:
            raise _galat_kedalaman()

    def isi(data):
        nonlocal panjang
        if tujuan is not None:
            panjang += len(data)
            if panjang > panjang_sel:
                tempat = _("sel %(sel)s di lembar “%(lembar)s”") % {
                    "sel": sel_ref or f"{angka_tampil(nomor_baris)}:{sel_kolom}",
                    "lembar": judul,
                }
                raise _galat_panjang(tempat, panjang_sel)
            tujuan.append(data)

    def akhir(nama):
        nonlocal kedalaman, tujuan, dalam_sel, dalam_teks, dalam_baris
        tujuan = None
        if dalam_sel:
            if kedalaman == dalam_sel:
                dalam_sel = 0
                akhir_sel()
            elif kedalaman == dalam_teks:
                dalam_teks = 0
        elif kedalaman == dalam_baris:
            dalam_baris = 0
            akhir_baris()
        kedalaman -= 1

    def akhir_sel():
        # As openpyxl's WorkSheetParser.parse_cell, for the columns read.
        nonlocal nilai, ada_isi
        dipakai = 0 < sel_kolom <= maks_kolom
        if f_atribut is not None:
            isi_sel = rumus(dipakai)
        elif not dipakai:
            return
        elif sel_jenis == "inlineStr":
            isi_sel = _isi_teks(polos, runtun) if ada_teks else None
        elif v:
            isi_sel = "".join(v)
            if sel_jenis == "s":
                isi_sel = teks_bersama[int(isi_sel)]
            elif sel_jenis == "n":
                isi_sel = _angka_sel(isi_sel)
                gaya = int(sel_gaya) if sel_gaya else sel_gaya
                if gaya in gaya_tanggal:
                    try:
                        isi_sel = from_excel(isi_sel, epoch, timedelta=gaya in gaya_durasi)
                    except (OverflowError, ValueError):
                        isi_sel = "#VALUE!"
            elif sel_jenis == "b":
                isi_sel = bool(int(isi_sel))
            elif sel_jenis == "d":
                isi_sel = from_ISO8601(isi_sel)
        else:
            isi_sel = None
        if not dipakai:
            return
        if isinstance(isi_sel, str):
            if not isi_sel or isi_sel.isspace():
                isi_sel = None
            else:
                # A shared string counts each time it is used: a short file may repeat one long text everywhere.
                anggaran.pakai_huruf(len(isi_sel))
        if isi_sel is None:
            if nilai is not None:
                nilai[sel_kolom - 1] = None
            return
        if nilai is None:
            nilai = [None] * maks_kolom
        nilai[sel_kolom - 1] = isi_sel
        ada_isi = True

    def rumus(dipakai: bool):
        # As openpyxl's WorkSheetParser.parse_formula.
        isi_rumus = "=" + "".join(f) if f else "="
        jenis = f_atribut.get("t")
        if jenis == "shared":
            # The group's first cell is remembered whatever its column: the others are moved from it.
            indeks = f_atribut.get("si")
            if indeks in rumus_bersama:
                if not dipakai:
                    return None
                penerjemah, panjang_rumus = rumus_bersama[indeks]
                anggaran.pakai_rumus(panjang_rumus)
                return penerjemah.translate_formula(sel_ref)
            if isi_rumus != "=":
                anggaran.pakai_rumus(len(isi_rumus))
                rumus_bersama[indeks] = (Translator(isi_rumus, sel_ref), len(isi_rumus))
            return isi_rumus
        if not dipakai:
            return None
        if jenis == "array":
            return ArrayFormula(ref=f_atribut.get("ref"), text=isi_rumus)
        if jenis == "dataTable":
            return DataTableFormula(**{k: w for k, w in f_atribut.items() if " " not in k})
        return isi_rumus

    def akhir_baris():
        nonlocal berikut
        if nomor_baris < berikut:
            # openpyxl skips a row numbered at or below one already read.
            return
        berikut = nomor_baris + 1
        if not ada_isi:
            return
        if nomor_baris > batas_baris:
            raise TerlaluBesar(
                _("lembar “%(lembar)s” berisi data sampai baris %(baris)s")
                % {"lembar": judul, "baris": angka_tampil(nomor_baris)}
            )
        selesai.append((nomor_baris, tuple(nilai)))

    return _pengurai(mulai, akhir, isi)
