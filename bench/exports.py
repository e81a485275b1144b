"""Export speed and memory: CSV, XLSX and the SIASN record at 1,000 to 100,000 rows, a roster PDF, the statistics.

Run::

    DATABASE_URL=postgres://diklat@127.0.0.1:5432/diklat .venv/bin/python bench/exports.py [--rows 100000]

The database named in DATABASE_URL is not touched: the bench creates a throwaway database beside it
(``diklat_bench_exports_<pid>``), fills it in bulk with ``--rows`` enrolments over angkatan of 200 people
(100,000 make 500 angkatan of 10 programs over five years; most people pass and get a certificate, some
are revoked or re-issued), and drops it at the end.

CSV and XLSX are written as the admin's export job across angkatan writes them, over the first angkatan
that hold the rows asked for, with the eleven columns its page ticks until the admin chooses otherwise
(program, angkatan, year, name, NIP, rank, position, agency, region, status, predikat), into a temporary
file (as the job does before the file reaches the storage); at 100,000 rows both are measured again with
every column ticked (28), under ``csv_semua_kolom`` and ``xlsx_semua_kolom``. The SIASN CSV is written as
its download streams it. Each runs in a process of its own, warmed up on ten rows first, so that memory an earlier
export freed cannot hide its peak: for each the bench gives the seconds, the growth of the process's peak
memory during that export (``VmHWM`` of ``/proc/self/status``, reset through ``/proc/self/clear_refs``)
and the SQL queries. The PDF is one angkatan of 200 with the roster's usual columns; the statistics page
is opened by an admin through the test client, once to warm up and then three times, of which the
median is kept. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import gc
import json
import multiprocessing
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import date, datetime, timedelta
from datetime import time as time_of_day
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diklat.settings")

PER_ANGKATAN = 200
PROGRAM = 10
TAHUN = (2022, 2023, 2024, 2025, 2026)
UKURAN = (1_000, 10_000, 100_000)


# Filling the database ----------------------------------------------------------------------------------------


def isi_data(jumlah: int) -> list[int]:
    """Create ``jumlah`` enrolments over angkatan of 200, in bulk; return the angkatan's ids in order."""
    import random

    from angkatan.models import Angkatan
    from diklat.models import KabupatenKota, PangkatGolongan, Program
    from peserta.demo.isi import buat_nip, nama_acak
    from peserta.models import Pendaftaran, Peserta
    from sertifikat.models import Sertifikat

    rng = random.Random(13)
    jumlah_angkatan = -(-jumlah // PER_ANGKATAN)
    program = Program.objects.bulk_create(
        [Program(nama=f"Pelatihan Bench {n + 1}", kode=f"BENCH{n + 1}") for n in range(PROGRAM)]
    )
    angkatan = []
    for n in range(jumlah_angkatan):
        prog = program[n % PROGRAM]
        tahun = TAHUN[(n // PROGRAM) % len(TAHUN)]
        nomor = n // (PROGRAM * len(TAHUN)) + 1
        mulai = date(tahun, 1, 5) + timedelta(days=7 * nomor)
        angkatan.append(
            Angkatan(
                program=prog,
                nomor=nomor,
                tahun=tahun,
                tanggal_mulai=mulai,
                tanggal_selesai=mulai + timedelta(days=4),
                kuota=PER_ANGKATAN,
                status=Angkatan.Status.FINISHED,
            )
        )
    angkatan = Angkatan.objects.bulk_create(angkatan, batch_size=1000)

    kabkota = list(KabupatenKota.objects.select_related("provinsi"))
    pangkat = list(PangkatGolongan.objects.all())
    orang = []
    for n in range(jumlah):
        lahir = date(1966, 1, 1) + timedelta(days=n // 990)
        kelamin = "L" if n % 2 else "P"
        kab = rng.choice(kabkota)
        orang.append(
            Peserta(
                nip=buat_nip(lahir, lahir.year + 24, 3, kelamin, n % 990 + 1),
                nama=nama_acak(rng, kab.provinsi_id, kelamin),
                gelar_depan="Drs." if n % 7 == 0 else "",
                gelar_belakang="S.Sos., M.Si.",
                tempat_lahir=kab.nama.split(" ")[-1],
                tanggal_lahir=lahir,
                jenis_kelamin=kelamin,
                pangkat=rng.choice(pangkat),
                jabatan="Sekretaris Dinas Kesehatan",
                instansi=f"Dinas Kesehatan {kab.nama}",
                email=f"peserta{n}@contoh.go.id",
                telepon=f"+62812{n:08d}",
                provinsi=kab.provinsi,
                kabupaten_kota=kab,
            )
        )
    orang = Peserta.objects.bulk_create(orang, batch_size=2000)

    Status = Pendaftaran.Status
    pendaftaran = []
    for n, p in enumerate(orang):
        lulus = n % 20 != 0
        pendaftaran.append(
            Pendaftaran(
                angkatan=angkatan[n // PER_ANGKATAN],
                peserta=p,
                status=Status.LULUS if lulus else Status.TIDAK_LULUS,
                nilai_akhir=Decimal(70 + n % 30) if lulus else Decimal(55),
                predikat="Memuaskan" if lulus else "",
                persen_kehadiran=Decimal("100.00") if lulus else Decimal("80.00"),
            )
        )
    pendaftaran = Pendaftaran.objects.bulk_create(pendaftaran, batch_size=2000)

    sertifikat = []
    for n, daftar in enumerate(pendaftaran):
        if daftar.status != Status.LULUS:
            continue
        a = angkatan[n // PER_ANGKATAN]
        urut = n + 1
        nomor = f"{urut:06d}/STTP/{a.program.kode}-{a.nomor}/BPSDM/{a.tahun}"
        dasar = {
            "pendaftaran": daftar,
            "program": a.program,
            "tahun": a.tahun,
            "urut": urut,
            "nomor": nomor,
            "sha256": f"{n:064x}",
            "diterbitkan_pada": _siang(a.tanggal_selesai),
            "berkas": f"sertifikat/bench/{n}.pdf",
        }
        if n % 50 == 1:  # re-issued: the first version replaced, the second issued
            sertifikat.append(Sertifikat(**dasar, versi=1, status=Sertifikat.Status.REPLACED))
            sertifikat.append(Sertifikat(**dasar, versi=2, status=Sertifikat.Status.READY))
        elif n % 50 == 2:
            sertifikat.append(Sertifikat(**dasar, versi=1, status=Sertifikat.Status.REVOKED))
        else:
            sertifikat.append(Sertifikat(**dasar, versi=1, status=Sertifikat.Status.READY))
    Sertifikat.objects.bulk_create(sertifikat, batch_size=2000)
    return [a.pk for a in angkatan]


def _siang(hari: date):
    from django.utils import timezone

    return timezone.make_aware(datetime.combine(hari, time_of_day(12)))


# Measuring ---------------------------------------------------------------------------------------------------


def _kb(nama: str) -> int:
    return int(re.search(rf"{nama}:\s+(\d+) kB", Path("/proc/self/status").read_text()).group(1))


def ukur(fungsi: Callable[[], object]) -> dict:
    """Run ``fungsi`` once; return its seconds, the growth of the peak memory it caused and its queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    gc.collect()
    Path("/proc/self/clear_refs").write_text("5")  # the peak (VmHWM) starts again from what is used now
    awal = _kb("VmRSS")
    with CaptureQueriesContext(connection) as kueri:
        mulai = time.perf_counter()
        fungsi()
        detik = time.perf_counter() - mulai
    return {
        "s": round(detik, 3),
        "peak_mb": round((_kb("VmHWM") - awal) / 1024, 1),
        "queries": len(kueri),
    }


# One export per process -----------------------------------------------------------------------------------------


def _proses_baru(nama_db: str, langkah: str, n: int, semua_kolom: bool = False) -> dict:
    """Measure one export in a process of its own, so that what an earlier one freed does not hide its peak."""
    konteks = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=konteks) as pool:
        return pool.submit(_ukur_langkah, nama_db, langkah, n, semua_kolom).result()


def _ukur_langkah(nama_db: str, langkah: str, n: int, semua_kolom: bool) -> dict:
    """In a fresh process: connect to the bench's database, warm up on a few rows, then measure the export."""
    url = urlsplit(os.environ["DATABASE_URL"])
    os.environ["DATABASE_URL"] = urlunsplit(url._replace(path=f"/{nama_db}"))
    import django

    django.setup()
    from django.utils import translation

    translation.activate("id")
    ekspor = _ekspor(langkah, semua_kolom=semua_kolom)
    ekspor(min(n, 10))  # imports, translations and the connection, which a running site has already
    return ukur(lambda: ekspor(n))


def _ekspor(langkah: str, *, semua_kolom: bool = False) -> Callable[[int], None]:
    """Return the export of the first ``n`` rows for one step: ``csv``, ``xlsx``, ``siasn`` or ``pdf``.

    CSV and XLSX are written as the admin's export job across angkatan writes them (``ekspor_lintas_tulis``),
    with the columns the page ticks until the admin chooses (or, ``semua_kolom``, every one it offers);
    the SIASN record as its CSV download streams it.
    """
    from angkatan.models import Angkatan
    from diklat.ekspor.csv import csv_baris
    from diklat.ekspor.pdf import pdf_daftar
    from peserta.ekspor.kolom import KOLOM_BAWAAN, KOLOM_BAWAAN_LINTAS, NOMOR, judul_kolom, kolom_tersedia
    from peserta.ekspor.lintas import EksporLintas, ekspor_lintas_tulis, kolom_lintas
    from peserta.ekspor.selectors import baris_ekspor, jumlah_per_status, pendaftaran_ekspor, pendaftaran_lintas
    from peserta.ekspor.views import judul_angkatan
    from sertifikat.siasn import KOLOM_SIASN, siasn_baris

    id_angkatan = list(Angkatan.objects.order_by("pk").values_list("pk", flat=True))

    def angkatan_untuk(n: int) -> list[int]:
        return id_angkatan[: -(-n // PER_ANGKATAN)]

    def lintas(n: int, format_: str) -> None:
        ekspor = EksporLintas(
            qs=pendaftaran_lintas(angkatan=angkatan_untuk(n))[:n],
            dipilih=[k for k in kolom_lintas() if semua_kolom or k.kunci in KOLOM_BAWAAN_LINTAS],
            judul=["Bench"],
            format=format_,
        )
        with tempfile.TemporaryFile() as berkas:
            ekspor_lintas_tulis(ekspor, berkas, lapor=lambda n: None)

    def ke_siasn(n: int) -> None:
        angkatan = Angkatan.objects.filter(pk__in=angkatan_untuk(n))
        with tempfile.TemporaryFile("w", encoding="utf-8", newline="") as berkas:
            berkas.writelines(csv_baris(KOLOM_SIASN, siasn_baris(angkatan)))

    def ke_pdf(n: int) -> None:
        angkatan = Angkatan.objects.select_related("program", "venue").get(pk=id_angkatan[0])
        biasa = [k for k in kolom_tersedia("roster") if k.kunci in KOLOM_BAWAAN]
        qs = pendaftaran_ekspor(angkatan)[:n]
        pdf_daftar(
            judul_kolom([NOMOR, *(k.kolom for k in biasa)]),
            baris_ekspor(qs, biasa),
            judul=judul_angkatan(angkatan),
            ringkasan=jumlah_per_status(pendaftaran_ekspor(angkatan)),
        )

    return {
        "csv": lambda n: lintas(n, "csv"),
        "xlsx": lambda n: lintas(n, "xlsx"),
        "siasn": ke_siasn,
        "pdf": ke_pdf,
    }[langkah]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=max(UKURAN), help="enrolments in the database (100,000)")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://", "pgsql://")):
        raise SystemExit("Set DATABASE_URL=postgres://…: the bench measures the exports on PostgreSQL.")

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from bench.basis_data import basis_data_sementara
    from diklat.tests.factories import admin_user

    ukuran = [n for n in UKURAN if n <= args.rows]
    hasil: dict = {"csv": {}, "xlsx": {}, "siasn": {}}
    with basis_data_sementara("diklat_bench_exports"):
        mulai = time.perf_counter()
        id_angkatan = isi_data(args.rows)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would have by now: the planner knows the tables' sizes
        print(f"{args.rows} enrolments over {len(id_angkatan)} angkatan made in {time.perf_counter() - mulai:.0f} s")
        nama_db = connection.settings_dict["NAME"]
        connection.close()  # the measuring processes have the database to themselves

        for n in ukuran:
            for format_ in ("csv", "xlsx", "siasn"):
                f = hasil[format_][str(n)] = _proses_baru(nama_db, format_, n)
                print(f"{format_:6} {n:7} rows {f['s']:8.3f} s {f['peak_mb']:7.1f} MB {f['queries']:3} queries")
        if max(ukuran) == max(UKURAN):
            # The same at 100,000 rows with every column ticked (28): beside the contract's figures, not in them.
            for format_ in ("csv", "xlsx"):
                f = hasil[f"{format_}_semua_kolom"] = {
                    str(max(UKURAN)): _proses_baru(nama_db, format_, max(UKURAN), True)
                }
                f = f[str(max(UKURAN))]
                print(
                    f"{format_:6} {max(UKURAN):7} rows, every column {f['s']:8.3f} s {f['peak_mb']:7.1f} MB {f['queries']:3} queries"
                )
        f = hasil["pdf_200"] = _proses_baru(nama_db, "pdf", PER_ANGKATAN)
        print(f"pdf    {PER_ANGKATAN:7} rows {f['s']:8.3f} s {f['peak_mb']:7.1f} MB {f['queries']:3} queries")

        client = Client()
        client.force_login(admin_user(username="bench-admin"))
        url = reverse("peserta:statistik")
        _buka(client, url)  # warm the session, the permission caches and the templates
        kali = [ukur(lambda: _buka(client, url)) for _ in range(3)]
        tengah = sorted(kali, key=lambda k: k["s"])[1]
        hasil[f"dashboard_{args.rows}"] = {"s": tengah["s"], "queries": tengah["queries"]}
        print(f"statistik {args.rows} enrolments {tengah['s']:.3f} s {tengah['queries']} queries (median of three)")
    print(json.dumps(hasil))


def _buka(client, url: str) -> None:
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url}: {response.status_code}")


if __name__ == "__main__":
    main()
