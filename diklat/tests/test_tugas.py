"""The site's jobs: the job page for a kind a higher floor registers, claims and their heartbeats, sends
that fail and the sweep that sends them again, a full disk."""

import datetime
import errno
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.urls import reverse
from django.utils import timezone

from diklat.models import Tugas
from diklat.tests.factories import staf_user
from diklat.tugas import jenis as registry
from diklat.tugas.jenis import JenisTugas, jenis_tugas_daftarkan
from diklat.tugas.services import (
    HasilBerkas,
    berkas_simpan_nama,
    detak_tugas,
    pesan_galat,
    tugas_berkas_build,
    tugas_create,
    tugas_fail,
    tugas_kirim,
    tugas_klaim,
    tugas_lepas,
    tugas_sapu,
    tugas_tidak_terkirim,
)

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

    Tugas.objects.filter(pk=tugas.pk).update(
        updated_at=timezone.now() - settings.TUGAS_KLAIM_BASI - datetime.timedelta(seconds=1)
    )
    assert tugas_klaim(tugas_id=tugas.pk)  # its worker died

    tugas_lepas(tugas_id=tugas.pk)
    tugas.refresh_from_db()
    assert (tugas.status, tugas.diklaim_pada) == (Tugas.Status.MENUNGGU, None)


def staf_melihat_tugas():
    user = staf_user()
    user.user_permissions.add(Permission.objects.get(codename="view_tugas"))
    return user


class Antrean:
    """A task whose queue is away, then back: what was sent is kept."""

    name = "uji"

    def __init__(self):
        self.ada = False
        self.terkirim = []

    def delay(self, *args):
        if not self.ada:
            raise ConnectionRefusedError("broker")
        self.terkirim.append(args)


@pytest.fixture
def antrean(monkeypatch):
    antrean = Antrean()
    monkeypatch.setattr(JenisUji, "task", antrean)
    return antrean


def test_a_job_the_queue_did_not_take_waits_saying_so_and_the_sweep_sends_it_once_the_queue_is_back(
    client, jenis_uji, antrean
):
    tugas = tugas_create(jenis="uji", dibuat_oleh=None, total=1)
    tugas_kirim(antrean, tugas.pk, gagal=lambda pesan: tugas_tidak_terkirim(tugas_id=tugas.pk, pesan=pesan))
    tugas.refresh_from_db()
    assert (tugas.status, tugas.tidak_terkirim) == (Tugas.Status.MENUNGGU, True)
    client.force_login(staf_melihat_tugas())
    html = client.get(reverse("tugas:detail", args=[tugas.pk])).content.decode()
    assert "Menunggu antrean" in html and "dikirim lagi dengan sendirinya begitu antrean pulih" in html

    assert tugas_sapu() == 0  # the queue still away: still waiting, still saying why
    tugas.refresh_from_db()
    assert (tugas.status, tugas.tidak_terkirim, antrean.terkirim) == (Tugas.Status.MENUNGGU, True, [])

    antrean.ada = True
    assert tugas_sapu() == 1
    tugas.refresh_from_db()
    assert antrean.terkirim == [(tugas.pk,)]
    assert (tugas.status, tugas.tidak_terkirim, tugas.galat) == (Tugas.Status.MENUNGGU, False, "")
    assert "Menunggu antrean" not in client.get(reverse("tugas:detail", args=[tugas.pk])).content.decode()
    assert tugas_sapu() == 0  # sent once


def test_the_sweep_gives_a_job_whose_worker_stopped_to_another_and_leaves_a_live_one_alone(client, jenis_uji, antrean):
    antrean.ada = True
    hidup = tugas_create(jenis="uji", dibuat_oleh=None, total=10)
    mati = tugas_create(jenis="uji", dibuat_oleh=None, total=10)
    assert tugas_klaim(tugas_id=hidup.pk) and tugas_klaim(tugas_id=mati.pk)
    diam = timezone.now() - settings.TUGAS_KLAIM_BASI - datetime.timedelta(seconds=1)
    Tugas.objects.filter(pk=mati.pk).update(diproses=4, updated_at=diam)
    client.force_login(staf_melihat_tugas())
    html = client.get(reverse("tugas:detail", args=[mati.pk])).content.decode()
    assert "Pekerja latar yang mengerjakan 6 bagian tugas ini berhenti" in html

    assert tugas_sapu() == 1

    assert antrean.terkirim == [(mati.pk,)]
    mati.refresh_from_db()
    hidup.refresh_from_db()
    assert (mati.status, mati.diklaim_pada, mati.diambil_ulang) == (Tugas.Status.MENUNGGU, None, 1)
    assert (hidup.status, hidup.diambil_ulang) == (Tugas.Status.BERJALAN, 0)
    html = client.get(reverse("tugas:detail", args=[mati.pk])).content.decode()
    assert "pekerjaannya diambil lagi oleh pekerja lain (1 kali)" in html
    assert tugas_klaim(tugas_id=mati.pk)  # the next worker takes it


# The heartbeat beats from a thread of its own, on a connection of its own: the job must be committed.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_heartbeat_keeps_a_claim_alive_while_the_work_lasts(settings, jenis_uji):
    settings.TUGAS_DETAK = datetime.timedelta(seconds=0.05)
    tugas = tugas_create(jenis="uji", dibuat_oleh=None, total=1)
    klaim = tugas_klaim(tugas_id=tugas.pk)
    lama = timezone.now() - datetime.timedelta(hours=1)
    Tugas.objects.filter(pk=tugas.pk).update(updated_at=lama)

    with detak_tugas(tugas.pk, klaim):
        batas = time.monotonic() + 5
        while Tugas.objects.get(pk=tugas.pk).updated_at == lama and time.monotonic() < batas:
            time.sleep(0.05)

    assert Tugas.objects.get(pk=tugas.pk).updated_at > lama
    assert not tugas_klaim(tugas_id=tugas.pk)  # alive: nobody else takes it


class PenyimpananPenuh(FileSystemStorage):
    """A disk that fills up half way through a file."""

    def _save(self, name, content):
        Path(self.path(name)).parent.mkdir(parents=True, exist_ok=True)
        with open(self.path(name), "wb") as berkas:
            berkas.write(content.read(10))
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_leaves_no_half_file_and_says_why_in_indonesian(tmp_path):
    storage = PenyimpananPenuh(location=tmp_path)

    with pytest.raises(OSError) as galat:
        berkas_simpan_nama(storage, "unduhan/abc/hasil.zip", ContentFile(b"x" * 1000))

    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
    assert pesan_galat(galat.value) == (
        "Ruang penyimpanan berkas penuh. Minta admin mengosongkan atau menambah ruangnya, lalu ulangi."
    )


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


def test_a_worker_whose_claim_was_taken_over_can_neither_hand_back_nor_fail_the_job(jenis_uji):
    tugas = tugas_create(jenis="uji", dibuat_oleh=None, total=1)
    klaim_lama = tugas_klaim(tugas_id=tugas.pk)
    # Its heartbeat went silent; another worker took the job.
    Tugas.objects.filter(pk=tugas.pk).update(updated_at=timezone.now() - settings.TUGAS_KLAIM_BASI * 2)
    klaim_baru = tugas_klaim(tugas_id=tugas.pk)
    assert klaim_baru and klaim_baru != klaim_lama

    tugas_lepas(tugas_id=tugas.pk, klaim=klaim_lama)
    tugas_fail(tugas_id=tugas.pk, pesan="lama", klaim=klaim_lama)
    tugas_fail(tugas_id=tugas.pk, pesan="task lama menyerah")  # a task that gave up: the job is held, alive

    tugas.refresh_from_db()
    assert (tugas.status, tugas.diklaim_pada, tugas.galat) == (Tugas.Status.BERJALAN, klaim_baru, "")


def test_the_sweep_sends_again_a_job_that_waited_so_long_its_message_was_surely_lost(jenis_uji, antrean):
    antrean.ada = True
    tugas = tugas_create(jenis="uji", dibuat_oleh=None, total=1)
    segar = tugas_create(jenis="uji", dibuat_oleh=None, total=1)
    Tugas.objects.filter(pk=tugas.pk).update(updated_at=timezone.now() - settings.TUGAS_TUNGGU_ULANG * 2)

    assert tugas_sapu() == 1
    assert tugas_sapu() == 0  # its wait starts again from the send

    assert antrean.terkirim == [(tugas.pk,)]
    assert Tugas.objects.get(pk=segar.pk).status == Tugas.Status.MENUNGGU


def test_a_job_a_quick_worker_finishes_while_the_sweep_sends_it_keeps_what_the_worker_said(jenis_uji, antrean):
    tugas = tugas_create(jenis="uji", dibuat_oleh=None, total=1)
    tugas_tidak_terkirim(tugas_id=tugas.pk, pesan="Antrean hilang.")

    def pekerja_cepat(*args):
        tugas_fail(tugas_id=tugas.pk, pesan="Berkas rusak.")

    antrean.delay = pekerja_cepat
    tugas_sapu()

    tugas.refresh_from_db()
    assert (tugas.status, tugas.galat, tugas.tidak_terkirim) == (Tugas.Status.GAGAL, "Berkas rusak.", False)


def test_a_job_whose_file_meets_a_full_disk_fails_saying_so_and_leaves_no_file(settings, tmp_path, jenis_uji):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": f"{__name__}.PenyimpananPenuh"}}
    tugas = tugas_create(jenis="uji", dibuat_oleh=None, total=3)

    def tulis(tugas, berkas, lapor):
        berkas.write(b"a,b\r\n" * 1000)
        return HasilBerkas(nama="hasil.csv", total=3, diproses=3)

    tugas_berkas_build(tugas_id=tugas.pk, tulis=tulis, pesan_gagal="Gagal menyusun berkas: %(galat)s")

    tugas.refresh_from_db()
    assert tugas.status == Tugas.Status.GAGAL and not tugas.berkas
    assert tugas.galat == (
        "Gagal menyusun berkas: Ruang penyimpanan berkas penuh. Minta admin mengosongkan atau menambah ruangnya, "
        "lalu ulangi."
    )
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
