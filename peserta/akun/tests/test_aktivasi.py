"""A verified participant gets an account and opens it with a one-time link that expires."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from diklat.models import Surel
from diklat.roles import PESERTA
from diklat.tests.factories import peserta_user, staf_user
from diklat.tests.smtp import bagian
from peserta.akun import services as akun
from peserta.akun.services import akun_siapkan, tautan_aktivasi
from peserta.models import Pendaftaran
from peserta.pendaftaran.services import pendaftaran_transition
from peserta.tests.factories import PendaftaranFactory, PesertaFactory

pytestmark = pytest.mark.django_db

User = get_user_model()
Status = Pendaftaran.Status
SANDI = "Kemendagri-2026!"


def _path(tautan: str) -> str:
    return tautan[tautan.index("/aktivasi/") :]


def test_verifying_an_enrolment_gives_the_person_an_account_without_a_password(staf):
    pendaftaran = PendaftaranFactory(status=Status.DIUSULKAN, peserta__email="")

    pendaftaran_transition(pendaftaran=pendaftaran, ke=Status.DIVERIFIKASI, user=staf)

    peserta = pendaftaran.peserta
    peserta.refresh_from_db()
    user = peserta.user
    assert user.username == peserta.nip
    assert list(user.groups.values_list("name", flat=True)) == [PESERTA]
    assert not user.has_usable_password()
    # Verifying again elsewhere, or calling it twice, keeps the one account.
    assert akun_siapkan(peserta=peserta) == user
    assert User.objects.filter(username=peserta.nip).count() == 1


def test_an_account_of_the_same_nip_linked_to_someone_else_is_never_taken():
    orang = PesertaFactory()
    lain = PesertaFactory()
    lain.user = User.objects.create_user(username=orang.nip, password="x")
    lain.save()

    with pytest.raises(Exception, match="sudah terhubung dengan orang lain"):
        akun_siapkan(peserta=orang)


def test_the_link_lets_the_participant_choose_a_password_log_in_and_land_on_the_portal(client):
    user = akun_siapkan(peserta=PesertaFactory(nama="Siti Aminah"))
    halaman = _path(tautan_aktivasi(user))

    formulir = client.get(halaman)
    assert formulir.status_code == 200
    assert "Siti Aminah" in formulir.content.decode()

    response = client.post(halaman, {"new_password1": SANDI, "new_password2": SANDI})
    assert response.status_code == 302 and response.url == reverse("peserta:portal")
    user.refresh_from_db()
    assert user.check_password(SANDI)
    assert client.get(reverse("peserta:portal")).status_code == 200


def test_a_link_used_once_says_so_and_opens_nothing(client):
    user = akun_siapkan(peserta=PesertaFactory())
    pertama, kedua = _path(tautan_aktivasi(user)), _path(tautan_aktivasi(user))
    client.post(pertama, {"new_password1": SANDI, "new_password2": SANDI})
    client.logout()

    for halaman in (pertama, kedua):
        response = client.get(halaman)
        assert response.status_code == 410
        assert "sudah dipakai: akun Anda sudah aktif" in response.content.decode()
        ditolak = client.post(halaman, {"new_password1": "Lain-sekali-99", "new_password2": "Lain-sekali-99"})
        assert ditolak.status_code == 410
    user.refresh_from_db()
    assert user.check_password(SANDI)


def test_a_link_older_than_three_days_says_it_expired_and_offers_a_new_one(client, monkeypatch):
    user = akun_siapkan(peserta=PesertaFactory())
    halaman = _path(tautan_aktivasi(user))
    nanti = akun.token_aktivasi._now() + datetime.timedelta(days=3, minutes=1)
    monkeypatch.setattr(akun.token_aktivasi, "_now", lambda: nanti)

    response = client.get(halaman)

    assert response.status_code == 410
    page = response.content.decode()
    assert "sudah kedaluwarsa: tautan aktivasi berlaku 3 hari" in page
    assert reverse("peserta:aktivasi-minta") in page
    assert not User.objects.get(pk=user.pk).has_usable_password()


@pytest.mark.parametrize(
    "ubah",
    [
        lambda uid, token: (uid, token[:-2] + "zz"),
        lambda uid, token: (uid, "abc"),
        lambda uid, token: (uid, "zzzzzzzzzzzzzzzz-" + token.partition("-")[2]),
        lambda uid, token: ("Tk9UQU5VTUJFUg", token),
        lambda uid, token: ("%%%", token),
    ],
    ids=["hash diubah", "pendek", "waktu palsu", "uid bukan angka", "uid rusak"],
)
def test_a_forged_or_cut_link_is_not_recognised_and_changes_nothing(client, ubah):
    user = akun_siapkan(peserta=PesertaFactory())
    _kosong, _a, uid, token, _b = _path(tautan_aktivasi(user)).split("/")
    uid, token = ubah(uid, token)

    response = client.get(f"/aktivasi/{uid}/{token}/")

    assert response.status_code in (404, 410)
    if response.status_code == 410:
        assert "Tautan ini tidak dikenali" in response.content.decode()
    assert not User.objects.get(pk=user.pk).has_usable_password()


def test_a_link_for_an_account_that_is_not_a_participant_opens_nothing(client):
    staf = staf_user()
    staf.set_unusable_password()
    staf.save()
    response = client.get(_path(tautan_aktivasi(staf)))
    assert response.status_code == 410


def test_asking_for_a_new_link_answers_the_same_whether_or_not_the_account_exists(client):
    peserta = PesertaFactory(email="")
    akun_siapkan(peserta=peserta)
    halaman = reverse("peserta:aktivasi-minta")

    jawaban = [
        client.post(halaman, {"nip_atau_email": isian}).content.decode()
        for isian in (peserta.nip_tampil, "199001012020121001", "tidak.ada@contoh.go.id")
    ]

    assert all("Bila NIP atau e-mail itu milik akun yang belum aktif" in j for j in jawaban)
    kosong = client.post(halaman, {"nip_atau_email": ""})
    assert "Bidang ini tidak boleh kosong" in kosong.content.decode()


def test_staff_hand_out_the_link_on_the_persons_account_page_and_the_roster_shows_the_state(client, staf):
    pendaftaran = PendaftaranFactory(status=Status.DIUSULKAN, peserta__email="")
    pendaftaran_transition(pendaftaran=pendaftaran, ke=Status.DIVERIFIKASI, user=staf)
    peserta = pendaftaran.peserta
    client.force_login(staf)

    roster = client.get(pendaftaran.angkatan.get_absolute_url()).content.decode()
    assert "akun belum aktif" in roster
    halaman = client.get(reverse("peserta:akun", args=[peserta.pk]))
    assert halaman.status_code == 200
    page = halaman.content.decode()
    assert "/aktivasi/" in page and "Tidak ada alamat e-mail" in page
    slip = client.get(reverse("peserta:akun", args=[peserta.pk]) + "?cetak=1").content.decode()
    assert "data:image/svg+xml" in slip and "/aktivasi/" in slip

    kirim = client.post(reverse("peserta:akun", args=[peserta.pk]), follow=True)
    assert "tidak memiliki alamat e-mail" in kirim.content.decode()


def test_staff_resend_the_link_from_the_rosters_row_and_stay_on_the_roster(client, staf):
    pendaftaran = PendaftaranFactory(status=Status.DIUSULKAN, peserta__email="rina@contoh.go.id")
    pendaftaran_transition(pendaftaran=pendaftaran, ke=Status.DIVERIFIKASI, user=staf)
    client.force_login(staf)
    roster = pendaftaran.angkatan.get_absolute_url() + "?status=diverifikasi"

    assert "kirim ulang tautan" in client.get(roster).content.decode()
    kembali = client.post(reverse("peserta:akun", args=[pendaftaran.peserta_id]), {"kembali": roster})
    asing = client.post(
        reverse("peserta:akun", args=[pendaftaran.peserta_id]), {"kembali": "https://penipu.example/angkatan/"}
    )

    assert kembali.status_code == 302 and kembali.url == roster
    assert asing.url == reverse("peserta:akun", args=[pendaftaran.peserta_id])
    # The verification sent one, each resend one more.
    assert Surel.objects.filter(kepada="rina@contoh.go.id", jenis="aktivasi").count() == 3


def test_only_staff_who_may_change_people_see_an_account_page(client):
    peserta = PesertaFactory()
    akun_siapkan(peserta=peserta)
    halaman = reverse("peserta:akun", args=[peserta.pk])
    assert client.get(halaman).status_code == 302
    client.force_login(peserta_user())
    assert client.get(halaman).status_code == 403
    assert client.get(reverse("peserta:akun", args=[peserta.pk + 999])).status_code == 403


def _tautan_dalam(teks: str) -> str:
    mulai = teks.index("http")
    return teks[mulai:].split()[0]


def test_verifying_sends_the_activation_link_by_e_mail_and_the_link_opens_the_account(
    client, staf, smtp_server, surel_eager, django_capture_on_commit_callbacks
):
    pendaftaran = PendaftaranFactory(
        status=Status.DIUSULKAN, peserta__email="siti.aminah@contoh.go.id", peserta__nama="Siti Aminah"
    )

    with django_capture_on_commit_callbacks(execute=True):
        pendaftaran_transition(pendaftaran=pendaftaran, ke=Status.DIVERIFIKASI, user=staf)

    (pesan,) = smtp_server.diterima
    assert pesan["To"] == "siti.aminah@contoh.go.id"
    assert pesan["Subject"] == "Aktifkan akun peserta pelatihan BPSDM"
    teks = bagian(pesan, "text/plain")
    assert "Yth. Siti Aminah" in teks and "hanya dapat dipakai sekali" in teks
    tautan = _tautan_dalam(teks)
    assert tautan in bagian(pesan, "text/html")

    response = client.post(_path(tautan), {"new_password1": SANDI, "new_password2": SANDI})
    assert response.status_code == 302 and response.url == reverse("peserta:portal")


def test_a_new_link_asked_for_by_nip_arrives_and_nothing_is_sent_for_an_open_account(
    client, smtp_server, surel_eager, django_capture_on_commit_callbacks
):
    belum = PesertaFactory(email="belum.aktif@contoh.go.id")
    akun_siapkan(peserta=belum)
    sudah = PesertaFactory(email="sudah.aktif@contoh.go.id")
    user = akun_siapkan(peserta=sudah)
    user.set_password(SANDI)
    user.save()

    with django_capture_on_commit_callbacks(execute=True):
        for isian in (belum.nip_tampil, "SUDAH.AKTIF@contoh.go.id"):
            client.post(reverse("peserta:aktivasi-minta"), {"nip_atau_email": isian})

    assert [p["To"] for p in smtp_server.diterima] == ["belum.aktif@contoh.go.id"]
    assert "/aktivasi/" in bagian(smtp_server.diterima[0], "text/plain")


@pytest.mark.parametrize("peran", ["staf", "superuser", "bersandi"])
def test_an_unlinked_staff_account_named_by_the_nip_is_never_made_a_participants(client, staf, peran):
    # Staff are civil servants too: an admin's account may well be named by their NIP.
    pendaftaran = PendaftaranFactory(status=Status.DIUSULKAN, peserta__email="daftar.daerah@contoh.go.id")
    nip = pendaftaran.peserta.nip
    if peran == "staf":
        akun_lain = staf_user(username=nip, email="pegawai@bpsdm.go.id")
        akun_lain.set_unusable_password()
    elif peran == "superuser":
        akun_lain = User.objects.create_superuser(username=nip, email="pegawai@bpsdm.go.id", password=None)
    else:
        akun_lain = User.objects.create_user(username=nip, email="pegawai@bpsdm.go.id", password="rahasia-lama")
    akun_lain.save()

    with pytest.raises(Exception, match="sudah ada dan bukan akun peserta"):
        pendaftaran_transition(pendaftaran=pendaftaran, ke=Status.DIVERIFIKASI, user=staf)

    akun_lain.refresh_from_db()
    pendaftaran.refresh_from_db()
    assert akun_lain.email == "pegawai@bpsdm.go.id"
    assert not akun_lain.groups.filter(name=PESERTA).exists()
    assert pendaftaran.status == Status.DIUSULKAN and pendaftaran.peserta.user is None
    # Nor does a link made for it open anything.
    assert client.get(_path(tautan_aktivasi(akun_lain))).status_code == 410


def test_a_bare_account_made_by_hand_for_the_nip_becomes_the_participants(staf):
    pendaftaran = PendaftaranFactory(status=Status.DIUSULKAN)
    tangan = User.objects.create_user(username=pendaftaran.peserta.nip, password=None)

    pendaftaran_transition(pendaftaran=pendaftaran, ke=Status.DIVERIFIKASI, user=staf)

    pendaftaran.peserta.refresh_from_db()
    assert pendaftaran.peserta.user == tangan


def test_links_name_the_sites_public_address_never_the_requests_host(client, settings, staf):
    settings.ALLOWED_HOSTS = ["*"]
    settings.SERTIFIKAT_URL_DASAR = "https://diklat.bpsdm.kemendagri.go.id"
    peserta = PesertaFactory(email="rina@contoh.go.id")
    akun_siapkan(peserta=peserta)

    client.post(reverse("peserta:aktivasi-minta"), {"nip_atau_email": peserta.nip}, HTTP_HOST="penyadap.example")
    client.force_login(staf)
    slip = client.get(reverse("peserta:akun", args=[peserta.pk]), HTTP_HOST="intranet.local").content.decode()

    (surel,) = Surel.objects.filter(kepada="rina@contoh.go.id")
    assert "https://diklat.bpsdm.kemendagri.go.id/aktivasi/" in surel.isi_teks
    assert "penyadap.example" not in surel.isi_teks + surel.isi_html
    assert "https://diklat.bpsdm.kemendagri.go.id/aktivasi/" in slip and "intranet.local" not in slip
