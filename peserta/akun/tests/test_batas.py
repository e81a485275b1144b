"""Asking for a new activation link: so many asks an hour per address and per account, then a 429 that says when."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from diklat import batas
from diklat.models import Surel
from diklat.tests.smtp import bagian
from peserta.akun.services import akun_siapkan
from peserta.tests.factories import PesertaFactory

pytestmark = pytest.mark.django_db

# 10:47:27 WIB: well inside a clock hour, so that no test's requests straddle two windows.
SEKARANG = 1_700_020_047.5


@pytest.fixture(autouse=True)
def _jam_tetap(monkeypatch):
    monkeypatch.setattr(batas, "time", SimpleNamespace(time=lambda: SEKARANG))


@pytest.fixture
def belum_aktif():
    peserta = PesertaFactory(email="belum.aktif@contoh.go.id")
    akun_siapkan(peserta=peserta)
    return peserta


def minta(client, isian, alamat="192.0.2.10"):
    return client.post(reverse("peserta:aktivasi-minta"), {"nip_atau_email": isian}, REMOTE_ADDR=alamat)


def test_beyond_three_asks_for_one_account_nothing_is_sent_and_the_page_says_when(
    client, settings, belum_aktif, smtp_server, surel_eager, django_capture_on_commit_callbacks
):
    settings.BATAS_TAUTAN_PER_AKUN = 3

    with django_capture_on_commit_callbacks(execute=True):
        jawaban = [
            minta(client, isian) for isian in (belum_aktif.nip, belum_aktif.nip_tampil, "Belum.Aktif@contoh.go.id")
        ]
        lagi = minta(client, belum_aktif.nip_tampil, alamat="198.51.100.7")  # from elsewhere too

    assert [r.status_code for r in jawaban] == [200, 200, 200]
    assert lagi.status_code == 429
    assert lagi["Retry-After"] == "753"
    html = lagi.content.decode()
    assert "sudah beberapa kali diminta dalam satu jam ini" in html
    assert "Coba lagi pukul 11:00 WIB (dalam 13 menit)." in html
    assert reverse("login") in html
    assert len(smtp_server.diterima) == 3
    assert "/aktivasi/" in bagian(smtp_server.diterima[0], "text/plain")
    assert Surel.objects.count() == 3


def test_beyond_the_limit_of_one_address_nothing_is_looked_up_or_sent(client, settings, belum_aktif):
    settings.BATAS_TAUTAN_PER_ALAMAT = 2

    assert minta(client, "199001012020121001").status_code == 200
    assert minta(client, "").status_code == 200  # a form sent empty counts too
    response = minta(client, belum_aktif.nip)

    assert response.status_code == 429
    assert "Terlalu banyak permintaan tautan dari jaringan Anda" in response.content.decode()
    assert not Surel.objects.exists()
    assert minta(client, belum_aktif.nip, alamat="198.51.100.7").status_code == 200
    assert Surel.objects.count() == 1


def test_asking_for_an_account_that_does_not_exist_is_limited_alike(client, settings, belum_aktif):
    settings.BATAS_TAUTAN_PER_AKUN = 1

    assert [minta(client, belum_aktif.nip).status_code for _ in range(2)] == [200, 429]
    assert [minta(client, "199001012020121001").status_code for _ in range(2)] == [200, 429]


def test_the_default_limits_let_a_whole_class_ask_from_one_hotel_network(client, belum_aktif):
    # Thirty participants of one angkatan, on the hotel's one address, on their first morning.
    for i in range(30):
        assert minta(client, f"peserta{i}@contoh.go.id").status_code == 200
    assert minta(client, belum_aktif.nip).status_code == 429
