"""URLs of the participant's own pages."""

from django.urls import path

from peserta.portal import periksa_data, views

urlpatterns = [
    path("portal/", views.BerandaPesertaView.as_view(), name="portal"),
    # The check of the data a certificate will print (peserta.perbaikan).
    path("portal/pelatihan/<int:pk>/data/", periksa_data.PeriksaDataView.as_view(), name="portal-data"),
    path(
        "portal/pelatihan/<int:pk>/data/perbaikan/",
        periksa_data.MintaPerbaikanView.as_view(),
        name="portal-data-perbaikan",
    ),
]
