"""URLs of the participant's own pages. None of them takes a person's id: the person is the one logged in."""

from django.urls import path

from peserta.portal import views

urlpatterns = [
    path("portal/", views.BerandaPesertaView.as_view(), name="portal"),
    path("portal/pelatihan/<int:pk>/", views.PelatihanSayaView.as_view(), name="portal-pelatihan"),
    path("portal/akun/", views.AkunSayaView.as_view(), name="portal-akun"),
]
