"""URLs of the exports of enrolments."""

from django.urls import path

from peserta.ekspor import views

urlpatterns = [
    path("angkatan/<int:pk>/peserta/ekspor/", views.RosterEksporView.as_view(), name="ekspor-roster"),
    path("ekspor/peserta/", views.EksporLintasView.as_view(), name="ekspor-lintas"),
    path("ekspor/peserta/hitung/", views.EksporLintasHitungView.as_view(), name="ekspor-lintas-hitung"),
]
