from django.db import migrations

from diklat.roles import ADMIN, ALL, STAF, crud, grant_role_permissions


def grant(apps, schema_editor):
    grant_role_permissions(
        apps,
        "peserta",
        {
            ADMIN: ALL,
            STAF: crud("presensi", "nilai", "sesiimpor") + ["view_riwayatstatus"],
        },
    )


class Migration(migrations.Migration):
    dependencies = [("peserta", "0003_status_presensi_nilai_impor"), ("diklat", "0003_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
