"""A URLconf for tests: the site's, and one address that fails as a bug would."""

from django.urls import path

from diklat.urls import urlpatterns as situs


def gagal(request):
    raise RuntimeError("rahasia-internal: /srv/diklat/diklat/settings.py line 42")


urlpatterns = [path("uji/gagal/", gagal), *situs]
