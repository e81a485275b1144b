"""URLs of the staff certificate pages and the guarded downloads."""

from django.urls import path

from sertifikat.views import staf

urlpatterns = [
    path("angkatan/<int:pk>/sertifikat/", staf.SertifikatAngkatanView.as_view(), name="angkatan"),
    path("angkatan/<int:pk>/sertifikat/buat/", staf.TugasBuatView.as_view(), name="buat"),
    path("angkatan/<int:pk>/sertifikat/terbit-ulang/", staf.TerbitUlangSemuaView.as_view(), name="terbit-ulang-semua"),
    path("angkatan/<int:pk>/sertifikat/cabut/", staf.CabutSemuaView.as_view(), name="cabut-semua"),
    path("angkatan/<int:pk>/sertifikat/arsip/<str:jenis>/", staf.TugasArsipView.as_view(), name="arsip"),
    # A job's page is the site's now; an address kept from before still leads to it.
    path("sertifikat/tugas/<int:pk>/", staf.TugasLamaView.as_view(), name="tugas-lama"),
    path("sertifikat/tugas/<int:pk>/unduh/", staf.TugasUnduhView.as_view(), name="tugas-unduh"),
    path("sertifikat/<int:pk>/unduh/", staf.SertifikatUnduhView.as_view(), name="unduh"),
    path("sertifikat/<int:pk>/ulangi/", staf.SertifikatUlangiView.as_view(), name="ulangi"),
    path("sertifikat/<int:pk>/cabut/", staf.SertifikatCabutView.as_view(), name="cabut"),
    path("sertifikat/<int:pk>/terbit-ulang/", staf.SertifikatTerbitUlangView.as_view(), name="terbit-ulang"),
]
