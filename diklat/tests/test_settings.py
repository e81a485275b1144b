"""Production mode: `check --deploy` is clean, a secret key is required, WhiteNoise serves static files.

Settings are read once per process and production mode changes their shape
(storage backend, security headers), so each case runs Django in a subprocess.
"""

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

HOST = "diklat.example.go.id"


@pytest.fixture
def production_env(tmp_path):
    """Return an environment for production mode, with var/ in a temporary folder."""
    # Drop the caller's own DJANGO_* choices so only the production ones count.
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="diklat.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS=HOST,
        DIKLAT_PUBLIC_URL=f"https://{HOST}",
        DIKLAT_VAR_DIR=str(tmp_path / "var"),
    )
    return env


def manage(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        **kwargs,
    )


def test_check_deploy_reports_no_issues(production_env):
    result = manage(production_env, "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key(production_env):
    del production_env["DJANGO_SECRET_KEY"]

    result = manage(production_env, "check")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_the_address_printed_in_qr_codes(production_env):
    # Every certificate prints it for ever; a localhost default would ruin a whole batch.
    del production_env["DIKLAT_PUBLIC_URL"]

    result = manage(production_env, "check")

    assert result.returncode != 0
    assert "DIKLAT_PUBLIC_URL" in result.stderr


def test_production_does_not_take_the_qr_address_from_the_port(production_env):
    # Development prints http://127.0.0.1:PORT; production must still say its public address.
    del production_env["DIKLAT_PUBLIC_URL"]
    production_env["PORT"] = "8765"

    result = manage(production_env, "check")

    assert result.returncode != 0
    assert "DIKLAT_PUBLIC_URL" in result.stderr


CLIENT_SCRIPT = """
import json

import django

django.setup()

from django.templatetags.static import static
from django.test import Client

client = Client(HTTP_HOST=%(host)r)
found = {}
for name, url in [
    ("plain", "/static/vendor/bootstrap/css/bootstrap.min.css"),
    ("hashed", static("vendor/bootstrap/css/bootstrap.min.css")),
]:
    response = client.get(url, secure=True)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    found[name] = {
        "url": url,
        "status": response.status_code,
        "content_type": response.get("Content-Type", ""),
        "cache_control": response.get("Cache-Control", ""),
        "is_bootstrap": b"Bootstrap" in body[:1000],
    }
print(json.dumps(found))
"""


def jalankan_skrip(env: dict, skrip: str) -> dict:
    """Run a script with Django's test client in a process of production settings; return the JSON it printed."""
    jalan = subprocess.run(
        [sys.executable, "-c", skrip % {"host": HOST}],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert jalan.returncode == 0, jalan.stderr
    return json.loads(jalan.stdout.strip().splitlines()[-1])


def test_whitenoise_serves_static_files_in_production(production_env, tmp_path):
    collected = manage(production_env, "collectstatic", "--noinput")
    assert collected.returncode == 0, collected.stdout + collected.stderr
    assert (tmp_path / "var" / "staticfiles" / "staticfiles.json").exists()

    found = jalankan_skrip(production_env, CLIENT_SCRIPT)

    for response in found.values():
        assert response["status"] == 200, response
        assert response["content_type"].startswith("text/css"), response
        assert response["is_bootstrap"], response
    # The manifest name carries a content hash, so browsers may keep it for ever.
    assert found["hashed"]["url"] != found["plain"]["url"]
    assert "immutable" in found["hashed"]["cache_control"]


HEADER_SCRIPT = """
import json

import django

django.setup()

from django.conf import settings
from django.test import Client

# The hashed names of the static files need collectstatic (test_whitenoise_serves_static_files_in_production);
# the headers do not depend on them.
settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
client = Client(HTTP_HOST=%(host)r)
biasa = client.get("/masuk/")
aman = client.get("/masuk/", HTTP_X_FORWARDED_PROTO="https")
csrf = aman.cookies["csrftoken"]
print(json.dumps({
    "http": [biasa.status_code, biasa.get("Location", "")],
    "https": aman.status_code,
    "header": {name: aman.get(name, "") for name in (
        "Strict-Transport-Security", "X-Frame-Options", "Referrer-Policy", "X-Content-Type-Options",
        "Content-Security-Policy", "Cross-Origin-Opener-Policy",
    )},
    "csrf_cookie": {"secure": bool(csrf["secure"]), "samesite": csrf["samesite"]},
    "session_cookie": {"secure": settings.SESSION_COOKIE_SECURE, "httponly": settings.SESSION_COOKIE_HTTPONLY},
}))
"""


def test_production_answers_https_only_with_hsts_secure_cookies_and_no_framing(production_env):
    hasil = jalankan_skrip(production_env, HEADER_SCRIPT)

    # Plain HTTP goes to the same page over HTTPS.
    assert hasil["http"] == [301, f"https://{HOST}/masuk/"]
    assert hasil["https"] == 200
    header = hasil["header"]
    assert header["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert header["X-Frame-Options"] == "DENY"
    assert header["Referrer-Policy"] == "same-origin"
    assert header["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in header["Content-Security-Policy"]
    assert header["Cross-Origin-Opener-Policy"] == "same-origin"
    # Cookies travel over HTTPS only; the session's is out of reach of scripts.
    assert hasil["csrf_cookie"] == {"secure": True, "samesite": "Lax"}
    assert hasil["session_cookie"] == {"secure": True, "httponly": True}
