from django.urls import path

from angkatan import views

app_name = "angkatan"

urlpatterns = [
    path("", views.AngkatanListView.as_view(), name="list"),
    path("baru/", views.AngkatanCreateView.as_view(), name="create"),
    path("<int:pk>/", views.AngkatanDetailView.as_view(), name="detail"),
    path("<int:pk>/ubah/", views.AngkatanUpdateView.as_view(), name="update"),
    path("<int:pk>/status/", views.AngkatanStatusView.as_view(), name="status"),
    path("tempat/", views.VenueListView.as_view(), name="venue-list"),
    path("tempat/baru/", views.VenueCreateView.as_view(), name="venue-create"),
    path("tempat/<int:pk>/ubah/", views.VenueUpdateView.as_view(), name="venue-update"),
]
