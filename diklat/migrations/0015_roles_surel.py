"""Admins read the outbox in the admin; staff read a person's messages on the person's page."""

from django.db import migrations

from diklat.roles import ADMIN, STAF, grant_role_permissions


def grant(apps, schema_editor):
    grant_role_permissions(apps, "diklat", {ADMIN: ["view_surel"], STAF: ["view_surel"]})


class Migration(migrations.Migration):
    dependencies = [("diklat", "0014_surel")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
