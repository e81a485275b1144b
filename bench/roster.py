"""Roster speed: the angkatan page of an angkatan with many people (an import allows 5,000).

Run::

    DATABASE_URL=postgres://diklat@127.0.0.1:5432/diklat .venv/bin/python bench/roster.py [--people 5000]

The database named in DATABASE_URL is not touched: the bench creates a throwaway database beside it
(``diklat_bench_roster_<pid>``), enrols the people there in bulk (a tenth of them *belum lengkap*), opens
the angkatan page as staff the ways people do (as it comes, page 2, a status, a search, the incomplete
ones) and drops the database. For each it prints seconds, the page's size and its query count; the last
line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import date, timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diklat.settings")


def isi_angkatan(jumlah: int):
    """Return an angkatan with ``jumlah`` enrolled people, made in bulk."""
    import random

    from bench.basis_data import angkatan_bench
    from diklat.models import KabupatenKota, PangkatGolongan
    from peserta.demo.isi import buat_nip, nama_acak
    from peserta.models import Pendaftaran, Peserta

    rng = random.Random(1)
    angkatan = angkatan_bench(nama="Bench roster", kode="BENCHR", kuota=jumlah, mulai=date(2026, 6, 1))
    kabkota = list(KabupatenKota.objects.select_related("provinsi"))
    pangkat = list(PangkatGolongan.objects.all())
    orang = []
    for n in range(jumlah):
        lahir = date(1968, 1, 1) + timedelta(days=n // 990)
        kelamin = "L" if n % 2 else "P"
        kab = rng.choice(kabkota)
        lengkap = n % 10 != 0
        orang.append(
            Peserta(
                nip=buat_nip(lahir, lahir.year + 24, 3, kelamin, n % 990 + 1),
                nama=nama_acak(rng, kab.provinsi_id, kelamin),
                gelar_belakang="S.Sos., M.Si.",
                tempat_lahir=kab.nama.split(" ")[-1] if lengkap else "",
                tanggal_lahir=lahir,
                jenis_kelamin="L" if kelamin == "L" else "P",
                pangkat=rng.choice(pangkat),
                jabatan="Sekretaris Dinas Kesehatan",
                instansi=f"Dinas Kesehatan {kab.nama}",
                provinsi=kab.provinsi,
                kabupaten_kota=kab,
            )
        )
    orang = Peserta.objects.bulk_create(orang, batch_size=1000)
    status = [Pendaftaran.Status.DIUSULKAN, Pendaftaran.Status.DIVERIFIKASI]
    Pendaftaran.objects.bulk_create(
        [Pendaftaran(angkatan=angkatan, peserta=p, status=status[i % 2]) for i, p in enumerate(orang)],
        batch_size=1000,
    )
    return angkatan


def buka(client, url: str, data: dict) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as kueri:
        mulai = time.perf_counter()
        response = client.get(url, data)
        detik = time.perf_counter() - mulai
    if response.status_code != 200:
        raise SystemExit(f"{url} {data}: {response.status_code}")
    return {"s": round(detik, 3), "kb": round(len(response.content) / 1024, 1), "queries": len(kueri)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=5000)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://", "pgsql://")):
        raise SystemExit("Set DATABASE_URL=postgres://…: the bench measures the page on PostgreSQL.")

    import django

    django.setup()
    from django.test import Client

    from bench.basis_data import basis_data_sementara
    from diklat.tests.factories import staf_user

    hasil = {"people": args.people}
    with basis_data_sementara("diklat_bench_roster"):
        angkatan = isi_angkatan(args.people)
        client = Client()
        client.force_login(staf_user(username="bench-staf"))
        url = angkatan.get_absolute_url()
        client.get(url, {"status": "ditolak"})  # warm the session and the caches of permissions
        for nama, data in (
            ("first", {}),
            ("page_2", {"page": 2}),
            ("status", {"status": "diverifikasi"}),
            ("search", {"q": "kesehatan jawa"}),
            ("belum_lengkap", {"belum_lengkap": "1"}),
        ):
            hasil[nama] = buka(client, url, data)
            print(f"{nama:14} {hasil[nama]['s']:7.3f} s {hasil[nama]['kb']:9.1f} KB {hasil[nama]['queries']:3} query")
    print(json.dumps(hasil))


if __name__ == "__main__":
    main()
