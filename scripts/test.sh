#!/usr/bin/env bash
# Run every check: PostgreSQL and Redis when they answer, lint, then pytest.
#
# Called by `make test` after installing. With CI=true a PostgreSQL or Redis
# that cannot be reached fails the run; without CI the run warns and goes on
# with SQLite (tests marked postgres are then skipped) and without Redis.
# Extra pytest arguments come from PYTEST_ARGS, e.g. PYTEST_ARGS="-k worker".
set -uo pipefail

cd "$(dirname "$0")/.."
venv=.venv

case "${CI:-}" in
  1 | true | TRUE | True | yes) in_ci=1 ;;
  *) in_ci=0 ;;
esac

say() { printf '\n==> %s\n' "$*"; }
warn() { printf 'PERINGATAN: %s\n' "$*" >&2; }
fail() {
  printf 'GAGAL: %s\n' "$*" >&2
  exit 2
}

wait_until() {
  # Run "$@" every half second until it succeeds or $timeout seconds pass.
  local timeout="$1" i
  shift
  for ((i = 0; i < timeout * 2; i++)); do
    "$@" && return 0
    sleep 0.5
  done
  return 1
}

# PostgreSQL ---------------------------------------------------------------------

pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }

as_postgres_psql() {
  # psql as the postgres superuser: over TCP (trust auth), else on the socket.
  psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p 5432 -U postgres -d postgres "$@" 2>/dev/null && return 0
  if [ "$(id -u)" -eq 0 ] && command -v runuser >/dev/null 2>&1; then
    runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -d postgres "$@" && return 0
  fi
  sudo -n -u postgres psql -X -q -v ON_ERROR_STOP=1 -d postgres "$@"
}

ensure_postgres() {
  if ! command -v pg_isready >/dev/null 2>&1; then
    return 1
  fi
  if ! pg_up; then
    if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
      say "PostgreSQL tidak menjawab di 127.0.0.1:5432; mencoba menyalakannya"
      pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start || true
      wait_until 20 pg_up || return 1
    else
      return 1
    fi
  fi
  # The role the tests connect as; CREATEDB lets pytest-django create test_diklat.
  as_postgres_psql -c "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'diklat') THEN
        CREATE ROLE diklat LOGIN CREATEDB;
      ELSE
        ALTER ROLE diklat LOGIN CREATEDB;
      END IF;
    END \$\$;" || return 1
  if [ "$(as_postgres_psql -tA -c "SELECT 1 FROM pg_database WHERE datname = 'diklat'")" != "1" ]; then
    as_postgres_psql -c "CREATE DATABASE diklat OWNER diklat" || return 1
  fi
}

say "Basis data"
if ensure_postgres; then
  export DATABASE_URL="postgres://diklat@127.0.0.1:5432/diklat"
  echo "PostgreSQL di 127.0.0.1:5432 (peran diklat): $DATABASE_URL"
elif [ "$in_ci" -eq 1 ]; then
  fail "CI=true tetapi PostgreSQL di 127.0.0.1:5432 tidak dapat dijangkau atau peran diklat tidak dapat dibuat; tes di CI harus berjalan di PostgreSQL."
else
  export DATABASE_URL="sqlite:///$PWD/var/diklat-test.sqlite3"
  warn "PostgreSQL tidak dapat dijangkau: tes berjalan di SQLite dan tes bertanda postgres dilewati."
fi

# Redis ----------------------------------------------------------------------------

redis_up() { [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = "PONG" ]; }

ensure_redis() {
  command -v redis-cli >/dev/null 2>&1 || return 1
  redis_up && return 0
  command -v redis-server >/dev/null 2>&1 || return 1
  say "Redis tidak menjawab di 127.0.0.1:6379; mencoba menyalakannya"
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no >/dev/null || true
  wait_until 10 redis_up
}

say "Redis"
if ensure_redis; then
  export DIKLAT_TEST_REDIS_URL="redis://127.0.0.1:6379/15"
  echo "Redis di 127.0.0.1:6379: $DIKLAT_TEST_REDIS_URL"
elif [ "$in_ci" -eq 1 ]; then
  fail "CI=true tetapi Redis di 127.0.0.1:6379 tidak dapat dijangkau; tes worker Celery membutuhkannya."
else
  unset DIKLAT_TEST_REDIS_URL
  warn "Redis tidak dapat dijangkau: tes yang membutuhkan Redis dilewati."
fi

# Lint --------------------------------------------------------------------------------

lint_failed=()
lint() {
  say "$*"
  "$@" || lint_failed+=("$*")
}
lint "$venv/bin/ruff" check .
lint "$venv/bin/ruff" format --check .
lint "$venv/bin/djlint" templates --check
lint "$venv/bin/djlint" templates --lint

# Tests ---------------------------------------------------------------------------------

# Connections that outlive a request would keep the live server's test database busy at teardown.
export DJANGO_CONN_MAX_AGE=0

say "pytest -n 2 ${PYTEST_ARGS:-}"
# shellcheck disable=SC2086 # PYTEST_ARGS is split on purpose.
"$venv/bin/pytest" -n 2 -rfEs ${PYTEST_ARGS:-}
status=$?

if [ "${#lint_failed[@]}" -gt 0 ]; then
  printf '\nGAGAL: pemeriksaan lint tidak bersih:\n' >&2
  printf '  - %s\n' "${lint_failed[@]}" >&2
  [ "$status" -eq 0 ] && status=1
fi
exit "$status"
