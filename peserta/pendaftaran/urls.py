"""URLs of enrolling people, the status workflow, and a person's page for staff."""

from django.urls import path

from peserta.pendaftaran import views

urlpatterns = [
    path("angkatan/<int:pk>/peserta/tambah/", views.PendaftaranTambahView.as_view(), name="tambah"),
    path("angkatan/<int:pk>/peserta/aksi-massal/", views.PendaftaranAksiMassalView.as_view(), name="aksi-massal"),
    path(
        "angkatan/<int:pk>/peserta/<int:pendaftaran_pk>/status/",
        views.PendaftaranStatusView.as_view(),
        name="status",
    ),
    path("peserta/<int:pk>/", views.PesertaDetailView.as_view(), name="detail"),
    path("peserta/kabupaten-kota/", views.KabupatenKotaPilihanView.as_view(), name="kabkota-pilihan"),
]
