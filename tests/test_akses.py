"""A participant reaches only the portal: every staff page and the admin answer 403, login sends them home.

What each role gets on each address of the site, with real ids, is the matrix of ``tests/test_matriks.py``;
here: every staff page stands behind the staff mixin, the admin's own pages, and where logging in leads.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from diklat.access import StaffPermissionRequiredMixin
from diklat.tests.factories import peserta_user, staf_user

pytestmark = pytest.mark.django_db

NAMESPACE_STAF = {"angkatan", "peserta", "sertifikat", "diklat", "tugas", "dasbor"}
# Pages of those namespaces meant for participants or for anyone: each checks who asks by itself.
BUKAN_HALAMAN_STAF = re.compile(
    r"^(peserta:portal.*|peserta:aktivasi.*|sertifikat:.*portal.*|sertifikat:verifikasi.*|sertifikat:unduh)$"
)
NIP = "196805121994031004"
SANDI = "sandi-peserta-123"


def _halaman(patterns=None, namespace=""):
    for pola in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pola, URLResolver):
            yield from _halaman(pola.url_patterns, pola.namespace or namespace)
        elif isinstance(pola, URLPattern) and namespace in NAMESPACE_STAF and pola.name:
            yield f"{namespace}:{pola.name}", pola


HALAMAN = sorted(_halaman(), key=lambda h: h[0])
HALAMAN_STAF = [(nama, pola) for nama, pola in HALAMAN if not BUKAN_HALAMAN_STAF.match(nama)]


def test_every_staff_page_is_behind_the_staff_mixin():
    # A new staff page that forgot the mixin fails here, before a participant could open it.
    tanpa = [
        nama for nama, pola in HALAMAN_STAF if not issubclass(pola.callback.view_class, StaffPermissionRequiredMixin)
    ]
    assert tanpa == []
    assert len(HALAMAN_STAF) > 40


@pytest.mark.parametrize("alamat", ["/admin/", "/admin/diklat/user/", "/admin/diklat/user/1/change/", "/admin/login/"])
def test_a_participant_gets_403_from_the_admin(client, alamat):
    client.force_login(peserta_user())

    response = client.get(alamat)

    assert response.status_code == 403
    assert "Akses ditolak" in response.content.decode()


def test_anonymous_visitors_of_the_admin_still_go_to_its_login_page(client):
    response = client.get("/admin/diklat/user/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))
    assert client.get(reverse("admin:login")).status_code == 200


def _peserta_dengan_sandi():
    akun = peserta_user(username=NIP)
    akun.set_password(SANDI)
    akun.save()
    return akun


@pytest.mark.parametrize("tujuan", ["/angkatan/", "/angkatan/1/presensi/", "/program/", "/admin/diklat/user/"])
def test_a_participant_sent_to_a_staff_page_after_login_lands_on_the_portal(client, tujuan):
    _peserta_dengan_sandi()

    response = client.post(
        reverse("login"), {"username": "19680512 199403 1 004", "password": SANDI, "next": tujuan}, follow=True
    )

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("peserta:portal")
    # Already logged in, the login page with the same address sends them home too.
    assert client.get(reverse("login"), {"next": tujuan})["Location"] == reverse("beranda")


def test_a_participant_sent_to_the_portal_after_login_gets_there(client):
    _peserta_dengan_sandi()

    response = client.post(reverse("login"), {"username": NIP, "password": SANDI, "next": reverse("peserta:portal")})

    assert response["Location"] == reverse("peserta:portal")


def test_staff_sent_to_a_staff_page_after_login_get_there(client):
    staf_user(username="staf1", password=SANDI)

    response = client.post(reverse("login"), {"username": "staf1", "password": SANDI, "next": "/angkatan/1/presensi/"})

    assert response["Location"] == "/angkatan/1/presensi/"


def test_after_login_a_participant_lands_on_the_portal_and_staff_on_the_dashboard(client):
    _peserta_dengan_sandi()
    response = client.post(reverse("login"), {"username": NIP, "password": SANDI}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("peserta:portal")
    client.logout()

    staf_user(username="staf1", password=SANDI)
    response = client.post(reverse("login"), {"username": "staf1", "password": SANDI}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("dasbor:index")
    assert response.status_code == 200
    assert "Dasbor" in response.content.decode()
