from django.db import migrations

from diklat.roles import ADMIN, ALL, STAF, crud, grant_role_permissions


def grant(apps, schema_editor):
    grant_role_permissions(
        apps, "diklat", {ADMIN: ALL, STAF: crud("komponennilai", actions=("view", "add", "change", "delete"))}
    )


class Migration(migrations.Migration):
    dependencies = [("diklat", "0005_komponen_nilai")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
