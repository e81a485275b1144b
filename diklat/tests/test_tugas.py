"""The site's jobs: the job page for a kind a higher floor registers, claims, and sends that fail."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from diklat.models import Tugas
from diklat.tests.factories import staf_user
from diklat.tugas import jenis as registry
from diklat.tugas.jenis import JenisTugas, jenis_tugas_daftarkan
from diklat.tugas.services import tugas_create, tugas_kirim, tugas_klaim, tugas_lepas, tugas_tidak_terkirim

pytestmark = pytest.mark.django_db


class JenisUji(JenisTugas):
    kode = "uji"
    label = "Tugas uji"
    izin = ("diklat.view_tugas",)


@pytest.fixture
def jenis_uji(monkeypatch):
    monkeypatch.setattr(registry, "_JENIS", dict(registry._JENIS))
    jenis_tugas_daftarkan(JenisUji())


def test_a_kind_without_a_frame_of_its_own_gets_the_plain_page(client, jenis_uji):
    tugas = tugas_create(jenis="uji", dibuat_oleh=None, total=4)
    Tugas.objects.filter(pk=tugas.pk).update(diproses=1)
    user = staf_user()
    halaman = reverse("tugas:detail", args=[tugas.pk])
    client.force_login(user)
    tanpa_izin = client.get(halaman).status_code
    user.user_permissions.add(Permission.objects.get(codename="view_tugas"))
    client.force_login(user)

    html = client.get(halaman).content.decode()

    assert "Tugas uji" in html and "1 dari 4 selesai · 0 gagal" in html and 'hx-trigger="every 1s"' in html
    # A staff member who may see certificate jobs, but not this kind, is refused this one.
    assert tanpa_izin == 403


def test_a_job_of_a_kind_no_floor_registers_is_not_found(client):
    tugas = tugas_create(jenis="tidak-ada", dibuat_oleh=None, total=1)
    client.force_login(staf_user())
    assert client.get(reverse("tugas:detail", args=[tugas.pk])).status_code == 404


def test_a_job_is_claimed_once_and_again_only_when_its_worker_went_silent():
    tugas = tugas_create(jenis="uji", dibuat_oleh=None, total=1)
    assert tugas.status == Tugas.Status.MENUNGGU and tugas.aktif
    assert tugas_klaim(tugas_id=tugas.pk)
    assert not tugas_klaim(tugas_id=tugas.pk)  # the same message delivered twice
    tugas.refresh_from_db()
    assert tugas.status == Tugas.Status.BERJALAN and tugas.diklaim_pada is not None

    Tugas.objects.filter(pk=tugas.pk).update(updated_at=timezone.now() - datetime.timedelta(minutes=11))
    assert tugas_klaim(tugas_id=tugas.pk)  # its worker died

    tugas_lepas(tugas_id=tugas.pk)
    tugas.refresh_from_db()
    assert (tugas.status, tugas.diklaim_pada) == (Tugas.Status.MENUNGGU, None)


def test_a_task_that_cannot_be_sent_fails_its_job_or_only_says_so():
    class Antrean:
        name = "uji"

        def delay(self, *args):
            raise ConnectionRefusedError("broker")

    seluruh = tugas_create(jenis="uji", dibuat_oleh=None, total=1)
    sebagian = tugas_create(jenis="uji", dibuat_oleh=None, total=2)
    tugas_kirim(Antrean(), gagal=lambda pesan: tugas_tidak_terkirim(tugas_id=seluruh.pk, pesan=pesan))
    tugas_kirim(Antrean(), gagal=lambda pesan: tugas_tidak_terkirim(tugas_id=sebagian.pk, pesan=pesan, gagalkan=False))
    seluruh.refresh_from_db()
    sebagian.refresh_from_db()
    assert (seluruh.status, seluruh.tidak_terkirim) == (Tugas.Status.GAGAL, True)
    assert (sebagian.status, sebagian.tidak_terkirim) == (Tugas.Status.MENUNGGU, True)
    assert "Antrean pekerja latar tidak dapat dihubungi" in seluruh.galat


class JenisTanpaIzin(JenisTugas):
    kode = "terbuka"
    label = "Tugas tanpa izin"


class JenisLain(JenisTugas):
    kode = "uji"
    label = "Tugas lain berkode sama"
    izin = ("diklat.view_tugas",)


def test_a_kind_that_would_open_its_jobs_to_anyone_or_take_over_another_is_refused(jenis_uji):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="names no permission"):
        jenis_tugas_daftarkan(JenisTanpaIzin())
    with pytest.raises(ImproperlyConfigured, match="held by JenisUji"):
        jenis_tugas_daftarkan(JenisLain())
    assert registry.jenis_tugas("uji").label == "Tugas uji"
    assert registry.jenis_tugas("terbuka") is None
