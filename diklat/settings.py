"""Settings for diklat, read from the environment (django-environ).

The defaults are the embedded set-up of a newcomer's machine: SQLite and a
filesystem broker under ``var/``, DEBUG on. Production sets
``DJANGO_DEBUG=false``, ``DJANGO_SECRET_KEY``, ``DJANGO_ALLOWED_HOSTS``,
``DATABASE_URL`` and ``CELERY_BROKER_URL``.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
env.read_env(BASE_DIR / ".env")

# Everything the running site writes (SQLite, broker, media) lives under var/.
VAR_DIR = Path(env.str("DIKLAT_VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DJANGO_DEBUG", default=True)

if DEBUG:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="dev-only-not-secret-diklat-embedded-default")
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
else:
    # No default: production must never run with a key that is in the repository.
    SECRET_KEY = env.str("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")

CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# Applications ---------------------------------------------------------------

DJANGO_APPS = [
    "diklat.admin_apps.DiklatAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]
THIRD_PARTY_APPS = [
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "auditlog",
    "csp",
]
# Floors of the house (DESIGN.md §5): each app imports only those before it.
LOCAL_APPS = [
    "diklat",
    "angkatan",
    "peserta",
    "sertifikat",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "diklat.middleware.LanguageCookieMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check, which reads the body: a body larger than any form sends is refused unread.
    "diklat.unggah.BatasBadanMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
]

ROOT_URLCONF = "diklat.urls"
WSGI_APPLICATION = "diklat.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "diklat.context_processors.roles",
                "diklat.context_processors.tautan",
            ],
        },
    },
]

# Data -----------------------------------------------------------------------

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'diklat.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default: make sure its folder exists on a fresh clone.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # Two writers at once (a double click, two staff on one grid) wait for each
    # other instead of failing with "database is locked".
    # WAL: a job's long read (an export's rows) does not block the heartbeat that keeps its claim alive.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Curriculum and predikat names are unique through constraints checked at commit
# (so two rows can swap names). SQLite cannot defer them and skips them; the
# program form checks duplicates itself, and production runs PostgreSQL.
SILENCED_SYSTEM_CHECKS = ["models.W038"]

AUTH_USER_MODEL = "diklat.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login and password reset -------------------------------------------------------

# django-axes throttles failed logins. Its app and middleware are added here, with the rest of the
# login settings, rather than in the lists above (its middleware must come last).
INSTALLED_APPS.append("axes")
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
AUTHENTICATION_BACKENDS = [
    # First: refuses every login of a locked account or address before any password is checked.
    "diklat.auth.PenjagaMasuk",
    # Usernames: staff by their own, participants by the 18 digits of their NIP (LoginForm normalises it).
    "django.contrib.auth.backends.ModelBackend",
    # An e-mail address that belongs to exactly one active user.
    "diklat.auth.EmailBackend",
]
# 5 failures in a row lock the account (from any address): enough for typos, too few to guess a password.
# Separately DIKLAT_LOGIN_FAILURES_PER_ADDRESS (30) from one address lock that address for every account:
# a whole class logs in from one hotel address on its first morning, and five typos among thirty people
# must not shut them all out (diklat.auth.PencatatPercobaan). The lock lifts 15 minutes after the last
# failure; failures while locked are not counted, so the time the page names holds.
AXES_FAILURE_LIMIT = 5
DIKLAT_GAGAL_MASUK_PER_ALAMAT = env.int("DIKLAT_LOGIN_FAILURES_PER_ADDRESS", default=30)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# A successful login clears that account's failures (only the account's: see diklat.auth.PencatatPercobaan).
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "diklat.auth.PencatatPercobaan"
# The NIP however typed, and an e-mail address, count as the account they name.
AXES_USERNAME_CALLABLE = "diklat.auth.nama_akun_percobaan"
# REMOTE_ADDR, or behind DIKLAT_TRUSTED_PROXIES proxies the address the outermost one saw.
AXES_CLIENT_IP_CALLABLE = "diklat.klien.alamat_klien"
AXES_LOCKOUT_CALLABLE = "diklat.auth.halaman_terkunci"
# How axes names a client in its log lines: masked, and the page by its name, never its path (an activation
# or reset path holds a one-time token).
AXES_CLIENT_STR_CALLABLE = "diklat.auth.teks_klien"
# Failures and locks are still logged as warnings; only the start-up banner of every command goes.
AXES_VERBOSE = False
# Reset links expire after 3 days and work once (Django's token changes with the password).
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3
# Asking for a link by e-mail (a new activation link, a new password), per clock hour: from one client
# address, and for one account (the NIP or address typed, counted whether or not an account has it, so
# the limit tells nobody which do). A whole class asks from one hotel's network address on its first
# morning, hence the generous first; three links an hour to one mailbox are plenty for a slow inbox.
# Beyond either the page answers 429 with when to try again, and nothing is sent.
BATAS_TAUTAN_JENDELA_DETIK = 60 * 60
BATAS_TAUTAN_PER_ALAMAT = env.int("DIKLAT_LINK_RATE_PER_ADDRESS", default=30)
BATAS_TAUTAN_PER_AKUN = env.int("DIKLAT_LINK_RATE_PER_ACCOUNT", default=3)

# Language and time -------------------------------------------------------------

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

# Files ------------------------------------------------------------------------

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("DJANGO_MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Media (certificates, the jobs' ZIPs, print PDFs and exports, the programs' logos) live in MEDIA_ROOT,
# or, when DIKLAT_S3_BUCKET names a bucket, in an S3-compatible object store (AWS S3, MinIO, Ceph …)
# through django-storages: what several hosts serving one site share. The code reaches them only
# through the storage API either way. The bucket stays private: no object gets a public ACL, every
# file is served by the site's own views after they check who asks, and a storage URL, where one is
# made at all, is signed and expires.
S3_BUCKET = env.str("DIKLAT_S3_BUCKET", default="")
if S3_BUCKET:
    _s3_endpoint = env.str("DIKLAT_S3_ENDPOINT_URL", default="")
    _s3 = {
        "bucket_name": S3_BUCKET,
        # Empty for AWS itself; the address of another S3-compatible server (http://127.0.0.1:9000).
        "endpoint_url": _s3_endpoint or None,
        "region_name": env.str("DIKLAT_S3_REGION", default="") or None,
        # A folder inside the bucket, when the bucket holds more than this site.
        "location": env.str("DIKLAT_S3_PREFIX", default=""),
        # Other servers than AWS rarely answer at bucket.host: the bucket goes in the path.
        "addressing_style": env.str("DIKLAT_S3_ADDRESSING_STYLE", default="path" if _s3_endpoint else "") or None,
        "default_acl": None,
        "querystring_auth": True,
        # A name already taken gets a suffix: an issued certificate's file is never written over.
        "file_overwrite": False,
        # A file read back (a download, a ZIP being packed) spools to a temporary file above this size,
        # not into the worker's memory.
        "max_memory_size": FILE_UPLOAD_MAX_MEMORY_SIZE,
    }
    # Without these, boto3 finds its own credentials (AWS_ACCESS_KEY_ID, an instance role).
    if env.str("DIKLAT_S3_ACCESS_KEY_ID", default=""):
        _s3["access_key"] = env.str("DIKLAT_S3_ACCESS_KEY_ID")
        _s3["secret_key"] = env.str("DIKLAT_S3_SECRET_ACCESS_KEY")
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": _s3}

# Cache: rate limits of the public verification page. Per process by default; a shared
# cache (CACHE_URL=redis://…) makes the limit hold across processes and hosts.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://diklat")}

# Certificates -----------------------------------------------------------------

# PAdES signature of every certificate when a PKCS#12 key is configured; without one,
# certificates are issued unsigned (still with their QR). `manage.py buat_kunci_dev` writes a
# self-signed development key to var/kunci/, which a DEBUG site picks up by itself.
SERTIFIKAT_KUNCI_DEV = VAR_DIR / "kunci" / "sertifikat-dev.p12"
SERTIFIKAT_KUNCI_P12 = env.str("DIKLAT_SIGNING_P12", default="")
SERTIFIKAT_KUNCI_SANDI = env.str("DIKLAT_SIGNING_PASSPHRASE", default="")
if not SERTIFIKAT_KUNCI_P12 and DEBUG and SERTIFIKAT_KUNCI_DEV.exists():
    SERTIFIKAT_KUNCI_P12 = str(SERTIFIKAT_KUNCI_DEV)
    SERTIFIKAT_KUNCI_SANDI = SERTIFIKAT_KUNCI_SANDI or "diklat-dev"
# The address printed in each certificate's QR code, e.g. https://diklat.bpsdm.kemendagri.go.id;
# the verification page's path is added to it.
# Printed for ever on every certificate: production must say it (no localhost default there). In
# development it is the site `make run PORT=…` serves: the web server and the worker that renders
# certificates both get PORT from scripts/run.sh.
SERTIFIKAT_URL_DASAR = env.str(
    "DIKLAT_PUBLIC_URL", **({"default": f"http://127.0.0.1:{env.int('PORT', default=8000)}"} if DEBUG else {})
).rstrip("/")
# How many certificates one WeasyPrint document lays out before it is split (bench/certificates.py).
SERTIFIKAT_UKURAN_POTONGAN = env.int("DIKLAT_CERT_CHUNK", default=10)
# Public verification: requests per address and minute (page views and PDF checks together).
VERIFIKASI_BATAS_PER_MENIT = env.int("DIKLAT_VERIFY_RATE", default=30)
# Seconds the public page of a code is kept in the cache (a whole class scanning its QR codes at once then
# costs the database one read per certificate); a change of status (revoked, replaced, a new version ready)
# forgets it at once. Only a cache all processes share can be told that: with the per-process default the
# page is not kept (0), or another process would go on calling a revoked certificate valid.
VERIFIKASI_CACHE_DETIK = env.int(
    "DIKLAT_VERIFY_CACHE_SECONDS",
    default=0 if CACHES["default"]["BACKEND"].endswith("LocMemCache") else 60,
)
VERIFIKASI_MAKS_BYTE = 10 * 1024 * 1024
# The largest body any request may declare (diklat.unggah.BatasBadanMiddleware): above the largest upload
# (the PDF checked, 10 MB; a participant list is 5 MB, a logo 1 MB) and its form. Refused before it is read.
PERMINTAAN_MAKS_BYTE = VERIFIKASI_MAKS_BYTE + 2 * 1024 * 1024
# How many proxies of the site's own stand before it (each appends to X-Forwarded-For): the rate
# limit then counts the address the outermost one saw. 0: count REMOTE_ADDR.
VERIFIKASI_PROXY_TEPERCAYA = env.int("DIKLAT_TRUSTED_PROXIES", default=0)

# Exports ----------------------------------------------------------------------

# An export across angkatan of up to this many rows is sent straight to the browser; a larger one is
# built by a background job and downloaded from its page (the PDF, which cannot stream, is refused above it).
DIKLAT_EKSPOR_BATAS_LANGSUNG = env.int("DIKLAT_EXPORT_DIRECT_LIMIT", default=5000)
# A PDF is laid out whole in the request (about 4 s for 200 rows, half a minute for 1,000): fewer rows.
DIKLAT_EKSPOR_BATAS_PDF = env.int("DIKLAT_EXPORT_PDF_LIMIT", default=500)

# Forms ------------------------------------------------------------------------

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Jobs -------------------------------------------------------------------------

# The embedded broker needs no server: kombu's filesystem transport under var/.
BROKER_DIR = VAR_DIR / "broker"
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://localhost//")
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "store_processed": False,
        # Broadcasts (worker pings, remote control) keep their exchange table here; kombu's default
        # is a "control" folder in whatever directory the process started in.
        "control_folder": str(BROKER_DIR / "control"),
        # The transport hands the worker one message per poll: at kombu's default of a poll a second,
        # the demo's couple of hundred e-mails would hold up the first job for minutes.
        "polling_interval": 0.05,
    }
    # kombu's filesystem transport does not make its folders, and a task sent before the worker's
    # first start (the demo's activation e-mails, queued by `make demo`) would find none.
    for _folder in ("queue", "processed", "control"):
        (BROKER_DIR / _folder).mkdir(parents=True, exist_ok=True)
# Progress of long work lives in the database, so no result backend is needed.
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The queue the site's tasks go to and its workers listen on (one deployment per queue).
CELERY_TASK_DEFAULT_QUEUE = env.str("DIKLAT_CELERY_QUEUE", default="celery")
# A worker renews its claim on what it makes every TUGAS_DETAK seconds (a heartbeat); a claim not renewed
# for TUGAS_KLAIM_BASI died with its worker, and the periodic sweep gives the work to another.
TUGAS_DETAK = timedelta(seconds=env.float("DIKLAT_JOB_HEARTBEAT_SECONDS", default=5))
TUGAS_KLAIM_BASI = timedelta(seconds=env.float("DIKLAT_JOB_STALE_SECONDS", default=30))
# Work still waiting for a worker this long is sent again by the sweep, in case its message was lost.
TUGAS_TUNGGU_ULANG = timedelta(seconds=env.float("DIKLAT_JOB_RESEND_SECONDS", default=600))
# Celery beat (one per deployment: `celery -A diklat beat`, or a worker's -B) runs the sweep that sends
# again what was never sent (the queue was away) or whose worker died, and the nightly file cleaning.
CELERY_BEAT_SCHEDULE = {
    "sapu-tugas": {
        "task": "diklat.tugas.tasks.sapu_tugas",
        "schedule": env.float("DIKLAT_JOB_SWEEP_SECONDS", default=15),
        # A sweep stuck behind a long queue of work is dropped once the next ones have come.
        "options": {"expires": 600},
    },
    "bersihkan-unduhan": {"task": "diklat.tugas.tasks.bersihkan_unduhan", "schedule": timedelta(hours=6)},
}

# E-mail -----------------------------------------------------------------------

# Production sends through the SMTP server of EMAIL_URL: smtp://user:password@host:25, smtp+tls://…:587
# (STARTTLS) or smtp+ssl://…:465, the password percent-encoded. Development needs no mail server: each
# message is written as a file under var/mail/. The tests send to locmem, or to aiosmtpd (`smtp_server`).
EMAIL_FILE_PATH = str(VAR_DIR / "mail")
EMAIL_BACKEND = env.str(
    "DJANGO_EMAIL_BACKEND",
    default=f"django.core.mail.backends.{'filebased' if DEBUG else 'smtp'}.EmailBackend",
)
if env.str("EMAIL_URL", default=""):
    vars().update(env.email("EMAIL_URL"))
# A mail server that does not answer must not hold a worker (and the outbox row it locks) for long.
EMAIL_TIMEOUT = env.int("DJANGO_EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="diklat@bpsdm.kemendagri.go.id")

# Security ---------------------------------------------------------------------

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): every script, style, font and image comes from the site itself (the
# vendored Bootstrap, htmx and icons in static/), none inline; `data:` images are Bootstrap's own SVG icons
# in its CSS and the QR codes. The browser tests fail on any violation (tests/browser/conftest.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"tanpa_jejak_4xx": {"()": "diklat.log.TanpaJejakUntuk4xx"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    # Django's own logger already prints to the console; do not print its lines twice.
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # A refused permission (403) is one line, not a traceback: it is the visitor's, not the site's fault.
        "django.request": {"filters": ["tanpa_jejak_4xx"]},
        # pikepdf announces its C++ log bridge at INFO on first use; its warnings still show.
        "pikepdf._core": {"level": "WARNING"},
    },
}
