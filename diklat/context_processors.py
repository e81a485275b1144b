def roles(request):
    """Tell templates which menus the user may see."""
    user = getattr(request, "user", None)
    return {"is_staf": bool(user and user.is_authenticated and user.has_perm("angkatan.view_angkatan"))}
