from django.db import migrations

from diklat.roles import ADMIN, ALL, STAF, grant_role_permissions


def grant(apps, schema_editor):
    grant_role_permissions(
        apps,
        "sertifikat",
        {ADMIN: ALL, STAF: ["view_sertifikat", "add_sertifikat", "view_tugassertifikat", "add_tugassertifikat"]},
    )


class Migration(migrations.Migration):
    dependencies = [("sertifikat", "0003_sertifikat_cetak"), ("diklat", "0003_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
