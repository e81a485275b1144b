"""URLs of a person's data for staff: the search across angkatan, the correction page, the NIP change."""

from django.urls import path

from peserta.data import views

urlpatterns = [
    path("peserta/cari/", views.PesertaCariView.as_view(), name="cari"),
    path("peserta/<int:pk>/ubah/", views.PesertaUbahView.as_view(), name="ubah"),
    path("peserta/<int:pk>/ubah-nip/", views.PesertaNipUbahView.as_view(), name="ubah-nip"),
]
