"""Every page is served with a Content-Security-Policy that allows nothing inline and nothing from elsewhere,
with the headers that keep it out of frames and its addresses out of other sites' logs."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("nama", ["login", "sertifikat:verifikasi-unggah", "password_reset"])
def test_public_pages_carry_a_strict_content_security_policy(client, nama):
    response = client.get(reverse(nama))

    kebijakan = dict(
        bagian.strip().split(" ", 1) for bagian in response["Content-Security-Policy"].split(";") if bagian.strip()
    )
    assert kebijakan["default-src"] == "'self'"
    assert kebijakan["script-src"] == "'self'" and kebijakan["style-src"] == "'self'"
    assert kebijakan["frame-ancestors"] == "'none'" and kebijakan["object-src"] == "'none'"
    assert "unsafe" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_pages_own_behaviour_comes_from_a_static_file_not_inline(client):
    html = client.get(reverse("login")).content.decode()
    assert 'src="/static/js/diklat.js"' in html
    assert "<style" not in html and "style=" not in html and "hx-on" not in html
