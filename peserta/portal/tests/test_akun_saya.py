"""The participant's own account page: how to reach them is theirs to change, nothing else is."""

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import authenticate
from django.urls import reverse

from diklat.models import Surel
from diklat.tests.factories import peserta_user, staf_user
from peserta.models import Peserta
from peserta.tests.factories import PesertaFactory

pytestmark = pytest.mark.django_db

URL = "/portal/akun/"


@pytest.fixture
def rina(client):
    peserta = PesertaFactory(nama="Rina Kartika", email="rina.lama@banyumaskab.go.id", telepon="+6281234567890")
    peserta.user = peserta_user(username=peserta.nip, email=peserta.email, first_name="Rina")
    peserta.user.set_password("sandi-rina-2026")
    peserta.user.save()
    peserta.save()
    client.force_login(peserta.user)
    return peserta


def test_the_page_shows_contact_to_change_and_printed_data_to_read(client, rina):
    assert reverse("peserta:portal-akun") == URL
    html = client.get(URL).content.decode()

    assert 'value="rina.lama@banyumaskab.go.id"' in html
    assert "0812-3456-7890" in html
    assert rina.nama_lengkap in html and rina.nip_tampil in html and "Sekretaris Dinas Kesehatan" in html
    # The printed data is shown, not offered as a field.
    assert 'name="nama"' not in html and 'name="nip"' not in html and 'name="jabatan"' not in html


def test_a_participant_changes_their_email_and_phone_and_may_log_in_with_the_new_address(
    client, rina, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():
        response = client.post(
            URL,
            {"email": " rina@dinkes.banyumaskab.go.id ", "telepon": "0813 2222 3333", "sandi": "sandi-rina-2026"},
            HTTP_ACCEPT_LANGUAGE="en",
        )

    assert response.status_code == 302 and response.url == URL
    rina.refresh_from_db()
    rina.user.refresh_from_db()
    assert rina.email == rina.user.email == "rina@dinkes.banyumaskab.go.id"
    assert rina.telepon == "+6281322223333"
    assert authenticate(username="rina@dinkes.banyumaskab.go.id", password="sandi-rina-2026") == rina.user
    # Audited, with the participant as the actor.
    entri = LogEntry.objects.get_for_object(rina).latest("timestamp")
    assert entri.actor == rina.user
    assert set(entri.changes_dict) == {"email", "telepon"}
    # The old address is told, in case it was not its owner who changed it.
    (surel,) = Surel.objects.filter(jenis="email_diubah")
    assert surel.kepada == "rina.lama@banyumaskab.go.id"
    # In Indonesian, whatever the page's language, and without naming the new address.
    assert "baru saja diubah" in surel.isi_teks
    assert "rina@dinkes" not in surel.isi_teks + surel.isi_html + surel.subjek
    assert "Data kontak Anda tersimpan." in client.get(URL).content.decode()


def test_a_notice_that_cannot_be_made_leaves_the_change_standing(client, rina, monkeypatch):
    from peserta.portal import services

    def rusak(**kwargs):
        raise RuntimeError("templat rusak")

    monkeypatch.setattr(services, "surel_kirim", rusak)

    response = client.post(URL, {"email": "rina@dinkes.banyumaskab.go.id", "telepon": "", "sandi": "sandi-rina-2026"})

    assert response.status_code == 302
    rina.refresh_from_db()
    assert rina.email == "rina@dinkes.banyumaskab.go.id"


@pytest.mark.parametrize("sandi", ["", "bukan-sandinya"])
def test_changing_the_address_asks_for_the_password_the_phone_number_does_not(client, rina, sandi):
    response = client.post(URL, {"email": "orang.lain@contoh.id", "telepon": "0813 2222 3333", "sandi": sandi})

    assert "Untuk mengubah alamat e-mail, ketik kata sandi Anda dengan benar." in response.content.decode()
    rina.refresh_from_db()
    assert rina.email == "rina.lama@banyumaskab.go.id" and rina.telepon == "+6281234567890"

    client.post(URL, {"email": "RINA.LAMA@banyumaskab.go.id ", "telepon": "0813 2222 3333"})
    rina.refresh_from_db()
    assert rina.telepon == "+6281322223333"


def test_saving_unchanged_data_changes_nothing(client, rina):
    client.post(URL, {"email": rina.email, "telepon": "0812-3456-7890"}, follow=True)

    assert not Surel.objects.exists()
    assert not LogEntry.objects.get_for_object(rina).filter(action=LogEntry.Action.UPDATE).exists()


@pytest.mark.parametrize(
    "isian, pesan",
    [
        ({"email": "bukan-alamat", "telepon": ""}, "alamat email yang valid"),
        ({"email": "", "telepon": "12345"}, "Nomor telepon “12345” tidak valid"),
        ({"email": "x" * 250 + "@a.id", "telepon": ""}, "paling banyak 254 karakter"),
    ],
)
def test_bad_contact_data_is_refused_in_words_and_nothing_is_stored(client, rina, isian, pesan):
    response = client.post(URL, isian)

    assert response.status_code == 200
    assert pesan in response.content.decode()
    rina.refresh_from_db()
    assert rina.email == "rina.lama@banyumaskab.go.id" and rina.telepon == "+6281234567890"


def test_an_address_of_another_account_is_refused(client, rina):
    lain = staf_user(email="Operator@BPSDM.go.id")

    response = client.post(URL, {"email": "operator@bpsdm.go.id", "telepon": "", "sandi": "sandi-rina-2026"})

    assert "Alamat e-mail ini sudah dipakai akun lain." in response.content.decode()
    rina.refresh_from_db()
    assert rina.email == "rina.lama@banyumaskab.go.id"
    assert authenticate(username="operator@bpsdm.go.id", password="x") is None
    assert lain.email == "Operator@BPSDM.go.id"


def test_only_contact_fields_are_read_from_the_post(client, rina):
    client.post(URL, {"email": rina.email, "telepon": "", "nama": "Orang Lain", "nip": "199001012015011001"})

    rina.refresh_from_db()
    assert rina.nama == "Rina Kartika" and rina.telepon == ""
    assert not Peserta.objects.filter(nip="199001012015011001").exists()


def test_staff_and_strangers_have_no_participant_account_page(client):
    client.force_login(staf_user())
    assert client.get(URL).status_code == 404
    assert client.post(URL, {"email": "a@b.id"}).status_code == 404
    client.logout()
    assert client.get(URL).url.startswith(reverse("login"))


def test_anyone_logged_in_changes_their_own_password_with_the_old_one(client, rina):
    salah = client.post(
        reverse("password_change"),
        {"old_password": "bukan-ini", "new_password1": "Sandi-Baru-2027", "new_password2": "Sandi-Baru-2027"},
    )
    assert "Sandi lama Anda yang dimasukkan salah." in salah.content.decode()
    assert authenticate(username=rina.nip, password="sandi-rina-2026") == rina.user

    benar = client.post(
        reverse("password_change"),
        {"old_password": "sandi-rina-2026", "new_password1": "Sandi-Baru-2027", "new_password2": "Sandi-Baru-2027"},
        follow=True,
    )

    assert "Kata sandi Anda sudah diganti." in benar.content.decode()
    assert authenticate(username=rina.nip, password="Sandi-Baru-2027") == rina.user
