"""Test set-up shared by every app: media in a temporary folder, PostgreSQL checks, a real SMTP server."""

import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

ON_POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def pytest_configure(config):
    if IN_CI and not ON_POSTGRES:
        raise pytest.UsageError(
            "CI=true but DATABASE_URL does not point at PostgreSQL: the tests must run on PostgreSQL in CI."
        )


def pytest_collection_modifyitems(config, items):
    if ON_POSTGRES:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Hashing passwords properly is slow by design; tests need no such safety.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # A development key left in var/ by `make run` must not sign the tests' certificates; tests that
    # sign configure a key of their own.
    settings.SERTIFIKAT_KUNCI_P12 = ""


@pytest.fixture(autouse=True)
def _cache_kosong():
    # The verification pages' rate limit counts in the cache: no test inherits another's requests.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staf():
    """A staff user (a module may give its own, e.g. with a name its pages show)."""
    from diklat.tests.factories import staf_user

    return staf_user()


@pytest.fixture
def staf_client(client, staf):
    client.force_login(staf)
    return client


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback (aiosmtpd) to which Django's SMTP backend sends during the test.

    Read what arrived in ``smtp_server.diterima`` (``email.message.EmailMessage``s; ``bagian(pesan,
    "text/html")`` from ``diklat.tests.smtp`` gives a part's text); make it refuse with
    ``smtp_server.tolak = "550 …"``, or stop it with ``smtp_server.berhenti()``. The outbox's task
    still has to run: ``surel_eager`` and ``django_capture_on_commit_callbacks(execute=True)``.
    """
    from diklat.tests.smtp import ServerSmtp

    server = ServerSmtp()
    server.mulai()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = server.host, server.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.berhenti()


@pytest.fixture
def surel_eager(monkeypatch):
    """Run the outbox's task in this process, through Celery's own machinery (its retries and giving up too)."""
    from diklat.surel import tasks

    monkeypatch.setattr(tasks.kirim_surel, "delay", lambda surel_id: tasks.kirim_surel.apply(args=[surel_id]))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Create the test database once; with CI=true an unreachable PostgreSQL fails the run."""
    with django_db_blocker.unblock():
        assert connection.vendor == ("postgresql" if ON_POSTGRES else "sqlite")
    yield
