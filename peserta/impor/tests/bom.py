"""Hostile spreadsheets for the import's bounds, as an attacker would make them.

An XLSX is written part by part with a hand-made zip, so that a part can lie
about its size and a long repetition is deflated once: a block compressed after
a full flush does not refer to what came before, so its bytes repeated n times
are the block n times. A bomb of hundreds of MB is then a few hundred KB made in
a blink. Used by peserta/impor/tests/test_bom.py and bench/import_bombs.py.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Iterable

NS = (
    'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
MB = 1024 * 1024
# A header row the import recognises, so that a bomb below it is read as a list would be.
JUDUL = (
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>NIP</t></is></c><c r="B1" t="inlineStr"><is><t>Nama</t></is></c></row>'
)

# A piece of a part: bytes, (bytes, n) for the bytes n times, or an iterable of pieces made as they are written.
Potongan = bytes | tuple[bytes, int] | Iterable


def _ratakan(potongan: Iterable) -> Iterable[Potongan]:
    for p in potongan:
        if isinstance(p, (bytes, tuple)):
            yield p
        else:
            yield from p


def kempis(potongan: Iterable[Potongan]) -> tuple[bytes, int, int]:
    """Return the raw deflate data, CRC-32 and size of the pieces; a (piece, n) is the piece n times."""
    kompresor = zlib.compressobj(9, zlib.DEFLATED, -15)
    keluar, crc, ukuran = [], 0, 0
    for p in _ratakan(potongan):
        if isinstance(p, tuple):
            isi, kali = p
            keluar.append(kompresor.flush(zlib.Z_FULL_FLUSH))
            blok = kompresor.compress(isi) + kompresor.flush(zlib.Z_FULL_FLUSH)
            keluar.append(blok * kali)
            for _ in range(kali):
                crc = zlib.crc32(isi, crc)
            ukuran += len(isi) * kali
        else:
            keluar.append(kompresor.compress(p))
            crc = zlib.crc32(p, crc)
            ukuran += len(p)
    keluar.append(kompresor.flush())
    return b"".join(keluar), crc, ukuran


def zip_mentah(bagian: list[tuple[str, list[Potongan]]], *, ukuran_diaku: dict[str, int] | None = None) -> bytes:
    """Return a zip of deflated parts; ``ukuran_diaku`` makes a part declare another unpacked size."""
    ukuran_diaku = ukuran_diaku or {}
    lokal, pusat = [], []
    letak = 0
    for nama, potongan in bagian:
        data, crc, ukuran = kempis(potongan)
        ukuran = ukuran_diaku.get(nama, ukuran)
        nama_b = nama.encode()
        kepala = struct.pack(
            "<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, 0, 8, 0, 0x21, crc, len(data), ukuran, len(nama_b), 0
        )
        lokal.append(kepala + nama_b + data)
        pusat.append(
            struct.pack(
                "<4s4B4HL2L5H2L",
                b"PK\x01\x02",
                20,
                0,
                20,
                0,
                0,
                8,
                0,
                0x21,
                crc,
                len(data),
                ukuran,
                len(nama_b),
                0,
                0,
                0,
                0,
                0,
                letak,
            )
            + nama_b
        )
        letak += len(lokal[-1])
    pusat_b = b"".join(pusat)
    akhir = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(bagian), len(bagian), len(pusat_b), letak, 0)
    return b"".join(lokal) + pusat_b + akhir


def xlsx(
    lembar: list[list[Potongan]],
    *,
    teks_bersama: list[Potongan] | None = None,
    gaya: list[Potongan] | None = None,
    ukuran_diaku: dict[str, int] | None = None,
    bagian_lain: list[tuple[str, list[Potongan]]] = (),
    sifat_buku: str = "",
    ubah_bagian: dict[str, Callable[[bytes], bytes]] | None = None,
) -> bytes:
    """Return an XLSX whose sheets (and shared strings, styles) are the XML pieces given, in a valid package.

    ``sifat_buku`` is XML put before the workbook's list of sheets (its <workbookPr>, say); ``ubah_bagian``
    rewrites the first piece of a part (its XML declaration and root element: to add a DTD, say), by its name.
    """
    override = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(lembar) + 1)
    )
    if teks_bersama is not None:
        override += (
            '<Override PartName="/xl/sharedStrings.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        )
    if gaya is not None:
        override += (
            '<Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        )
    jenis = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        f"{override}</Types>"
    )
    relasi_paket = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    daftar = "".join(f'<sheet name="Lembar{i}" sheetId="{i}" r:id="rId{i}"/>' for i in range(1, len(lembar) + 1))
    buku = f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS}>{sifat_buku}<sheets>{daftar}</sheets></workbook>'
    rel = "".join(
        f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        f'worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(lembar) + 1)
    )
    if teks_bersama is not None:
        rel += (
            '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'sharedStrings" Target="sharedStrings.xml"/>'
        )
    if gaya is not None:
        rel += (
            '<Relationship Id="rIdG" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'styles" Target="styles.xml"/>'
        )
    relasi_buku = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rel}</Relationships>'
    )
    bagian = [
        ("[Content_Types].xml", [jenis.encode()]),
        ("_rels/.rels", [relasi_paket.encode()]),
        ("xl/workbook.xml", [buku.encode()]),
        ("xl/_rels/workbook.xml.rels", [relasi_buku.encode()]),
    ]
    if teks_bersama is not None:
        bagian.append(("xl/sharedStrings.xml", teks_bersama))
    if gaya is not None:
        bagian.append(("xl/styles.xml", gaya))
    bagian += [(f"xl/worksheets/sheet{i}.xml", isi) for i, isi in enumerate(lembar, start=1)]
    bagian += list(bagian_lain)
    for nama, ubah in (ubah_bagian or {}).items():
        [i] = [i for i, (n, _) in enumerate(bagian) if n == nama]
        bagian[i] = (nama, [ubah(bagian[i][1][0]), *bagian[i][1][1:]])
    return zip_mentah(bagian, ukuran_diaku=ukuran_diaku)


def lembar(*isi: Potongan, dimensi: str | None = None) -> list[Potongan]:
    """Return the pieces of a worksheet whose sheetData holds the pieces given."""
    kepala = f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}>'.encode()
    if dimensi:
        kepala += f'<dimension ref="{dimensi}"/>'.encode()
    return [kepala + b"<sheetData>", *isi, b"</sheetData></worksheet>"]


def teks_bersama(*isi: Potongan) -> list[Potongan]:
    return [f'<?xml version="1.0" encoding="UTF-8"?><sst {NS}>'.encode(), *isi, b"</sst>"]


_BARIS_TEKS = b'<row><c/><c/><c t="inlineStr"><is><t>x</t></is></c></row>'


# The three shapes of the issue, and what an attacker tries next. Each stays under the limits a zip can declare
# (the parts under 32 MB, the whole under 200 MB) unless its name says it is big: the reading itself must stop it.


def satu_baris_jutaan_sel() -> bytes:
    """One row with two million cells (32 MB of XML)."""
    return xlsx([lembar(b'<row r="1">', (b"<c><v>1</v></c>" * 1000, 2000), b"</row>")])


def satu_baris_lebar() -> bytes:
    """A header, then one row of 20,000 cells: more than Excel's 16,384 columns."""
    return xlsx([lembar(JUDUL, b'<row r="2">', (b"<c><v>1</v></c>" * 1000, 20), b"</row>")])


def satu_baris_jutaan_sel_besar() -> bytes:
    """One row with five million cells (80 MB of XML), as the issue's 403 KB file."""
    return xlsx([lembar(b'<row r="1">', (b"<c><v>1</v></c>" * 1000, 5000), b"</row>")])


def satu_sel_raksasa() -> bytes:
    """A header, then one cell holding 30 MB of text."""
    return xlsx(
        [lembar(JUDUL, b'<row r="2"><c r="A2" t="inlineStr"><is><t>', (b"A" * MB, 30), b"</t></is></c></row>")]
    )


def satu_sel_raksasa_besar() -> bytes:
    """One cell holding 200 MB of text, as the issue's 209 KB file."""
    return xlsx(
        [lembar(JUDUL, b'<row r="2"><c r="A2" t="inlineStr"><is><t>', (b"A" * MB, 200), b"</t></is></c></row>")]
    )


def teks_bersama_raksasa() -> bytes:
    """A shared string of 15 MB, used by one cell."""
    return xlsx(
        [lembar(JUDUL, b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>')],
        teks_bersama=teks_bersama(b"<si><t>", (b"A" * MB, 15), b"</t></si>"),
    )


def ribuan_baris() -> bytes:
    """A header, then 60,000 numbered rows of text that is no participant (3.6 MB of XML)."""
    baris = b"".join(
        b'<row r="%d"><c r="C%d" t="inlineStr"><is><t>x</t></is></c></row>' % (n, n) for n in range(2, 60_002)
    )
    return xlsx([lembar(JUDUL, baris)])


def ribuan_baris_besar() -> bytes:
    """A header, then a million numbered rows (60 MB of XML), as the issue's 597 KB file."""
    baris = (
        b"".join(
            b'<row r="%d"><c r="C%d" t="inlineStr"><is><t>x</t></is></c></row>' % (n, n)
            for n in range(awal, awal + 10_000)
        )
        for awal in range(2, 1_000_002, 10_000)
    )
    return xlsx([lembar(JUDUL, baris)])


def baris_tanpa_nomor() -> bytes:
    """A header, then 20,000 unnumbered rows of text in their third cell."""
    return xlsx([lembar(JUDUL, (_BARIS_TEKS * 1000, 20))])


def dimensi_bohong() -> bytes:
    """A sheet that declares A1:B2 and holds 20,000 rows."""
    return xlsx([lembar(JUDUL, (_BARIS_TEKS * 1000, 20), dimensi="A1:B2")])


def baris_kosong_jutaan() -> bytes:
    """Five million empty rows: nothing to read, everything to parse."""
    return xlsx([lembar(JUDUL, (b"<row/>" * 1000, 5000))])


def sel_kosong_jutaan() -> bytes:
    """Rows of 16,000 formatted empty cells, beyond the columns read: nothing to read, everything to parse."""
    return xlsx([lembar(JUDUL, (b"<row>" + b'<c s="0"/>' * 16_000 + b"</row>", 190))])


def teks_bersama_jutaan() -> bytes:
    """Nine hundred thousand short shared strings, which openpyxl loads before any row."""
    return xlsx(
        [lembar(JUDUL, b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>')],
        teks_bersama=teks_bersama((b"<si><t>a</t></si>" * 1000, 900)),
    )


def teks_berulang() -> bytes:
    """One shared string of 30,000 characters in every cell of 1,000 rows of 60 columns."""
    baris = b"<row>" + b'<c t="s"><v>0</v></c>' * 60 + b"</row>"
    return xlsx(
        [lembar(JUDUL, (baris, 1000))],
        teks_bersama=teks_bersama(b"<si><t>" + b"NIP " * 7500 + b"</t></si>"),
    )


def rumus_raksasa() -> bytes:
    """A formula of 30 MB."""
    return xlsx([lembar(JUDUL, b'<row r="2"><c r="A2"><f>', (b"1+" * (MB // 2), 30), b"1</f></c></row>")])


def rumus_bersama_berulang() -> bytes:
    """A shared formula of 30,000 characters, filled down 2,000 rows: each copy is tokenised and moved."""
    induk = b'<row r="2"><c r="C2"><f t="shared" ref="C2:C2001" si="0">' + b"A1+" * 10_000 + b"1</f></c></row>"
    anak = b"".join(b'<row r="%d"><c r="C%d"><f t="shared" si="0"/></c></row>' % (n, n) for n in range(3, 2002))
    return xlsx([lembar(JUDUL, induk, anak)])


def banyak_lembar() -> bytes:
    """Five hundred sheets."""
    return xlsx([lembar(JUDUL)] * 500)


def banyak_lembar_lebar() -> bytes:
    """Twenty sheets without a header, each of fifty rows of 16,000 cells: the header is looked for in each."""
    return xlsx([lembar((b"<row>" + b"<c/>" * 16_000 + b"</row>", 50))] * 20)


def banyak_entri() -> bytes:
    """A workbook with twenty thousand more parts."""
    return xlsx([lembar(JUDUL)], bagian_lain=[(f"xl/media/image{i}.png", [b""]) for i in range(20_000)])


def ukuran_bohong() -> bytes:
    """A sheet that declares 2 KB and inflates to 30 MB."""
    return xlsx(
        [lembar(JUDUL, (b"<row><c><v>7</v></c></row>" * 1000, 1200))],
        ukuran_diaku={"xl/worksheets/sheet1.xml": 2048},
    )


def ukuran_diaku_raksasa() -> bytes:
    """A sheet that declares 4 GB."""
    return xlsx([lembar(JUDUL)], ukuran_diaku={"xl/worksheets/sheet1.xml": 0xFFFFFFF0})


def xml_dalam() -> bytes:
    """A cell nested a hundred thousand elements deep."""
    return xlsx([lembar(JUDUL, b'<row r="2"><c r="A2">', (b"<x>" * 1000, 100), (b"</x>" * 1000, 100), b"</c></row>")])


def xml_spasi_besar() -> bytes:
    """A sheet padded with a gigabyte of spaces between its rows."""
    return xlsx([lembar(JUDUL, (b" " * MB, 1000))])


def gaya_jutaan() -> bytes:
    """A styles part of 1.2 million cell formats (23 MB)."""
    gaya = [
        f'<?xml version="1.0" encoding="UTF-8"?><styleSheet {NS}><cellXfs>'.encode(),
        (b'<xf numFmtId="14"/>' * 1000, 1200),
        b"</cellXfs></styleSheet>",
    ]
    return xlsx([lembar(JUDUL)], gaya=gaya)


def _tawa(akar: bytes) -> bytes:
    """Return the billion laughs' DTD for a root element: &j; is "lol" a billion times."""
    return (
        b'<!DOCTYPE %s [<!ENTITY a "lol">' % akar
        + b"".join(b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&%s;" % bytes([97 + i])) * 10) for i in range(9))
        + b"]>"
    )


def entitas_bom() -> bytes:
    """The billion laughs: entities that multiply a word into gigabytes."""
    isi = lembar(JUDUL, b'<row r="2"><c r="A2" t="inlineStr"><is><t>&j;</t></is></c></row>')
    isi[0] = isi[0].replace(b"<worksheet", _tawa(b"worksheet") + b"<worksheet", 1)
    return xlsx([isi])


def entitas_bom_teks_bersama() -> bytes:
    """The billion laughs in the shared strings, which are read before any row."""
    return xlsx(
        [lembar(JUDUL, b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>')],
        teks_bersama=teks_bersama(b"<si><t>&j;</t></si>"),
        ubah_bagian={"xl/sharedStrings.xml": lambda x: x.replace(b"<sst", _tawa(b"sst") + b"<sst", 1)},
    )


def entitas_bom_jenis_isi() -> bytes:
    """The billion laughs in [Content_Types].xml, the first part read."""
    return xlsx(
        [lembar(JUDUL)],
        ubah_bagian={
            "[Content_Types].xml": lambda x: x.replace(b"<Types", _tawa(b"Types") + b"<Types", 1).replace(
                b'ContentType="application/xml"', b'ContentType="application/xml&j;"'
            )
        },
    )


def entitas_luar() -> bytes:
    """An external entity in the workbook (XXE): a sheet named after the server's /etc/passwd."""
    dtd = b'<!DOCTYPE workbook [<!ENTITY rahasia SYSTEM "file:///etc/passwd">]>'
    return xlsx(
        [lembar(JUDUL)],
        ubah_bagian={
            "xl/workbook.xml": lambda x: x.replace(b"<workbook", dtd + b"<workbook", 1).replace(
                b'name="Lembar1"', b'name="&rahasia;"'
            )
        },
    )


def dimensi_raksasa() -> bytes:
    """A sheet that declares the whole grid, A1:XFD1048576, and has a row element for each of its million rows."""
    baris = (
        b"".join(b'<row r="%d"/>' % n for n in range(awal, min(awal + 50_000, 1_048_576)))
        for awal in range(2, 1_048_576, 50_000)
    )
    return xlsx(
        [lembar(JUDUL, baris, b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', dimensi="A1:XFD1048576")]
    )


def ods_bom() -> bytes:
    """An OpenDocument spreadsheet whose content.xml declares 4 GB: the import does not read ODS at all."""
    return zip_mentah(
        [
            ("mimetype", [b"application/vnd.oasis.opendocument.spreadsheet"]),
            ("content.xml", [b'<?xml version="1.0"?><office:document-content>', (b" " * MB, 20)]),
        ],
        ukuran_diaku={"content.xml": 0xFFFFFFF0},
    )


# CSV: at most 5 MB, the upload limit, but every byte can be a row or a column.


def csv_satu_baris_raksasa() -> bytes:
    return b"NIP;Nama\r\n" + b"A" * (4 * MB)


def csv_jutaan_pemisah() -> bytes:
    return b"NIP;Nama\r\n" + b";" * (4 * MB)


def csv_kutip_raksasa() -> bytes:
    return b'NIP;Nama\r\n"' + b"A;" * (2 * MB) + b'";x\r\n'


def csv_jutaan_baris() -> bytes:
    return b"NIP;Nama\r\n" + b"\n" * (4 * MB)


BOM: dict[str, Callable[[], bytes]] = {
    f.__name__: f
    for f in (
        satu_baris_jutaan_sel,
        satu_sel_raksasa,
        ribuan_baris,
        satu_baris_lebar,
        satu_baris_jutaan_sel_besar,
        satu_sel_raksasa_besar,
        teks_bersama_raksasa,
        ribuan_baris_besar,
        baris_tanpa_nomor,
        dimensi_bohong,
        baris_kosong_jutaan,
        sel_kosong_jutaan,
        teks_bersama_jutaan,
        teks_berulang,
        rumus_raksasa,
        rumus_bersama_berulang,
        banyak_lembar,
        banyak_lembar_lebar,
        banyak_entri,
        ukuran_bohong,
        ukuran_diaku_raksasa,
        xml_dalam,
        xml_spasi_besar,
        gaya_jutaan,
        entitas_bom,
        entitas_bom_teks_bersama,
        entitas_bom_jenis_isi,
        entitas_luar,
        dimensi_raksasa,
        ods_bom,
        csv_satu_baris_raksasa,
        csv_jutaan_pemisah,
        csv_kutip_raksasa,
        csv_jutaan_baris,
    )
}
# The three shapes the issue measured.
TIGA = ("satu_baris_jutaan_sel", "satu_sel_raksasa", "ribuan_baris")
