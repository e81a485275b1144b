"""An angkatan's roster: search by name, NIP, instansi or pemda; who is incomplete (belum lengkap)."""

import re
from urllib.parse import quote

import pytest
from django.urls import reverse

from angkatan.tests.factories import AngkatanFactory
from diklat.models import KabupatenKota
from peserta.models import Pendaftaran
from peserta.tests.factories import PendaftaranFactory

pytestmark = pytest.mark.django_db

Status = Pendaftaran.Status


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


# Pages of a long roster ----------------------------------------------------------------------------------------------


@pytest.fixture
def roster_panjang():
    """An angkatan of 230 people, 200 proposed and 30 verified, every fifth of them incomplete, by name order."""
    angkatan = AngkatanFactory(kuota=300)
    for i in range(230):
        PendaftaranFactory(
            angkatan=angkatan,
            status=Status.DIVERIFIKASI if i >= 200 else Status.DIUSULKAN,
            peserta__nama=f"Peserta {i:03d}",
            peserta__gelar_depan="",
            peserta__gelar_belakang="",
            peserta__tempat_lahir="" if i % 5 == 0 else "Purwokerto",
        )
    return angkatan


def nomor_di_roster(response) -> list[int]:
    return [int(n) for n in re.findall(r'<td class="text-end">(\d+)</td>', response.content.decode())]


def test_a_long_roster_is_shown_100_at_a_time_with_the_counts_of_all(staf_client, roster_panjang):
    url = roster_panjang.get_absolute_url()

    response = staf_client.get(url)
    page = response.content.decode()
    assert nama_di_roster(response) == [f"Peserta {i:03d}" for i in range(100)]
    assert nomor_di_roster(response)[:2] == [1, 2]
    # The counts are of the whole roster, not of the page.
    assert "230 dari 300 tempat terisi" in page
    assert re.search(r"Semua <span class=\"badge text-bg-light border\">230</span>", page)
    assert re.search(r"Diusulkan <span class=\"badge text-bg-light border\">200</span>", page)
    assert re.search(r"Belum lengkap\s*<span class=\"badge text-bg-light border\">46</span>", page)
    assert "1–100 dari 230" in page
    assert 'href="?page=3#judul-peserta"' in page

    ketiga = staf_client.get(url, {"page": 3})
    assert nama_di_roster(ketiga) == [f"Peserta {i:03d}" for i in range(200, 230)]
    assert nomor_di_roster(ketiga)[0] == 201
    assert "201–230 dari 230" in ketiga.content.decode()


@pytest.mark.parametrize(("page", "awal"), [("abc", 0), ("999", 200), ("0", 0), ("-2", 0), ("9" * 5000, 0)])
def test_a_roster_page_that_is_none_shows_the_nearest(staf_client, roster_panjang, page, awal):
    response = staf_client.get(roster_panjang.get_absolute_url(), {"page": page})
    assert response.status_code == 200
    assert nama_di_roster(response)[0] == f"Peserta {awal:03d}"


def test_a_filtered_roster_pages_through_what_matches_and_a_new_filter_starts_at_its_first_page(
    staf_client, roster_panjang
):
    url = roster_panjang.get_absolute_url()

    response = staf_client.get(url, {"q": "peserta", "status": "diusulkan", "page": 2})
    page = response.content.decode()
    assert nama_di_roster(response) == [f"Peserta {i:03d}" for i in range(100, 200)]
    assert "200 peserta cocok dengan “peserta”." in page  # all that match, not the page's 100
    # The pages keep the filters; the filters, chosen anew, start at their first page.
    assert 'href="?status=diusulkan&amp;q=peserta&amp;page=1#judul-peserta"' in page
    assert 'href="?status=diverifikasi&amp;q=peserta#judul-peserta"' in page
    assert 'href="?q=peserta#judul-peserta"' in page  # "Semua"
    assert 'href="?status=diusulkan&amp;q=peserta&amp;belum_lengkap=1#judul-peserta"' in page
    assert 'href="?status=diusulkan#judul-peserta"' in page  # "Hapus pencarian"

    kurang = staf_client.get(url, {"belum_lengkap": "1"})
    assert len(nama_di_roster(kurang)) == 46
    assert "46 peserta belum lengkap datanya untuk sertifikat." in kurang.content.decode()


def test_row_and_bulk_actions_and_the_edit_link_return_to_the_same_page(staf_client, roster_panjang):
    url = roster_panjang.get_absolute_url()
    page = staf_client.get(url, {"status": "diusulkan", "page": 2}).content.decode()
    assert page.count('name="halaman_filter" value="2"') == 2  # the bulk form and the row actions
    assert f"?next={quote(url + '?status=diusulkan&page=2#judul-peserta', safe='/')}" in page
    baris = Pendaftaran.objects.get(peserta__nama="Peserta 150")
    assert "?ke=ditolak&amp;status=diusulkan&amp;page=2" in page

    # One row verified from page 2.
    response = staf_client.post(
        reverse("peserta:status", args=[roster_panjang.pk, baris.pk]),
        {"ke": "diverifikasi", "status_filter": "diusulkan", "cari_filter": "", "halaman_filter": "2"},
    )
    assert response["Location"] == f"{url}?status=diusulkan&page=2#judul-peserta"

    # The reject page carries the page on, and its "cancel" too.
    tolak = staf_client.get(
        reverse("peserta:status", args=[roster_panjang.pk, baris.pk]) + "?ke=ditolak&status=diusulkan&page=2"
    )
    assert 'href="' + f"{url}?status=diusulkan&amp;page=2#judul-peserta" in tolak.content.decode()

    # Every proposed person of page 2 verified at once: the page comes back, now the last of what is left.
    pks = [p.pk for p in staf_client.get(url, {"status": "diusulkan", "page": 2}).context["rows"]]
    response = staf_client.post(
        reverse("peserta:aksi-massal", args=[roster_panjang.pk]),
        {"aksi": "diverifikasi", "pilih": pks, "status_filter": "diusulkan", "halaman_filter": "2"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"{url}?status=diusulkan&page=2#judul-peserta"
    assert nama_di_roster(response)[0] == "Peserta 000"  # 100 left: page 2 is past the end, page 1 is shown
    assert Pendaftaran.objects.filter(angkatan=roster_panjang, status=Status.DIUSULKAN).count() == 100


def test_the_query_count_of_a_roster_page_does_not_grow_with_the_roster(
    staf_client, angkatan, django_assert_max_num_queries
):
    url = angkatan.get_absolute_url()
    staf_client.get(url)
    with django_assert_max_num_queries(20) as sedikit:
        staf_client.get(url, {"page": 2, "belum_lengkap": "1", "q": "a"})

    PendaftaranFactory.create_batch(110, angkatan=angkatan, peserta__tempat_lahir="", peserta__nama="Ani")
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        response = staf_client.get(url, {"page": 2, "belum_lengkap": "1", "q": "a"})
    assert len(response.context["rows"]) == 12  # Ani Lestari, Citra Dewi and the 110 on two pages
