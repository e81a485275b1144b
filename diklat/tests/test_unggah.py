"""A body larger than any form of the site sends is refused by its declared size, before a byte of it is read."""

import pytest
from django.test import Client
from django.urls import reverse

from diklat.tests.kiriman import KirimanBesar, kirim

pytestmark = pytest.mark.django_db

GB = 1024 * 1024 * 1024


@pytest.mark.parametrize("halaman", ["login", "password_reset", "admin:login"])
def test_a_gigabyte_sent_to_a_public_form_is_refused_unread_with_the_sites_headers(halaman):
    # The CSRF check is enforced, as for a browser: it would read (and spool to disk) the body to find its token.
    client = Client(enforce_csrf_checks=True)
    kiriman = KirimanBesar(nama_field="berkas", nama_berkas="besar.bin", ukuran=GB)

    response = kirim(client, reverse(halaman), kiriman)

    assert response.status_code == 413
    assert kiriman.dibaca == 0
    html = response.content.decode()
    assert "Kiriman terlalu besar" in html
    assert "Yang Anda kirim berukuran 1,0\xa0GB, lebih dari 12,0\xa0MB yang dapat diterima situs ini." in html
    assert "Tidak ada yang disimpan." in html
    # The answer passes the site's middleware on its way out.
    assert response["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_a_body_within_the_limit_still_reaches_the_form(client):
    kiriman = KirimanBesar(nama_field="berkas", nama_berkas="kecil.bin", ukuran=1024)

    response = kirim(client, reverse("login"), kiriman)

    assert response.status_code == 200
    assert kiriman.dibaca == len(kiriman)
    assert "Kiriman terlalu besar" not in response.content.decode()


def test_a_length_that_is_no_number_is_not_taken_for_a_large_one(client):
    response = client.post(reverse("login"), {"username": "x", "password": "y"}, CONTENT_LENGTH="banyak")

    assert response.status_code != 413
