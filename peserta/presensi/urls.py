"""Attendance of an angkatan: the grid, its cells, its training days, and the daily sign-in sheet."""

from django.urls import path

from peserta.presensi import views

urlpatterns = [
    path("angkatan/<int:pk>/presensi/", views.PresensiView.as_view(), name="presensi"),
    path(
        "angkatan/<int:pk>/presensi/<int:pendaftaran_pk>/<int:hari_pk>/",
        views.PresensiSelView.as_view(),
        name="presensi-sel",
    ),
    path(
        "angkatan/<int:pk>/presensi/hari/<int:hari_pk>/semua-hadir/",
        views.PresensiSemuaHadirView.as_view(),
        name="presensi-semua-hadir",
    ),
    path("angkatan/<int:pk>/presensi/hari/siapkan/", views.HariSiapkanView.as_view(), name="presensi-hari-siapkan"),
    path("angkatan/<int:pk>/presensi/hari/tambah/", views.HariTambahView.as_view(), name="presensi-hari-tambah"),
    path(
        "angkatan/<int:pk>/presensi/hari/<int:hari_pk>/ubah/", views.HariUbahView.as_view(), name="presensi-hari-ubah"
    ),
    path(
        "angkatan/<int:pk>/presensi/hari/<int:hari_pk>/hapus/",
        views.HariHapusView.as_view(),
        name="presensi-hari-hapus",
    ),
    path(
        "angkatan/<int:pk>/presensi/hari/<int:hari_pk>/daftar-hadir.pdf",
        views.DaftarHadirView.as_view(),
        name="daftar-hadir",
    ),
]
