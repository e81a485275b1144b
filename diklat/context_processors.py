from importlib import import_module

from django.conf import settings
from django.utils.functional import SimpleLazyObject


def roles(request):
    """Tell templates which menus the user may see: asked (reading the user's permissions) only when a page does.

    A view may answer for it in its own context: the participant's portal, whose account is never staff's.
    """
    user = getattr(request, "user", None)
    return {
        "is_staf": SimpleLazyObject(
            lambda: bool(user and user.is_authenticated and user.has_perm("angkatan.view_angkatan"))
        )
    }


def tautan(request):
    """Give templates the links to pages of higher floors that the root URLconf names (its ``TAUTAN_SITUS``)."""
    urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
    modul = import_module(urlconf) if isinstance(urlconf, str) else urlconf
    return {"tautan": getattr(modul, "TAUTAN_SITUS", {})}
