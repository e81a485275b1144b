"""URLs of the participant's own pages. None of them takes a person's id: the person is the one logged in."""

from django.urls import path

from peserta.portal import periksa_data, views

urlpatterns = [
    path("portal/", views.BerandaPesertaView.as_view(), name="portal"),
    path("portal/pelatihan/<int:pk>/", views.PelatihanSayaView.as_view(), name="portal-pelatihan"),
    # The check of the data a certificate will print (peserta.perbaikan).
    path("portal/pelatihan/<int:pk>/data/", periksa_data.PeriksaDataView.as_view(), name="portal-data"),
    path(
        "portal/pelatihan/<int:pk>/data/perbaikan/",
        periksa_data.MintaPerbaikanView.as_view(),
        name="portal-data-perbaikan",
    ),
    path("portal/akun/", views.AkunSayaView.as_view(), name="portal-akun"),
]
