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
    # A staff member who may see certificate jobs, but not this kind, does not find this one.
    assert tanpa_izin == 404


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


class JenisBerkasUji(JenisTugas):
    """A kind whose result file is kept for two days and seen by the one who started it only."""

    kode = "uji_berkas"
    label = "Berkas uji"
    izin = ("diklat.view_tugas",)
    masa_simpan = datetime.timedelta(days=2)

    def boleh_lihat(self, tugas, user):
        return tugas.dibuat_oleh_id == user.pk


@pytest.fixture
def jenis_berkas(monkeypatch):
    monkeypatch.setattr(registry, "_JENIS", dict(registry._JENIS))
    jenis_tugas_daftarkan(JenisBerkasUji())


def _dengan_berkas(user, *, umur: datetime.timedelta) -> Tugas:
    from django.core.files.base import ContentFile

    tugas = tugas_create(jenis="uji_berkas", dibuat_oleh=user, total=1)
    tugas.berkas.save("hasil.csv", ContentFile(b"a,b\r\n"), save=False)
    tugas.status = Tugas.Status.SELESAI
    tugas.save()
    Tugas.objects.filter(pk=tugas.pk).update(created_at=timezone.now() - umur)
    tugas.refresh_from_db()
    return tugas


def test_a_kinds_file_is_given_to_who_may_see_it_until_its_time_is_up(client, jenis_berkas):
    pemilik, lain = staf_user(), staf_user()
    for orang in (pemilik, lain):
        orang.user_permissions.add(Permission.objects.get(codename="view_tugas"))
    baru = _dengan_berkas(pemilik, umur=datetime.timedelta(days=1))
    lama = _dengan_berkas(pemilik, umur=datetime.timedelta(days=2, minutes=1))

    client.force_login(pemilik)
    response = client.get(reverse("tugas:unduh", args=[baru.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"a,b\r\n"
    assert 'filename="hasil.csv"' in response["Content-Disposition"]
    kedaluwarsa = client.get(reverse("tugas:unduh", args=[lama.pk]))
    assert kedaluwarsa.status_code == 410 and "disimpan 2 hari saja" in kedaluwarsa.content.decode()
    client.force_login(lain)
    assert client.get(reverse("tugas:unduh", args=[baru.pk])).status_code == 404
    assert client.get(reverse("tugas:detail", args=[baru.pk])).status_code == 404


def test_the_sweep_deletes_the_files_past_their_kinds_time_and_keeps_the_rows(jenis_berkas):
    from django.core.files.storage import default_storage
    from django.core.management import call_command

    baru = _dengan_berkas(None, umur=datetime.timedelta(days=1))
    lama = _dengan_berkas(None, umur=datetime.timedelta(days=3))
    nama_lama = lama.berkas.name

    call_command("bersihkan_unduhan", verbosity=0)

    lama.refresh_from_db()
    baru.refresh_from_db()
    assert not lama.berkas and not default_storage.exists(nama_lama) and lama.status == Tugas.Status.SELESAI
    assert default_storage.exists(baru.berkas.name)
    call_command("bersihkan_unduhan", "--hari", "0", verbosity=0)
    baru.refresh_from_db()
    assert not baru.berkas


def test_a_kind_that_keeps_no_file_has_no_download(client, jenis_uji):
    tugas = tugas_create(jenis="uji", dibuat_oleh=None, total=1)
    user = staf_user()
    user.user_permissions.add(Permission.objects.get(codename="view_tugas"))
    client.force_login(user)
    assert client.get(reverse("tugas:unduh", args=[tugas.pk])).status_code == 404
