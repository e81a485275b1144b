from diklat.roles import ADMIN


def roles(request):
    """Tell templates which menus the user may see."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"is_staf": False, "is_admin": False}
    return {
        "is_staf": user.has_perm("angkatan.view_angkatan"),
        "is_admin": user.is_superuser or any(g.name == ADMIN for g in user.groups.all()),
    }
