"""URLs of the SIASN record of graduates: of one angkatan, and across angkatan."""

from django.urls import path

from sertifikat.views import siasn

urlpatterns = [
    path("angkatan/<int:pk>/sertifikat/siasn/zip/", siasn.SiasnAngkatanZipView.as_view(), name="siasn-zip"),
    path("angkatan/<int:pk>/sertifikat/siasn/<str:format>/", siasn.SiasnAngkatanView.as_view(), name="siasn"),
    path("ekspor/siasn/", siasn.SiasnLintasView.as_view(), name="siasn-lintas"),
]
