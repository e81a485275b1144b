"""A queue that fails in any way: staff get the job page with why, never a 500 nor a job "running" for ever."""

import logging

import pytest
import redis.exceptions
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError as GalatKombu

from diklat.models import Tugas
from diklat.tests.factories import staf_user
from sertifikat import selectors, services, tasks
from sertifikat.models import Sertifikat, TugasSertifikat
from sertifikat.tests.factories import tugas_sertifikat

pytestmark = pytest.mark.django_db

Status = Sertifikat.Status
TAK_TERJANGKAU = "Antrean pekerja latar tidak dapat dihubungi, jadi tugas ini belum dikerjakan."

# What a broker client may raise when sending, and what staff read for it.
GALAT_KIRIM = [
    pytest.param(GalatKombu("Error 111 connecting to 127.0.0.1:6379."), TAK_TERJANGKAU, id="kombu"),
    pytest.param(redis.exceptions.ConnectionError("Connection reset by peer"), TAK_TERJANGKAU, id="redis-putus"),
    pytest.param(redis.exceptions.TimeoutError("Timeout reading from socket"), TAK_TERJANGKAU, id="redis-waktu"),
    pytest.param(TimeoutError("timed out"), TAK_TERJANGKAU, id="timeout"),
    pytest.param(
        RuntimeError("Cannot send in a closed channel"),
        "Tugas ini tidak dapat dikirim ke antrean pekerja latar (RuntimeError)",
        id="runtime",
    ),
]


def gagal_kirim(error):
    def kirim(*args, **kwargs):
        raise error

    return kirim


def halaman_tugas(client, response) -> str:
    assert response.status_code == 302, response.status_code
    tugas = Tugas.objects.latest("created_at")
    assert response.url == reverse("tugas:detail", args=[tugas.pk])
    halaman = client.get(response.url)
    assert halaman.status_code == 200
    return halaman.content.decode()


@pytest.mark.parametrize(("error", "pesan"), GALAT_KIRIM)
def test_generating_with_the_queue_failing_shows_the_job_that_could_not_start(
    client, final, lulusan, monkeypatch, django_capture_on_commit_callbacks, error, pesan
):
    daftar = [lulusan() for _ in range(3)]
    monkeypatch.setattr(tasks.render_sertifikat, "delay", gagal_kirim(error))
    client.force_login(staf_user())

    # Run as Django runs them at commit: robust, each failure logged by the callback's name.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("sertifikat:buat", args=[final.pk]))
    html = halaman_tugas(client, response)

    assert "Tidak dapat dimulai" in html and pesan in html
    assert "sebagian gagal" not in html and "3 gagal" not in html
    tugas = Tugas.objects.get()
    assert tugas.tidak_terkirim and pesan in tugas.galat
    assert not selectors.tugas_progres(tugas).berjalan  # not "running" for ever
    for sertifikat in daftar:
        sertifikat.refresh_from_db()
        assert sertifikat.status == Status.FAILED and pesan in sertifikat.galat


@pytest.mark.parametrize(("error", "pesan"), GALAT_KIRIM)
def test_an_archive_with_the_queue_failing_says_it_could_not_start_not_that_certificates_failed(
    client, final, lulusan, monkeypatch, django_capture_on_commit_callbacks, error, pesan
):
    for _ in range(3):
        sertifikat = lulusan()
        sertifikat.berkas.save("x.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
        sertifikat.status, sertifikat.diterbitkan_pada = Status.READY, timezone.now()
        sertifikat.save()
    monkeypatch.setattr(tasks.bangun_arsip, "delay", gagal_kirim(error))
    client.force_login(staf_user())

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("sertifikat:arsip", args=[final.pk, "zip"]))
    html = halaman_tugas(client, response)

    assert "Tidak dapat dimulai" in html and "Tugas ini tidak dapat dimulai" in html and pesan in html
    assert "sebagian gagal" not in html and "gagal</span>" not in html and "3 gagal" not in html
    tugas = Tugas.objects.get()
    assert (tugas.status, tugas.tidak_terkirim) == (Tugas.Status.GAGAL, True)
    progres = selectors.tugas_progres(tugas)
    assert (progres.tidak_dimulai, progres.gagal, progres.persen) == (True, 0, 0)
    tab = client.get(reverse("sertifikat:angkatan", args=[final.pk])).content.decode()
    assert "ZIP terakhir" in tab and "tidak dapat dimulai" in tab


def test_a_failure_while_recording_the_failure_is_logged_by_name_not_a_500(
    client, final, lulusan, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    """Django logs a robust on_commit callback that raised by its __qualname__, which a partial lacks."""
    lulusan()
    monkeypatch.setattr(tasks.render_sertifikat, "delay", gagal_kirim(RuntimeError("broker")))

    def pencatat_gagal(**kwargs):
        raise RuntimeError("database away as well")

    monkeypatch.setattr(services, "sertifikat_render_fail", pencatat_gagal)
    client.force_login(staf_user())

    django_log = logging.getLogger("django")  # it does not propagate to the root's handlers
    django_log.addHandler(caplog.handler)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("sertifikat:buat", args=[final.pk]))
    finally:
        django_log.removeHandler(caplog.handler)

    assert response.status_code == 302
    assert "kirim_render in on_commit()" in caplog.text


def test_every_send_is_a_named_function(final, lulusan, django_capture_on_commit_callbacks):
    lulusan()
    with django_capture_on_commit_callbacks() as antre:
        services.tugas_buat_start(angkatan=final, user=None)
    with django_capture_on_commit_callbacks() as antre_arsip:
        Sertifikat.objects.update(status=Status.READY)
        services.tugas_arsip_start(angkatan=final, user=None, jenis=TugasSertifikat.Jenis.ZIP)
    assert [c.__qualname__.rsplit(".", 1)[-1] for c in antre + antre_arsip] == ["kirim_render", "kirim_arsip"]


def test_an_archive_that_failed_to_build_says_so_without_counting_certificates_as_failed(client, final, lulusan):
    lulusan()
    Sertifikat.objects.update(status=Status.READY)
    tugas = tugas_sertifikat(
        angkatan=final,
        jenis=TugasSertifikat.Jenis.ZIP,
        total=26,
        status=Tugas.Status.GAGAL,
        galat="Gagal menyusun berkas: Kesalahan sistem (OSError).",
    )
    client.force_login(staf_user())
    html = client.get(reverse("tugas:detail", args=[tugas.pk])).content.decode()
    assert "Gagal disusun" in html and "Kesalahan sistem (OSError)" in html
    assert "26 gagal" not in html and "sebagian gagal" not in html and "Tidak dapat dimulai" not in html
