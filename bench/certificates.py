"""Certificate speed: the same n certificates rendered naively, the batch way, and by Celery workers.

Run::

    DATABASE_URL=postgres://diklat@127.0.0.1:5432/diklat .venv/bin/python bench/certificates.py \
        [--n 200] [--memory] [--celery] [--workers 2]

The database named in DATABASE_URL is not touched: the bench creates ``diklat_bench_cert`` beside
it (dropped and recreated, migrated like a test database), works there and drops it at the end
(``--keep-db`` leaves it). Files go to a temporary MEDIA_ROOT, removed at the end.

1. naive: ``render_lengkap`` for each certificate, one process, nothing shared between calls.
2. batch: ``render_batch`` over chunks of ``SERTIFIKAT_UKURAN_POTONGAN``, one forked worker process
   per core; timed from the start of the pool to every PDF in memory. ``--memory`` also renders
   1,000 certificates in one fresh process and reports its RSS after 200 and after 1,000.
3. ``--celery``: real ``celery worker`` processes (solo pool) on Redis, signing with a fresh
   development key; after one warm-up certificate each, ``tugas_buat_start`` is timed until all n
   certificates are ready.

Progress goes to stderr; the last line of stdout is one JSON object.
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import multiprocessing
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from decimal import Decimal
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diklat.settings")

NAMA_DB = "diklat_bench_cert"
REDIS_URL = "redis://127.0.0.1:6379/14"
SANDI_KUNCI = "bench-sandi"
TUNGGU_WORKER_S = 60
# Give up when no certificate has become ready or failed for this long (a chunk takes about 1 s).
TUNGGU_RENDER_S = 30
MEMORI_N = 1000
MEMORI_TITIK = 200

# Every seventh graduate gets one of these (titles, apostrophes, diacritics, very long names).
ISTIMEWA = [
    ("Prof. Dr. Ir. H.", "Raden Mas Bagus Aryo Wicaksono Tjokrokusumo Adiningrat", "S.H., M.Hum., M.Si., Ph.D."),
    ("Hj.", "Siti Nur'aini Ma'rufah", "S.Sos., M.Si."),
    ("Dr.", "Andi Muhammad Fadli Daeng Ma'ruf", "S.E., M.M."),
    ("", "Désirée Françoise Lumbantobing", "S.H."),
    ("Drs.", "Jürgen Müller Sitompul", "M.Si."),
    ("dr.", "Ni Luh Putu Ayu Sri Wédari Kusumaningrat", "M.Kes."),
    ("", "Ruslan O'Connor Siregar", ""),
    ("Ir.", "Cut Nyak Meutia Zahrä Rahmawati", "M.Sc."),
    ("H.", "I Gusti Ngurah Ketut Ardana Wijaya Kusuma Jayaningrat", "S.T., M.T., M.Eng."),
    ("", "Nuñez Anggraeni Çahyaningtyas", "S.Pd., M.Pd."),
]
GELAR = [("", "S.Sos., M.Si."), ("Dr.", "S.E., M.M."), ("Drs.", "M.Si."), ("Ir.", "M.T."), ("", "S.H."), ("", "")]
JABATAN = [
    ("Sekretaris Dinas Kesehatan", "Dinas Kesehatan {kab}"),
    ("Sekretaris Badan Keuangan dan Aset Daerah", "Badan Keuangan dan Aset Daerah {kab}"),
    (
        "Sekretaris Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana",
        "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana {kab}",
    ),
    ("Sekretaris Kecamatan", "Kecamatan Tengah {kab}"),
]


def log(pesan: str) -> None:
    print(f"[bench] {pesan}", file=sys.stderr, flush=True)


def folder_weasyprint() -> set[str]:
    return {nama for nama in os.listdir(tempfile.gettempdir()) if nama.startswith("weasyprint-")}


def rss_mb() -> float:
    """Return the resident set size of this process now."""
    with open("/proc/self/status") as status:
        for baris in status:
            if baris.startswith("VmRSS:"):
                return int(baris.split()[1]) / 1024
    return 0.0


def maks_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# Data -------------------------------------------------------------------------------------------


def buat_angkatan(program, nomor: int, jumlah: int, rng: random.Random):
    """Create an angkatan with a venue and signing official, final, with ``jumlah`` graduates."""
    from django.utils import timezone

    from angkatan.models import Venue
    from angkatan.tests.factories import AngkatanFactory, VenueFactory
    from diklat.models import KabupatenKota, PangkatGolongan
    from peserta.models import Pendaftaran
    from peserta.tests.factories import PendaftaranFactory
    from sertifikat.services import sertifikat_issue

    venue = Venue.objects.filter(nama="Hotel Grand Kemang").first()
    angkatan = AngkatanFactory(
        program=program,
        nomor=nomor,
        kuota=jumlah + 10,
        venue=venue or VenueFactory(nama="Hotel Grand Kemang", kota="Jakarta Selatan"),
        penandatangan_nama="Drs. Bambang Kuncoro Adi, M.Si.",
        penandatangan_nip="196903141995031002",
        penandatangan_jabatan="Sekretaris Badan Pengembangan Sumber Daya Manusia",
        penandatangan_atas_nama="Kepala BPSDM Kementerian Dalam Negeri",
    )
    kabkota = list(KabupatenKota.objects.select_related("provinsi"))
    pangkat = list(PangkatGolongan.objects.filter(golongan__regex=r"^(III/[a-d]|IV/[a-c])$"))
    for i in range(jumlah):
        kab = rng.choice(kabkota)
        jabatan, instansi = rng.choice(JABATAN)
        peserta = {
            "kabupaten_kota": kab,
            "provinsi": kab.provinsi,
            "pangkat": rng.choice(pangkat),
            "jabatan": jabatan,
            "instansi": instansi.format(kab=kab.nama),
            "tempat_lahir": kab.nama.split(" ")[-1],
        }
        if i % 7 == 3:
            peserta["gelar_depan"], peserta["nama"], peserta["gelar_belakang"] = ISTIMEWA[(i // 7) % len(ISTIMEWA)]
        else:
            peserta["gelar_depan"], peserta["gelar_belakang"] = rng.choice(GELAR)
        pendaftaran = PendaftaranFactory(
            angkatan=angkatan,
            status=Pendaftaran.Status.LULUS,
            nilai_akhir=Decimal("91.25"),
            predikat=rng.choice(["Sangat Memuaskan", "Memuaskan", "Baik"]),
            persen_kehadiran=Decimal("100"),
            **{f"peserta__{k}": v for k, v in peserta.items()},
        )
        sertifikat_issue(pendaftaran=pendaftaran)
    angkatan.nilai_dikunci_pada = timezone.now()
    angkatan.save(update_fields=["nilai_dikunci_pada", "updated_at"])
    return angkatan


def pk_sertifikat(angkatan) -> list[int]:
    from sertifikat.models import Sertifikat

    return list(
        Sertifikat.objects.filter(pendaftaran__angkatan=angkatan).order_by("urut").values_list("pk", flat=True)
    )


# Pool workers -----------------------------------------------------------------------------------


def _bersihkan_proses() -> None:
    # Pool workers leave by os._exit, so atexit never runs: drop the cached font configuration here,
    # which removes its weasyprint-* temporary folder.
    from sertifikat import rendering

    rendering._proses.cache_clear()
    gc.collect()


def _inisialisasi_worker() -> None:
    from multiprocessing.util import Finalize

    import django
    from django.db import connections

    django.setup()
    connections.close_all()  # never use the parent's socket
    Finalize(None, _bersihkan_proses, exitpriority=10)


def _folder_font() -> str:
    """Return the temporary font folder of this process's cached WeasyPrint configuration."""
    from sertifikat import rendering

    return str(getattr(rendering._proses().font_config, "_folder", None) or "")


def _render_potongan(pks: list[int]) -> tuple[dict[int, bytes], float, str]:
    from sertifikat.rendering import render_batch, sertifikat_queryset

    daftar = list(sertifikat_queryset().filter(pk__in=pks).order_by("urut", "versi"))
    return render_batch(daftar), maks_rss_mb(), _folder_font()


def _uji_memori(pks: list[int]) -> dict:
    """Render ``pks`` in chunks in this (fresh) process; return its RSS after 200 and at the end."""
    from django.conf import settings

    from sertifikat.rendering import render_batch, sertifikat_queryset

    ukuran = max(1, settings.SERTIFIKAT_UKURAN_POTONGAN)
    hasil = {"rss_awal_mb": round(rss_mb(), 1)}
    selesai = 0
    for awal in range(0, len(pks), ukuran):
        daftar = list(sertifikat_queryset().filter(pk__in=pks[awal : awal + ukuran]).order_by("urut", "versi"))
        selesai += len(render_batch(daftar))  # the PDFs are dropped at once, as a worker stores them
        if selesai >= MEMORI_TITIK and "rss_200_mb" not in hasil:
            gc.collect()
            hasil["rss_200_mb"] = round(rss_mb(), 1)
    gc.collect()
    hasil["rss_1000_mb"] = round(rss_mb(), 1)
    hasil["peak_rss_memory_mb"] = round(maks_rss_mb(), 1)
    hasil["rendered"] = selesai
    hasil["folder"] = _folder_font()
    return hasil


def _pool(jumlah: int):
    from django.db import connections

    connections.close_all()  # the children must not inherit an open connection
    return multiprocessing.get_context("fork").Pool(jumlah, initializer=_inisialisasi_worker)


# The three ways ---------------------------------------------------------------------------------


def jalankan_naive(pks: list[int]) -> tuple[float, list[int]]:
    from sertifikat.rendering import render_lengkap, sertifikat_queryset

    mulai = time.perf_counter()
    ukuran = []
    for i, pk in enumerate(pks, 1):
        ukuran.append(len(render_lengkap(sertifikat_queryset().get(pk=pk))))
        if i % 50 == 0:
            log(f"naive: {i}/{len(pks)} in {time.perf_counter() - mulai:.1f} s")
    return time.perf_counter() - mulai, ukuran


def jalankan_batch(pks: list[int], workers: int) -> tuple[float, dict[int, bytes], float, set[str]]:
    from django.conf import settings

    ukuran = max(1, settings.SERTIFIKAT_UKURAN_POTONGAN)
    potongan = [pks[awal : awal + ukuran] for awal in range(0, len(pks), ukuran)]
    mulai = time.perf_counter()
    pool = _pool(workers)
    try:
        pdf: dict[int, bytes] = {}
        rss = 0.0
        folder = set()
        for hasil, rss_worker, folder_worker in pool.imap_unordered(_render_potongan, potongan):
            pdf.update(hasil)
            rss = max(rss, rss_worker)
            folder.add(folder_worker)
        batch_s = time.perf_counter() - mulai
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()  # workers leave normally, running their finalisers
    return batch_s, pdf, rss, folder


def jalankan_memori(pks: list[int]) -> dict:
    pool = _pool(1)
    try:
        hasil = pool.apply(_uji_memori, (pks,))
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
    return hasil


def jalankan_celery(angkatan, angkatan_pemanasan, workers: int, media: Path, kunci: Path) -> dict:
    from django.conf import settings
    from django.db import connection
    from django.db.models import Count

    from diklat.celery import app
    from sertifikat.models import Sertifikat
    from sertifikat.services import tugas_buat_start
    from sertifikat.tasks import render_sertifikat

    antrean = f"diklat-bench-{uuid.uuid4().hex[:10]}"
    # tugas_buat_start sends to the default queue: make it ours, in this process only.
    app.conf.task_default_queue = antrean
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "diklat.settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}",
        "CELERY_BROKER_URL": REDIS_URL,
        "DJANGO_MEDIA_ROOT": str(media),
        "DIKLAT_SIGNING_P12": str(kunci),
        "DIKLAT_SIGNING_PASSPHRASE": SANDI_KUNCI,
    }
    proses, log_berkas, nama = [], [], []
    folder_log = Path(tempfile.mkdtemp(prefix="diklat-bench-celery-"))
    simpan_log = False
    try:
        for i in range(1, workers + 1):
            nama.append(f"w{i}-{antrean}")
            berkas = folder_log / f"w{i}.log"
            log_berkas.append(berkas)
            with open(berkas, "wb") as keluaran:
                proses.append(
                    subprocess.Popen(
                        [
                            str(Path(sys.executable).parent / "celery"),
                            "-A",
                            "diklat",
                            "worker",
                            "--pool=solo",
                            "--concurrency=1",
                            "--loglevel=info",
                            "--queues",
                            f"{antrean},{antrean}.w{i}",
                            "--hostname",
                            f"{nama[-1]}@%h",
                            "--without-gossip",
                            "--without-mingle",
                            "--without-heartbeat",
                        ],
                        cwd=settings.BASE_DIR,
                        env=env,
                        stdout=keluaran,
                        stderr=subprocess.STDOUT,
                    )
                )
        # Ready, then answering a ping.
        batas = time.monotonic() + TUNGGU_WORKER_S
        menjawab: set[str] = set()
        while len(menjawab) < workers:
            for p, berkas in zip(proses, log_berkas, strict=True):
                if p.poll() is not None:
                    raise SystemExit(f"Worker Celery berhenti ({p.returncode}):\n{berkas.read_text()}")
            if time.monotonic() > batas:
                raise SystemExit(f"Worker Celery tidak menjawab dalam {TUNGGU_WORKER_S} s.")
            if all(b" ready." in berkas.read_bytes() for berkas in log_berkas):
                for jawaban in app.control.ping(timeout=1.0) or []:
                    menjawab.update(h.split("@")[0] for h in jawaban if h.split("@")[0] in nama)
            else:
                time.sleep(0.2)
        log(f"celery: {workers} workers answer the ping")

        # Warm-up: one certificate of another angkatan per worker (fonts, CSS, key loaded), one
        # worker after the other so that their claims never meet.
        pemanasan = pk_sertifikat(angkatan_pemanasan)[:workers]
        for i, pk in enumerate(pemanasan, 1):
            render_sertifikat.apply_async(args=[[pk]], queue=f"{antrean}.w{i}")
            if tunggu_siap(Sertifikat.objects.filter(pk=pk), 1)[1]:
                raise SystemExit(f"Worker w{i} tidak membuat sertifikat pemanasan.")
        log("celery: workers warmed up")

        sertifikat = Sertifikat.objects.filter(pendaftaran__angkatan=angkatan)
        n = sertifikat.count()
        mulai = time.perf_counter()
        tugas_buat_start(angkatan=angkatan, user=None)
        antre_s = time.perf_counter() - mulai  # numbers checked and tasks sent, before any render
        hitung, macet = tunggu_siap(sertifikat, n, mulai=mulai)
        celery_s = None if macet else time.perf_counter() - mulai
        gagal = hitung.get(Sertifikat.Status.FAILED, 0)
        if gagal:
            galat = list(sertifikat.filter(status=Sertifikat.Status.FAILED).values_list("galat", flat=True)[:3])
            log(f"celery: {gagal} certificates FAILED, e.g. {galat}")
        tertinggal = n - hitung.get(Sertifikat.Status.READY, 0) - gagal
        simpan_log = macet or bool(gagal)
        if macet:
            log(
                f"celery: {tertinggal} certificates never made: no progress for {TUNGGU_RENDER_S} s "
                f"(their task ran but claimed nothing, or was lost); celery_s is null. Statuses: {hitung}"
            )

        # The workers' own account of each chunk (warm-up excluded), to tell rendering from waiting.
        detik = []
        for berkas in log_berkas:
            baris_selesai = [
                baris
                for baris in berkas.read_text(errors="replace").splitlines()
                if "render_sertifikat" in baris and " succeeded in " in baris
            ]
            detik += [float(baris.rsplit(" in ", 1)[1].split("s:")[0]) for baris in baris_selesai[1:]]
        siap = sertifikat.filter(status=Sertifikat.Status.READY)
        satu = siap.order_by("?").first()
        with satu.berkas.open("rb") as berkas:
            isi = berkas.read()
        ukuran = [os.path.getsize(media / nama_berkas) for nama_berkas in siap.values_list("berkas", flat=True)]
        return {
            "celery_s": round(celery_s, 2) if celery_s is not None else None,
            "celery_failed": gagal,
            "celery_never_made": tertinggal,
            "celery_queue_s": round(antre_s, 2),
            "celery_workers": workers,
            "celery_task_s_mean": round(sum(detik) / len(detik), 2) if detik else None,
            "signed": b"/ByteRange" in isi and not siap.filter(ditandatangani=False).exists(),
            "kb_per_signed_certificate": round(sum(ukuran) / len(ukuran) / 1024, 1),
            "celery_status": dict(sertifikat.values_list("status").annotate(c=Count("pk")).values_list("status", "c")),
        }
    finally:
        for p in proses:
            p.terminate()  # warm shutdown
        for p in proses:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        with app.connection_for_write(REDIS_URL) as broker:
            # The queues and kombu's records of them, named after this run only.
            antrean_semua = [antrean, *(f"{antrean}.w{i}" for i in range(1, workers + 1))]
            broker.default_channel.client.delete(
                *antrean_semua,
                *(f"_kombu.{jenis}.{q}" for q in antrean_semua for jenis in ("binding", "binding_permanent")),
            )
        if sys.exc_info()[0] is None and not simpan_log:
            shutil.rmtree(folder_log, ignore_errors=True)
        else:
            log(f"celery: worker logs kept in {folder_log}")


def tunggu_siap(sertifikat, jumlah: int, *, mulai: float | None = None) -> tuple[dict, bool]:
    """Poll until ``jumlah`` certificates are ready or failed; return the count by status and whether
    it stopped early because nothing moved for ``TUNGGU_RENDER_S``."""
    from django.db.models import Count

    from sertifikat.models import Sertifikat

    batas = time.monotonic() + TUNGGU_RENDER_S
    terakhir = -1
    while True:
        hitung = dict(sertifikat.values_list("status").annotate(c=Count("pk")).values_list("status", "c"))
        selesai = hitung.get(Sertifikat.Status.READY, 0) + hitung.get(Sertifikat.Status.FAILED, 0)
        if selesai != terakhir:
            if mulai is not None and selesai // 50 != terakhir // 50:
                log(f"celery: {selesai}/{jumlah} in {time.perf_counter() - mulai:.1f} s")
            terakhir = selesai
            batas = time.monotonic() + TUNGGU_RENDER_S
        if selesai >= jumlah:
            return hitung, False
        if time.monotonic() > batas:
            return hitung, True
        time.sleep(0.05)


# Main -------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument(
        "--workers", type=int, default=2, help="Celery worker processes (the batch uses one process per core)"
    )
    parser.add_argument("--celery", action="store_true", help="also time real Celery workers, signing")
    parser.add_argument("--memory", action="store_true", help="also render 1,000 in one process, reporting RSS")
    parser.add_argument("--keep-db", action="store_true", help=f"leave {NAMA_DB} behind")
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://", "pgsql://")):
        raise SystemExit("Set DATABASE_URL=postgres://…: the bench runs on PostgreSQL.")
    folder_awal = folder_weasyprint()
    media = Path(tempfile.mkdtemp(prefix="diklat-bench-media-"))
    os.environ["DJANGO_MEDIA_ROOT"] = str(media)
    if args.celery:
        os.environ["CELERY_BROKER_URL"] = REDIS_URL

    import django
    from django.conf import settings

    django.setup()
    from django.db import connection

    from diklat.services import program_create
    from peserta.demo.isi import KURIKULUM

    # Libraries loaded up front, so that neither way pays for the imports; WeasyPrint's progress
    # log (parsing its own stylesheets on import) quieted as diklat.pdf does.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    import pikepdf  # noqa: F401
    import weasyprint  # noqa: F401

    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = NAMA_DB
    nama_asli = connection.settings_dict["NAME"]
    log(f"creating {NAMA_DB} (dropped first if it exists) and migrating")
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    # Other work on the machine skews every figure: say how busy it was.
    hasil: dict = {"n": args.n, "loadavg_1m_at_start": round(os.getloadavg()[0], 2)}
    try:
        rng = random.Random(20220620)
        program = program_create(
            nama="Pelatihan Penguatan Tugas-Tugas Sekretaris Perangkat Daerah", kode="PTSPD", mata_pelatihan=KURIKULUM
        )
        mulai = time.perf_counter()
        angkatan = buat_angkatan(program, 3, args.n, rng)
        pks = pk_sertifikat(angkatan)
        log(f"{len(pks)} graduates with certificate records in {time.perf_counter() - mulai:.1f} s")
        cores = len(os.sched_getaffinity(0))

        batch_s, pdf, peak_rss, folder_pool = jalankan_batch(pks, cores)
        if sorted(pdf) != sorted(pks):
            raise SystemExit(f"batch: {len(pdf)} PDFs for {len(pks)} certificates")
        log(f"batch: {len(pdf)} in {batch_s:.2f} s with {cores} processes")
        naive_s, ukuran_naive = jalankan_naive(pks)
        log(f"naive: {len(pks)} in {naive_s:.2f} s")

        ukuran = [len(b) for b in pdf.values()]
        hasil.update(
            {
                "naive_s": round(naive_s, 2),
                "batch_s": round(batch_s, 2),
                "ratio": round(naive_s / batch_s, 2),
                "per_second": round(args.n / batch_s, 1),
                "kb_per_certificate": round(sum(ukuran) / len(ukuran) / 1024, 1),
                "kb_max_certificate": round(max(ukuran) / 1024, 1),
                "kb_per_naive_certificate": round(sum(ukuran_naive) / len(ukuran_naive) / 1024, 1),
                "peak_rss_mb": round(peak_rss, 1),
                "batch_processes": cores,
                "chunk": settings.SERTIFIKAT_UKURAN_POTONGAN,
            }
        )
        del pdf

        if args.memory:
            mulai = time.perf_counter()
            pks_memori = pk_sertifikat(buat_angkatan(program, 4, MEMORI_N, rng))
            log(f"memory: {MEMORI_N} more graduates in {time.perf_counter() - mulai:.1f} s")
            memori = jalankan_memori(pks_memori)
            folder_pool.add(memori.pop("folder"))
            log(f"memory: {memori}")
            hasil.update(
                {
                    "rss_200_mb": memori["rss_200_mb"],
                    "rss_1000_mb": memori["rss_1000_mb"],
                    "peak_rss_memory_mb": memori["peak_rss_memory_mb"],
                }
            )

        if args.celery:
            from django.core.management import call_command

            kunci = media.parent / f"{media.name}-kunci" / "bench.p12"
            call_command("buat_kunci_dev", keluaran=kunci, sandi=SANDI_KUNCI, stdout=open(os.devnull, "w"))
            try:
                pemanasan = buat_angkatan(program, 5, args.workers, rng)
                celery = jalankan_celery(angkatan, pemanasan, args.workers, media, kunci)
            finally:
                shutil.rmtree(kunci.parent, ignore_errors=True)
            log(f"celery: {celery}")
            hasil.update(celery)
    finally:
        if args.keep_db:
            log(f"{NAMA_DB} left in place")
        else:
            connection.creation.destroy_test_db(nama_asli, verbosity=0)
        shutil.rmtree(media, ignore_errors=True)

    # Folders that other programs on the machine make and remove meanwhile are no concern of ours:
    # count those the pool workers made (they report theirs) and any new one still there now.
    gc.collect()  # font configurations of the naive loop caught in reference cycles
    sisa = sorted(folder_weasyprint() - folder_awal)
    hasil["weasyprint_tmp_left"] = sum(1 for f in folder_pool if f and os.path.exists(f))
    if sisa:
        log(f"new weasyprint-* folders in {tempfile.gettempdir()} now: {sisa} (ours: {hasil['weasyprint_tmp_left']})")
    hasil["loadavg_1m_at_end"] = round(os.getloadavg()[0], 2)
    print(json.dumps(hasil))


if __name__ == "__main__":
    main()
