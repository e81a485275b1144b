from django.db import migrations

from diklat.roles import ADMIN, ALL, STAF, crud, grant_role_permissions


def grant(apps, schema_editor):
    grant_role_permissions(apps, "angkatan", {ADMIN: ALL, STAF: crud("venue", "angkatan")})


class Migration(migrations.Migration):
    dependencies = [("angkatan", "0001_initial"), ("diklat", "0003_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
