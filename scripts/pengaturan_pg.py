"""Print, for a shell to eval, the PG* variables of the site's database and its media folder.

Used by scripts/cadangkan.sh and scripts/pulihkan.sh: the database and the media folder are the ones the
settings chose (DATABASE_URL, DJANGO_MEDIA_ROOT, a .env file), so a backup takes what the site uses. Exits
with a message when the database is not PostgreSQL; the argument names the tool, for that message.
"""

import os
import shlex
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diklat.settings")

from django.conf import settings  # noqa: E402

alat = sys.argv[1] if len(sys.argv) > 1 else "pg_dump"
db = settings.DATABASES["default"]
if db["ENGINE"] != "django.db.backends.postgresql":
    sys.exit(
        f"DATABASE_URL bukan PostgreSQL ({db['ENGINE'].rsplit('.', 1)[-1]} {db['NAME']}): cadangan ini memakai "
        f"{alat}. Arahkan DATABASE_URL ke basis data PostgreSQL (postgres://…)."
    )
# Only what the URL says: what it leaves out, libpq takes from the environment, as the site's own connection does.
for nama, kunci in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD")):
    if db.get(kunci):
        print(f"export {nama}={shlex.quote(str(db[kunci]))}")
print(f"export PGDATABASE={shlex.quote(db['NAME'])}")
print(f"media={shlex.quote(str(settings.MEDIA_ROOT))}")
