import pytest
from django.urls import reverse

from angkatan.tests.factories import AngkatanFactory
from angkatan.tests.test_views import angkatan_data
from diklat.tests.factories import ProgramFactory, staf_user
from peserta.models import Pendaftaran
from peserta.tests.factories import PendaftaranFactory

pytestmark = pytest.mark.django_db


def test_angkatan_detail_query_count_does_not_grow_with_roster(client, django_assert_max_num_queries):
    client.force_login(staf_user())
    angkatan = AngkatanFactory()
    PendaftaranFactory(angkatan=angkatan)
    with django_assert_max_num_queries(15) as few:
        client.get(angkatan.get_absolute_url())
    PendaftaranFactory.create_batch(15, angkatan=angkatan)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(angkatan.get_absolute_url())
    assert "16 / 30" in response.content.decode()


def test_kuota_cannot_drop_below_the_people_enrolled(client):
    angkatan = AngkatanFactory(kuota=30)
    PendaftaranFactory.create_batch(3, angkatan=angkatan)
    PendaftaranFactory(angkatan=angkatan, status=Pendaftaran.Status.DITOLAK)  # holds no place
    client.force_login(staf_user())
    url = reverse("angkatan:update", args=[angkatan.pk])

    response = client.post(url, angkatan_data(angkatan.program, angkatan.venue, nomor=angkatan.nomor, kuota=2))
    assert response.context["form"].errors["kuota"] == [
        "Kuota tidak boleh kurang dari 3, jumlah peserta yang sudah terdaftar."
    ]
    angkatan.refresh_from_db()
    assert angkatan.kuota == 30

    client.post(url, angkatan_data(angkatan.program, angkatan.venue, nomor=angkatan.nomor, kuota=3))
    angkatan.refresh_from_db()
    assert angkatan.kuota == 3


def test_program_is_fixed_once_people_are_enrolled(client):
    angkatan = AngkatanFactory()
    other = ProgramFactory()
    client.force_login(staf_user())
    url = reverse("angkatan:update", args=[angkatan.pk])
    PendaftaranFactory(angkatan=angkatan)

    response = client.post(url, angkatan_data(other, angkatan.venue, nomor=angkatan.nomor))
    assert "sudah memiliki peserta" in response.content.decode()
    angkatan.refresh_from_db()
    assert angkatan.program != other


def test_a_kuota_too_small_and_a_new_program_are_refused_together_beside_their_fields(client):
    angkatan = AngkatanFactory(kuota=30)
    program_semula = angkatan.program_id
    PendaftaranFactory.create_batch(3, angkatan=angkatan)
    client.force_login(staf_user())

    response = client.post(
        reverse("angkatan:update", args=[angkatan.pk]),
        angkatan_data(ProgramFactory(), angkatan.venue, nomor=angkatan.nomor, kuota=2),
    )

    errors = response.context["form"].errors
    assert errors["kuota"] == ["Kuota tidak boleh kurang dari 3, jumlah peserta yang sudah terdaftar."]
    assert errors["program"] == ["Program tidak dapat diganti karena angkatan ini sudah memiliki peserta."]
    angkatan.refresh_from_db()
    assert (angkatan.kuota, angkatan.program_id) == (30, program_semula)


def test_after_finalising_the_roster_offers_no_moves_and_shows_why_someone_failed(client):
    from django.utils import timezone

    angkatan = AngkatanFactory(nilai_dikunci_pada=timezone.now())
    PendaftaranFactory(angkatan=angkatan, status=Pendaftaran.Status.LULUS)
    PendaftaranFactory(
        angkatan=angkatan, status=Pendaftaran.Status.TIDAK_LULUS, alasan="Kehadiran 60% di bawah batas 90%"
    )
    client.force_login(staf_user())

    page = client.get(angkatan.get_absolute_url()).content.decode()

    assert "Kehadiran 60% di bawah batas 90%" in page
    assert "Verifikasi yang dipilih" not in page
    assert "Tandai mengikuti" not in page
