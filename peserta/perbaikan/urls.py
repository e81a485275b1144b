"""URLs of staff's answers to the participants' requests to correct their printed data."""

from django.urls import path

from peserta.perbaikan import views

urlpatterns = [
    path("angkatan/<int:pk>/perbaikan-data/", views.PerbaikanDataView.as_view(), name="perbaikan-data"),
    path(
        "angkatan/<int:pk>/perbaikan-data/<int:permintaan_pk>/",
        views.PermintaanPerbaikanView.as_view(),
        name="perbaikan-data-permintaan",
    ),
    path(
        "angkatan/<int:pk>/perbaikan-data/<int:permintaan_pk>/terapkan/",
        views.PerbaikanTerapkanView.as_view(),
        name="perbaikan-data-terapkan",
    ),
    path(
        "angkatan/<int:pk>/perbaikan-data/<int:permintaan_pk>/tolak/",
        views.PerbaikanTolakView.as_view(),
        name="perbaikan-data-tolak",
    ),
]
