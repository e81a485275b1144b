"""A real Celery worker process runs jobs against the test database over Redis.

The worker is a subprocess, as in production, so the test runs on PostgreSQL
(the SQLite test database lives in memory and no other process can see it)
and commits its rows (``transaction=True``). Each test module gets its own
queue and worker name, so parallel test workers never take each other's jobs.
"""

import contextlib
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from diklat.celery import app
from diklat.models import WorkerHeartbeat
from diklat.tasks import worker_heartbeat

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
VENV_BIN = Path(sys.executable).parent
WAIT_SECONDS = 30

pytestmark = [
    pytest.mark.postgres,
    # serialized_rollback: the flush after a transactional test would otherwise
    # also empty what the data migrations loaded (regions, roles) for later tests.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(scope="module")
def redis_url():
    url = os.environ.get("DIKLAT_TEST_REDIS_URL", "")
    if not url:
        if IN_CI:
            pytest.fail("CI=true but DIKLAT_TEST_REDIS_URL is not set: the Celery worker test needs Redis in CI.")
        pytest.skip("needs Redis (set DIKLAT_TEST_REDIS_URL, as `make test` does when Redis answers)")
    return url


def worker_database_url() -> str:
    """Return a DATABASE_URL that points another process at this test database."""
    db = connection.settings_dict
    user = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        user += ":" + quote(db["PASSWORD"], safe="")
    host = quote(db["HOST"] or "", safe="")  # a socket folder is written %2F…
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{user}@{host}{port}/{quote(db['NAME'], safe='')}"


@contextlib.contextmanager
def celery_worker(
    redis_url: str,
    log_dir: Path,
    extra_env: dict | None = None,
    *,
    queue: str | None = None,
    nama: str = "worker",
    beat: bool = False,
    perintah: list[str] | None = None,
):
    """Run `celery worker` on a queue of its own against the test database; stop it cleanly afterwards.

    Several workers given the same ``queue`` share its work, as workers on several hosts do. ``beat``
    embeds Celery beat (the periodic sweep), which sends to the same queue. ``perintah`` replaces
    the `celery` program (a test's launcher that wraps it). The worker's process is yielded as
    ``process``, for a test that kills it.
    """
    queue = queue or f"diklat-test-{uuid.uuid4().hex[:12]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "diklat.settings",
        "DATABASE_URL": worker_database_url(),
        "CELERY_BROKER_URL": redis_url,
        "DIKLAT_CELERY_QUEUE": queue,
        **(extra_env or {}),
    }
    log_path = log_dir / f"{nama}.log"
    command = [
        *(perintah or [str(VENV_BIN / "celery")]),
        "-A",
        "diklat",
        "worker",
        "--pool=solo",
        "--loglevel=info",
        "--queues",
        queue,
        "--hostname",
        f"{queue}-{nama}@%h",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
    ]
    if beat:
        command += ["--beat", "--schedule", str(log_dir / f"{nama}-beat-schedule")]
    with open(log_path, "w+b") as log:
        process = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            # Wait for "ready" so a failure to start is reported as such, not as a lost job.
            deadline = time.monotonic() + WAIT_SECONDS
            while b" ready." not in log_path.read_bytes():
                if process.poll() is not None:
                    pytest.fail(f"the Celery worker exited with {process.returncode}:\n{log_path.read_text()}")
                if time.monotonic() > deadline:
                    pytest.fail(f"the Celery worker was not ready after {WAIT_SECONDS} s:\n{log_path.read_text()}")
                time.sleep(0.2)
            yield {"queue": queue, "env": env, "log": log_path, "broker": redis_url, "process": process}
        finally:
            if process.poll() is None:
                process.terminate()  # warm shutdown
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="module")
def worker(django_db_setup, redis_url, tmp_path_factory):
    with celery_worker(redis_url, tmp_path_factory.mktemp("celery")) as running:
        yield running


def test_worker_process_runs_heartbeat_job(worker):
    sent_at = timezone.now()
    with app.connection_for_write(worker["broker"]) as broker:
        worker_heartbeat.apply_async(queue=worker["queue"], connection=broker)

    deadline = time.monotonic() + WAIT_SECONDS
    heartbeat = None
    while heartbeat is None and time.monotonic() < deadline:
        heartbeat = WorkerHeartbeat.objects.filter(hostname__startswith=f"{worker['queue']}-worker@").first()
        time.sleep(0.2)

    assert heartbeat is not None, f"no heartbeat after {WAIT_SECONDS} s; worker log:\n{worker['log'].read_text()}"
    assert heartbeat.last_seen >= sent_at


def test_cek_worker_reports_a_live_worker(worker):
    result = subprocess.run(
        [sys.executable, "manage.py", "cek_worker", "--timeout", str(WAIT_SECONDS), "--queue", worker["queue"]],
        cwd=settings.BASE_DIR,
        env=worker["env"],
        capture_output=True,
        text=True,
        timeout=WAIT_SECONDS + 30,
    )

    assert result.returncode == 0, result.stderr + worker["log"].read_text()
    assert f"Worker Celery aktif: {worker['queue']}-worker@" in result.stdout


def test_cek_worker_fails_in_indonesian_without_a_worker(worker):
    nobody_listens = f"{worker['queue']}-kosong"
    try:
        result = subprocess.run(
            [sys.executable, "manage.py", "cek_worker", "--timeout", "1", "--queue", nobody_listens],
            cwd=settings.BASE_DIR,
            env=worker["env"],
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        with app.connection_for_write(worker["broker"]) as broker:
            broker.default_channel.client.delete(nobody_listens)

    assert result.returncode != 0
    assert "Worker Celery tidak menjawab dalam 1 detik" in result.stderr
    assert not WorkerHeartbeat.objects.exists()
