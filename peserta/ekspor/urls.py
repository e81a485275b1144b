"""URLs of the exports of enrolments and the sheets of an angkatan's event."""

from django.urls import path

from peserta.ekspor import views

urlpatterns = [
    path("angkatan/<int:pk>/peserta/ekspor/", views.RosterEksporView.as_view(), name="ekspor-roster"),
    path(
        "angkatan/<int:pk>/peserta/lembar/tanda-terima-sertifikat.pdf",
        views.TandaTerimaView.as_view(),
        name="lembar-tanda-terima",
    ),
    path("angkatan/<int:pk>/peserta/lembar/papan-nama.pdf", views.PapanNamaView.as_view(), name="lembar-papan-nama"),
    path("angkatan/<int:pk>/peserta/lembar/papan-meja.pdf", views.PapanMejaView.as_view(), name="lembar-papan-meja"),
    path("ekspor/peserta/", views.EksporLintasView.as_view(), name="ekspor-lintas"),
    path("ekspor/peserta/hitung/", views.EksporLintasHitungView.as_view(), name="ekspor-lintas-hitung"),
]
