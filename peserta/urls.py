"""URLs of everything about people in an angkatan: each concern's sub-package brings its own."""

from django.urls import include, path

app_name = "peserta"

urlpatterns = [
    path("", include("peserta.pendaftaran.urls")),
    path("", include("peserta.data.urls")),
    path("", include("peserta.impor.urls")),
    path("", include("peserta.presensi.urls")),
    path("", include("peserta.nilai.urls")),
    path("", include("peserta.perbaikan.urls")),
    path("", include("peserta.portal.urls")),
    path("", include("peserta.akun.urls")),
    path("", include("peserta.ekspor.urls")),
    path("", include("peserta.statistik.urls")),
]
