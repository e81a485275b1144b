"""URLs of the public verification page: anyone holding a certificate."""

from django.urls import path

from sertifikat.views import verifikasi

urlpatterns = [
    path("verifikasi/", verifikasi.VerifikasiUnggahView.as_view(), name="verifikasi-unggah"),
    path("verifikasi/<str:kode>/", verifikasi.VerifikasiView.as_view(), name="verifikasi"),
    # A mistyped or truncated address with slashes in it still gets the friendly "not found" page.
    path("verifikasi/<path:kode>/", verifikasi.VerifikasiView.as_view(), name="verifikasi-lain"),
]
