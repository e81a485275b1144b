"""URLs of the site's jobs."""

from django.urls import path

from diklat.tugas import views

app_name = "tugas"

urlpatterns = [
    path("<int:pk>/", views.TugasView.as_view(), name="detail"),
    path("<int:pk>/unduh/", views.TugasUnduhView.as_view(), name="unduh"),
]
