"""URLs of the participant's own pages."""

from django.urls import path

from peserta.portal import views

urlpatterns = [
    path("portal/", views.BerandaPesertaView.as_view(), name="portal"),
]
