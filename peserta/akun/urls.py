"""URLs of opening a participant's account."""

from django.urls import path

from peserta.akun import views

urlpatterns = [
    path("aktivasi/baru/", views.MintaTautanView.as_view(), name="aktivasi-minta"),
    path("aktivasi/<str:uidb64>/<str:token>/", views.AktivasiView.as_view(), name="aktivasi"),
    path("peserta/<int:pk>/akun/", views.AkunPesertaView.as_view(), name="akun"),
]
