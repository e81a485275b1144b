from django.db import migrations

from diklat.roles import ADMIN, ALL, STAF, crud, grant_role_permissions


def grant(apps, schema_editor):
    grant_role_permissions(apps, "peserta", {ADMIN: ALL, STAF: crud("peserta", "pendaftaran")})


class Migration(migrations.Migration):
    dependencies = [("peserta", "0001_initial"), ("diklat", "0003_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
