"""Root URLs: the one place that wires every floor of the house together."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy

from diklat import views

urlpatterns = [
    # The front door sends each user to their own pages. Their names are given here, where every floor
    # is wired in: the ground floor's view names no page of the floors above it.
    path(
        "",
        views.beranda,
        {"halaman_staf": "dasbor:index", "halaman_peserta": "peserta:portal"},
        name="beranda",
    ),
    # Anyone logged in changes their own password, typing the old one first.
    path("ganti-sandi/", views.GantiSandiView.as_view(), name="password_change"),
    path("masuk/", views.MasukView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    # Forgotten password: a link by e-mail that expires (PASSWORD_RESET_TIMEOUT) and works once.
    path("lupa-sandi/", views.LupaSandiView.as_view(), name="password_reset"),
    path("lupa-sandi/terkirim/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("atur-sandi/selesai/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path(
        "atur-sandi/<uidb64>/<token>/",
        views.AturSandiView.as_view(),
        name="password_reset_confirm",
    ),
    path("favicon.ico", views.favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    # What needs staff today, in the widgets each floor gives (diklat.signals.widget_dasbor).
    path("dasbor/", include("diklat.dasbor.urls")),
    path("program/", include("diklat.urls_program")),
    path("tugas/", include("diklat.tugas.urls")),
    path("angkatan/", include("angkatan.urls")),
    path("", include("peserta.urls")),
    path("", include("sertifikat.urls")),
    path("admin/", admin.site.urls),
]

# Pages of higher floors that the site's shell links to (the login page, the navigation of base.html).
# The templates of diklat do not name another floor's URLs; this module, which wires every floor in, does,
# and diklat.context_processors.tautan hands them to every template as ``tautan``.
TAUTAN_SITUS = {
    "angkatan": reverse_lazy("angkatan:list"),
    "angkatan_baru": reverse_lazy("angkatan:create"),
    "tempat": reverse_lazy("angkatan:venue-list"),
    "cari_peserta": reverse_lazy("peserta:cari"),
    "ekspor_lintas": reverse_lazy("peserta:ekspor-lintas"),
    "verifikasi": reverse_lazy("sertifikat:verifikasi-unggah"),
    "portal": reverse_lazy("peserta:portal"),
    "akun_saya": reverse_lazy("peserta:portal-akun"),
    "statistik": reverse_lazy("peserta:statistik"),
}
