"""Logging in by NIP, username or e-mail address; throttling of failed logins; password reset by e-mail."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from diklat.tests.factories import admin_user, peserta_user, staf_user

pytestmark = pytest.mark.django_db

NIP = "196805121994031004"
SANDI = "sandi-peserta-123"


def peserta(**kwargs):
    akun = peserta_user(username=kwargs.pop("username", NIP), **kwargs)
    akun.set_password(SANDI)
    akun.save()
    return akun


def masuk(client, username, password=SANDI, alamat="192.0.2.10", **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=alamat, **extra)


def masuk_sebagai(client):
    return int(client.session["_auth_user_id"]) if "_auth_user_id" in client.session else None


# Logging in -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("ketik", ["budi.santoso@example.go.id", "  Budi.Santoso@Example.GO.ID "])
def test_participants_log_in_with_their_email_address_in_any_case(client, ketik):
    akun = peserta(email="budi.santoso@example.go.id")

    response = masuk(client, ketik)

    assert response.status_code == 302
    assert masuk_sebagai(client) == akun.pk


def test_staff_log_in_with_their_username_or_their_email_address(client):
    akun = staf_user(username="staf1", email="staf1@bpsdm.example.go.id", password=SANDI)

    assert masuk(client, "staf1").status_code == 302
    assert masuk_sebagai(client) == akun.pk
    client.logout()
    assert masuk(client, "STAF1@bpsdm.example.go.id").status_code == 302
    assert masuk_sebagai(client) == akun.pk


def test_an_email_address_that_two_accounts_share_opens_neither(client):
    peserta(email="bersama@example.go.id")
    kedua = peserta(username="197001011995031002", email="Bersama@example.go.id")

    response = masuk(client, "bersama@example.go.id")

    assert response.status_code == 200
    assert "Nama pengguna atau sandi salah" in response.content.decode()
    assert masuk_sebagai(client) is None
    # Each still logs in with the NIP.
    assert masuk(client, "19700101 199503 1 002").status_code == 302
    assert masuk_sebagai(client) == kedua.pk


def test_an_inactive_account_does_not_share_its_email_address_with_an_active_one(client):
    peserta(username="197001011995031002", email="budi@example.go.id", is_active=False)
    akun = peserta(email="budi@example.go.id")

    assert masuk(client, "budi@example.go.id").status_code == 302
    assert masuk_sebagai(client) == akun.pk


def test_a_wrong_password_with_an_email_address_opens_nothing(client):
    peserta(email="budi@example.go.id")

    response = masuk(client, "budi@example.go.id", password="salah-sekali")

    assert response.status_code == 200
    assert "Nama pengguna atau sandi salah" in response.content.decode()
    assert masuk_sebagai(client) is None


@pytest.mark.parametrize(
    "username, password",
    [
        ("19680512 199403 1 004", ""),
        ("196805121994031004", ""),
        ("19680512 199403 1 004", "12-05-1968"),
        ("19680512 199403 1 004", "12 Mei 1968"),
        ("196805121994031004", "19680512"),
        ("196805121994031004", "196805121994031004"),
    ],
)
def test_the_nip_alone_or_with_the_birth_date_never_opens_an_account(client, username, password):
    # Both are printed on every certificate: they name an account, they never open one.
    peserta(email="budi@example.go.id")

    response = masuk(client, username, password=password)

    assert response.status_code == 200
    assert masuk_sebagai(client) is None


def test_the_login_page_says_email_addresses_work_and_links_password_reset(client):
    page = client.get(reverse("login")).content.decode()

    assert "Alamat e-mail akun juga dapat dipakai." in page
    assert f'<a href="{reverse("password_reset")}">Lupa sandi?</a>' in page


# Throttling ---------------------------------------------------------------------------------------


def test_five_failures_on_one_account_lock_it_from_every_address_however_the_nip_is_typed(client):
    peserta(email="budi@example.go.id")
    ketikan = ["19680512 199403 1 004", "NIP. 19680512.199403.1.004", "196805121994031004", "budi@example.go.id"]

    for i in range(4):
        response = masuk(client, ketikan[i], password="salah", alamat=f"192.0.2.{i + 1}")
        assert response.status_code == 200
    response = masuk(client, "19680512-199403-1-004", password="salah", alamat="192.0.2.5")
    assert response.status_code == 429

    # Locked: even the right password from a new address does not open it, and the page says when to come back.
    response = masuk(client, "Budi@Example.go.id", alamat="198.51.100.7")
    page = response.content.decode()
    assert response.status_code == 429
    assert masuk_sebagai(client) is None
    assert "Terlalu banyak percobaan masuk" in page
    assert "setelah 5 kali gagal berturut-turut" in page
    sampai = timezone.localtime(timezone.now() + timedelta(minutes=15))
    assert re.search(r"Coba lagi pukul \d\d:\d\d WIB \(dalam 1[45] menit\)", page)
    assert sampai.strftime("%H:") in page
    assert 'href="/lupa-sandi/"' in page
    assert "<html" in page  # our page, within the site's frame, not a bare text


def test_the_lock_lifts_after_fifteen_minutes(client):
    from axes.models import AccessAttempt

    peserta()
    for _ in range(5):
        masuk(client, NIP, password="salah")
    assert masuk(client, NIP).status_code == 429

    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=15, seconds=1))

    assert masuk(client, NIP).status_code == 302


def test_a_class_behind_one_address_survives_a_few_typos_but_a_guesser_is_locked_out(client, settings):
    akun = peserta()
    # Five people of a class mistype once each, from the hotel's one address: the sixth logs in.
    for i in range(5):
        masuk(client, f"orang{i}", password="salah", alamat="203.0.113.9")
    assert masuk(client, NIP, alamat="203.0.113.9").status_code == 302
    client.logout()

    # Someone trying account after account from there is stopped at the address's own limit.
    for i in range(5, settings.DIKLAT_GAGAL_MASUK_PER_ALAMAT):
        masuk(client, f"orang{i}", password="salah", alamat="203.0.113.9")
    response = masuk(client, NIP, alamat="203.0.113.9")
    assert response.status_code == 429
    assert masuk_sebagai(client) is None

    # The account itself is not locked: from another address it opens.
    assert masuk(client, NIP, alamat="203.0.113.10").status_code == 302
    assert masuk_sebagai(client) == akun.pk


def test_a_successful_login_clears_the_accounts_failures(client):
    peserta()
    for _ in range(4):
        masuk(client, NIP, password="salah", alamat="192.0.2.1")
    assert masuk(client, NIP, alamat="192.0.2.2").status_code == 302
    client.logout()

    for _ in range(4):
        assert masuk(client, NIP, password="salah", alamat="192.0.2.3").status_code == 200
    assert masuk(client, NIP, alamat="192.0.2.4").status_code == 302


def test_logging_into_ones_own_account_does_not_wipe_the_failures_against_another(client):
    peserta()
    staf_user(username="penebak", password=SANDI)
    for i in range(4):
        masuk(client, NIP, password="salah", alamat="192.0.2.20")
        if i == 1:
            masuk(client, "penebak", alamat="192.0.2.20")
            client.logout()

    assert masuk(client, NIP, password="salah", alamat="192.0.2.21").status_code == 429


def test_staff_and_admins_are_throttled_too_on_the_admins_login_page_as_well(client):
    staf_user(username="staf1", password=SANDI)
    admin_user(username="admin1", password=SANDI)
    for i in range(5):
        masuk(client, "staf1", password="salah", alamat=f"192.0.2.{30 + i}")
    assert masuk(client, "staf1", alamat="192.0.2.40").status_code == 429

    for i in range(5):
        client.post(
            reverse("admin:login"), {"username": "admin1", "password": "salah"}, REMOTE_ADDR=f"192.0.2.{50 + i}"
        )
    response = client.post(reverse("admin:login"), {"username": "admin1", "password": SANDI}, REMOTE_ADDR="192.0.2.60")
    assert response.status_code == 429
    assert "Terlalu banyak percobaan masuk" in response.content.decode()


def test_without_trusted_proxies_a_forwarded_for_header_does_not_change_the_address(client, settings):
    settings.DIKLAT_GAGAL_MASUK_PER_ALAMAT = 5
    peserta()
    for i in range(5):
        masuk(client, f"orang{i}", password="salah", alamat="203.0.113.9", HTTP_X_FORWARDED_FOR=f"10.0.0.{i}")

    assert masuk(client, NIP, alamat="203.0.113.9", HTTP_X_FORWARDED_FOR="10.0.0.99").status_code == 429


def test_behind_a_trusted_proxy_the_address_it_saw_is_counted(client, settings):
    settings.VERIFIKASI_PROXY_TEPERCAYA = 1
    settings.DIKLAT_GAGAL_MASUK_PER_ALAMAT = 5
    peserta()
    proxy = "10.0.0.1"
    for i in range(5):
        masuk(client, f"orang{i}", password="salah", alamat=proxy, HTTP_X_FORWARDED_FOR=f"1.1.1.{i}, 203.0.113.5")

    assert masuk(client, NIP, alamat=proxy, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429
    assert masuk(client, NIP, alamat=proxy, HTTP_X_FORWARDED_FOR="203.0.113.6").status_code == 302


# Password reset -----------------------------------------------------------------------------------


@pytest.fixture
def minta_tautan(surel_eager, django_capture_on_commit_callbacks):
    """Ask for a reset link and let the outbox send what it queued (to Django's test outbox, ``mail.outbox``)."""

    def minta(client, isian, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("password_reset"), {"email": isian}, **extra)
        assert response.status_code == 302
        assert response["Location"] == reverse("password_reset_done")
        return response

    return minta


def tautan_dari(pesan) -> str:
    [alamat] = re.findall(r"https?://\S+/atur-sandi/\S+/", pesan.body)
    html = pesan.alternatives[0][0]
    assert f'href="{alamat}"' in html
    return urlsplit(alamat).path


@pytest.mark.parametrize("isian", ["19680512 199403 1 004", "NIP. 19680512.199403.1.004", " BUDI@example.go.id "])
def test_a_reset_link_is_mailed_for_the_nip_or_the_email_address(client, isian, minta_tautan):
    peserta(email="budi@example.go.id", first_name="Budi", last_name="Santoso")

    minta_tautan(client, isian)

    [pesan] = mail.outbox
    assert pesan.to == ["budi@example.go.id"]
    assert pesan.subject == "Membuat sandi baru untuk Diklat BPSDM"
    assert "Yth. Budi Santoso," in pesan.body
    assert "Tautan ini berlaku sampai" in pesan.body and "hanya dapat dipakai sekali." in pesan.body
    assert pesan.alternatives[0][1] == "text/html"
    assert "Buat sandi baru" in pesan.alternatives[0][0]
    assert tautan_dari(pesan).startswith("/atur-sandi/")


@pytest.mark.parametrize("isian", ["197001011995031002", "tidak.ada@example.go.id", "staf1", "bukan apa-apa"])
def test_asking_for_an_unknown_or_mailless_account_gets_the_same_answer_and_sends_nothing(client, isian, minta_tautan):
    peserta(username="197001011995031002")  # no e-mail address
    staf_user(username="staf1", email="staf1@example.go.id")

    minta_tautan(client, isian)

    assert mail.outbox == []
    page = client.get(reverse("password_reset_done")).content.decode()
    assert "Periksa e-mail Anda" in page


def test_the_link_sets_a_new_password_once(client, minta_tautan):
    akun = peserta(email="budi@example.go.id")
    minta_tautan(client, "budi@example.go.id")
    tautan = tautan_dari(mail.outbox[0])

    form = client.get(tautan, follow=True)
    assert "Buat sandi baru" in form.content.decode()
    assert f"Untuk akun {NIP}." in form.content.decode()
    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "sandi-baru-yang-panjang", "new_password2": "sandi-baru-yang-panjang"},
        follow=True,
    )
    assert "Sandi baru tersimpan" in response.content.decode()
    akun.refresh_from_db()
    assert akun.check_password("sandi-baru-yang-panjang")
    assert masuk(client, "19680512 199403 1 004", password="sandi-baru-yang-panjang").status_code == 302
    client.logout()

    again = client.get(tautan, follow=True).content.decode()
    assert "Tautan sudah dipakai atau kedaluwarsa" in again
    assert f'href="{reverse("password_reset")}"' in again
    assert "Minta tautan baru" in again


def test_a_used_reset_form_sent_again_or_a_used_link_in_another_browser_changes_nothing(client, minta_tautan):
    akun = peserta(email="budi@example.go.id")
    minta_tautan(client, NIP)
    tautan = tautan_dari(mail.outbox[0])
    formulir = client.get(tautan, follow=True).redirect_chain[-1][0]
    client.post(formulir, {"new_password1": "sandi-baru-yang-panjang", "new_password2": "sandi-baru-yang-panjang"})

    # The form again, as the Back button leaves it: refused with the message, the first new password kept.
    lagi = client.post(formulir, {"new_password1": "sandi-penyusup-9876", "new_password2": "sandi-penyusup-9876"})
    assert lagi.status_code == 200
    assert "Tautan sudah dipakai atau kedaluwarsa" in lagi.content.decode()
    # The link copied from the e-mail into another browser.
    lain = Client()
    halaman = lain.get(tautan, follow=True)
    assert "Tautan sudah dipakai atau kedaluwarsa" in halaman.content.decode()
    lain.post(
        halaman.redirect_chain[-1][0] if halaman.redirect_chain else tautan,
        {"new_password1": "sandi-penyusup-9876", "new_password2": "sandi-penyusup-9876"},
    )
    akun.refresh_from_db()
    assert akun.check_password("sandi-baru-yang-panjang")


def test_a_new_password_lifts_the_lock_on_the_account(client, minta_tautan):
    peserta(email="budi@example.go.id")
    for i in range(5):
        masuk(client, NIP, password="salah", alamat=f"192.0.2.{i + 1}")
    assert masuk(client, NIP, alamat="192.0.2.9").status_code == 429

    minta_tautan(client, NIP)
    form = client.get(tautan_dari(mail.outbox[0]), follow=True)
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "sandi-baru-yang-panjang", "new_password2": "sandi-baru-yang-panjang"},
    )

    assert masuk(client, NIP, password="sandi-baru-yang-panjang", alamat="192.0.2.9").status_code == 302


def test_the_link_expires_after_three_days(client, monkeypatch, minta_tautan):
    peserta(email="budi@example.go.id")
    minta_tautan(client, NIP)
    tautan = tautan_dari(mail.outbox[0])

    nanti = default_token_generator._now() + timedelta(days=3, seconds=1)
    monkeypatch.setattr(type(default_token_generator), "_now", lambda self: nanti)

    page = client.get(tautan, follow=True).content.decode()
    assert "Tautan sudah dipakai atau kedaluwarsa" in page


def test_the_reset_link_names_the_sites_public_address_not_the_host_asked(client, settings, minta_tautan):
    settings.SERTIFIKAT_URL_DASAR = "https://diklat.bpsdm.example.go.id"
    peserta(email="budi@example.go.id")

    minta_tautan(client, NIP, HTTP_HOST="127.0.0.1")

    assert "https://diklat.bpsdm.example.go.id/atur-sandi/" in mail.outbox[0].body


def test_the_reset_pages_are_in_indonesian(client):
    page = client.get(reverse("password_reset")).content.decode()
    assert "NIP atau alamat e-mail" in page
    assert "Kirim tautan" in page
    assert 'lang="id"' in page


@pytest.mark.parametrize("halaman", ["/masuk/", "/admin/login/"])
@pytest.mark.parametrize("nama", ["x" * 256, "9" * 300, "a@" + "b" * 300 + ".id"])
def test_an_overlong_username_is_refused_in_words_not_with_a_500(client, halaman, nama):
    response = client.post(halaman, {"username": nama, "password": "apa saja"})

    assert response.status_code == 200
    html = response.content.decode()
    # Refused beside the field (the site's form) or as a wrong login (the admin's own form).
    assert "paling banyak 254 karakter" in html or "salah" in html or "benar" in html
