"""Import speed: preview and commit a 1,000-row XLSX on PostgreSQL through the import pages.

Run::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/diklat .venv/bin/python bench/import_bench.py [--rows 1000] \
        [--bermasalah 0]

The database named in DATABASE_URL is not touched: the bench creates a
throwaway database beside it (``diklat_bench_<pid>``, migrated like a test
database), works there, and drops it at the end. It uploads a generated file of
valid, distinct people (title block, names with titles, ranks and regions
written in the loose ways regions write them), opens the preview, and confirms
it, timing both and counting queries. A smaller run (a tenth of the rows) comes
first, to show that the number of queries does not grow with the rows. The
last line printed is one JSON object: ``rows``, ``preview_s``, ``commit_s``,
``queries``, ``preview_kb`` (the size of the preview page as first opened) and the details. ``--bermasalah N``
gives N of the rows an unknown rank, so that the preview has problem rows to show first.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diklat.settings")

JUDUL = [
    "No",
    "NIP",
    "Nama Lengkap",
    "Tempat Lahir",
    "Tanggal Lahir",
    "Pangkat/Gol.",
    "Jabatan",
    "Unit Kerja",
    "Provinsi",
    "Kab/Kota",
    "No. HP/WA",
    "E-mail",
]
GELAR = [("", "S.Sos., M.Si."), ("Dr.", "S.E., M.M."), ("Drs.", "M.Si."), ("Ir.", "M.T."), ("", "S.H."), ("", "")]
JABATAN = ["Sekretaris Dinas Kesehatan", "Sekretaris Badan Keuangan Daerah", "Camat", "Sekretaris Kecamatan"]


def buat_xlsx(jumlah: int, seed: int, bermasalah: int = 0) -> bytes:
    """Return an official-looking list of ``jumlah`` distinct people, ``bermasalah`` of them with a bad rank."""
    from openpyxl import Workbook

    from diklat.models import KabupatenKota, PangkatGolongan
    from peserta.demo.isi import buat_nip, nama_acak

    rng = random.Random(seed)
    kabkota = list(KabupatenKota.objects.select_related("provinsi"))
    pangkat = list(PangkatGolongan.objects.filter(golongan__startswith="III") | PangkatGolongan.objects.filter(
        golongan__in=["IV/a", "IV/b", "IV/c"]
    ))  # fmt: skip
    buku = Workbook()
    ws = buku.active
    ws.title = "Usulan"
    ws["A1"] = "DAFTAR USULAN PESERTA DIKLAT PENGUATAN TUGAS-TUGAS SEKRETARIS PERANGKAT DAERAH"
    ws.merge_cells(start_row=1, end_row=1, start_column=1, end_column=len(JUDUL))
    ws.append([])
    ws.append(JUDUL)
    ws.append(list(range(1, len(JUDUL) + 1)))
    for n in range(jumlah):
        # Distinct NIPs: one birth date per 990 people, sequence numbers 1–990.
        lahir = date(1968, 1, 1) + timedelta(days=seed % 97 + n // 990)
        kelamin = "L" if n % 2 else "P"
        nip = buat_nip(lahir, lahir.year + 24, 3, kelamin, n % 990 + 1)
        kab = rng.choice(kabkota)
        depan, belakang = rng.choice(GELAR)
        nama = nama_acak(rng, kab.provinsi_id, kelamin)
        nama_sel = f"{depan} {nama}".strip() + (f", {belakang}" if belakang else "")
        rank = rng.choice(pangkat)
        pangkat_sel = rng.choice([str(rank), rank.golongan, rank.golongan.replace("/", "-"), rank.pangkat])
        if bermasalah and n % (jumlah // bermasalah) == 0 and n // (jumlah // bermasalah) < bermasalah:
            pangkat_sel = "Jenderal"
        inti = kab.nama.replace("Kabupaten Administrasi ", "").replace("Kota Administrasi ", "")
        kab_sel = inti.replace("Kabupaten ", "Kab. ") if rng.random() < 0.5 else kab.nama
        tanggal = datetime.combine(lahir, datetime.min.time()) if n % 2 else lahir.strftime("%d-%m-%Y")
        ws.append(
            [
                n + 1,
                f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}",
                nama_sel,
                kab.nama.split(" ")[-1],
                tanggal,
                pangkat_sel,
                rng.choice(JABATAN),
                f"Sekretariat Daerah {kab.nama}",
                kab.provinsi.nama,
                kab_sel,
                f"0812{rng.randrange(10**7, 10**8)}",
                f"peserta{seed}.{n}@example.com",
            ]
        )
    ws.append([])
    ws.append([None] * 9 + ["Mengetahui,"])
    ws.append([None] * 9 + ["Kepala Badan Kepegawaian Daerah"])
    ws.append([None, "NIP. 19660801 198803 1 001"])
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


def jalankan(jumlah: int, seed: int, user, bermasalah: int = 0) -> dict:
    """Upload, preview and confirm one file through the pages; return times and query counts."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from bench.basis_data import angkatan_bench
    from peserta.models import Pendaftaran

    angkatan = angkatan_bench(
        nama=f"Bench impor {seed}", kode=f"BENCH{seed}", kuota=jumlah + 10, mulai=date(2022, 6, 20)
    )
    isi = buat_xlsx(jumlah, seed, bermasalah)
    client = Client()
    client.force_login(user)

    with CaptureQueriesContext(connection) as q_pratinjau:
        mulai = time.perf_counter()
        unggah = client.post(
            reverse("peserta:impor", args=[angkatan.pk]), {"berkas": SimpleUploadedFile("bench.xlsx", isi)}
        )
        if unggah.status_code != 302:
            raise SystemExit(f"Unggahan ditolak ({unggah.status_code}): {unggah.context['form'].errors}")
        pratinjau = client.get(unggah["Location"])
        preview_s = time.perf_counter() - mulai
    # What a browser downloads to see the preview: the page as first opened.
    preview_kb = round(len(pratinjau.content) / 1024, 1)
    rencana = pratinjau.context["rencana"]
    if (rencana.jumlah_baru, rencana.jumlah_galat) != (jumlah - bermasalah, bermasalah):
        galat = [(b.baris, b.galat) for b in rencana.baris if b.galat][:5]
        raise SystemExit(f"Pratinjau tidak bersih: {rencana.ringkasan()} {galat}")

    with CaptureQueriesContext(connection) as q_konfirmasi:
        mulai = time.perf_counter()
        konfirmasi = client.post(unggah["Location"] + "konfirmasi/", {"sidik": rencana.sidik})
        commit_s = time.perf_counter() - mulai
    if konfirmasi.status_code != 302 or Pendaftaran.objects.filter(angkatan=angkatan).count() != jumlah - bermasalah:
        raise SystemExit("Konfirmasi gagal.")
    return {
        "rows": jumlah,
        "problem_rows": bermasalah,
        "preview_s": round(preview_s, 3),
        "commit_s": round(commit_s, 3),
        "queries": len(q_pratinjau) + len(q_konfirmasi),
        "queries_preview": len(q_pratinjau),
        "queries_commit": len(q_konfirmasi),
        "file_kb": round(len(isi) / 1024, 1),
        "preview_kb": preview_kb,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--bermasalah", type=int, default=0, help="rows with an unknown rank (problem rows)")
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://", "pgsql://")):
        raise SystemExit("Set DATABASE_URL=postgres://…: the bench measures the import on PostgreSQL.")

    import django

    django.setup()
    from bench.basis_data import basis_data_sementara
    from diklat.tests.factories import staf_user

    with basis_data_sementara("diklat_bench"):
        user = staf_user(username="bench-staf")
        kecil = jalankan(max(args.rows // 10, 1), 1, user, args.bermasalah // 10)
        hasil = jalankan(args.rows, 2, user, args.bermasalah)
    hasil["queries_at_tenth_rows"] = kecil["queries"]
    hasil["tenth_rows"] = kecil["rows"]
    print(
        f"{kecil['rows']} baris: pratinjau {kecil['preview_s']} s, impor {kecil['commit_s']} s, "
        f"{kecil['queries']} query, halaman pratinjau {kecil['preview_kb']} KB"
    )
    print(
        f"{hasil['rows']} baris: pratinjau {hasil['preview_s']} s, impor {hasil['commit_s']} s, "
        f"{hasil['queries']} query, halaman pratinjau {hasil['preview_kb']} KB"
    )
    print(json.dumps(hasil))


if __name__ == "__main__":
    main()
