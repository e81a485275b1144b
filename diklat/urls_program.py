from django.urls import path

from diklat import views

app_name = "diklat"

urlpatterns = [
    path("", views.ProgramListView.as_view(), name="program-list"),
    path("baru/", views.ProgramEditView.as_view(), name="program-create"),
    path("<int:pk>/", views.ProgramDetailView.as_view(), name="program-detail"),
    path("<int:pk>/ubah/", views.ProgramEditView.as_view(), name="program-update"),
    path("<int:pk>/logo/", views.ProgramLogoView.as_view(), name="program-logo"),
]
