"""The staff dashboard."""

from django.urls import path

from diklat.dasbor import views

app_name = "dasbor"

urlpatterns = [
    path("", views.DasborView.as_view(), name="index"),
]
