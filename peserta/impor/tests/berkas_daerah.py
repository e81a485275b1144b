"""A participant list as a region really sends it, for the tests of the import and of what follows it.

"Daftar berantakan": an XLSX with a title block, the columns regions keep (No, NIP, Nama, Pangkat/Gol, Jabatan,
Unit Kerja, Kabupaten/Kota: no place of birth), one NIP written twice, one written with its "NIP." label, one
that Excel turned into a number, one person without a jabatan, and a signature block with the signer's NIP.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font

JUDUL_KOLOM = ["No", "NIP", "Nama", "Pangkat/Gol", "Jabatan", "Unit Kerja", "Kabupaten/Kota"]

# Row numbers as the spreadsheet shows them: the header is row 5, column numbers row 6, people from row 7.
BARIS_PERTAMA = 7
NIP_BAMBANG = "197005121995031004"
NIP_SRI = "197508182000032006"
NIP_RINA = "198002142006041012"
NIP_HADI = "197203091998031007"
NIP_DEWI = "197811252002122003"
# The NIP Excel destroyed: stored as the number 1.97108011990031E+17, its last digits gone.
NIP_RUSAK = 197108011990031001

ORANG = [
    (NIP_BAMBANG[:8] + " " + NIP_BAMBANG[8:14] + " 1 " + NIP_BAMBANG[15:], "Drs. Bambang Sutrisno, M.Si.",
     "Pembina Tk. I (IV/b)", "Sekretaris Dinas Pendidikan", "Dinas Pendidikan Kabupaten Sukoharjo", "Kab. Sukoharjo"),
    ("NIP. 19750818 200003 2 006", "Sri Wahyuni, S.E.", "Pembina (IV/a)", "Sekretaris Badan Keuangan Daerah",
     "Badan Keuangan Daerah Kabupaten Klaten", "Kabupaten Klaten"),
    (float(NIP_RUSAK), "Agus Prasetyo, S.IP.", "III/d", "Camat Jebres", "Kecamatan Jebres", "Kota Surakarta"),
    ("19800214 200604 1 012", "Rina Kusumawati, S.Sos.", "Penata Tk. I (III/d)", None,
     "Sekretariat Daerah Kabupaten Boyolali", "Kabupaten Boyolali"),
    # Bambang again, sent by another office with another jabatan: the first row is taken.
    (NIP_BAMBANG, "Bambang Sutrisno", "IV/b", "Sekretaris Dinas Kesehatan", "Dinas Kesehatan Kabupaten Sukoharjo",
     "Kab. Sukoharjo"),
    ("19720309 199803 1 007", "Hadi Purnomo, S.H.", "IV/a", "Sekretaris Inspektorat",
     "Inspektorat Kabupaten Wonogiri", "Wonogiri"),
    ("19781125 200212 2 003", "Dewi Anggraini, S.STP., M.Si.", "Penata Tingkat I (III/d)",
     "Sekretaris Kecamatan Banjarsari", "Kecamatan Banjarsari", "Kota Surakarta"),
]  # fmt: skip
BARIS_RUSAK = BARIS_PERTAMA + 2
BARIS_GANDA = BARIS_PERTAMA + 4
BARIS_TANPA_JABATAN = BARIS_PERTAMA + 3
NIP_BAIK = [NIP_BAMBANG, NIP_SRI, NIP_RINA, NIP_HADI, NIP_DEWI]


def daftar_berantakan() -> bytes:
    """Return the XLSX of the messy regional list."""
    buku = Workbook()
    ws = buku.active
    ws.title = "Usulan Peserta"
    for baris, teks in enumerate(
        [
            "DAFTAR NAMA CALON PESERTA",
            "PELATIHAN PENGUATAN TUGAS-TUGAS SEKRETARIS PERANGKAT DAERAH ANGKATAN IV",
            "PEMERINTAH PROVINSI JAWA TENGAH",
        ],
        start=1,
    ):
        ws.cell(row=baris, column=1, value=teks).font = Font(bold=True)
        ws.merge_cells(start_row=baris, end_row=baris, start_column=1, end_column=len(JUDUL_KOLOM))
    ws.append([])
    ws.append(JUDUL_KOLOM)
    ws.append([f"({i})" for i in range(1, len(JUDUL_KOLOM) + 1)])
    for nomor, orang in enumerate(ORANG, start=1):
        ws.append([nomor, *orang])
    # The number cell as Excel shows it.
    ws.cell(row=BARIS_RUSAK, column=2).number_format = "0.00000E+00"
    ws.append([])
    for isi in ["Semarang, 3 Juni 2022", "Kepala Badan Kepegawaian Daerah", None, None, "Drs. Sutopo, M.M."]:
        ws.append([None] * 5 + [isi])
    ws.append([None] * 5 + ["NIP. 19660801 198803 1 001"])
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()
