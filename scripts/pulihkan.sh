#!/usr/bin/env bash
# Restore a backup of scripts/cadangkan.sh into a fresh, empty database and an empty media folder.
#
#   scripts/pulihkan.sh /srv/cadangan/diklat-20260105-020000
#
# The database (DATABASE_URL) must exist and be empty (`createdb -O diklat diklat`); the media folder
# (DJANGO_MEDIA_ROOT, default var/media) must be empty or not exist yet. Nothing that holds data is ever
# overwritten. The restore is one transaction: a failure leaves the database empty. Afterwards run
# `manage.py migrate` if the code is newer than the backup.
set -euo pipefail

if [ "$#" -ne 1 ] || [ ! -f "$1/basis-data.dump" ] || [ ! -f "$1/media.tar" ]; then
  echo "Pakai: scripts/pulihkan.sh FOLDER_CADANGAN (folder buatan scripts/cadangkan.sh, berisi basis-data.dump dan media.tar)" >&2
  exit 2
fi
cadangan="$(cd "$1" && pwd)"
cd "$(dirname "$0")/.."
python="${PYTHON:-.venv/bin/python}"

pengaturan="$("$python" scripts/pengaturan_pg.py pg_restore)"
eval "$pengaturan"

echo "Memeriksa sidik berkas cadangan di $cadangan"
(cd "$cadangan" && sha256sum --quiet -c SHA256SUMS)

tabel="$(psql -X -At -v ON_ERROR_STOP=1 -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")"
if [ "$tabel" != "0" ]; then
  echo "Basis data $PGDATABASE tidak kosong ($tabel tabel): pulihkan hanya ke basis data baru (createdb)." >&2
  exit 1
fi
if [ -d "$media" ] && [ -n "$(ls -A "$media")" ]; then
  echo "Folder media $media tidak kosong: pulihkan hanya ke folder baru atau kosong." >&2
  exit 1
fi

echo "Memulihkan basis data ke $PGDATABASE"
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$PGDATABASE" \
  "$cadangan/basis-data.dump"
echo "Memulihkan folder media ke $media"
mkdir -p "$media"
tar -C "$media" -xf "$cadangan/media.tar"
echo "Pemulihan selesai: basis data $PGDATABASE, media $media."
