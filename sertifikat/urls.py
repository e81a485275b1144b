"""URLs of certificates: the staff pages and the public verification page."""

from django.urls import include, path

app_name = "sertifikat"

urlpatterns = [
    path("", include("sertifikat.urls_staf")),
    path("", include("sertifikat.urls_verifikasi")),
    path("", include("sertifikat.urls_siasn")),
]
