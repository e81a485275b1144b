"""URLs of scores and graduation."""

from django.urls import path

from peserta.nilai import views

urlpatterns = [
    path("angkatan/<int:pk>/nilai/", views.NilaiView.as_view(), name="nilai"),
    path("angkatan/<int:pk>/nilai/finalisasi/", views.NilaiFinalisasiView.as_view(), name="nilai-finalisasi"),
    path("angkatan/<int:pk>/nilai/buka-kunci/", views.NilaiBukaKunciView.as_view(), name="nilai-buka-kunci"),
]
