"""Create the three roles and grant them the catalogue's permissions."""

from django.db import migrations

from diklat.roles import ADMIN, ALL, PESERTA, STAF, crud, grant_role_permissions


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for role in (ADMIN, STAF, PESERTA):
        Group.objects.get_or_create(name=role)
    grant_role_permissions(
        apps,
        "diklat",
        {
            ADMIN: ALL,
            STAF: crud("program")
            + crud("matapelatihan", "predikat", actions=("view", "add", "change", "delete"))
            + ["view_provinsi", "view_kabupatenkota", "view_pangkatgolongan"],
        },
    )
    # Admins manage users and roles; staff never do.
    grant_role_permissions(apps, "auth", {ADMIN: ALL})


class Migration(migrations.Migration):
    dependencies = [
        ("diklat", "0002_data_referensi"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
