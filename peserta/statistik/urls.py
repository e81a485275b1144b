"""The statistics page."""

from django.urls import path

from peserta.statistik import views

urlpatterns = [
    path("statistik/", views.StatistikView.as_view(), name="statistik"),
]
