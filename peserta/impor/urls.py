"""URLs of the bulk import of participants into an angkatan."""

from django.urls import path

from peserta.impor import views

urlpatterns = [
    path("angkatan/<int:pk>/impor/", views.ImporView.as_view(), name="impor"),
    path("angkatan/<int:pk>/impor/templat.xlsx", views.ImporTemplatView.as_view(), name="impor-templat"),
    path("angkatan/<int:pk>/impor/<int:sesi>/", views.ImporPratinjauView.as_view(), name="impor-pratinjau"),
    path(
        "angkatan/<int:pk>/impor/<int:sesi>/konfirmasi/",
        views.ImporKonfirmasiView.as_view(),
        name="impor-konfirmasi",
    ),
    path("angkatan/<int:pk>/impor/<int:sesi>/batal/", views.ImporBatalView.as_view(), name="impor-batal"),
]
