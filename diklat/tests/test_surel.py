"""The outbox: a message sent through Django's SMTP backend to a real SMTP server, retried, failed, kept."""

import datetime
import json
import os
import smtplib
import subprocess
import sys
import threading

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.urls import reverse
from django.utils import translation
from kombu.exceptions import OperationalError as GalatKombu

from diklat.models import Surel
from diklat.surel import tasks
from diklat.surel.pekerja import surel_antar
from diklat.surel.selectors import surel_untuk_user
from diklat.surel.services import surel_aman, surel_kirim
from diklat.tests.factories import UserFactory, admin_user, staf_user
from diklat.tests.smtp import bagian

pytestmark = pytest.mark.django_db

TAUTAN = "https://diklat.example.go.id/aktivasi/Zx9-abc/?asal=surel&ulang=1"


@pytest.fixture(autouse=True)
def _template_uji(settings):
    """The tests' own message, a caller's template extending the site's e-mail frame."""
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "DIRS": [*settings.TEMPLATES[0]["DIRS"], django_settings.BASE_DIR / "diklat/tests/templates"],
        }
    ]


def kirim(**lain) -> Surel:
    data = {
        "kepada": "siti.rahmawati@bandung.go.id",
        "jenis": "undangan",
        "subjek": "Undangan Angkatan III",
        "template": "surel_uji/undangan",
        "konteks": {"nama": "Siti Rahmawati, S.Sos.", "tanggal": datetime.date(2022, 6, 20), "tautan": TAUTAN},
    }
    return surel_kirim(**{**data, **lain})


def test_a_message_arrives_with_text_and_html_its_subject_and_link(
    smtp_server, surel_eager, django_capture_on_commit_callbacks
):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        surel = kirim(user=user)

    [pesan] = smtp_server.diterima
    assert pesan["Subject"] == "Undangan Angkatan III"
    assert pesan["To"] == "siti.rahmawati@bandung.go.id"
    assert pesan["From"] == django_settings.DEFAULT_FROM_EMAIL
    assert pesan["Auto-Submitted"] == "auto-generated"
    teks, html = bagian(pesan, "text/plain"), bagian(pesan, "text/html")
    assert TAUTAN in teks  # as written, not HTML-escaped
    assert "Yth. Siti Rahmawati, S.Sos.," in teks and "Diklat BPSDM" in teks
    assert f'href="{TAUTAN.replace("&", "&amp;")}"' in html
    assert "Yth. Siti Rahmawati, S.Sos.," in html and "Diklat BPSDM" in html
    assert list(pesan.iter_attachments()) == []  # a link to the site, never a file
    surel.refresh_from_db()
    assert (surel.status, surel.percobaan, surel.galat, surel.user) == (Surel.Status.TERKIRIM, 1, "", user)
    assert surel.terkirim_pada is not None and surel.terkirim_pada >= surel.created_at
    assert surel.isi_teks == teks.replace("\r\n", "\n")


def test_a_message_is_rendered_in_indonesian_whatever_the_caller_without_saying(
    smtp_server, surel_eager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        kirim()
        with translation.override("en"):
            inggris = kirim()
            indonesia = kirim(bahasa="id")

    teks = [bagian(pesan, "text/plain") for pesan in smtp_server.diterima]
    assert "Senin, 20 Juni 2022" in teks[0] and "Senin, 20 Juni 2022" in bagian(smtp_server.diterima[0], "text/html")
    assert "Monday, 20 June 2022" in teks[1]  # the caller's language, as it said nothing else
    assert "Senin, 20 Juni 2022" in teks[2]
    assert 'lang="id"' in Surel.objects.get(pk=indonesia.pk).isi_html
    assert 'lang="en"' in Surel.objects.get(pk=inggris.pk).isi_html


def test_running_the_task_twice_sends_the_message_once(smtp_server, surel_eager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        surel = kirim()

    tasks.kirim_surel.apply(args=[surel.pk])
    tasks.kirim_surel(surel.pk)

    assert len(smtp_server.diterima) == 1
    surel.refresh_from_db()
    assert (surel.status, surel.percobaan) == (Surel.Status.TERKIRIM, 1)


def test_nothing_is_sent_before_the_transaction_commits(smtp_server, surel_eager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as menunggu_commit:
        surel = kirim()

    assert smtp_server.diterima == [] and len(menunggu_commit) == 1
    assert Surel.objects.get(pk=surel.pk).status == Surel.Status.MENUNGGU


def test_a_server_that_defers_is_tried_a_bounded_number_of_times_then_the_message_fails(
    smtp_server, surel_eager, django_capture_on_commit_callbacks
):
    smtp_server.tolak = "451 4.3.0 Mail server temporarily rejected message"

    with django_capture_on_commit_callbacks(execute=True):
        surel = kirim()  # the caller's request goes on: no exception reaches it

    surel.refresh_from_db()
    coba = 1 + tasks.kirim_surel.max_retries
    assert smtp_server.ditolak == coba and smtp_server.diterima == []
    assert (surel.status, surel.percobaan, surel.terkirim_pada) == (Surel.Status.GAGAL, coba, None)
    assert surel.galat == (
        f"Tidak terkirim setelah {coba} kali mencoba. Server surel sedang menunda pesan ini (kode 451)."
    )


def test_a_server_that_refuses_for_good_fails_the_message_at_once(
    smtp_server, surel_eager, django_capture_on_commit_callbacks
):
    smtp_server.tolak = "550 5.1.1 User unknown"

    with django_capture_on_commit_callbacks(execute=True):
        surel = kirim()

    surel.refresh_from_db()
    assert smtp_server.ditolak == 1
    assert (surel.status, surel.percobaan) == (Surel.Status.GAGAL, 1)
    assert surel.galat == "Server surel menolak pesan ini (kode 550)."


def test_a_server_that_is_down_is_retried_then_the_message_fails_with_why(
    smtp_server, surel_eager, django_capture_on_commit_callbacks
):
    smtp_server.berhenti()

    with django_capture_on_commit_callbacks(execute=True):
        surel = kirim()

    surel.refresh_from_db()
    assert (surel.status, surel.percobaan) == (Surel.Status.GAGAL, 1 + tasks.kirim_surel.max_retries)
    assert "Server surel tidak dapat dihubungi atau memutus sambungan." in surel.galat


def test_a_message_that_failed_once_is_sent_by_the_next_try(smtp_server, django_capture_on_commit_callbacks):
    smtp_server.tolak = "421 4.7.0 Try again later"
    with django_capture_on_commit_callbacks(execute=False):
        surel = kirim()
    with pytest.raises(smtplib.SMTPDataError):  # what the task retries
        surel_antar(surel_id=surel.pk)
    surel.refresh_from_db()
    assert (surel.status, surel.percobaan, surel.galat) == (
        Surel.Status.MENUNGGU,
        1,
        "Server surel sedang menunda pesan ini (kode 421).",
    )

    smtp_server.tolak = None
    surel_antar(surel_id=surel.pk)

    surel.refresh_from_db()
    assert (surel.status, surel.percobaan, surel.galat) == (Surel.Status.TERKIRIM, 2, "")
    assert len(smtp_server.diterima) == 1


@pytest.mark.parametrize(
    "error",
    [GalatKombu("Error 111 connecting to 127.0.0.1:6379."), ConnectionRefusedError("broker")],
    ids=["kombu", "refused"],
)
def test_with_the_queue_unreachable_the_message_waits_with_why(
    smtp_server, monkeypatch, django_capture_on_commit_callbacks, error
):
    def gagal_kirim(*args):
        raise error

    monkeypatch.setattr(tasks.kirim_surel, "delay", gagal_kirim)

    with django_capture_on_commit_callbacks(execute=True):
        surel = kirim()

    surel.refresh_from_db()
    assert surel.status == Surel.Status.MENUNGGU and surel.percobaan == 0
    assert surel.galat.startswith("Antrean pekerja latar tidak dapat dihubungi")
    assert smtp_server.diterima == []


def test_an_address_that_is_not_one_is_refused_and_nothing_is_kept():
    with pytest.raises(ValidationError) as galat:
        kirim(kepada="bukan alamat")

    assert "kepada" in galat.value.message_dict
    assert not Surel.objects.exists()


def test_a_subject_stays_on_one_line():
    surel = kirim(subjek="Undangan\r\nBcc: semua@example.com")

    assert surel.subjek == "Undangan Bcc: semua@example.com"


def test_the_messages_of_a_person_newest_first():
    siti, budi = UserFactory(), UserFactory()
    lama = kirim(user=siti)
    kirim(user=budi)
    baru = kirim(user=siti, jenis="pendaftaran_diverifikasi")

    assert list(surel_untuk_user(user=siti)) == [baru, lama]


def test_the_messages_to_a_persons_address_for_no_account_are_theirs_too():
    siti, budi = UserFactory(), UserFactory()
    untuk_akun = kirim(user=siti, kepada="siti@contoh.go.id")
    tanpa_akun = kirim(kepada="SITI@contoh.go.id", jenis="pendaftaran_ditolak")
    kirim(user=budi, kepada="siti@contoh.go.id")  # an office address two people share: Budi's account's
    kirim(kepada="budi@contoh.go.id")

    assert list(surel_untuk_user(user=siti, alamat=" siti@contoh.go.id ")) == [tanpa_akun, untuk_akun]
    assert list(surel_untuk_user(user=None, alamat="siti@contoh.go.id")) == [tanpa_akun]
    assert list(surel_untuk_user(user=None, alamat="")) == []


def test_a_message_with_a_key_is_made_and_sent_once(smtp_server, surel_eager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        pertama = kirim(kunci="sertifikat_siap:41")
    with django_capture_on_commit_callbacks(execute=True):
        kedua = kirim(kunci="sertifikat_siap:41", subjek="Lain")

    assert kedua == pertama and Surel.objects.count() == 1
    assert len(smtp_server.diterima) == 1
    kirim(kunci="sertifikat_siap:42")
    kirim()
    kirim()  # no key: as many as are made
    assert Surel.objects.count() == 4


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_making_the_same_keyed_message_at_once_make_one():
    dibuat, lepas = threading.Event(), threading.Event()
    hasil = {}

    def pekerja_pertama():
        try:
            with transaction.atomic():
                hasil["pertama"] = kirim(kunci="sertifikat_siap:7")
                dibuat.set()
                lepas.wait(timeout=30)
        finally:
            connection.close()

    benang = threading.Thread(target=pekerja_pertama)
    benang.start()
    try:
        assert dibuat.wait(timeout=30)
        # The second finds nothing committed yet, waits on the key, then takes the first one's message.
        threading.Timer(0.5, lepas.set).start()
        kedua = kirim(kunci="sertifikat_siap:7")
    finally:
        lepas.set()
        benang.join()

    assert kedua.pk == hasil["pertama"].pk
    assert Surel.objects.count() == 1


def test_a_notice_that_cannot_be_made_leaves_the_change_it_tells_of(caplog):
    with transaction.atomic():
        orang = UserFactory(first_name="Tetap")
        with surel_aman("uji"):
            kirim(user=orang)
            kirim(kepada="bukan alamat")

    assert UserFactory._meta.model.objects.filter(first_name="Tetap").exists()
    assert not Surel.objects.exists()  # the message made before the failure is undone with it
    assert "Making the e-mail of uji failed" in caplog.text


# The admin ---------------------------------------------------------------------------------------


def test_admins_read_the_outbox_in_the_admin_and_cannot_change_it(client):
    surel = kirim()
    Surel.objects.filter(pk=surel.pk).update(status=Surel.Status.GAGAL, galat="Server surel menolak pesan ini.")
    client.force_login(admin_user())

    daftar = client.get(reverse("admin:diklat_surel_changelist"), {"status__exact": "gagal", "q": "bandung"})
    rinci = client.get(reverse("admin:diklat_surel_change", args=[surel.pk]))

    assert daftar.status_code == 200
    html = daftar.content.decode()
    assert "siti.rahmawati@bandung.go.id" in html and "Undangan Angkatan III" in html
    assert rinci.status_code == 200 and "Server surel menolak pesan ini." in rinci.content.decode()
    assert client.get(reverse("admin:diklat_surel_add")).status_code == 403
    assert client.post(reverse("admin:diklat_surel_delete", args=[surel.pk]), {"post": "yes"}).status_code == 403
    assert Surel.objects.filter(pk=surel.pk).exists()


@pytest.mark.parametrize("jenis", ["aktivasi", "lupa_sandi"])
def test_the_admin_never_shows_a_body_holding_a_one_time_link(client, jenis):
    biasa = kirim()
    rahasia = kirim(jenis=jenis)
    client.force_login(admin_user())

    token = "/aktivasi/Zx9-abc/"
    assert token in TAUTAN
    assert token in client.get(reverse("admin:diklat_surel_change", args=[biasa.pk])).content.decode()
    html = client.get(reverse("admin:diklat_surel_change", args=[rahasia.pk])).content.decode()
    assert "Undangan Angkatan III" in html and "siti.rahmawati@bandung.go.id" in html
    assert token not in html


def test_staff_do_not_reach_the_outbox_admin(client):
    client.force_login(staf_user())

    response = client.get(reverse("admin:diklat_surel_changelist"))

    assert response.status_code == 302 and "login" in response.url


# Two workers -------------------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_message_held_by_one_worker_is_not_sent_by_another(smtp_server):
    surel = kirim()
    dipegang, lepas = threading.Event(), threading.Event()

    def pekerja_pertama():
        try:
            with transaction.atomic():
                Surel.objects.select_for_update().get(pk=surel.pk)
                dipegang.set()
                lepas.wait(timeout=30)
        finally:
            connection.close()

    benang = threading.Thread(target=pekerja_pertama)
    benang.start()
    try:
        assert dipegang.wait(timeout=30)
        surel_antar(surel_id=surel.pk)  # the second worker, at once: nothing to do
    finally:
        lepas.set()
        benang.join()

    assert smtp_server.diterima == []
    surel.refresh_from_db()
    assert (surel.status, surel.percobaan) == (Surel.Status.MENUNGGU, 0)


# Settings ------------------------------------------------------------------------------------------


def _pengaturan_surel(env_tambahan: dict, tmp_path) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "EMAIL_"))}
    env.update(DJANGO_SETTINGS_MODULE="diklat.settings", DIKLAT_VAR_DIR=str(tmp_path / "var"), **env_tambahan)
    kode = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({k: getattr(s, k) for k in ('EMAIL_BACKEND', 'EMAIL_HOST', 'EMAIL_PORT', "
        "'EMAIL_HOST_USER', 'EMAIL_HOST_PASSWORD', 'EMAIL_USE_TLS', 'EMAIL_USE_SSL', 'EMAIL_FILE_PATH')}))"
    )
    hasil = subprocess.run(
        [sys.executable, "-c", kode], cwd=django_settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )
    assert hasil.returncode == 0, hasil.stderr
    return json.loads(hasil.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("url", "harapan"),
    [
        (
            "smtp+tls://diklat%40bpsdm.go.id:r4h%40sia@smtp.bpsdm.go.id:587",
            {"EMAIL_HOST": "smtp.bpsdm.go.id", "EMAIL_PORT": 587, "EMAIL_USE_TLS": True, "EMAIL_USE_SSL": False},
        ),
        (
            "smtp://diklat%40bpsdm.go.id:r4h%40sia@smtp.bpsdm.go.id:25",
            {"EMAIL_HOST": "smtp.bpsdm.go.id", "EMAIL_PORT": 25, "EMAIL_USE_TLS": False, "EMAIL_USE_SSL": False},
        ),
    ],
    ids=["smtp+tls", "smtp"],
)
def test_production_reads_the_smtp_server_from_email_url(tmp_path, url, harapan):
    pengaturan = _pengaturan_surel({"EMAIL_URL": url}, tmp_path)

    assert pengaturan["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert pengaturan["EMAIL_HOST_USER"] == "diklat@bpsdm.go.id"
    assert pengaturan["EMAIL_HOST_PASSWORD"] == "r4h@sia"
    assert {k: pengaturan[k] for k in harapan} == harapan


def test_development_writes_each_message_as_a_file_under_var_mail(tmp_path):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "EMAIL_"))}
    env.update(DJANGO_SETTINGS_MODULE="diklat.settings", DIKLAT_VAR_DIR=str(tmp_path / "var"))

    hasil = subprocess.run(
        [sys.executable, "manage.py", "sendtestemail", "siti.rahmawati@bandung.go.id"],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert hasil.returncode == 0, hasil.stderr
    [berkas] = (tmp_path / "var" / "mail").iterdir()
    assert "To: siti.rahmawati@bandung.go.id" in berkas.read_text()
