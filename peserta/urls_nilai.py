"""URLs of scores and graduation."""

from django.urls import path

from peserta.views import nilai

urlpatterns = [
    path("angkatan/<int:pk>/nilai/", nilai.NilaiView.as_view(), name="nilai"),
    path("angkatan/<int:pk>/nilai/finalisasi/", nilai.NilaiFinalisasiView.as_view(), name="nilai-finalisasi"),
    path("angkatan/<int:pk>/nilai/buka-kunci/", nilai.NilaiBukaKunciView.as_view(), name="nilai-buka-kunci"),
]
