#!/usr/bin/env bash
# Start a real Celery worker in the background and the web server in the foreground.
#
# Called by `make run` after installing, migrating and loading the demo data.
# Ctrl-C (or a TERM to this script) stops the server and the worker, so no
# process is left behind; a worker left by an earlier run that was killed
# hard is stopped before the new one starts.
set -euo pipefail

cd "$(dirname "$0")/.."
venv=.venv
python="$venv/bin/python"
port="${PORT:-8000}"
# The settings print this port in the certificates' QR codes: the worker must see the one served.
export PORT="$port"

# Ask the settings where var/ is and which database and broker they chose, so
# a .env file or DIKLAT_VAR_DIR is honoured exactly as the site honours it.
eval "$("$python" - <<'PY'
import os
import shlex

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diklat.settings")
from django.conf import settings  # noqa: E402

db = settings.DATABASES["default"]
if db["ENGINE"].endswith("sqlite3"):
    database = f"SQLite {db['NAME']}"
else:
    database = f"{db['ENGINE'].rsplit('.', 1)[-1]} {db.get('HOST') or 'socket'}/{db['NAME']} (DATABASE_URL)"
broker = settings.CELERY_BROKER_URL
if broker.startswith("filesystem://"):
    broker = f"filesystem {settings.BROKER_DIR}"
else:
    broker = broker.split("://", 1)[0] + "://… (CELERY_BROKER_URL)"
if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
    mail = f"berkas di {settings.EMAIL_FILE_PATH}/"
else:
    mail = settings.EMAIL_BACKEND.rsplit(".", 2)[-2] + (f" {settings.EMAIL_HOST}:{settings.EMAIL_PORT}" if settings.EMAIL_HOST else "")
print(f"var_dir={shlex.quote(str(settings.VAR_DIR))}")
print(f"mail_desc={shlex.quote(mail)}")
print(f"broker_dir={shlex.quote(str(settings.BROKER_DIR))}")
print(f"database_desc={shlex.quote(database)}")
print(f"broker_desc={shlex.quote(broker)}")
PY
)"

# kombu's filesystem transport does not create its folders.
mkdir -p "$broker_dir/queue" "$broker_dir/processed" "$broker_dir/control" "$var_dir/log"
worker_log="$var_dir/log/celery.log"
worker_pidfile="$var_dir/celery.pid"
server_pidfile="$var_dir/runserver.pid"

is_alive_as() {
  # True when pid $1 is alive and its command line matches $2 (not a recycled pid).
  [ -n "$1" ] && kill -0 "$1" 2>/dev/null && tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q -- "$2"
}

stop_pid() {
  # TERM, wait up to $2 seconds, then KILL the process and its children.
  local pid="$1" wait_s="$2" i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < wait_s * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  pkill -KILL -P "$pid" 2>/dev/null || true
  kill -KILL "$pid" 2>/dev/null || true
}

# A run that was killed hard (kill -9, a closed terminal) could not clean up:
# stop what it left, so this run starts the same way as the first one.
stop_leftover() {
  local pidfile="$1" pattern="$2" what="$3" old_pid
  [ -f "$pidfile" ] || return 0
  old_pid="$(cat "$pidfile")"
  if is_alive_as "$old_pid" "$pattern"; then
    echo "Menghentikan $what yang tertinggal dari jalankan sebelumnya (pid $old_pid)…"
    stop_pid "$old_pid" 20
  fi
  rm -f "$pidfile"
}
stop_leftover "$worker_pidfile" "celery.*worker" "worker Celery"
stop_leftover "$server_pidfile" "manage.py runserver" "server web"

worker_pid=""
server_pid=""
check_pid=""

cleanup() {
  trap - EXIT INT TERM
  if [ -n "$check_pid" ]; then kill "$check_pid" 2>/dev/null || true; fi
  if [ -n "$server_pid" ]; then stop_pid "$server_pid" 10; fi
  if [ -n "$worker_pid" ] && kill -0 "$worker_pid" 2>/dev/null; then
    echo
    echo "Menghentikan worker Celery (pid $worker_pid)…"
    stop_pid "$worker_pid" 20
  fi
  rm -f "$worker_pidfile" "$server_pidfile"
  wait 2>/dev/null || true
}
trap cleanup EXIT
# Ctrl-C is how people stop the site: a normal end, not an error for make to report.
trap 'exit 0' INT
trap 'exit 143' TERM

# --beat: the periodic sweep (jobs never sent, or whose worker died, are sent again) and the nightly
# cleaning of downloads run inside this worker; production runs one `celery beat` of its own.
"$venv/bin/celery" -A diklat worker --beat --schedule "$var_dir/celerybeat-schedule" \
  --loglevel=info --concurrency=2 >>"$worker_log" 2>&1 &
worker_pid=$!
echo "$worker_pid" >"$worker_pidfile"

# Prove the worker runs jobs, without delaying the server: the result shows up
# in this terminal a few seconds after the server has started.
"$python" manage.py cek_worker --timeout 30 &
check_pid=$!

cat <<BANNER

  diklat berjalan di  http://127.0.0.1:${port}/

  Akun demo:
    Admin BPSDM  admin               / demo-admin
    Staf BPSDM   staf                / demo-staf
    Peserta      196805121994031004  / demo-peserta   (Angkatan IV dan VI)
                 197504012005021002  / demo-peserta   (Angkatan III)
                 197011221996012002  / demo-peserta   (Angkatan V)

  Basis data:    ${database_desc}
  Broker:        ${broker_desc}
  Worker Celery: pid ${worker_pid}, log ${worker_log}
  Surel:         ${mail_desc}

  Tekan Ctrl-C untuk berhenti.

BANNER

# The server runs as a background job that this shell waits for, so a signal
# to this script is handled at once (the trap stops server and worker).
"$python" manage.py runserver "127.0.0.1:${port}" &
server_pid=$!
echo "$server_pid" >"$server_pidfile"
wait "$server_pid"
