"""A queue that fails in any way: staff get the job page with why, never a 500; the job waits for the
queue, and the periodic sweep sends it once the queue is back."""

import logging

import pytest
import redis.exceptions
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError as GalatKombu

from diklat.models import Tugas
from diklat.tests.factories import staf_user
from diklat.tugas.services import tugas_sapu
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


class Perekam:
    """The queue back: what is sent is recorded."""

    def __init__(self):
        self.terkirim = []

    def __call__(self, *args):
        self.terkirim.append(args)


@pytest.mark.parametrize(("error", "pesan"), GALAT_KIRIM)
def test_generating_with_the_queue_failing_waits_saying_so_and_the_sweep_sends_it_once_the_queue_is_back(
    client, final, lulusan, monkeypatch, django_capture_on_commit_callbacks, error, pesan
):
    daftar = [lulusan() for _ in range(3)]
    monkeypatch.setattr(tasks.render_sertifikat, "delay", gagal_kirim(error))
    client.force_login(staf_user())

    # Run as Django runs them at commit: robust, each failure logged by the callback's name.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("sertifikat:buat", args=[final.pk]))
    html = halaman_tugas(client, response)

    assert "Menunggu antrean" in html and pesan in html and "dengan sendirinya" in html
    assert "sebagian gagal" not in html and "3 gagal" not in html and "Tidak dapat dimulai" not in html
    tugas = Tugas.objects.get()
    assert tugas.tidak_terkirim and pesan in tugas.galat
    # Nothing failed: the certificates wait for the queue.
    assert {s.status for s in Sertifikat.objects.all()} == {Status.PENDING}
    assert services.sertifikat_sapu() == 0  # the queue still away

    antrean = Perekam()
    monkeypatch.setattr(tasks.render_sertifikat, "delay", antrean)
    assert services.sertifikat_sapu() == 1

    assert antrean.terkirim == [(sorted(s.pk for s in daftar),)]
    tugas.refresh_from_db()
    assert (tugas.tidak_terkirim, tugas.galat, tugas.status) == (False, "", Tugas.Status.MENUNGGU)
    html = client.get(reverse("tugas:detail", args=[tugas.pk])).content.decode()
    assert "Menunggu antrean" not in html and "Sedang diproses" in html
    assert services.sertifikat_sapu() == 0  # sent once


@pytest.mark.parametrize(("error", "pesan"), GALAT_KIRIM)
def test_an_archive_with_the_queue_failing_waits_saying_so_not_that_certificates_failed(
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

    assert "Menunggu antrean" in html and pesan in html
    assert "sebagian gagal" not in html and "gagal</span>" not in html and "3 gagal" not in html
    tugas = Tugas.objects.get()
    assert (tugas.status, tugas.tidak_terkirim) == (Tugas.Status.MENUNGGU, True)
    progres = selectors.tugas_progres(tugas)
    assert (progres.menunggu_antrean, progres.gagal, progres.persen) == (True, 0, 0)
    tab = client.get(reverse("sertifikat:angkatan", args=[final.pk])).content.decode()
    assert "ZIP terakhir" in tab and "menunggu antrean" in tab

    antrean = Perekam()
    monkeypatch.setattr(tasks.bangun_arsip, "delay", antrean)
    assert tugas_sapu() == 1
    assert antrean.terkirim == [(tugas.pk,)]
    tugas.refresh_from_db()
    assert (tugas.status, tugas.tidak_terkirim) == (Tugas.Status.MENUNGGU, False)


def test_a_failure_while_recording_the_failure_is_logged_by_name_not_a_500(
    client, final, lulusan, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    """Django logs a robust on_commit callback that raised by its __qualname__, which a partial lacks."""
    lulusan()
    monkeypatch.setattr(tasks.render_sertifikat, "delay", gagal_kirim(RuntimeError("broker")))

    def pencatat_gagal(**kwargs):
        raise RuntimeError("database away as well")

    monkeypatch.setattr(services, "tugas_tidak_terkirim", pencatat_gagal)
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
