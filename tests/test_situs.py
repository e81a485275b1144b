"""Behaviour that spans the floors: the front door, and a program's parts protected by the data above it."""

import pytest
from django.urls import reverse

from diklat.models import KomponenNilai, MataPelatihan
from diklat.tests.factories import ProgramFactory, peserta_user, staf_user
from diklat.tests.test_views import program_data
from peserta.models import Nilai, Pendaftaran
from peserta.tests.factories import PendaftaranFactory

pytestmark = pytest.mark.django_db


def test_participant_home_is_not_the_back_office(client):
    user = peserta_user(first_name="Budi", last_name="Santoso")
    client.force_login(user)
    response = client.get(reverse("beranda"), follow=True)
    assert response.redirect_chain == [(reverse("peserta:portal"), 302)]
    assert response.status_code == 200
    assert "Selamat datang, Budi Santoso" in response.content.decode()
    assert "belum terhubung dengan data peserta" in response.content.decode()
    assert reverse("angkatan:list") not in response.content.decode()
    assert reverse("dasbor:index") not in response.content.decode()


def test_staff_home_goes_to_the_dashboard(client):
    client.force_login(staf_user())
    assert client.get(reverse("beranda"))["Location"] == reverse("dasbor:index")


def test_a_component_with_scores_cannot_be_deleted(staf_client):
    program = ProgramFactory(kode="PTSPD")
    komponen = [
        KomponenNilai.objects.create(program=program, urutan=i, nama=nama, bobot=bobot)
        for i, (nama, bobot) in enumerate([("Sikap", 20), ("Tugas", 30), ("Ujian", 50)], start=1)
    ]
    pendaftaran = PendaftaranFactory(angkatan__program=program, status=Pendaftaran.Status.MENGIKUTI)
    Nilai.objects.create(pendaftaran=pendaftaran, komponen=komponen[1], nilai=80)
    data = program_data(nama=program.nama, kode="PTSPD", **{"predikat-INITIAL_FORMS": "3"})
    for i, band in enumerate(program.predikat.order_by("-nilai_minimal")):
        data[f"predikat-{i}-id"] = str(band.pk)
    data.update({"komponen-TOTAL_FORMS": "3", "komponen-INITIAL_FORMS": "3", "komponen-1-DELETE": "on"})
    data.update({"komponen-0-bobot": "50", "mp-0-nama": "Kearsipan baru"})
    for i, k in enumerate(komponen):
        data[f"komponen-{i}-id"] = str(k.pk)

    response = staf_client.post(reverse("diklat:program-update", args=[program.pk]), data)

    assert response.status_code == 200
    assert "sudah dipakai untuk nilai peserta tidak dapat dihapus" in response.content.decode()
    assert program.komponen_nilai.count() == 3
    assert not MataPelatihan.objects.filter(nama="Kearsipan baru").exists()
