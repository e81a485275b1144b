"""The staff dashboard as staff see it, with every floor's widgets: what runs, what waits, what failed.

Here, beside the whole site, since its widgets come from peserta and sertifikat; the frame's own
behaviour (order, a failing receiver) is pinned in ``diklat/tests/test_dasbor.py``.
"""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from angkatan.models import Angkatan
from angkatan.tests.factories import AngkatanFactory
from diklat.models import Tugas
from diklat.signals import widget_dasbor
from diklat.tests.factories import ProgramFactory, UserFactory, staf_user
from peserta.models import Pendaftaran, PermintaanPerbaikanData
from peserta.tests.factories import PendaftaranFactory
from sertifikat.models import Sertifikat, TugasSertifikat
from sertifikat.tests.factories import SertifikatFactory, tugas_sertifikat

pytestmark = pytest.mark.django_db

Status = Pendaftaran.Status
PTSPD = "Diklat Penguatan Tugas-Tugas Sekretaris Perangkat Daerah"


def _isi(n: int) -> dict:
    """Fill the site as the demo does, ``n`` times over where rows can grow: a running angkatan, the next, a
    finished one whose graduates still wait for certificates, requests waiting and a failed certificate job."""
    hari_ini = timezone.localdate()
    program = ProgramFactory(nama=PTSPD, kode="PTSPD")
    berjalan = AngkatanFactory(
        program=program,
        nomor=6,
        tahun=hari_ini.year,
        tanggal_mulai=hari_ini - datetime.timedelta(days=2),
        tanggal_selesai=hari_ini + datetime.timedelta(days=2),
        kuota=n + 5,
        status=Angkatan.Status.RUNNING,
        venue__nama="Hotel Grand Kemang",
    )
    PendaftaranFactory.create_batch(n, angkatan=berjalan, status=Status.MENGIKUTI)
    # Refused and withdrawn people hold no place of the kuota.
    PendaftaranFactory(angkatan=berjalan, status=Status.DITOLAK)
    mulai = hari_ini + datetime.timedelta(days=10)
    berikutnya = AngkatanFactory(
        program=program,
        nomor=7,
        tahun=mulai.year,
        tanggal_mulai=mulai,
        tanggal_selesai=mulai + datetime.timedelta(days=4),
        kuota=40,
        status=Angkatan.Status.OPEN,
        venue__nama="Hotel Harris Suites Puri Mansion",
    )
    PendaftaranFactory.create_batch(n, angkatan=berikutnya, status=Status.DIUSULKAN)
    selesai = AngkatanFactory(
        program=program,
        nomor=3,
        tahun=2022,
        status=Angkatan.Status.FINISHED,
        nilai_dikunci_pada=timezone.now(),
        kuota=n + 1,
    )
    PendaftaranFactory.create_batch(n, angkatan=selesai, status=Status.LULUS)
    for pendaftaran in Pendaftaran.objects.filter(angkatan=berjalan, status=Status.MENGIKUTI)[:n]:
        PermintaanPerbaikanData.objects.create(pendaftaran=pendaftaran, isian={"nama": "Nama yang benar"})
    # A render of the finished angkatan whose certificates failed, n of them.
    gagal = [
        SertifikatFactory(pendaftaran=p, status=Sertifikat.Status.FAILED, galat="PDF rusak")
        for p in PendaftaranFactory.create_batch(n, angkatan=selesai, status=Status.LULUS)
    ]
    tugas = tugas_sertifikat(angkatan=selesai, jenis=TugasSertifikat.Jenis.BUAT, total=n, status=Tugas.Status.SELESAI)
    tugas.sertifikat.set(gagal)
    # A ZIP that failed whole, and one that failed long ago: only the recent one is shown.
    tugas_sertifikat(angkatan=selesai, jenis=TugasSertifikat.Jenis.ZIP, status=Tugas.Status.GAGAL, galat="Disk penuh")
    lama = tugas_sertifikat(angkatan=selesai, jenis=TugasSertifikat.Jenis.ZIP, status=Tugas.Status.GAGAL)
    Tugas.objects.filter(pk=lama.pk).update(created_at=timezone.now() - datetime.timedelta(days=30))
    return {"berjalan": berjalan, "berikutnya": berikutnya, "selesai": selesai, "tugas": tugas}


def _buka(client):
    with CaptureQueriesContext(connection) as kueri:
        response = client.get(reverse("dasbor:index"))
    assert response.status_code == 200
    return response.content.decode(), len(kueri)


def test_the_dashboard_shows_what_runs_what_waits_and_what_failed(client):
    data = _isi(25)
    client.force_login(staf_user())

    html, _ = _buka(client)

    # Running now, with its fill of the kuota: 25 of 30 (the refused one holds no place).
    assert "Angkatan VI Tahun" in html and "Hotel Grand Kemang" in html
    assert "Terisi 25 dari kuota 30 (83%)" in html and "25 / 30" in html
    # Next, with how soon it starts.
    assert "Angkatan VII Tahun" in html and "mulai 10 hari lagi" in html and "25 / 40" in html
    # Waiting for verification: 25 in one angkatan, linked to its roster narrowed to them.
    assert "25 pendaftaran diusulkan dan belum diverifikasi, di 1 angkatan." in html
    assert f'href="{data["berikutnya"].get_absolute_url()}?status=diusulkan"' in html
    # Correction requests waiting, linked to the angkatan's Perbaikan data tab.
    assert "25 permintaan peserta untuk memperbaiki data sertifikatnya menunggu tindak lanjut" in html
    assert f'href="{reverse("peserta:perbaikan-data", args=[data["berjalan"].pk])}"' in html
    # The render whose certificates failed and the ZIP that failed; the old ZIP is not news any more.
    assert f'href="{reverse("tugas:detail", args=[data["tugas"].pk])}"' in html
    assert "25 sertifikat gagal dibuat" in html and "Disk penuh" in html
    assert html.count("Arsip ZIP") == 1
    # The graduates still without a certificate: those whose render failed have one (failed), the others not.
    assert "25 lulusan dari 1 angkatan yang hasilnya sudah final belum dibuatkan sertifikat." in html
    assert f'href="{reverse("sertifikat:angkatan", args=[data["selesai"].pk])}"' in html


def test_a_job_waiting_for_a_queue_that_could_not_be_reached_is_shown_as_such(client):
    angkatan = AngkatanFactory(nomor=4, tahun=2022)
    tugas = tugas_sertifikat(
        angkatan=angkatan, jenis=TugasSertifikat.Jenis.ZIP, status=Tugas.Status.MENUNGGU, tidak_terkirim=True
    )
    client.force_login(staf_user())

    html, _ = _buka(client)

    assert f'href="{reverse("tugas:detail", args=[tugas.pk])}"' in html
    assert "Menunggu antrean: antrean tugas tidak terjangkau" in html


def test_an_empty_site_says_nothing_waits(client):
    client.force_login(staf_user())

    html, _ = _buka(client)

    assert "Tidak ada angkatan yang berlangsung hari ini." in html
    assert "Tidak ada pendaftaran yang menunggu verifikasi." in html
    assert "Tidak ada permintaan perbaikan data yang menunggu." in html
    assert "Tidak ada tugas sertifikat yang gagal dalam 14 hari terakhir." in html


def test_the_dashboard_makes_as_many_queries_for_fifty_as_for_five(client):
    client.force_login(staf_user())
    _isi(5)
    _html, sedikit = _buka(client)
    _html, sedikit_lagi = _buka(client)

    _tambah(45)
    html, banyak = _buka(client)

    assert "50 pendaftaran diusulkan" in html
    assert sedikit == sedikit_lagi == banyak


def _tambah(n: int) -> None:
    """Add n more of every kind of row the widgets count, to the angkatan already there."""
    berjalan = Angkatan.objects.get(nomor=6)
    berikutnya = Angkatan.objects.get(nomor=7)
    selesai = Angkatan.objects.get(nomor=3)
    Angkatan.objects.filter(pk=berjalan.pk).update(kuota=100)
    baru = PendaftaranFactory.create_batch(n, angkatan=berjalan, status=Status.MENGIKUTI)
    PendaftaranFactory.create_batch(n, angkatan=berikutnya, status=Status.DIUSULKAN)
    PendaftaranFactory.create_batch(n, angkatan=selesai, status=Status.LULUS)
    for pendaftaran in baru:
        PermintaanPerbaikanData.objects.create(pendaftaran=pendaftaran, isian={"nama": "Nama yang benar"})
    tugas = Tugas.objects.get(jenis=TugasSertifikat.Jenis.BUAT)
    tugas.sertifikat.add(
        *[
            SertifikatFactory(pendaftaran=p, status=Sertifikat.Status.FAILED)
            for p in PendaftaranFactory.create_batch(n, angkatan=selesai, status=Status.LULUS)
        ]
    )


def test_each_widget_shows_only_what_the_user_may_see(client):
    _isi(3)
    # Staff of the angkatan only: the dashboard opens, with nothing of people or certificates.
    hanya_angkatan = UserFactory()
    hanya_angkatan.user_permissions.add(Permission.objects.get(codename="view_angkatan"))
    client.force_login(hanya_angkatan)

    html, _ = _buka(client)

    assert "Belum ada yang dapat ditampilkan di dasbor untuk akun Anda." in html
    for judul in ("Menunggu verifikasi", "Permintaan perbaikan data", "Tugas sertifikat yang gagal", "Hotel"):
        assert judul not in html


def test_a_floor_whose_widget_fails_leaves_the_others_standing(client):
    _isi(3)
    client.force_login(staf_user())

    def rusak(sender, **kwargs):
        raise RuntimeError("rusak")

    widget_dasbor.connect(rusak, dispatch_uid="uji.rusak", weak=False)
    try:
        html, _ = _buka(client)
    finally:
        widget_dasbor.disconnect(dispatch_uid="uji.rusak")

    assert "Angkatan VI Tahun" in html and "Menunggu verifikasi" in html and "Sertifikat belum dibuat" in html


def test_staff_land_on_the_dashboard_after_login(client):
    staf_user(username="staf1", password="sandi-staf-123")

    response = client.post(reverse("login"), {"username": "staf1", "password": "sandi-staf-123"}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("dasbor:index")
    assert "Angkatan berlangsung dan berikutnya" in response.content.decode()
