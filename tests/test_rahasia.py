"""What must never leak: a stack trace on a production error page, passwords or one-time tokens in the logs."""

import logging

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from diklat.tests.factories import staf_user
from peserta.akun.services import tautan_aktivasi
from peserta.tests.factories import PesertaFactory

pytestmark = pytest.mark.django_db

SANDI = "Rahasia-Sekali-2026!"


@pytest.mark.urls("tests.urls_galat")
def test_a_production_error_page_shows_the_apology_and_no_stack_trace(settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)

    response = client.get("/uji/gagal/")

    html = response.content.decode()
    assert response.status_code == 500
    assert "Terjadi kesalahan" in html
    assert "Traceback" not in html and "rahasia-internal" not in html and "settings.py" not in html


def test_failed_and_good_logins_and_a_password_change_leave_no_password_in_the_logs(client, caplog):
    caplog.set_level(logging.DEBUG)
    staf_user(username="rina", password=SANDI)

    client.post(reverse("login"), {"username": "rina", "password": SANDI + "x"})
    client.post(reverse("login"), {"username": "rina", "password": SANDI})
    baru = SANDI + "-baru"
    client.post(reverse("password_change"), {"old_password": SANDI, "new_password1": baru, "new_password2": baru})

    assert get_user_model().objects.get(username="rina").check_password(baru)
    assert SANDI not in caplog.text and baru not in caplog.text


def test_an_activation_link_leaves_no_token_in_the_logs(client, caplog):
    caplog.set_level(logging.DEBUG)
    peserta = PesertaFactory(email="ani@contoh.go.id")
    user = get_user_model().objects.create_user(username=peserta.nip, email=peserta.email)
    peserta.user = user
    peserta.save()
    tautan = tautan_aktivasi(user)
    token = tautan.rstrip("/").rsplit("/", 1)[-1]

    client.get(tautan)
    client.post(tautan, {"new_password1": SANDI, "new_password2": SANDI})
    client.get(tautan)  # used: said in words
    client.get(tautan.replace(token, token[:-3] + "zzz"))  # forged

    assert len(token) > 20 and token not in caplog.text and SANDI not in caplog.text
