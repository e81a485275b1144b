"""Admins read the audit trail (auditlog's LogEntry) in the Django admin."""

from django.db import migrations

from diklat.roles import ADMIN, grant_role_permissions


def grant(apps, schema_editor):
    grant_role_permissions(apps, "auditlog", {ADMIN: ["view_logentry"]})


class Migration(migrations.Migration):
    dependencies = [("diklat", "0008_unik_ditunda"), ("auditlog", "0017_add_actor_email")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
