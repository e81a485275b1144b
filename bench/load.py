"""Under load: the verification page, the participant's portal, a roster of 200 and its CSV, served by gunicorn to locust.

Run::

    CACHE_URL=redis://127.0.0.1:6379/1 DATABASE_URL=postgres://diklat@127.0.0.1:5432/diklat \\
        .venv/bin/python bench/load.py [--users 50] [--seconds 30] [--peak-seconds 15]

The database named in DATABASE_URL is not touched: the bench creates a throwaway database beside it
(``diklat_bench_load_<pid>``), fills it as ``bench/exports.py`` does with 220 enrolments (an angkatan of 200
and one of 20, results final, most graduated with a ready certificate and what it printed kept beside it),
opens accounts for 50 of the graduates (one password) and one staff officer, and drops it at the end.

The site runs as in production: gunicorn with 4 sync workers on a free port of 127.0.0.1, ``DJANGO_DEBUG=false``
with a fresh secret key, the static files collected into a temporary ``DIKLAT_VAR_DIR``, the database's
connections kept (``DJANGO_CONN_MAX_AGE``'s default) and the cache of ``CACHE_URL``: without it each worker
has a cache of its own and the verification page is not kept (``DIKLAT_VERIFY_CACHE_SECONDS``), as in such a
deployment. Every request says ``X-Forwarded-Proto: https``, as the reverse proxy that ends TLS before the
site does, so the HTTPS redirect, the secure cookies and the CSRF origin check stay on. The verification
page's limit per address (``DIKLAT_VERIFY_RATE``) is raised above what 50 users on one address send; it still
counts every request.

locust drives it headless, from a child process of this script (locust patches the standard library for
gevent), with ``FastHttpUser``. For each page ``--users`` users (50) log in first where the page needs it,
through the login form, each on its own session, and each starts at a random moment of its steady interval;
the clock starts once all have logged in and are in their stride. Then two runs: steady,
``--seconds`` (30) with locust's ``constant_throughput(2)`` per user for the verification and portal pages and
``constant_throughput(0.2)`` for the roster and the CSV; and peak, ``--peak-seconds`` (15) with no wait, the
most the machine serves. Anything but a 200 counts as an error. The pages:

- ``verifikasi``: ``/verifikasi/<code>/`` of a ready certificate, each user its own graduate's code;
- ``portal``: ``/portal/``, each user logged in as its own graduate;
- ``roster_200``: the angkatan's page (its Peserta tab: the first 100 of the 200 rows) as staff;
- ``csv_200``: the angkatan's roster export of all 200 as CSV with the columns its page ticks first, as staff.

``queries`` is counted in this process with Django's test client against the same database: one request
after a warm-up; for the verification page the first request of a code (``queries_cached`` beside it: the
next one). The roster and the CSV are counted at 20 rows too (``queries_20``), printed on a line before the
JSON. The last line is one JSON object::

    {"clients": 50, "seconds": 30, "pages": {"verifikasi": {"rps": …, "p50_ms": …, "p95_ms": …, "p99_ms": …,
     "errors": …, "queries": …, "peak_rps": …}, "portal": {…}, "roster_200": {…}, "csv_200": {…}}}

with the steady run's rate, latencies and errors and the peak run's rate (``peak_errors`` beside it). The
gunicorn and locust processes run in sessions of their own and are stopped, with all they started, when the
bench ends, fails or is interrupted (Ctrl-C, SIGTERM), and on Linux even when the bench is killed outright.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diklat.settings")

HALAMAN = ("verifikasi", "portal", "roster_200", "csv_200")
# Requests a second each user sends in the steady run (locust's constant_throughput).
LAJU = {"verifikasi": 2, "portal": 2, "roster_200": 0.2, "csv_200": 0.2}
PER_ANGKATAN = 200
KECIL = 20
SANDI = "bench-beban-sandi"
HTTPS = {"X-Forwarded-Proto": "https"}


# The data ------------------------------------------------------------------------------------------------------


def isi(jumlah_akun: int) -> dict:
    """Fill the database: an angkatan of 200 and one of 20 (``bench.exports.isi_data``), accounts; say what is where."""
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from angkatan.models import Angkatan
    from bench.exports import isi_data
    from diklat.models import User
    from diklat.roles import PESERTA
    from diklat.tests.factories import staf_user
    from peserta.models import Peserta
    from sertifikat.data_cetak import data_cetak
    from sertifikat.models import Sertifikat

    besar, kecil = isi_data(PER_ANGKATAN + KECIL)
    Angkatan.objects.filter(pk__in=[besar, kecil]).update(nilai_dikunci_pada=timezone.now())
    semua = list(
        Sertifikat.objects.filter(pendaftaran__angkatan__in=[besar, kecil]).select_related(
            "pendaftaran__peserta", "pendaftaran__angkatan__program", "pendaftaran__angkatan__venue"
        )
    )
    for sertifikat in semua:  # what each certificate printed, kept beside it as the worker keeps it
        sertifikat.data_cetak = data_cetak(sertifikat)
    Sertifikat.objects.bulk_update(semua, ["data_cetak"], batch_size=500)

    siap = sorted(
        (s for s in semua if s.status == Sertifikat.Status.READY and s.pendaftaran.angkatan_id == besar),
        key=lambda s: s.urut,
    )[:jumlah_akun]
    sandi = make_password(SANDI)  # hashed once: one password for every account
    akun = User.objects.bulk_create(
        [
            User(username=s.pendaftaran.peserta.nip, password=sandi, first_name=s.pendaftaran.peserta.nama[:150])
            for s in siap
        ]
    )
    peserta = Group.objects.get(name=PESERTA)
    User.groups.through.objects.bulk_create([User.groups.through(user_id=u.pk, group_id=peserta.pk) for u in akun])
    orang = []
    for s, user in zip(siap, akun, strict=True):
        s.pendaftaran.peserta.user = user
        orang.append(s.pendaftaran.peserta)
    Peserta.objects.bulk_update(orang, ["user"])
    staf = staf_user(username="bench-staf", password=SANDI)
    return {
        "angkatan": besar,
        "angkatan_kecil": kecil,
        "kode": [s.kode_verifikasi for s in siap],
        "peserta": [u.username for u in akun],
        "staf": staf.username,
    }


# Queries of one request, in this process ---------------------------------------------------------------------


def _kueri(client, metode: str, url: str, data: dict | None = None) -> int:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()  # the log of queries is a ring: full, it would count nothing
    with CaptureQueriesContext(connection) as kueri:
        response = getattr(client, metode)(url, data or {})
        b"".join(response.streaming_content) if response.streaming else response.content
    if response.status_code != 200:
        raise SystemExit(f"{metode.upper()} {url}: {response.status_code}")
    return len(kueri)


def hitung_kueri(data: dict) -> dict:
    """Return the queries of one request of each page (after a warm-up), and of the roster and CSV at 20 rows."""
    from django.test import Client
    from django.urls import reverse

    from diklat.models import User
    from peserta.ekspor.kolom import KOLOM_BAWAAN

    anonim = Client()
    kode = data["kode"][-1]  # a code the load does not use first, so its first request here finds no cache
    verifikasi = reverse("sertifikat:verifikasi", args=[kode])
    hasil = {"verifikasi": {"queries": _kueri(anonim, "get", verifikasi)}}
    hasil["verifikasi"]["queries_cached"] = _kueri(anonim, "get", verifikasi)

    peserta = Client()
    peserta.force_login(User.objects.get(username=data["peserta"][0]))
    _kueri(peserta, "get", reverse("peserta:portal"))
    hasil["portal"] = {"queries": _kueri(peserta, "get", reverse("peserta:portal"))}

    staf = Client()
    staf.force_login(User.objects.get(username=data["staf"]))
    csv = {"kolom": list(KOLOM_BAWAAN), "urut": "nama", "status": "", "format": "csv"}
    for nama, angkatan in (("20", data["angkatan_kecil"]), ("200", data["angkatan"])):
        roster = reverse("angkatan:detail", args=[angkatan])
        ekspor = reverse("peserta:ekspor-roster", args=[angkatan])
        _kueri(staf, "get", roster)
        _kueri(staf, "post", ekspor, csv)  # also keeps the choice, as the page then does on every export
        hasil.setdefault("roster_200", {})[f"queries_{nama}"] = _kueri(staf, "get", roster)
        hasil.setdefault("csv_200", {})[f"queries_{nama}"] = _kueri(staf, "post", ekspor, csv)
    for halaman in ("roster_200", "csv_200"):
        hasil[halaman]["queries"] = hasil[halaman].pop("queries_200")
    return hasil


# The site under gunicorn ---------------------------------------------------------------------------------------


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _mati_bersama_induk() -> None:
    """In a child, before it runs: be sent SIGTERM when the bench's process ends, even killed outright (Linux)."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _hentikan(proses: subprocess.Popen) -> None:
    """Stop a child and everything it started (it leads a session of its own): politely, then for sure."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proses.pid, signal.SIGTERM)
    try:
        proses.wait(timeout=15)
    except subprocess.TimeoutExpired:
        pass
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proses.pid, signal.SIGKILL)  # whatever is left of the group (gunicorn's workers)
    proses.wait()


def _ekor(berkas: Path, baris: int = 30) -> str:
    return "\n".join(berkas.read_text(errors="replace").splitlines()[-baris:]) if berkas.exists() else ""


def env_produksi(var: Path) -> dict[str, str]:
    """Return the environment of the site in production settings, its files (static, media, broker) under ``var``."""
    env = {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DIKLAT_PUBLIC_URL": "https://127.0.0.1",
        "DIKLAT_VAR_DIR": str(var),
        "DIKLAT_VERIFY_RATE": "1000000",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    for nama in ("DJANGO_CONN_MAX_AGE", "DJANGO_MEDIA_ROOT", "DIKLAT_TRUSTED_PROXIES", "DJANGO_SECURE_SSL_REDIRECT"):
        env.pop(nama, None)  # production's defaults, whatever the shell running the bench says
    return env


@contextlib.contextmanager
def anak(perintah: list[str], *, env: dict[str, str], log: Path) -> Iterator[subprocess.Popen]:
    """Run a child in a session of its own, its output in ``log``; stop it and all it started when the block ends."""
    with open(log, "ab") as keluaran:
        proses = subprocess.Popen(
            perintah,
            cwd=BASE_DIR,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=keluaran,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_mati_bersama_induk,
        )
    try:
        yield proses
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not leave a server or the database
        _hentikan(proses)


@contextlib.contextmanager
def situs(*, env: dict[str, str], nama_db: str, workers: int, var: Path) -> Iterator[str]:
    """Serve the site from gunicorn on the bench's database; yield its address."""
    port = _port_bebas()
    alamat = f"http://127.0.0.1:{port}"
    url = urlsplit(os.environ["DATABASE_URL"])
    env = {
        **env,
        "DATABASE_URL": urlunsplit(url._replace(path=f"/{nama_db}")),
        "DIKLAT_PUBLIC_URL": f"https://127.0.0.1:{port}",
    }
    log = var / "gunicorn.log"
    perintah = [
        *(sys.executable, "-m", "gunicorn", "diklat.wsgi:application"),
        *("--workers", str(workers), "--bind", f"127.0.0.1:{port}"),
        *("--log-level", "warning", "--error-logfile", "-"),
    ]
    try:
        with anak(perintah, env=env, log=log) as proses:
            _tunggu_siap(proses, alamat, log)
            yield alamat
    finally:
        if galat := [b for b in _ekor(log, 10_000).splitlines() if "Traceback" in b or "ERROR" in b]:
            print(f"gunicorn logged {len(galat)} errors; the last lines of its log:\n{_ekor(log)}", file=sys.stderr)


def _tunggu_siap(proses: subprocess.Popen, alamat: str, log: Path, batas: float = 60) -> None:
    """Wait until every worker can answer the login page; fail with the log when the server does not come up."""
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        if proses.poll() is not None:
            raise SystemExit(f"gunicorn stopped ({proses.returncode}):\n{_ekor(log)}")
        try:
            with urllib.request.urlopen(urllib.request.Request(f"{alamat}/masuk/", headers=HTTPS), timeout=5) as r:
                if r.status == 200:
                    for _ in range(8):  # a few more, so that each worker has loaded its code before the clock runs
                        urllib.request.urlopen(urllib.request.Request(f"{alamat}/masuk/", headers=HTTPS), timeout=10)
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer within {batas:.0f} s:\n{_ekor(log)}")


# locust, in a child process -----------------------------------------------------------------------------------


def gerombolan(konfigurasi: dict, log: Path) -> dict:
    """Run the steady and the peak run of one page in a locust child process; return its figures."""
    batas = konfigurasi["detik"] + konfigurasi["detik_puncak"] + 180
    with open(log, "ab") as galat:
        proses = subprocess.Popen(
            [sys.executable, __file__, "--locust"],
            cwd=BASE_DIR,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=galat,
            start_new_session=True,
            preexec_fn=_mati_bersama_induk,
        )
    try:
        keluar, _ = proses.communicate(json.dumps(konfigurasi).encode(), timeout=batas)
    finally:
        _hentikan(proses)
    baris = keluar.decode().strip().splitlines()
    if proses.returncode != 0 or not baris:
        raise SystemExit(f"locust ({konfigurasi['halaman']}) failed ({proses.returncode}):\n{_ekor(log)}")
    angka = json.loads(baris[-1])
    if angka["gagal_masuk"]:
        print(f"{angka['gagal_masuk']} users could not log in; the last lines of locust's log:\n{_ekor(log, 10)}")
    return angka


def _locust() -> None:
    """The child: read the run's settings on stdin, run it with locust, print its figures as one line of JSON."""
    konfigurasi = json.loads(sys.stdin.read())
    import random
    from http.cookiejar import DefaultCookiePolicy

    import gevent  # locust's import patches the standard library for gevent: nothing of Django in this process
    from locust import FastHttpUser, constant_throughput, task
    from locust.env import Environment
    from locust.log import setup_logging

    setup_logging("WARNING")

    class TanpaTls(DefaultCookiePolicy):
        """Send back the cookies marked Secure over loopback's plain HTTP, as a browser does over the proxy's HTTPS."""

        def return_ok_secure(self, cookie, request):
            return True

    halaman, host, jumlah = konfigurasi["halaman"], konfigurasi["host"], konfigurasi["users"]
    asal = {"Origin": "https://" + urlsplit(host).netloc}
    laju = constant_throughput(LAJU[halaman])
    keadaan = {"puncak": False, "siap": 0, "gagal_masuk": 0, "nomor": 0}

    class Pengguna(FastHttpUser):
        default_headers = HTTPS
        network_timeout = 60.0
        connection_timeout = 60.0

        def wait_time(self):
            return 0 if keadaan["puncak"] else laju(self)

        def on_start(self):
            self.client.cookiejar.set_policy(TanpaTls())
            self.nomor = keadaan["nomor"]
            keadaan["nomor"] += 1
            try:
                if halaman == "portal":
                    self._masuk(konfigurasi["peserta"][self.nomor % len(konfigurasi["peserta"])])
                elif halaman in ("roster_200", "csv_200"):
                    self._masuk(konfigurasi["staf"])
                    self.token = self._token(konfigurasi["ekspor"])
            except Exception as galat:
                keadaan["gagal_masuk"] += 1
                print(f"user {self.nomor}: {galat!r}", file=sys.stderr)
            else:
                keadaan["siap"] += 1
            # Visitors do not come in step: each starts at a moment of its own within the steady interval.
            gevent.sleep(random.uniform(0, 1 / LAJU[halaman]))

        def _token(self, path: str) -> str:
            response = self.client.get(path, name="persiapan")
            cocok = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text or "")
            if response.status_code != 200 or not cocok:
                raise RuntimeError(f"{path}: {response.status_code}, no CSRF token")
            return cocok.group(1)

        def _masuk(self, username: str) -> None:
            token = self._token("/masuk/")
            response = self.client.post(
                "/masuk/",
                data=urlencode({"username": username, "password": SANDI, "csrfmiddlewaretoken": token}),
                headers={**asal, "Referer": f"{host}/masuk/", "Content-Type": "application/x-www-form-urlencoded"},
                allow_redirects=False,
                name="persiapan",
            )
            if response.status_code != 302 or "/masuk/" in response.headers.get("location", ""):
                raise RuntimeError(f"login of {username}: {response.status_code}")

        @task
        def buka(self):
            if halaman == "csv_200":
                isian = {**konfigurasi["csv"], "csrfmiddlewaretoken": self.token}
                minta = self.client.post(
                    konfigurasi["ekspor"],
                    data=urlencode(isian, doseq=True),
                    headers={
                        **asal,
                        "Referer": host + konfigurasi["ekspor"],
                        "Content-Type": "application/x-www-form-urlencoded",
                    },
                    name=halaman,
                    allow_redirects=False,
                    catch_response=True,
                )
            else:
                path = konfigurasi["path"]
                if halaman == "verifikasi":
                    path = path.format(kode=konfigurasi["kode"][self.nomor % len(konfigurasi["kode"])])
                minta = self.client.get(path, name=halaman, allow_redirects=False, catch_response=True)
            with minta as response:
                jenis = response.headers.get("content-type", "")
                if response.status_code != 200:
                    response.failure(f"HTTP {response.status_code}")
                elif (halaman == "csv_200") != jenis.startswith("text/csv"):
                    response.failure(f"answered {jenis}")

    Pengguna.host = host
    env = Environment(user_classes=[Pengguna])
    runner = env.create_local_runner()
    runner.start(jumlah, spawn_rate=jumlah)
    akhir = time.monotonic() + 150
    while keadaan["siap"] + keadaan["gagal_masuk"] < jumlah and time.monotonic() < akhir:
        gevent.sleep(0.2)
    # Every user in its stride before the clock starts: constant_throughput lets a user's first two requests go
    # back to back, and the last users to log in are still waiting for their first moment.
    gevent.sleep(1 / LAJU[halaman] + 1)

    def ukur(detik: float) -> dict:
        env.stats.reset_all()
        mulai = time.monotonic()
        gevent.sleep(detik)
        lama = time.monotonic() - mulai
        s = env.stats.get(halaman, "POST" if halaman == "csv_200" else "GET")
        galat = {f"{e.error}": e.occurrences for e in env.stats.errors.values() if e.name == halaman}
        return {
            "rps": round(s.num_requests / lama, 1),
            "p50_ms": s.get_response_time_percentile(0.5) or 0,
            "p95_ms": s.get_response_time_percentile(0.95) or 0,
            "p99_ms": s.get_response_time_percentile(0.99) or 0,
            "errors": s.num_failures,
            "requests": s.num_requests,
            "error_kinds": galat,
        }

    tetap = ukur(konfigurasi["detik"])
    keadaan["puncak"] = True
    gevent.sleep(1 / LAJU[halaman] + 1)  # every user has woken from its last steady wait
    puncak = ukur(konfigurasi["detik_puncak"])
    runner.quit()
    tetap["errors"] += keadaan["gagal_masuk"]
    print(json.dumps({"tetap": tetap, "puncak": puncak, "gagal_masuk": keadaan["gagal_masuk"]}))


# The whole bench ----------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50, help="locust users at once (50)")
    parser.add_argument("--seconds", type=int, default=30, help="length of each steady run (30)")
    parser.add_argument("--peak-seconds", type=int, default=15, help="length of each peak run (15)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (4)")
    parser.add_argument("--pages", default=",".join(HALAMAN), help="only these pages, comma-separated (all four)")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://", "pgsql://")):
        raise SystemExit("Set DATABASE_URL=postgres://…: the bench serves the site from PostgreSQL.")
    import importlib.util

    for paket in ("gunicorn", "locust"):
        if importlib.util.find_spec(paket) is None:
            raise SystemExit(f"{paket} is missing: .venv/bin/pip install -r requirements.txt")
    # SIGTERM stops the bench as Ctrl-C does: through the clean-ups, which stop the children and drop the database.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    import django

    django.setup()
    import logging

    logging.getLogger("axes").setLevel(logging.WARNING)  # a line for each test client's login says nothing here
    from django.conf import settings
    from django.db import connection
    from django.urls import reverse

    from bench.basis_data import basis_data_sementara
    from peserta.ekspor.kolom import KOLOM_BAWAAN

    mulai = time.perf_counter()
    cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    hasil = {}
    with tempfile.TemporaryDirectory(prefix="diklat-bench-load-") as sementara:
        var = Path(sementara)
        env = env_produksi(var)
        # Collecting and compressing the static files takes a while: beside the filling of the database.
        kumpul = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"]
        with anak(kumpul, env=env, log=var / "collectstatic.log") as statis, basis_data_sementara("diklat_bench_load"):
            data = isi(args.users)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # as autovacuum would have by now
            kueri = hitung_kueri(data)
            print(
                f"{PER_ANGKATAN + KECIL} enrolments, {len(data['peserta'])} participant accounts, "
                f"queries counted in {time.perf_counter() - mulai:.0f} s"
            )
            print(
                "queries per request: "
                f"verifikasi {kueri['verifikasi']['queries']} "
                f"(then {kueri['verifikasi']['queries_cached']} from the cache), "
                f"portal {kueri['portal']['queries']}, "
                f"roster {kueri['roster_200']['queries_20']} at {KECIL} rows and {kueri['roster_200']['queries']} at "
                f"{PER_ANGKATAN}, csv {kueri['csv_200']['queries_20']} at {KECIL} rows and "
                f"{kueri['csv_200']['queries']} at {PER_ANGKATAN}"
            )
            nama_db = connection.settings_dict["NAME"]
            connection.close()  # the server has the database to itself
            if statis.wait() != 0:
                raise SystemExit(f"collectstatic failed:\n{_ekor(var / 'collectstatic.log')}")

            path = {
                "verifikasi": reverse("sertifikat:verifikasi", args=["KODE"]).replace("KODE", "{kode}"),
                "portal": reverse("peserta:portal"),
                "roster_200": reverse("angkatan:detail", args=[data["angkatan"]]),
            }
            with situs(env=env, nama_db=nama_db, workers=args.workers, var=var) as host:
                print(
                    f"gunicorn, {args.workers} workers, at {host}; cache {cache}; {time.perf_counter() - mulai:.0f} s in"
                )
                for halaman in [h for h in HALAMAN if h in args.pages.split(",")]:
                    angka = gerombolan(
                        {
                            "halaman": halaman,
                            "host": host,
                            "users": args.users,
                            "detik": args.seconds,
                            "detik_puncak": args.peak_seconds,
                            "path": path.get(halaman, ""),
                            "ekspor": reverse("peserta:ekspor-roster", args=[data["angkatan"]]),
                            "csv": {"kolom": list(KOLOM_BAWAAN), "urut": "nama", "status": "", "format": "csv"},
                            **{k: data[k] for k in ("kode", "peserta", "staf")},
                        },
                        var / "locust.log",
                    )
                    tetap, puncak = angka["tetap"], angka["puncak"]
                    hasil[halaman] = {
                        **{k: tetap[k] for k in ("rps", "p50_ms", "p95_ms", "p99_ms", "errors")},
                        "queries": kueri[halaman]["queries"],
                        "peak_rps": puncak["rps"],
                        "peak_errors": puncak["errors"],
                        **{k: v for k, v in kueri[halaman].items() if k != "queries"},
                    }
                    print(
                        f"{halaman:11} steady {tetap['rps']:7.1f} rps  p50 {tetap['p50_ms']:5.0f} ms  "
                        f"p95 {tetap['p95_ms']:5.0f} ms  p99 {tetap['p99_ms']:5.0f} ms  {tetap['errors']} errors"
                        f"{' ' + json.dumps(tetap['error_kinds']) if tetap['error_kinds'] else ''} | "
                        f"peak {puncak['rps']:7.1f} rps  p95 {puncak['p95_ms']:5.0f} ms  {puncak['errors']} errors"
                        f"{' ' + json.dumps(puncak['error_kinds']) if puncak['error_kinds'] else ''}"
                    )
    print(f"{time.perf_counter() - mulai:.0f} s in all")
    print(
        json.dumps(
            {
                "clients": args.users,
                "seconds": args.seconds,
                "pages": hasil,
                "peak_seconds": args.peak_seconds,
                "workers": args.workers,
                "cache": cache,
            }
        )
    )


if __name__ == "__main__":
    if sys.argv[1:] == ["--locust"]:
        _locust()
    else:
        try:
            main()
        except KeyboardInterrupt:
            raise SystemExit(
                "Interrupted: the server and locust are stopped and the bench's database dropped."
            ) from None
