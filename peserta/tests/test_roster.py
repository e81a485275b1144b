"""An angkatan's roster: search by name, NIP, instansi or pemda; who is incomplete (belum lengkap)."""

import re

import pytest
from django.urls import reverse

from angkatan.tests.factories import AngkatanFactory
from diklat.models import KabupatenKota
from diklat.tests.factories import staf_user
from peserta.models import Pendaftaran
from peserta.tests.factories import PendaftaranFactory

pytestmark = pytest.mark.django_db

Status = Pendaftaran.Status


@pytest.fixture
def staf_client(client):
    client.force_login(staf_user())
    return client


@pytest.fixture
def angkatan():
    angkatan = AngkatanFactory(kuota=30)
    PendaftaranFactory(
        angkatan=angkatan,
        peserta__nip="196608011988031001",
        peserta__nama="Budi Santoso",
        peserta__gelar_depan="Dr.",
        peserta__instansi="Dinas Kesehatan Kabupaten Banyumas",
    )
    PendaftaranFactory(
        angkatan=angkatan,
        status=Status.DIVERIFIKASI,
        peserta__nama="Ani Lestari",
        peserta__kabupaten_kota=KabupatenKota.objects.get(kode="32.73"),  # Kota Bandung
        peserta__instansi="Sekretariat Daerah",
        peserta__tempat_lahir="",
        peserta__jabatan="",
    )
    PendaftaranFactory(
        angkatan=angkatan,
        status=Status.DIVERIFIKASI,
        peserta__nama="Citra Dewi",
        peserta__instansi="Kecamatan Sumbang",
        peserta__pangkat=None,
    )
    return angkatan


def nama_di_roster(response) -> list[str]:
    return [p.peserta.nama for p in response.context["rows"]]


@pytest.mark.parametrize(
    ("q", "nama"),
    [
        ("budi", ["Budi Santoso"]),
        ("DR. BUDI", ["Budi Santoso"]),
        ("19660801 198803", ["Budi Santoso"]),
        ("NIP. 19660801 198803 1 001", ["Budi Santoso"]),
        ("１９６６０８０１ １９８８０３", ["Budi Santoso"]),  # full-width digits, as parse_nip reads them
        ("sekretariat", ["Ani Lestari"]),
        ("kota bandung", ["Ani Lestari"]),
        ("jawa barat", ["Ani Lestari"]),
        ("sumbang", ["Citra Dewi"]),
        ("banyumas", ["Budi Santoso", "Citra Dewi"]),
        ("tidak ada", []),
    ],
)
def test_roster_search_by_name_nip_instansi_or_pemda(staf_client, angkatan, q, nama):
    response = staf_client.get(angkatan.get_absolute_url(), {"q": q})
    assert nama_di_roster(response) == nama


def test_search_keeps_the_status_filter_and_says_how_many_match(staf_client, angkatan):
    response = staf_client.get(angkatan.get_absolute_url(), {"q": "banyumas", "status": "diverifikasi"})
    page = response.content.decode()

    assert nama_di_roster(response) == ["Citra Dewi"]
    assert "1 peserta cocok dengan “banyumas”." in page
    assert 'name="status" value="diverifikasi"' in page  # the search form keeps the filter
    # The status pills keep the search.
    assert 'href="?status=diusulkan&amp;q=banyumas#judul-peserta"' in page
    assert 'href="?q=banyumas#judul-peserta"' in page  # "Semua"


def test_nothing_matching_is_said_with_a_way_back(staf_client, angkatan):
    page = staf_client.get(angkatan.get_absolute_url(), {"q": "zulkarnain"}).content.decode()
    assert "Tidak ada peserta yang cocok." in page and "Tampilkan semua" in page


def test_incomplete_people_are_marked_with_what_is_missing_and_can_be_shown_alone(staf_client, angkatan):
    response = staf_client.get(angkatan.get_absolute_url())
    page = response.content.decode()

    assert page.count(">belum lengkap</span>") == 2
    assert 'title="Belum diisi: tempat lahir, jabatan"' in page
    assert "kurang pangkat/golongan" in page
    assert re.search(r"Belum lengkap\s*<span class=\"badge text-bg-light border\">2</span>", page)

    response = staf_client.get(angkatan.get_absolute_url(), {"belum_lengkap": "1"})
    assert nama_di_roster(response) == ["Ani Lestari", "Citra Dewi"]
    assert "Hanya yang belum lengkap" in response.content.decode()
    assert nama_di_roster(staf_client.get(angkatan.get_absolute_url(), {"belum_lengkap": "1", "q": "ani"})) == [
        "Ani Lestari"
    ]


def test_a_very_long_roster_search_is_cut_to_200_characters(staf_client, angkatan):
    response = staf_client.get(angkatan.get_absolute_url(), {"q": "\x00" + "x" * 60_000})
    assert response.status_code == 200
    assert f'value="{"x" * 200}"' in response.content.decode()
    assert nama_di_roster(response) == []


def test_an_action_on_a_searched_roster_returns_to_the_same_search(staf_client, angkatan):
    budi = Pendaftaran.objects.get(peserta__nama="Budi Santoso")
    page = staf_client.get(angkatan.get_absolute_url(), {"q": "budi"}).content.decode()
    assert 'name="cari_filter" value="budi"' in page

    response = staf_client.post(
        reverse("peserta:status", args=[angkatan.pk, budi.pk]),
        {"ke": "diverifikasi", "status_filter": "", "cari_filter": "budi"},
    )

    assert response["Location"] == f"{angkatan.get_absolute_url()}?q=budi#judul-peserta"
    budi.refresh_from_db()
    assert budi.status == Status.DIVERIFIKASI


def test_the_roster_query_count_does_not_grow_with_searching_or_incomplete_people(
    staf_client, angkatan, django_assert_max_num_queries
):
    url = angkatan.get_absolute_url()
    staf_client.get(url)
    with django_assert_max_num_queries(20) as sedikit:
        staf_client.get(url, {"q": "banyumas", "belum_lengkap": "1"})

    PendaftaranFactory.create_batch(10, angkatan=angkatan, peserta__tempat_lahir="", peserta__pangkat=None)
    PendaftaranFactory.create_batch(10, angkatan=angkatan, peserta__kabupaten_kota=None)
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        response = staf_client.get(url, {"q": "banyumas", "belum_lengkap": "1"})
    assert len(response.context["rows"]) == 11
