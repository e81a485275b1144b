import datetime
import itertools

import pytest
from django.urls import reverse

from angkatan.models import Angkatan, Venue
from angkatan.tests.factories import AngkatanFactory, VenueFactory
from diklat.models import Provinsi
from diklat.tests.factories import ProgramFactory, admin_user, peserta_user, staf_user

pytestmark = pytest.mark.django_db


def angkatan_data(program, venue, **overrides):
    data = {
        "program": program.pk,
        "nomor": 4,
        "tahun": 2022,
        "tanggal_mulai": "2022-06-20",
        "tanggal_selesai": "2022-06-24",
        "venue": venue.pk,
        "kuota": 30,
        "penandatangan_nama": "Dr. Sugeng Hariyono, M.Si.",
        "penandatangan_nip": "19660801 198803 1 001",
        "penandatangan_jabatan": "Kepala BPSDM Kementerian Dalam Negeri",
        "penandatangan_atas_nama": "",
    }
    data.update(overrides)
    return data


def test_staff_creates_angkatan_and_sees_it_with_roman_number(staf_client):
    program = ProgramFactory(nama="Diklat Penguatan Tugas-Tugas Sekretaris Perangkat Daerah", kode="PTSPD")
    venue = VenueFactory(nama="Hotel Harris Suites Puri Mansion")

    response = staf_client.post(reverse("angkatan:create"), angkatan_data(program, venue))

    angkatan = Angkatan.objects.get()
    assert response.status_code == 302
    assert angkatan.penandatangan_nip == "196608011988031001"
    detail = staf_client.get(angkatan.get_absolute_url()).content.decode()
    assert "Angkatan IV Tahun 2022" in detail
    assert "Senin, 20 Juni 2022" in detail
    assert "Hotel Harris Suites Puri Mansion" in detail
    assert "19660801 198803 1 001" in detail
    listing = staf_client.get(reverse("angkatan:list")).content.decode()
    assert "Angkatan IV" in listing


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"tanggal_selesai": "2022-06-19"}, "tanggal_selesai", "Tanggal selesai tidak boleh sebelum tanggal mulai"),
        ({"kuota": 0}, "kuota", "lebih besar dari atau sama dengan 1"),
        ({"penandatangan_nip": "1.96608E+17"}, "penandatangan_nip", "notasi ilmiah"),
        ({"penandatangan_nip": "19660801198803100"}, "penandatangan_nip", "18 digit"),
        ({"tanggal_mulai": "2022-02-30"}, "tanggal_mulai", "tanggal yang valid"),
        # What the certificate prints must not run as a formula when a roster is opened in Excel.
        ({"penandatangan_nama": "=1+2"}, "penandatangan_nama", "seperti rumus spreadsheet"),
        ({"penandatangan_jabatan": "+HYPERLINK(1)"}, "penandatangan_jabatan", "seperti rumus spreadsheet"),
        ({"penandatangan_atas_nama": "@SUM(A1)"}, "penandatangan_atas_nama", "seperti rumus spreadsheet"),
        ({"kota_terbit": " -2+3"}, "kota_terbit", "seperti rumus spreadsheet"),
    ],
)
def test_bad_angkatan_input_is_refused_next_to_the_field_and_nothing_stored(staf_client, overrides, field, message):
    program, venue = ProgramFactory(), VenueFactory()

    response = staf_client.post(reverse("angkatan:create"), angkatan_data(program, venue, **overrides))

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert not Angkatan.objects.exists()


def test_year_defaults_to_the_start_date_and_must_agree_with_it(staf_client):
    program, venue = ProgramFactory(), VenueFactory()

    staf_client.post(reverse("angkatan:create"), angkatan_data(program, venue, tahun=""))
    assert Angkatan.objects.get().tahun == 2022

    response = staf_client.post(reverse("angkatan:create"), angkatan_data(program, venue, nomor=5, tahun=2023))
    assert "Tahun angkatan harus sama dengan tahun tanggal mulai (2022)." in response.context["form"].errors["tahun"]


def test_kuota_above_the_venue_capacity_is_refused(staf_client):
    program, venue = ProgramFactory(), VenueFactory(nama="Hotel Grand Kemang", kapasitas=25)

    response = staf_client.post(reverse("angkatan:create"), angkatan_data(program, venue, kuota=26))

    assert response.status_code == 200
    assert response.context["form"].errors["kuota"] == ["Kuota 26 melebihi kapasitas Hotel Grand Kemang (25 orang)."]
    assert not Angkatan.objects.exists()


def test_same_number_twice_in_a_program_year_is_refused(staf_client):
    existing = AngkatanFactory(nomor=4, tahun=2022)

    response = staf_client.post(reverse("angkatan:create"), angkatan_data(existing.program, existing.venue))

    assert response.status_code == 200
    assert "sudah" in str(response.context["form"].errors)
    assert Angkatan.objects.count() == 1


def test_angkatan_list_filters_by_program_year_status_and_search(staf_client):
    a = AngkatanFactory(nomor=3, tahun=2022, status=Angkatan.Status.FINISHED)
    b = AngkatanFactory(
        nomor=4, tahun=2023, tanggal_mulai=datetime.date(2023, 3, 1), tanggal_selesai=datetime.date(2023, 3, 3)
    )
    url = reverse("angkatan:list")

    def shown(**params):
        return set(staf_client.get(url, params).context["angkatan_list"])

    assert shown() == {a, b}
    assert shown(program=a.program_id) == {a}
    assert shown(tahun=2023) == {b}
    assert shown(status="finished") == {a}
    assert shown(q="IV") == {b}
    assert shown(q=b.program.kode) == {b}
    forged = staf_client.get(url, {"tahun": "bukan-tahun"})
    assert set(forged.context["angkatan_list"]) == {a, b}  # the forged filter is ignored …
    assert "pilihan yang valid" in forged.content.decode()  # … and said so next to it


@pytest.mark.parametrize("q", ["²", "9" * 5000, "\x00", "IIII", "MMMM"])
def test_odd_searches_never_fail(staf_client, q):
    AngkatanFactory()
    response = staf_client.get(reverse("angkatan:list"), {"q": q})
    assert response.status_code == 200


def test_a_very_long_search_is_cut_to_200_characters_and_says_what_it_searched(staf_client):
    # On SQLite (the default) a pattern this long made the LIKE "too complex": a 500.
    AngkatanFactory()
    for url, q in itertools.product(
        (reverse("angkatan:list"), reverse("angkatan:venue-list")), ("9" * 60_000, "\x009" + "9" * 60_000)
    ):
        response = staf_client.get(url, {"q": q})
        page = response.content.decode()
        assert response.status_code == 200, url
        assert f'value="{"9" * 200}"' in page, url
        assert response.context["filter"].form["q"].value() == "9" * 200, url


@pytest.mark.parametrize(("page", "nomor"), [("999", 2), ("abc", 1), ("-1", 1), ("\x00", 1)])
def test_a_page_number_that_is_none_shows_the_nearest_page_of_angkatan_and_venues(staf_client, page, nomor):
    # Was a 404, as Django's list views give for a page they cannot find.
    AngkatanFactory.create_batch(26)
    VenueFactory.create_batch(26 - Venue.objects.count())
    for url, daftar in ((reverse("angkatan:list"), "angkatan_list"), (reverse("angkatan:venue-list"), "venues")):
        response = staf_client.get(url, {"page": page})
        assert response.status_code == 200, url
        assert response.context["page_obj"].number == nomor, url
        assert len(response.context[daftar]) == (25 if nomor == 1 else 1), url


def test_venue_search_finds_by_name_city_or_address(staf_client):
    VenueFactory(nama="Hotel Grand Kemang", kota="Jakarta Selatan")
    VenueFactory(nama="Hotel Harris Suites Puri Mansion", kota="Jakarta Barat")
    url = reverse("angkatan:venue-list")

    def shown(q):
        return {v.nama for v in staf_client.get(url, {"q": q}).context["venues"]}

    assert shown("kemang") == {"Hotel Grand Kemang"}
    assert shown("  barat ") == {"Hotel Harris Suites Puri Mansion"}
    assert len(shown("")) == 2


def test_angkatan_list_query_count_does_not_grow_with_rows(staf_client, django_assert_max_num_queries):
    AngkatanFactory.create_batch(3)
    with django_assert_max_num_queries(12) as few:
        staf_client.get(reverse("angkatan:list"))
    AngkatanFactory.create_batch(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = staf_client.get(reverse("angkatan:list"))
    assert len(response.context["angkatan_list"]) == 23


def test_venue_list_query_count_does_not_grow_with_rows(staf_client, django_assert_max_num_queries):
    VenueFactory.create_batch(2)
    with django_assert_max_num_queries(12) as few:
        staf_client.get(reverse("angkatan:venue-list"))
    VenueFactory.create_batch(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        staf_client.get(reverse("angkatan:venue-list"))


def test_angkatan_longer_than_a_year_is_refused(staf_client):
    program, venue = ProgramFactory(), VenueFactory()
    response = staf_client.post(
        reverse("angkatan:create"), angkatan_data(program, venue, tanggal_selesai="9999-12-31")
    )
    assert "paling lama 366 hari" in " ".join(response.context["form"].errors["tanggal_selesai"])
    assert not Angkatan.objects.exists()


def test_duplicate_venue_is_refused_in_plain_indonesian(staf_client):
    VenueFactory(nama="Hotel Grand Kemang", kota="Jakarta Selatan")
    data = {"nama": "Hotel Grand Kemang", "kota": "Jakarta Selatan", "provinsi": "31"}
    response = staf_client.post(reverse("angkatan:venue-create"), data)
    assert "Tempat dengan nama ini sudah ada di kota yang sama." in response.content.decode()
    assert Venue.objects.count() == 1


def test_staff_creates_venue_with_phone_normalised(staf_client):
    response = staf_client.post(
        reverse("angkatan:venue-create"),
        {
            "nama": "Hotel Grand Kemang",
            "alamat": "Jl. Kemang Raya No. 2H",
            "kota": "Jakarta Selatan",
            "provinsi": "31",
            "kapasitas": 200,
            "kontak_nama": "Rina",
            "kontak_telepon": "0812-3456-7890",
        },
    )
    assert response.status_code == 302
    venue = Venue.objects.get()
    assert venue.kontak_telepon == "+6281234567890"
    assert "Hotel Grand Kemang" in staf_client.get(reverse("angkatan:venue-list")).content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"kapasitas": -5}, "kapasitas", "lebih besar dari atau sama dengan"),
        ({"kapasitas": 0}, "kapasitas", "lebih besar dari atau sama dengan 1"),
        ({"kontak_telepon": "12ab"}, "kontak_telepon", "tidak valid"),
        ({"provinsi": "99"}, "provinsi", "pilihan yang valid"),
        ({"alamat": "x" * 501}, "alamat", "paling banyak 500 karakter"),
        ({"nama": '=HYPERLINK("http://x","klik")'}, "nama", "seperti rumus spreadsheet"),
        ({"kota": "@kota"}, "kota", "seperti rumus spreadsheet"),
        ({"alamat": "=1+2"}, "alamat", "seperti rumus spreadsheet"),
        ({"kontak_nama": "+62 narahubung"}, "kontak_nama", "seperti rumus spreadsheet"),
    ],
)
def test_bad_venue_input_is_refused(staf_client, overrides, field, message):
    data = {"nama": "Hotel X", "kota": "Bandung", "provinsi": "32", "kapasitas": 10} | overrides
    response = staf_client.post(reverse("angkatan:venue-create"), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Venue.objects.exists()


def test_venue_create_never_redirects_off_site(staf_client):
    data = {"nama": "Hotel X", "kota": "Bandung", "provinsi": "32"}
    response = staf_client.post(reverse("angkatan:venue-create") + "?next=https://evil.example.com/", data)
    assert response.status_code == 302
    assert response["Location"] == reverse("angkatan:venue-list")


def test_status_moves_forward_one_step_only(staf_client):
    angkatan = AngkatanFactory()
    url = reverse("angkatan:status", args=[angkatan.pk])

    staf_client.post(url, {"status": "running"})  # skips "open"
    angkatan.refresh_from_db()
    assert angkatan.status == "draft"

    response = staf_client.post(url, {"status": "open"}, follow=True)
    angkatan.refresh_from_db()
    assert angkatan.status == "open"
    assert "Pendaftaran dibuka" in response.content.decode()


def test_only_admin_can_reopen(client):
    angkatan = AngkatanFactory(status=Angkatan.Status.FINISHED)
    url = reverse("angkatan:status", args=[angkatan.pk])

    client.force_login(staf_user())
    client.post(url, {"status": "running", "mundur": "1"})
    angkatan.refresh_from_db()
    assert angkatan.status == "finished"

    client.force_login(admin_user())
    client.post(url, {"status": "running", "mundur": "1"})
    angkatan.refresh_from_db()
    assert angkatan.status == "running"


@pytest.mark.parametrize("name", ["angkatan:list", "angkatan:create", "angkatan:venue-list", "angkatan:venue-create"])
def test_anonymous_is_sent_to_login_and_participant_is_refused(client, name):
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))

    client.force_login(peserta_user())
    assert client.get(url).status_code == 403


def test_participant_cannot_open_an_angkatan_or_change_its_status(client):
    angkatan = AngkatanFactory()
    client.force_login(peserta_user())
    assert client.get(angkatan.get_absolute_url()).status_code == 403
    assert client.post(reverse("angkatan:status", args=[angkatan.pk]), {"status": "open"}).status_code == 403
    angkatan.refresh_from_db()
    assert angkatan.status == "draft"


def test_unknown_angkatan_is_404(staf_client):
    assert staf_client.get(reverse("angkatan:detail", args=[999999])).status_code == 404


def test_database_refuses_end_before_start_even_without_the_form():
    from django.db import IntegrityError, transaction

    angkatan = AngkatanFactory()
    angkatan.tanggal_selesai = angkatan.tanggal_mulai - datetime.timedelta(days=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        angkatan.save()


def test_database_refuses_zero_kuota_and_duplicate_number():
    from django.db import IntegrityError, transaction

    angkatan = AngkatanFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Angkatan.objects.filter(pk=angkatan.pk).update(kuota=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        AngkatanFactory(program=angkatan.program, tahun=angkatan.tahun, nomor=angkatan.nomor)


def test_venue_province_must_exist():
    assert Provinsi.objects.filter(kode="31").exists()


def test_the_page_counts_training_days_apart_from_calendar_days(staf_client):
    from angkatan.hari_pelatihan import hari_pelatihan_siapkan

    # Thursday to the next Wednesday: seven calendar days, five of them training days.
    angkatan = AngkatanFactory(
        tahun=2026, tanggal_mulai=datetime.date(2026, 12, 3), tanggal_selesai=datetime.date(2026, 12, 9)
    )
    assert "7 hari" in staf_client.get(angkatan.get_absolute_url()).content.decode()

    hari_pelatihan_siapkan(angkatan=angkatan)
    html = staf_client.get(angkatan.get_absolute_url()).content.decode()

    assert "5 hari pelatihan" in html
    assert "7 hari kalender" in html
