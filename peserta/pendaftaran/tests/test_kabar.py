"""A person hears by e-mail that their enrolment was verified or refused, and staff see what was sent to them."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import translation

from angkatan.tests.factories import AngkatanFactory, VenueFactory
from diklat.models import Surel
from diklat.tests.factories import ProgramFactory, UserFactory
from diklat.tests.smtp import bagian
from peserta.akun.services import akun_siapkan
from peserta.models import Pendaftaran
from peserta.pendaftaran import kabar
from peserta.pendaftaran.services import pendaftaran_bulk_transition, pendaftaran_transition
from peserta.tests.factories import PendaftaranFactory

pytestmark = pytest.mark.django_db

Status = Pendaftaran.Status
SANDI = "Kemendagri-2026!"
PROGRAM = "Diklat Penguatan Tugas-Tugas Sekretaris Perangkat Daerah"
SITUS = "https://diklat.bpsdm.example.go.id"


@pytest.fixture(autouse=True)
def _alamat_situs(settings):
    settings.SERTIFIKAT_URL_DASAR = SITUS


@pytest.fixture
def angkatan_iv():
    """Angkatan IV 2022, opened Monday 20 June 2022 at Hotel Harris Suites Puri Mansion."""
    return AngkatanFactory(
        program=ProgramFactory(nama=PROGRAM, kode="PTSPD"),
        nomor=4,
        tahun=2022,
        tanggal_mulai=datetime.date(2022, 6, 20),
        tanggal_selesai=datetime.date(2022, 6, 24),
        venue=VenueFactory(
            nama="Hotel Harris Suites Puri Mansion", alamat="Jl. Puri Lingkar Dalam", kota="Jakarta Barat"
        ),
    )


def _daftar(angkatan, *, aktif: bool, email: str = "siti.aminah@contoh.go.id", nama: str = "Siti Aminah"):
    """Enrol someone, with an account already open (they joined an earlier angkatan) or none yet."""
    pendaftaran = PendaftaranFactory(
        angkatan=angkatan, peserta__nama=nama, peserta__gelar_belakang="", peserta__email=email
    )
    if aktif:
        user = akun_siapkan(peserta=pendaftaran.peserta)
        user.set_password(SANDI)
        user.save()
    return pendaftaran


def _pelatihan_disebut(teks: str) -> None:
    assert PROGRAM in teks
    assert "Angkatan IV Tahun 2022" in teks
    assert "Senin, 20 Juni 2022 – Jumat, 24 Juni 2022" in teks
    assert "Hotel Harris Suites Puri Mansion, Jl. Puri Lingkar Dalam, Jakarta Barat" in teks


# Verified ----------------------------------------------------------------------------------------------------------


def test_someone_with_an_open_account_hears_their_enrolment_was_verified_with_a_link_to_the_portal(
    staf, angkatan_iv, smtp_server, surel_eager, django_capture_on_commit_callbacks
):
    pendaftaran = _daftar(angkatan_iv, aktif=True)

    # The staff member works in English; the participant reads Indonesian all the same.
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        pendaftaran_transition(pendaftaran=pendaftaran, ke=Status.DIVERIFIKASI, user=staf)

    [pesan] = smtp_server.diterima
    assert pesan["To"] == "siti.aminah@contoh.go.id"
    assert pesan["Subject"] == f"Pendaftaran diverifikasi: {PROGRAM} Angkatan IV Tahun 2022"
    teks, html = bagian(pesan, "text/plain"), bagian(pesan, "text/html")
    assert "Yth. Siti Aminah," in teks
    assert "sudah diverifikasi oleh panitia BPSDM" in teks
    _pelatihan_disebut(teks)
    _pelatihan_disebut(html)
    # The link opens this very training in the portal.
    halaman = f"{SITUS}/portal/pelatihan/{pendaftaran.pk}/"
    assert halaman in teks
    assert f'href="{halaman}"' in html and "Buka portal peserta" in html
    assert "/aktivasi/" not in teks  # the account is open: no activation link
    assert list(pesan.iter_attachments()) == []
    surel = Surel.objects.get()
    assert (surel.jenis, surel.user, surel.status) == (
        "pendaftaran_diverifikasi",
        pendaftaran.peserta.user,
        "terkirim",
    )


def test_someone_without_an_open_account_gets_the_activation_link_naming_the_training(
    staf, angkatan_iv, smtp_server, surel_eager, django_capture_on_commit_callbacks
):
    pendaftaran = _daftar(angkatan_iv, aktif=False)

    with django_capture_on_commit_callbacks(execute=True):
        pendaftaran_transition(pendaftaran=pendaftaran, ke=Status.DIVERIFIKASI, user=staf)

    [pesan] = smtp_server.diterima
    assert pesan["Subject"] == "Aktifkan akun peserta pelatihan BPSDM"
    teks = bagian(pesan, "text/plain")
    _pelatihan_disebut(teks)
    _pelatihan_disebut(bagian(pesan, "text/html"))
    assert f"{SITUS}/aktivasi/" in teks and "hanya dapat dipakai sekali" in teks


def test_verifying_in_bulk_sends_what_verifying_one_by_one_sends(
    staf, angkatan_iv, smtp_server, surel_eager, django_capture_on_commit_callbacks
):
    satu = [
        _daftar(angkatan_iv, aktif=True, email="a@contoh.go.id"),
        _daftar(angkatan_iv, aktif=False, email="b@contoh.go.id"),
    ]
    angkatan_v = AngkatanFactory(
        program=angkatan_iv.program,
        nomor=5,
        tahun=2022,
        venue=angkatan_iv.venue,
        tanggal_mulai=angkatan_iv.tanggal_mulai,
    )
    massal = [
        _daftar(angkatan_v, aktif=True, email="c@contoh.go.id"),
        _daftar(angkatan_v, aktif=False, email="d@contoh.go.id"),
    ]

    with django_capture_on_commit_callbacks(execute=True):
        for pendaftaran in satu:
            pendaftaran_transition(pendaftaran=pendaftaran, ke=Status.DIVERIFIKASI, user=staf)
    with django_capture_on_commit_callbacks(execute=True):
        hasil = pendaftaran_bulk_transition(
            angkatan=angkatan_v, pks=[p.pk for p in massal], ke=Status.DIVERIFIKASI, user=staf
        )

    assert len(hasil.dipindah) == 2
    diterima = {p["To"]: p for p in smtp_server.diterima}
    assert sorted(diterima) == ["a@contoh.go.id", "b@contoh.go.id", "c@contoh.go.id", "d@contoh.go.id"]

    def tanpa_tautan(pesan) -> str:
        # The same words, save the angkatan's number and each one's own link.
        teks = bagian(pesan, "text/plain").replace("Angkatan V ", "Angkatan IV ")
        return "\n".join(
            baris
            for baris in teks.splitlines()
            if "/aktivasi/" not in baris and "/portal/pelatihan/" not in baris and "berlaku sampai" not in baris
        )

    for tunggal, bersama in (("a@contoh.go.id", "c@contoh.go.id"), ("b@contoh.go.id", "d@contoh.go.id")):
        assert diterima[bersama]["Subject"].replace("Angkatan V ", "Angkatan IV ") == diterima[tunggal]["Subject"]
        assert tanpa_tautan(diterima[bersama]) == tanpa_tautan(diterima[tunggal])
    assert "Angkatan V Tahun 2022" in bagian(diterima["d@contoh.go.id"], "text/plain")


def test_no_address_no_message_and_the_verification_stands(staf, angkatan_iv, django_capture_on_commit_callbacks):
    pendaftaran = _daftar(angkatan_iv, aktif=True, email="")

    with django_capture_on_commit_callbacks(execute=True):
        pendaftaran_transition(pendaftaran=pendaftaran, ke=Status.DIVERIFIKASI, user=staf)

    pendaftaran.refresh_from_db()
    assert pendaftaran.status == Status.DIVERIFIKASI
    assert not Surel.objects.exists()


# Refused -----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("aktif", [False, True], ids=["tanpa akun", "akun aktif"])
def test_a_refused_person_is_told_why_account_or_not(
    staf, angkatan_iv, aktif, smtp_server, surel_eager, django_capture_on_commit_callbacks
):
    pendaftaran = _daftar(angkatan_iv, aktif=aktif)
    alasan = "Jabatan tidak sesuai sasaran pelatihan (bukan sekretaris perangkat daerah)."

    with django_capture_on_commit_callbacks(execute=True):
        pendaftaran_transition(pendaftaran=pendaftaran, ke=Status.DITOLAK, user=staf, alasan=alasan)

    [pesan] = smtp_server.diterima
    assert pesan["To"] == "siti.aminah@contoh.go.id"
    assert pesan["Subject"] == f"Pendaftaran tidak dapat diterima: {PROGRAM} Angkatan IV Tahun 2022"
    teks, html = bagian(pesan, "text/plain"), bagian(pesan, "text/html")
    assert "Yth. Siti Aminah," in teks and "tidak dapat diterima" in teks
    assert f"Alasan: {alasan}" in teks
    assert "Jabatan tidak sesuai sasaran pelatihan" in html
    _pelatihan_disebut(teks)
    surel = Surel.objects.get()
    assert surel.jenis == "pendaftaran_ditolak"
    assert surel.user == (pendaftaran.peserta.user if aktif else None)


def test_refusing_in_bulk_tells_each_person_with_an_address(
    staf, angkatan_iv, smtp_server, surel_eager, django_capture_on_commit_callbacks
):
    dengan = _daftar(angkatan_iv, aktif=False, email="ada@contoh.go.id")
    tanpa = _daftar(angkatan_iv, aktif=False, email="", nama="Budi Santoso")

    with django_capture_on_commit_callbacks(execute=True):
        pendaftaran_bulk_transition(
            angkatan=angkatan_iv,
            pks=[dengan.pk, tanpa.pk],
            ke=Status.DITOLAK,
            user=staf,
            alasan="Kuota instansi penuh.",
        )

    assert [p["To"] for p in smtp_server.diterima] == ["ada@contoh.go.id"]
    assert "Alasan: Kuota instansi penuh." in bagian(smtp_server.diterima[0], "text/plain")
    assert set(Pendaftaran.objects.values_list("status", flat=True)) == {Status.DITOLAK}


def test_a_message_that_cannot_be_made_does_not_undo_the_move(
    staf, angkatan_iv, monkeypatch, django_capture_on_commit_callbacks
):
    def rusak(**kwargs):
        Surel.objects.create(kepada=kwargs["kepada"], jenis="x", subjek="x", isi_teks="x", isi_html="x")
        raise RuntimeError("template hilang")

    monkeypatch.setattr(kabar, "surel_kirim", rusak)
    ditolak, diverifikasi = _daftar(angkatan_iv, aktif=False), _daftar(angkatan_iv, aktif=True, email="b@contoh.go.id")

    with django_capture_on_commit_callbacks(execute=True):
        pendaftaran_transition(pendaftaran=ditolak, ke=Status.DITOLAK, user=staf, alasan="Berkas tidak lengkap.")
        pendaftaran_transition(pendaftaran=diverifikasi, ke=Status.DIVERIFIKASI, user=staf)

    assert Pendaftaran.objects.get(pk=ditolak.pk).status == Status.DITOLAK
    assert Pendaftaran.objects.get(pk=diverifikasi.pk).status == Status.DIVERIFIKASI
    assert not Surel.objects.exists()  # whatever the failed message wrote is undone with it


# The person's page -------------------------------------------------------------------------------------------------


def _halaman(client, peserta) -> str:
    response = client.get(reverse("peserta:detail", args=[peserta.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_persons_page_lists_what_was_sent_including_a_refused_message_and_why(
    staf_client, staf, angkatan_iv, smtp_server, surel_eager, django_capture_on_commit_callbacks
):
    pendaftaran = _daftar(angkatan_iv, aktif=False)
    angkatan_v = AngkatanFactory(program=angkatan_iv.program, nomor=5, tahun=2022)
    lain = PendaftaranFactory(angkatan=angkatan_v, peserta=pendaftaran.peserta)
    with django_capture_on_commit_callbacks(execute=True):
        pendaftaran_transition(pendaftaran=pendaftaran, ke=Status.DITOLAK, user=staf, alasan="Berkas tidak lengkap.")
    smtp_server.tolak = "550 5.1.1 Mailbox tidak ada"
    with django_capture_on_commit_callbacks(execute=True):
        pendaftaran_transition(pendaftaran=lain, ke=Status.DIVERIFIKASI, user=staf)
    # Someone else's message to another address is not theirs.
    with django_capture_on_commit_callbacks(execute=True):
        pendaftaran_transition(
            pendaftaran=_daftar(angkatan_iv, aktif=False, email="orang.lain@contoh.go.id", nama="Orang Lain"),
            ke=Status.DITOLAK,
            user=staf,
            alasan="Tidak diusulkan pemda.",
        )

    html = _halaman(staf_client, pendaftaran.peserta)

    assert "Surel terkirim" in html
    assert f"Pendaftaran tidak dapat diterima: {PROGRAM} Angkatan IV Tahun 2022" in html
    assert "pendaftaran_ditolak" in html and "siti.aminah@contoh.go.id" in html
    assert "Terkirim" in html
    # Made when the account was made (no account when refused: found by the address), refused by the server.
    assert "Aktifkan akun peserta pelatihan BPSDM" in html
    assert "Gagal" in html and "Server surel menolak" in html and "kode 550" in html
    assert "orang.lain@contoh.go.id" not in html
    # Never the bodies: they hold one-time links.
    assert "/aktivasi/" not in html


def test_a_message_still_waiting_says_so_on_the_persons_page(staf_client, angkatan_iv):
    pendaftaran = _daftar(angkatan_iv, aktif=True)
    Surel.objects.create(
        kepada="siti.aminah@contoh.go.id",
        user=pendaftaran.peserta.user,
        jenis="pendaftaran_diverifikasi",
        subjek="Pendaftaran diverifikasi",
        isi_teks="-",
        isi_html="-",
        galat="Antrean pekerjaan latar tidak dapat dihubungi.",
    )

    html = _halaman(staf_client, pendaftaran.peserta)

    assert "Menunggu" in html and "Antrean pekerjaan latar tidak dapat dihubungi." in html


def test_the_persons_page_reads_their_messages_in_one_query_however_many(
    staf_client, angkatan_iv, django_assert_max_num_queries
):
    pendaftaran = _daftar(angkatan_iv, aktif=True)
    user = pendaftaran.peserta.user

    def kirim(n):
        for i in range(n):
            Surel.objects.create(
                kepada="siti.aminah@contoh.go.id",
                user=user,
                jenis="aktivasi",
                subjek=f"S{i}",
                isi_teks="-",
                isi_html="-",
            )
            Surel.objects.create(
                kepada="SITI.AMINAH@contoh.go.id",
                jenis="pendaftaran_ditolak",
                subjek=f"T{i}",
                isi_teks="-",
                isi_html="-",
            )

    kirim(1)
    with django_assert_max_num_queries(30) as sedikit:
        _halaman(staf_client, pendaftaran.peserta)
    kirim(10)
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        html = _halaman(staf_client, pendaftaran.peserta)
    assert html.count("<code>pendaftaran_ditolak</code>") == 11
    assert html.count("<code>aktivasi</code>") == 11


def test_staff_who_may_not_read_the_outbox_do_not_see_the_messages(client, angkatan_iv):
    pendaftaran = _daftar(angkatan_iv, aktif=True)
    Surel.objects.create(
        kepada="siti.aminah@contoh.go.id",
        user=pendaftaran.peserta.user,
        jenis="aktivasi",
        subjek="Rahasia",
        isi_teks="-",
        isi_html="-",
    )
    # A role that reads people and enrolments, but not the outbox.
    peran = Group.objects.create(name="Pembaca data peserta")
    peran.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="peserta", codename__in=["view_peserta", "view_pendaftaran"]
        )
    )
    pembaca = UserFactory()
    pembaca.groups.add(peran)
    client.force_login(pembaca)

    html = _halaman(client, pendaftaran.peserta)

    assert "Surel terkirim" not in html and "Rahasia" not in html
