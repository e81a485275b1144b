"""The three roles of the site and the permissions each holds.

Permissions are granted by data migrations (each app grants its own, with
``grant_role_permissions``), never by hand, so every installation has the same
roles.
"""

from django.contrib.auth.management import create_permissions

ADMIN = "Admin BPSDM"
STAF = "Staf BPSDM"
PESERTA = "Peserta"
ROLES = (ADMIN, STAF, PESERTA)

ALL = "__all__"


def grant_role_permissions(apps, app_label: str, grants: dict[str, list[str] | str]) -> None:
    """Give each role the listed permission codenames of one app (``ALL`` for all of them).

    Call from a ``RunPython`` migration; it creates the app's permissions first,
    since Django otherwise adds them only after the last migration has run.
    """
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in grants.items():
        group, _ = Group.objects.get_or_create(name=role)
        permissions = Permission.objects.filter(content_type__app_label=app_label)
        if codenames != ALL:
            permissions = permissions.filter(codename__in=codenames)
            missing = set(codenames) - set(permissions.values_list("codename", flat=True))
            if missing:
                raise LookupError(f"Unknown permissions of {app_label}: {sorted(missing)}")
        group.permissions.add(*permissions)


def crud(*models: str, actions=("view", "add", "change")) -> list[str]:
    """Return codenames like ``view_venue`` for the given models and actions."""
    return [f"{action}_{model}" for model in models for action in actions]


def adalah_peserta(user) -> bool:
    """Tell whether a logged-in user is a participant only: in the Peserta role and in no staff role."""
    if not getattr(user, "is_authenticated", False) or user.is_superuser:
        return False
    peran = set(user.groups.values_list("name", flat=True))
    return PESERTA in peran and not peran & {ADMIN, STAF}
