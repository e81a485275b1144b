"""What enrolments show on the staff dashboard: the angkatan running and next, and who waits for verification."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from angkatan.models import Angkatan
from angkatan.tests.factories import AngkatanFactory
from peserta.models import Pendaftaran
from peserta.pendaftaran.dasbor import menunggu_verifikasi
from peserta.tests.factories import PendaftaranFactory

pytestmark = pytest.mark.django_db


def test_the_count_covers_every_angkatan_and_the_list_the_five_that_waited_longest(staf_client):
    sekarang = timezone.now()
    angkatan = AngkatanFactory.create_batch(7)
    for hari, satu in enumerate(angkatan):
        for p in PendaftaranFactory.create_batch(2, angkatan=satu):
            Pendaftaran.objects.filter(pk=p.pk).update(created_at=sekarang - datetime.timedelta(days=10 - hari))
    PendaftaranFactory(angkatan=angkatan[0], status=Pendaftaran.Status.DIVERIFIKASI)

    menunggu = menunggu_verifikasi()

    assert (menunggu.jumlah, menunggu.jumlah_angkatan) == (14, 7)
    assert [b.angkatan for b in menunggu.per_angkatan] == angkatan[:5]
    assert [b.jumlah for b in menunggu.per_angkatan] == [2] * 5
    html = staf_client.get(reverse("dasbor:index")).content.decode()
    assert "14 pendaftaran diusulkan dan belum diverifikasi, di 7 angkatan." in html
    assert f"{angkatan[4].get_absolute_url()}?status=diusulkan" in html
    assert f"{angkatan[5].get_absolute_url()}?status=diusulkan" not in html


def test_the_running_angkatan_shows_its_fill_and_a_full_one_is_marked(staf_client):
    hari_ini = timezone.localdate()
    penuh = AngkatanFactory(
        nomor=9,
        tahun=hari_ini.year,
        tanggal_mulai=hari_ini,
        tanggal_selesai=hari_ini + datetime.timedelta(days=1),
        kuota=2,
        status=Angkatan.Status.RUNNING,
    )
    PendaftaranFactory.create_batch(2, angkatan=penuh, status=Pendaftaran.Status.MENGIKUTI)
    besok = hari_ini + datetime.timedelta(days=1)
    AngkatanFactory(nomor=10, tahun=besok.year, tanggal_mulai=besok, tanggal_selesai=besok, kuota=5)
    # A closed angkatan is no news, whatever its dates.
    AngkatanFactory(nomor=11, tahun=hari_ini.year, tanggal_mulai=hari_ini, tanggal_selesai=hari_ini, status="closed")

    html = " ".join(staf_client.get(reverse("dasbor:index")).content.decode().split())

    assert (
        "Angkatan IX Tahun" in html
        and "Terisi 2 dari kuota 2 (100%)" in html
        and 'class="batang batang-penuh"' in html
    )
    assert "Angkatan X Tahun" in html and "mulai besok" in html and "0 / 5" in html
    assert "Angkatan XI Tahun" not in html
