#!/usr/bin/env bash
# Create the virtual environment .venv with Python 3.11 (the version the project runs on).
set -euo pipefail

venv="${1:-.venv}"

find_python() {
  local candidate
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

if ! python="$(find_python)"; then
  echo "Python 3.11 tidak ditemukan (dicari: python3.11, python3). Pasang Python 3.11 lalu ulangi." >&2
  exit 1
fi

echo "Membuat virtualenv $venv dengan $python"
if ! "$python" -m venv "$venv"; then
  rm -rf "$venv"
  echo "Gagal membuat virtualenv. Di Debian/Ubuntu pasang paket python3.11-venv lalu ulangi." >&2
  exit 1
fi
"$venv/bin/python" -m pip install --quiet --upgrade pip || true
