from django.db import migrations

from diklat.roles import ADMIN, ALL, STAF, crud, grant_role_permissions


def grant(apps, schema_editor):
    # Unlocking finalised results stays with admins (ALL); staff manage training days.
    grant_role_permissions(
        apps, "angkatan", {ADMIN: ALL, STAF: crud("haripelatihan", actions=("view", "add", "change", "delete"))}
    )


class Migration(migrations.Migration):
    dependencies = [("angkatan", "0003_hari_pelatihan_kunci_nilai"), ("diklat", "0003_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
