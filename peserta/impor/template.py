"""The XLSX template that staff send to the regions: the columns the import reads, with drop-down lists."""

from __future__ import annotations

import io
from datetime import date

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from diklat.models import KabupatenKota, PangkatGolongan, Provinsi
from peserta.impor.rows import CONTOH_NAMA, CONTOH_NIP
from peserta.models import KategoriJabatan

# Rows of the data sheet prepared with formats and drop-downs.
BARIS_SIAP = 500


def _kolom() -> list[tuple[str, bool, str, object, int]]:
    """Return (header, required, explanation, example, width) of each column, in order."""
    return [
        (
            "NIP",
            True,
            _("18 digit, boleh dengan spasi atau awalan “NIP.” (19800512 200501 1 002). Kolom ini berformat Teks "
              "agar Excel tidak mengubah NIP menjadi angka 1,98005E+17, yang digit terakhirnya hilang."),
            "19800512 200501 1 002",
            24,
        ),
        (
            "Nama Lengkap",
            True,
            _("Nama tanpa gelar; gelar boleh juga ditulis di sini (Dr. Budi Santoso, S.Sos., M.Si.)."),
            CONTOH_NAMA,
            28,
        ),
        ("Gelar Depan", False, _("Mis. Dr., Drs., Ir., H."), "Dr.", 12),
        ("Gelar Belakang", False, _("Mis. S.Sos., M.Si."), "S.Sos., M.Si.", 16),
        ("Tempat Lahir", False, _("Kota/kabupaten tempat lahir. Boleh menyusul: peserta tanpa tempat lahir tetap "
                                  "didaftarkan, ditandai belum lengkap, dan sertifikatnya menunggu sampai dilengkapi."),
         "Bogor", 16),
        (
            "Tanggal Lahir",
            False,
            _("DD-MM-YYYY atau 12 Mei 1980. Boleh dikosongkan: diambil dari NIP. Bila diisi harus sama dengan NIP."),
            date(1980, 5, 12),
            14,
        ),
        ("Pangkat/Golongan", False, _("Pilih dari daftar, mis. Pembina Tingkat I (IV/b); “IV/b” saja juga bisa. "
                                      "Boleh menyusul, seperti tempat lahir (dicetak di sertifikat)."),
         "Penata Tingkat I (III/d)", 26),
        ("Jabatan", False, _("Nama jabatan lengkap. Boleh menyusul, seperti tempat lahir (dicetak di sertifikat)."),
         "Sekretaris Dinas Kesehatan", 30),
        ("Kategori Jabatan", False, _("Pilih dari daftar; bila kosong ditebak dari nama jabatan."),
         str(KategoriJabatan.SEKRETARIS_DINAS.label), 22),
        ("Unit Kerja/Instansi", True, _("Perangkat daerah, mis. Dinas Kesehatan Kabupaten Bogor."),
         "Dinas Kesehatan Kabupaten Bogor", 32),
        ("Provinsi", True, _("Pilih dari daftar. Boleh kosong bila Kabupaten/Kota diisi: provinsinya terbaca dari "
                             "sana."), "Jawa Barat", 20),
        ("Kabupaten/Kota", False, _("Pilih dari daftar; kosongkan untuk pegawai pemerintah provinsi."),
         "Kabupaten Bogor", 24),
        ("No. HP", False, _("Nomor HP/WhatsApp, mis. 0812-3456-7890."), "0812-3456-7890", 16),
        ("E-mail", False, _("Alamat e-mail aktif."), "budi.santoso@example.com", 26),
    ]  # fmt: skip


def templat_impor_xlsx() -> bytes:
    """Build the template: a data sheet with one example row, a sheet of instructions, and the lists."""
    kolom = _kolom()
    buku = Workbook()
    data = buku.active
    data.title = _("Peserta")
    petunjuk = buku.create_sheet(_("Petunjuk"))
    daftar = buku.create_sheet(_("Daftar"))

    tebal = Font(bold=True)
    isian = PatternFill("solid", fgColor="DDEBF7")
    for i, (judul, wajib, keterangan, contoh, lebar) in enumerate(kolom, start=1):
        sel = data.cell(row=1, column=i, value=judul)
        sel.font = tebal
        sel.fill = isian
        sel.alignment = Alignment(vertical="center", wrap_text=True)
        sel.comment = Comment(("* " if wajib else "") + keterangan, "BPSDM")
        data.column_dimensions[get_column_letter(i)].width = lebar
        data.cell(row=2, column=i, value=contoh)
    data.freeze_panes = "A2"

    indeks = {judul: i for i, (judul, *_rest) in enumerate(kolom, start=1)}
    # NIP and phone as text, so that Excel keeps every digit and the leading 0; dates as dates.
    for baris in range(2, BARIS_SIAP + 2):
        data.cell(row=baris, column=indeks["NIP"]).number_format = "@"
        data.cell(row=baris, column=indeks["No. HP"]).number_format = "@"
        data.cell(row=baris, column=indeks["Tanggal Lahir"]).number_format = "DD-MM-YYYY"

    # The lists behind the drop-downs.
    pangkat = [str(p) for p in PangkatGolongan.objects.order_by("urutan")]
    kategori = [str(k.label) for k in KategoriJabatan]
    provinsi = [p.nama for p in Provinsi.objects.order_by("nama")]
    kabkota = [k.nama for k in KabupatenKota.objects.order_by("nama")]
    for i, (judul, isi) in enumerate(
        [(_("Pangkat/Golongan"), pangkat), (_("Kategori Jabatan"), kategori), (_("Provinsi"), provinsi),
         (_("Kabupaten/Kota"), kabkota)],
        start=1,
    ):  # fmt: skip
        daftar.cell(row=1, column=i, value=judul).font = tebal
        for j, nilai in enumerate(isi, start=2):
            daftar.cell(row=j, column=i, value=nilai)
        daftar.column_dimensions[get_column_letter(i)].width = 40
        huruf = get_column_letter(i)
        validasi = DataValidation(
            type="list",
            formula1=f"{quote_sheetname(daftar.title)}!${huruf}$2:${huruf}${len(isi) + 1}",
            allow_blank=True,
            # A warning, not a stop: "IV/b" or "Kab. Bogor" typed by hand is still read by the import.
            errorStyle="warning",
            showErrorMessage=True,
            errorTitle=_("Nilai di luar daftar"),
            error=_("Nilai ini tidak ada di daftar. Tetap gunakan?"),
        )
        target = {1: "Pangkat/Golongan", 2: "Kategori Jabatan", 3: "Provinsi", 4: "Kabupaten/Kota"}[i]
        kolom_target = get_column_letter(indeks[target])
        validasi.add(f"{kolom_target}2:{kolom_target}{BARIS_SIAP + 1}")
        data.add_data_validation(validasi)
    daftar.sheet_state = "hidden"

    petunjuk.column_dimensions["A"].width = 22
    petunjuk.column_dimensions["B"].width = 10
    petunjuk.column_dimensions["C"].width = 80
    petunjuk.column_dimensions["D"].width = 30
    petunjuk.append([_("Petunjuk pengisian daftar usulan peserta")])
    petunjuk["A1"].font = Font(bold=True, size=13)
    petunjuk.append(
        [
            _(
                "Isi satu baris per peserta di lembar “Peserta”, mulai baris 3 (baris 2 adalah contoh; hapus "
                "atau timpa). Jangan mengubah judul kolom. Peserta yang NIP-nya sudah terdaftar diperbarui datanya; "
                "sel yang kosong tidak menghapus data yang sudah tersimpan. Untuk mendaftar, yang wajib hanya NIP, "
                "nama, unit kerja/instansi, dan provinsi atau kabupaten/kota; tempat lahir, pangkat/golongan, dan "
                "jabatan boleh menyusul, tetapi sertifikat baru dapat dibuat setelah data itu lengkap."
            )
        ]
    )
    petunjuk.append([])
    petunjuk.append([_("Kolom"), _("Wajib"), _("Keterangan"), _("Contoh")])
    for sel in petunjuk[4]:
        sel.font = tebal
    for judul, wajib, keterangan, contoh, _lebar in kolom:
        petunjuk.append(
            [judul, _("ya") if wajib else _("tidak"), keterangan, contoh.strftime("%d-%m-%Y") if isinstance(
                contoh, date) else contoh]
        )  # fmt: skip
    for baris in petunjuk.iter_rows(min_row=5):
        baris[2].alignment = Alignment(wrap_text=True, vertical="top")

    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


__all__ = ["CONTOH_NIP", "templat_impor_xlsx"]
