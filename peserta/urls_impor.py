"""URLs of the bulk import of participants into an angkatan."""

from django.urls import path

from peserta.views import impor

urlpatterns = [
    path("angkatan/<int:pk>/impor/", impor.ImporView.as_view(), name="impor"),
    path("angkatan/<int:pk>/impor/templat.xlsx", impor.ImporTemplatView.as_view(), name="impor-templat"),
    path("angkatan/<int:pk>/impor/<int:sesi>/", impor.ImporPratinjauView.as_view(), name="impor-pratinjau"),
    path(
        "angkatan/<int:pk>/impor/<int:sesi>/konfirmasi/",
        impor.ImporKonfirmasiView.as_view(),
        name="impor-konfirmasi",
    ),
    path("angkatan/<int:pk>/impor/<int:sesi>/batal/", impor.ImporBatalView.as_view(), name="impor-batal"),
]
