"""Password reset through the outbox, to a real SMTP server, and the limits on asking for links."""

import re
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from diklat import batas
from diklat.batas import hitung_permintaan
from diklat.models import Surel
from diklat.tests.factories import peserta_user, staf_user
from diklat.tests.smtp import bagian

pytestmark = pytest.mark.django_db

NIP = "196805121994031004"
SANDI = "sandi-peserta-123"
SITUS = "https://diklat.bpsdm.example.go.id"
# 10:47:27 WIB: well inside a clock hour, so that no test's requests straddle two windows.
SEKARANG = 1_700_020_047.5


@pytest.fixture(autouse=True)
def _jam_tetap(monkeypatch, settings):
    monkeypatch.setattr(batas, "time", SimpleNamespace(time=lambda: SEKARANG))
    settings.SERTIFIKAT_URL_DASAR = SITUS


def peserta(**kwargs):
    akun = peserta_user(username=kwargs.pop("username", NIP), **kwargs)
    akun.set_password(SANDI)
    akun.save()
    return akun


def minta(client, isian, alamat="192.0.2.10"):
    return client.post(reverse("password_reset"), {"email": isian}, REMOTE_ADDR=alamat)


def test_the_reset_link_arrives_in_indonesian_through_the_outbox_and_works_once(
    client, smtp_server, surel_eager, django_capture_on_commit_callbacks
):
    akun = peserta(email="budi@example.go.id", first_name="Budi", last_name="Santoso")

    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        response = minta(client, "19680512 199403 1 004")

    assert response.status_code == 302 and response["Location"] == reverse("password_reset_done")
    [pesan] = smtp_server.diterima
    assert pesan["To"] == "budi@example.go.id"
    assert pesan["Subject"] == "Membuat sandi baru untuk Diklat BPSDM"
    teks, html = bagian(pesan, "text/plain"), bagian(pesan, "text/html")
    assert "Yth. Budi Santoso," in teks and f"Akun: {NIP}" in teks
    assert "hanya dapat dipakai sekali" in teks and "Bila Anda tidak meminta sandi baru" in teks
    [tautan] = re.findall(rf"{re.escape(SITUS)}/atur-sandi/\S+/", teks)
    assert f'href="{tautan}"' in html and "Buat sandi baru" in html
    assert list(pesan.iter_attachments()) == []
    surel = Surel.objects.get()
    assert (surel.jenis, surel.user, surel.status) == ("lupa_sandi", akun, Surel.Status.TERKIRIM)

    form = client.get(urlsplit(tautan).path, follow=True)
    baru = {"new_password1": "sandi-baru-yang-panjang", "new_password2": "sandi-baru-yang-panjang"}
    assert "Sandi baru tersimpan" in client.post(form.redirect_chain[-1][0], baru, follow=True).content.decode()
    akun.refresh_from_db()
    assert akun.check_password("sandi-baru-yang-panjang")
    client.logout()
    assert "Tautan sudah dipakai atau kedaluwarsa" in client.get(urlsplit(tautan).path, follow=True).content.decode()


def test_a_participant_who_lost_the_activation_email_chooses_a_first_password_by_the_reset_link(
    client, django_capture_on_commit_callbacks, surel_eager
):
    belum_dibuka = peserta_user(username=NIP, email="budi@example.go.id")
    belum_dibuka.set_unusable_password()
    belum_dibuka.save()
    staf_tanpa_sandi = staf_user(username="operator", email="operator@example.go.id")
    staf_tanpa_sandi.set_unusable_password()
    staf_tanpa_sandi.save()

    with django_capture_on_commit_callbacks(execute=True):
        minta(client, NIP)
        minta(client, "operator@example.go.id", alamat="192.0.2.11")

    (surel,) = Surel.objects.all()
    assert surel.user == belum_dibuka and surel.kepada == "budi@example.go.id"
    [tautan] = re.findall(rf"{re.escape(SITUS)}/atur-sandi/\S+/", surel.isi_teks)
    form = client.get(urlsplit(tautan).path, follow=True)
    baru = {"new_password1": "sandi-pertama-panjang", "new_password2": "sandi-pertama-panjang"}
    client.post(form.redirect_chain[-1][0], baru)
    belum_dibuka.refresh_from_db()
    assert belum_dibuka.check_password("sandi-pertama-panjang")


def test_an_unknown_account_gets_the_same_sent_page_and_nothing_is_kept(
    client, smtp_server, surel_eager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = minta(client, "tidak.ada@example.go.id")

    assert response.status_code == 302 and response["Location"] == reverse("password_reset_done")
    assert smtp_server.diterima == [] and not Surel.objects.exists()


def test_one_account_gets_three_links_an_hour_however_it_is_typed_then_a_429_that_says_when(client, settings):
    settings.BATAS_TAUTAN_PER_AKUN = 3
    peserta(email="budi@example.go.id")

    for isian in ("19680512 199403 1 004", "NIP. 19680512.199403.1.004", "BUDI@example.go.id"):
        assert minta(client, isian).status_code == 302
    response = minta(client, NIP)

    assert response.status_code == 429
    assert response["Retry-After"] == str(3600 - 2847)  # the rest of the hour: 12 min 33 s
    html = response.content.decode()
    assert "sudah beberapa kali diminta dalam satu jam ini" in html
    assert "Coba lagi pukul 11:00 WIB (dalam 13 menit)." in html
    assert Surel.objects.count() == 3  # nothing queued beyond the limit
    # Someone else's account is not held up by it.
    peserta(username="197001011995031002", email="ani@example.go.id")
    assert minta(client, "197001011995031002").status_code == 302


def test_an_account_that_does_not_exist_is_limited_the_same_so_the_limit_tells_nothing(client, settings):
    settings.BATAS_TAUTAN_PER_AKUN = 2
    peserta(email="budi@example.go.id")

    ada = [minta(client, NIP).status_code for _ in range(3)]
    tidak_ada = [minta(client, "197001011995031002").status_code for _ in range(3)]

    assert ada == tidak_ada == [302, 302, 429]


def test_one_address_gets_so_many_asks_an_hour_for_any_accounts(client, settings):
    settings.BATAS_TAUTAN_PER_ALAMAT = 2
    peserta(email="budi@example.go.id")

    assert minta(client, "satu@example.go.id").status_code == 302
    assert minta(client, "dua@example.go.id").status_code == 302
    response = minta(client, NIP)

    assert response.status_code == 429
    assert "Terlalu banyak permintaan tautan dari jaringan Anda" in response.content.decode()
    assert not Surel.objects.exists()
    # Another address still may.
    assert minta(client, NIP, alamat="198.51.100.7").status_code == 302
    assert Surel.objects.count() == 1


def test_the_hour_window_counts_and_ends_on_the_hour():
    awal = 1_700_017_200  # 10:00 WIB on the dot
    assert hitung_permintaan(lingkup="uji", klien="a", jendela=3600, sekarang=awal) == (1, 3600)
    assert hitung_permintaan(lingkup="uji", klien="a", jendela=3600, sekarang=awal + 3000) == (2, 600)
    assert hitung_permintaan(lingkup="uji", klien="b", jendela=3600, sekarang=awal + 3000) == (1, 600)
    assert hitung_permintaan(lingkup="uji", klien="a", jendela=3600, sekarang=awal + 3600) == (1, 3600)
    # A window of another length is counted apart.
    assert hitung_permintaan(lingkup="uji", klien="a", jendela=60, sekarang=awal + 3600) == (1, 60)
