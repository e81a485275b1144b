#!/usr/bin/env bash
# Back up the site: its PostgreSQL database (pg_dump, custom format) and its media folder (tar), into one
# folder named by the date and time, under the folder given (default var/cadangan).
#
#   scripts/cadangkan.sh [/srv/cadangan]
#
# The database and the media folder are the ones the site uses (DATABASE_URL, DJANGO_MEDIA_ROOT, a .env
# file), read from its settings. The database is dumped first: every file it names was written before the
# dump, so the media copy made after it holds them all. The signing key and the environment file are not
# copied (they are secrets kept elsewhere; see README.md, "Cadangan dan pemulihan"). The last line printed is
# the folder made. scripts/pulihkan.sh restores it.
set -euo pipefail
# The backup holds personal data: readable by its owner only.
umask 077

# A folder given is where the caller is; the default is under the repository.
if [ "$#" -gt 0 ]; then
  mkdir -p "$1"
  tujuan="$(cd "$1" && pwd)"
fi
cd "$(dirname "$0")/.."
python="${PYTHON:-.venv/bin/python}"
tujuan="${tujuan:-$PWD/var/cadangan}"

# PG* variables for pg_dump, and the media folder, as the settings read them.
pengaturan="$("$python" scripts/pengaturan_pg.py pg_dump)"
eval "$pengaturan"

folder="$tujuan/diklat-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$tujuan"
mkdir "$folder"
echo "Mencadangkan basis data $PGDATABASE ke $folder/basis-data.dump"
pg_dump --format=custom --file="$folder/basis-data.dump"
echo "Mencadangkan folder media $media ke $folder/media.tar"
if [ -d "$media" ]; then
  tar -C "$media" -cf "$folder/media.tar" .
else
  # No file uploaded or made yet: an empty archive, so that the restore is the same.
  tar -cf "$folder/media.tar" -T /dev/null
fi
(cd "$folder" && sha256sum basis-data.dump media.tar >SHA256SUMS)
echo "Cadangan selesai:"
echo "$folder"
