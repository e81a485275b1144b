"""URLs of everything about people in an angkatan: one module per concern."""

from django.urls import include, path

app_name = "peserta"

urlpatterns = [
    path("", include("peserta.urls_pendaftaran")),
    path("", include("peserta.urls_data")),
    path("", include("peserta.impor.urls")),
    path("", include("peserta.presensi.urls")),
    path("", include("peserta.nilai.urls")),
    path("", include("peserta.portal.urls")),
]
