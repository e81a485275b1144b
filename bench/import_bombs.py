"""Spreadsheet bombs: how fast the import refuses each, and how much memory reading it takes, a fresh process each.

Run::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/diklat .venv/bin/python bench/import_bombs.py

Builds every hostile file of peserta/impor/tests/bom.py (the three shapes the issue
measured, then what an attacker tries next) and a legitimate list of 5,000
people (bench/import_bench.py's generator). Each file is read by ``baca_berkas``
in a fresh Python process that loads Django first, and that process reports the
seconds from the file's bytes to its table or its refusal, and its peak resident
memory (Django's own included, shown apart as ``rss_awal_mb``). The list of 5,000
is then imported through ``sesi_impor_create``, as an upload is. The database
named in DATABASE_URL is not touched: the reference data (ranks, regions) the
list needs comes from a throwaway database beside it (``diklat_bombs_<pid>``),
dropped at the end. The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diklat.settings")


def rss_puncak() -> float:
    """Return the peak resident memory of this process in MB.

    Linux's VmHWM belongs to the program, so it starts afresh at exec; ru_maxrss would still count the
    parent this process was forked from.
    """
    import resource

    try:
        for baris in Path("/proc/self/status").read_text().splitlines():
            if baris.startswith("VmHWM:"):
                return int(baris.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def baca(jalur: str) -> None:
    """Read one file as the upload does and print what it cost (run in a process of its own)."""
    import django

    django.setup()
    from django.core.exceptions import ValidationError

    from peserta.impor.reading import baca_berkas

    rss_awal = rss_puncak()
    isi = Path(jalur).read_bytes()
    mulai = time.perf_counter()
    try:
        tabel = baca_berkas(Path(jalur).name, isi)
        hasil = {"ditolak": False, "baris": len(tabel.baris)}
    except ValidationError as galat:
        hasil = {"ditolak": True, "kode": galat.code, "pesan": " ".join(galat.messages)}
    detik = time.perf_counter() - mulai
    rss = rss_puncak()
    print(json.dumps({"s": round(detik, 3), "rss_mb": round(rss, 1), "rss_awal_mb": round(rss_awal, 1), **hasil}))


def ukur(jalur: Path) -> dict:
    keluaran = subprocess.run(
        [sys.executable, __file__, "--baca", str(jalur)],
        capture_output=True,
        text=True,
        cwd=BASE_DIR,
        timeout=600,
        check=True,
    )
    return json.loads(keluaran.stdout.strip().splitlines()[-1]) | {"kb": round(jalur.stat().st_size / 1024, 1)}


def impor(isi: bytes) -> dict:
    """Import the list through the service an upload calls; return its time and the rows kept."""
    from bench.basis_data import angkatan_bench
    from diklat.tests.factories import staf_user
    from peserta.impor.services import sesi_impor_create

    angkatan = angkatan_bench(nama="Bench bom", kode="BENCHBOM", kuota=5010, mulai=date(2022, 6, 20))
    mulai = time.perf_counter()
    sesi = sesi_impor_create(angkatan=angkatan, user=staf_user(username="bench-bom"), nama_berkas="5000.xlsx", isi=isi)
    return {"impor_s": round(time.perf_counter() - mulai, 3), "baris_diimpor": len(sesi.baris)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baca", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.baca:
        baca(args.baca)
        return

    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://", "pgsql://")):
        raise SystemExit("Set DATABASE_URL=postgres://…: the list of 5,000 takes its ranks and regions from it.")

    import django

    django.setup()

    from bench.basis_data import basis_data_sementara
    from bench.import_bench import buat_xlsx
    from peserta.impor.tests import bom

    with basis_data_sementara("diklat_bombs"):
        daftar = buat_xlsx(5000, 7)
        diimpor = impor(daftar)

    bombs = {}
    with tempfile.TemporaryDirectory(prefix="diklat-bom-") as folder:
        jalur_daftar = Path(folder) / "daftar_5000_baris.xlsx"
        jalur_daftar.write_bytes(daftar)
        for nama, buat in bom.BOM.items():
            jalur = Path(folder) / nama
            jalur.write_bytes(buat())
            hasil = ukur(jalur)
            jalur.unlink()
            alasan = hasil.pop("pesan", "")
            bombs[nama] = hasil
            print(
                f"{nama:28} {hasil['kb']:7.0f} KB  {hasil['s']:6.3f} s  {hasil['rss_mb']:6.1f} MB  "
                f"{'ditolak' if hasil['ditolak'] else 'DITERIMA'}: {alasan[:160]}",
                flush=True,
            )
        legit = ukur(jalur_daftar) | diimpor
    print(
        f"{'daftar_5000_baris':28} {legit['kb']:7.0f} KB  {legit['s']:6.3f} s  {legit['rss_mb']:6.1f} MB  "
        f"{legit.get('baris')} baris dibaca; impor lewat sesi_impor_create {legit['impor_s']} s, "
        f"{legit['baris_diimpor']} baris"
    )
    tiga = [bombs[n] for n in bom.TIGA]
    print(
        f"tiga bentuk dari isu: paling lama {max(b['s'] for b in tiga)} s, paling besar {max(b['rss_mb'] for b in tiga)} MB; "
        f"semua bom: paling lama {max(b['s'] for b in bombs.values())} s, "
        f"paling besar {max(b['rss_mb'] for b in bombs.values())} MB, "
        f"{sum(b['ditolak'] for b in bombs.values())} dari {len(bombs)} ditolak"
    )
    print(json.dumps({"bombs": bombs, "daftar_5000_baris": legit}))


if __name__ == "__main__":
    main()
