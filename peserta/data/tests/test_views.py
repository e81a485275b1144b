"""Staff pages of a person's data: the correction page, the NIP change, and the search across angkatan."""

import re

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse

from angkatan.tests.factories import AngkatanFactory
from diklat.models import KabupatenKota, PangkatGolongan, Provinsi
from diklat.tests.factories import ProgramFactory, UserFactory, admin_user, peserta_user, staf_user
from peserta.data.services import peserta_nip_ubah
from peserta.models import Pendaftaran, Peserta
from peserta.tests.factories import PendaftaranFactory, PesertaFactory

pytestmark = pytest.mark.django_db

Status = Pendaftaran.Status
NIP = "196608011988031001"
NIP_URUT_LAIN = "196608011988031002"
NIP_LAHIR_LAIN = "196608021988031001"


@pytest.fixture
def staf():
    return staf_user(first_name="Sri", last_name="Wahyuni")


@pytest.fixture
def admin_client(client):
    client.force_login(admin_user(first_name="Admin", last_name="BPSDM"))
    return client


def text(response) -> str:
    return response.content.decode()


def ubah_url(peserta, **params) -> str:
    url = reverse("peserta:ubah", args=[peserta.pk])
    if params:
        from urllib.parse import urlencode

        url += "?" + urlencode(params)
    return url


def isian(response) -> dict:
    """Return what the browser sends back for the form as the page drew it."""
    form = response.context["form"]
    return {name: "" if form[name].value() is None else form[name].value() for name in form.fields}


def viewer():
    """A user who may look at people and enrolments but change nothing."""
    user = UserFactory()
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_peserta", "view_pendaftaran", "view_angkatan"],
            content_type__app_label__in=["peserta", "angkatan"],
        )
    )
    return user


# The correction page -------------------------------------------------------------------------------------------------


def test_staff_correct_a_misspelt_name_and_the_person_page_shows_who_changed_what(staf_client):
    peserta = PesertaFactory(nip=NIP, nama="Budi Santosa", gelar_depan="Dr.", gelar_belakang="S.Sos.")
    halaman = staf_client.get(reverse("peserta:detail", args=[peserta.pk]))
    assert ubah_url(peserta) in text(halaman)

    form = staf_client.get(ubah_url(peserta))
    assert form.status_code == 200
    assert "19660801 198803 1 001" in text(form) and "1 Agustus 1966" in text(form)
    data = isian(form) | {"nama": "Budi Santoso"}
    response = staf_client.post(ubah_url(peserta), data, follow=True)

    page = text(response)
    assert response.redirect_chain[-1][0] == reverse("peserta:detail", args=[peserta.pk])
    assert "Data Dr. Budi Santoso, S.Sos. tersimpan; yang diubah: nama." in page
    assert "<h1>Dr. Budi Santoso, S.Sos.</h1>" in page
    assert "<del>Budi Santosa</del> → <ins>Budi Santoso</ins>" in page
    assert "oleh Sri Wahyuni" in page
    assert Peserta.objects.get(pk=peserta.pk).nama == "Budi Santoso"


def test_saving_an_unchanged_form_writes_nothing(staf_client):
    peserta = PesertaFactory()
    data = isian(staf_client.get(ubah_url(peserta)))

    page = text(staf_client.post(ubah_url(peserta), data, follow=True))

    assert "Tidak ada yang berubah" in page
    assert not LogEntry.objects.get_for_object(peserta).filter(action=LogEntry.Action.UPDATE).exists()


def test_bad_input_is_shown_next_to_its_field_and_nothing_is_stored(staf_client):
    peserta = PesertaFactory(nama="Budi Santoso")
    data = isian(staf_client.get(ubah_url(peserta))) | {"nama": "", "email": "bukan-email", "telepon": "12"}

    response = staf_client.post(ubah_url(peserta), data)

    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"nama", "email", "telepon"}
    # The header keeps the stored name, not what was typed.
    assert "Budi Santoso" in text(response)
    assert Peserta.objects.get(pk=peserta.pk).nama == "Budi Santoso"


def test_the_page_says_what_the_certificate_still_misses_and_completing_it_clears_the_mark(staf_client):
    peserta = PesertaFactory(tempat_lahir="", pangkat=None, jabatan="")
    form = staf_client.get(ubah_url(peserta))
    page = text(form)
    assert "Belum lengkap untuk sertifikat: tempat lahir, pangkat/golongan, jabatan." in page
    assert page.count("Belum diisi; dicetak pada sertifikat.") == 3

    data = isian(form) | {
        "tempat_lahir": "Sukoharjo",
        "pangkat": PangkatGolongan.objects.get(golongan="IV/a").pk,
        "jabatan": "Camat Kartasura",
    }
    page = text(staf_client.post(ubah_url(peserta), data, follow=True))

    assert "Belum lengkap" not in page
    assert not Peserta.objects.get(pk=peserta.pk).belum_lengkap


def pilihan_kabkota(response) -> list[str]:
    """Return the kab/kota the page offers, by name (the blank choice, the provincial government, left out)."""
    select = re.search(r'<select name="kabupaten_kota".*?</select>', text(response), re.S)[0]
    return re.findall(r'<option value="[0-9.]+"[^>]*>([^<]+)</option>', select)


def test_the_kab_kota_list_is_the_province_of_the_person_not_all_514(staf_client):
    peserta = PesertaFactory()  # Kabupaten Banyumas, Jawa Tengah
    response = staf_client.get(ubah_url(peserta))

    pilihan = pilihan_kabkota(response)
    assert len(pilihan) == KabupatenKota.objects.filter(provinsi="33").count() < 514
    assert "Kabupaten Banyumas" in pilihan and "Kota Bandung" not in pilihan
    assert '<option value="33.02" selected>Kabupaten Banyumas</option>' in text(response)
    assert "<optgroup" not in text(response)
    # Changing the province still reloads the list in place.
    assert 'hx-get="' + reverse("peserta:kabkota-pilihan") in text(response)

    # Someone of the provincial government: the kab/kota of their province, none chosen.
    pemprov = PesertaFactory(kabupaten_kota=None, provinsi=Provinsi.objects.get(kode="32"))
    pilihan = pilihan_kabkota(staf_client.get(ubah_url(pemprov)))
    assert "Kota Bandung" in pilihan and "Kabupaten Banyumas" not in pilihan


def test_without_javascript_a_new_province_brings_its_own_kab_kota_list(staf_client):
    peserta = PesertaFactory()
    data = isian(staf_client.get(ubah_url(peserta))) | {"provinsi": "32"}  # the kab/kota stays Banyumas

    response = staf_client.post(ubah_url(peserta), data)

    assert response.context["form"].errors["kabupaten_kota"] == [
        "Kabupaten Banyumas tidak berada di provinsi yang dipilih."
    ]
    pilihan = pilihan_kabkota(response)
    assert "Kota Bandung" in pilihan and "Kabupaten Banyumas" not in pilihan
    assert Peserta.objects.get(pk=peserta.pk).kabupaten_kota_id == "33.02"

    staf_client.post(ubah_url(peserta), data | {"kabupaten_kota": "32.73"})
    peserta.refresh_from_db()
    assert (peserta.provinsi_id, peserta.kabupaten_kota_id) == ("32", "32.73")


@pytest.mark.parametrize("provinsi", ["99", "x' OR 1=1", "3\x002", ""])
def test_a_province_that_is_none_offers_every_kab_kota_grouped(staf_client, provinsi):
    peserta = PesertaFactory()
    data = isian(staf_client.get(ubah_url(peserta))) | {"provinsi": provinsi, "kabupaten_kota": ""}

    response = staf_client.post(ubah_url(peserta), data)

    assert response.status_code == 200
    assert '<optgroup label="Jawa Barat">' in text(response)
    assert len(pilihan_kabkota(response)) == 514


def test_next_returns_to_the_roster_and_never_off_site(staf_client):
    pendaftaran = PendaftaranFactory()
    peserta = pendaftaran.peserta
    roster = pendaftaran.angkatan.get_absolute_url() + "?status=diusulkan#judul-peserta"
    data = isian(staf_client.get(ubah_url(peserta, next=roster)))
    assert data  # the page drew

    response = staf_client.post(ubah_url(peserta, next=roster), data | {"next": roster})
    assert response.status_code == 302 and response["Location"] == roster

    for jahat in ("https://jahat.example/", "//jahat.example/x", "javascript:alert(1)"):
        response = staf_client.get(ubah_url(peserta, next=jahat))
        assert response.context["url_kembali"] == reverse("peserta:detail", args=[peserta.pk]), jahat
        assert '<input type="hidden" name="next"' not in text(response), jahat
        response = staf_client.post(ubah_url(peserta), data | {"next": jahat})
        assert response["Location"] == reverse("peserta:detail", args=[peserta.pk]), jahat


def test_a_form_drawn_before_someone_elses_change_saves_nothing_and_says_why(staf_client, staf):
    peserta = PesertaFactory(nama="Budi Santosa", jabatan="Camat")
    data = isian(staf_client.get(ubah_url(peserta)))
    # Meanwhile another officer corrects the position.
    from peserta.data.services import peserta_update

    peserta_update(peserta=peserta, data={"jabatan": "Sekretaris Camat"}, user=staf_user())

    response = staf_client.post(ubah_url(peserta), data | {"nama": "Budi Santoso"}, follow=True)

    page = text(response)
    assert "diubah orang lain sejak halaman ini dibuka; tidak ada yang disimpan" in page
    assert response.redirect_chain[-1][0] == ubah_url(peserta)
    tersimpan = Peserta.objects.get(pk=peserta.pk)
    assert (tersimpan.nama, tersimpan.jabatan) == ("Budi Santosa", "Sekretaris Camat")


def test_who_may_open_the_correction_page(client, staf_client):
    peserta = PesertaFactory(nama="Budi Santoso")
    lain = PesertaFactory(nama="Ani Lestari")
    url, url_lain, url_tidak_ada = ubah_url(peserta), ubah_url(lain), reverse("peserta:ubah", args=[987654])

    assert staf_client.get(url).status_code == 200
    assert staf_client.get(url_tidak_ada).status_code == 404

    client.logout()
    for u in (url, url_tidak_ada):
        response = client.get(u)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))

    # Who may look at people but not change them.
    client.force_login(viewer())
    assert client.get(url).status_code == 403
    assert client.post(url, {"nama": "Diubah"}).status_code == 403
    assert "Ubah data" not in text(client.get(reverse("peserta:detail", args=[peserta.pk])))

    # A participant: their own id, another person's, one that does not exist; all the same answer.
    akun = peserta_user()
    Peserta.objects.filter(pk=peserta.pk).update(user=akun)
    client.force_login(akun)
    for u in (url, url_lain, url_tidak_ada):
        assert client.get(u).status_code == 403, u
        assert client.post(u, {"nama": "Diubah"}).status_code == 403, u
    assert set(Peserta.objects.values_list("nama", flat=True)) == {"Budi Santoso", "Ani Lestari"}


def test_the_roster_links_each_person_to_their_correction_page_and_back(staf_client):
    pendaftaran = PendaftaranFactory()
    page = text(staf_client.get(pendaftaran.angkatan.get_absolute_url()))
    assert reverse("peserta:ubah", args=[pendaftaran.peserta_id]) + "?next=" in page


# The NIP change ------------------------------------------------------------------------------------------------------


def nip_url(peserta) -> str:
    return reverse("peserta:ubah-nip", args=[peserta.pk])


def test_staff_may_not_change_a_nip_and_are_told_who_may(staf_client):
    peserta = PesertaFactory(nip=NIP)
    assert "hanya dapat diubah oleh admin" in text(staf_client.get(ubah_url(peserta)))
    assert nip_url(peserta) not in text(staf_client.get(ubah_url(peserta)))
    assert staf_client.get(nip_url(peserta)).status_code == 403
    data = {"nip_baru": NIP_URUT_LAIN, "nip_baru_ulang": NIP_URUT_LAIN, "alasan": "SK"}
    assert staf_client.post(nip_url(peserta), data).status_code == 403
    assert Peserta.objects.get(pk=peserta.pk).nip == NIP


def test_an_admin_changes_a_nip_typed_twice_with_a_reason(admin_client):
    peserta = PesertaFactory(nip=NIP, nama="Budi Santoso", gelar_belakang="")
    assert nip_url(peserta) in text(admin_client.get(ubah_url(peserta)))

    beda = {"nip_baru": "19660801 198803 1 002", "nip_baru_ulang": "19660801 198803 1 003", "alasan": "SK CPNS"}
    response = admin_client.post(nip_url(peserta), beda)
    assert "Ketikan ulang tidak sama dengan NIP baru" in text(response)
    assert Peserta.objects.get(pk=peserta.pk).nip == NIP

    tanpa_alasan = beda | {"nip_baru_ulang": "196608011988031002", "alasan": ""}
    assert "Alasan wajib diisi" in text(admin_client.post(nip_url(peserta), tanpa_alasan))

    response = admin_client.post(nip_url(peserta), tanpa_alasan | {"alasan": "Salah ketik saat impor"}, follow=True)

    page = text(response)
    assert "NIP Budi Santoso diubah dari 19660801 198803 1 001 menjadi 19660801 198803 1 002." in page
    assert Peserta.objects.get(pk=peserta.pk).nip == NIP_URUT_LAIN
    # The person's page shows the change and why.
    assert "<del>19660801 198803 1 001</del> → <ins>19660801 198803 1 002</ins>" in page
    assert "“Salah ketik saat impor”" in page


def test_the_same_nip_again_is_refused_next_to_the_field(admin_client):
    peserta = PesertaFactory(nip=NIP)
    sama = "NIP. 19660801.198803.1.001"

    response = admin_client.post(nip_url(peserta), {"nip_baru": sama, "nip_baru_ulang": sama, "alasan": "SK CPNS"})

    assert response.status_code == 200
    assert response.context["form"].errors["nip_baru"] == [
        "NIP baru sama dengan NIP yang tersimpan; tidak ada yang diubah."
    ]
    assert "NIP baru sama dengan NIP yang tersimpan; tidak ada yang diubah." in text(response)
    assert not LogEntry.objects.filter(additional_data__alasan="SK CPNS").exists()


@pytest.mark.parametrize("nip", ["196608011988031002.0", "1.97108E+17"])
def test_a_new_nip_typed_as_a_spreadsheet_number_is_answered_for_a_form_not_an_upload(admin_client, nip):
    peserta = PesertaFactory(nip=NIP)

    page = text(admin_client.post(nip_url(peserta), {"nip_baru": nip, "nip_baru_ulang": nip, "alasan": "SK CPNS"}))

    assert "disimpan spreadsheet" in page and "Isi NIP lengkap 18 digit." in page
    assert "unggah lagi" not in page and "format kolom NIP" not in page.lower()
    assert Peserta.objects.get(pk=peserta.pk).nip == NIP


def test_a_reason_that_starts_like_a_formula_is_refused_as_every_reason_is(admin_client):
    # The reason is shown in the person's audit trail and would run as a formula in an exported sheet.
    peserta = PesertaFactory(nip=NIP)
    data = {"nip_baru": NIP_URUT_LAIN, "nip_baru_ulang": NIP_URUT_LAIN, "alasan": "=HYPERLINK(1)"}

    response = admin_client.post(nip_url(peserta), data)

    assert response.status_code == 200
    assert response.context["form"].errors["alasan"] == [
        "Isian “=HYPERLINK(1)” diawali = seperti rumus spreadsheet; hapus tanda itu."
    ]
    assert Peserta.objects.get(pk=peserta.pk).nip == NIP
    assert not LogEntry.objects.filter(additional_data__alasan="=HYPERLINK(1)").exists()


def test_the_nip_change_service_refuses_a_formula_reason_whoever_calls_it():
    peserta = PesertaFactory(nip=NIP)
    with pytest.raises(ValidationError) as galat:
        peserta_nip_ubah(peserta=peserta, nip_baru=NIP_URUT_LAIN, alasan=" @SUM(A1)", user=admin_user())
    assert galat.value.message_dict["alasan"] == [
        "Isian “@SUM(A1)” diawali @ seperti rumus spreadsheet; hapus tanda itu."
    ]
    assert Peserta.objects.get(pk=peserta.pk).nip == NIP


def test_a_nip_someone_else_holds_is_refused_with_a_link_to_them(admin_client):
    lain = PesertaFactory(nip=NIP_URUT_LAIN, nama="Ani Lestari", gelar_belakang="")
    peserta = PesertaFactory(nip=NIP)
    data = {"nip_baru": NIP_URUT_LAIN, "nip_baru_ulang": NIP_URUT_LAIN, "alasan": "SK CPNS"}

    page = text(admin_client.post(nip_url(peserta), data))

    assert "sudah dipakai Ani Lestari" in page
    assert reverse("peserta:detail", args=[lain.pk]) in page
    assert Peserta.objects.get(pk=peserta.pk).nip == NIP


def test_a_nip_with_another_birth_date_asks_to_change_the_birth_date_too(admin_client):
    peserta = PesertaFactory(nip=NIP)
    data = {"nip_baru": NIP_LAHIR_LAIN, "nip_baru_ulang": NIP_LAHIR_LAIN, "alasan": "SK CPNS"}
    assert "tanggal_lahir_ikut" not in text(admin_client.get(nip_url(peserta)))

    page = text(admin_client.post(nip_url(peserta), data))

    assert "Tanggal lahir menurut NIP baru 2 Agustus 1966, sedangkan yang tersimpan 1 Agustus 1966" in page
    assert 'name="tanggal_lahir_ikut"' in page
    assert Peserta.objects.get(pk=peserta.pk).nip == NIP

    page = text(admin_client.post(nip_url(peserta), data | {"tanggal_lahir_ikut": "on"}, follow=True))

    assert "Tanggal lahir ikut diubah dari 1 Agustus 1966 menjadi 2 Agustus 1966." in page
    assert Peserta.objects.get(pk=peserta.pk).nip == NIP_LAHIR_LAIN


def test_a_graduate_is_told_their_certificates_must_be_reissued(admin_client):
    angkatan = AngkatanFactory(nomor=3, program=ProgramFactory(kode="PTSPD"))
    pendaftaran = PendaftaranFactory(angkatan=angkatan, status=Status.LULUS, peserta__nip=NIP)
    peserta = pendaftaran.peserta

    page = text(admin_client.get(nip_url(peserta)))
    assert "sertifikat yang sudah terbit tetap mencetak NIP lama" in page
    assert angkatan.get_absolute_url() in page

    data = {"nip_baru": NIP_URUT_LAIN, "nip_baru_ulang": NIP_URUT_LAIN, "alasan": "SK CPNS"}
    page = text(admin_client.post(nip_url(peserta), data, follow=True))

    assert "terbitkan ulang dari tab Sertifikat PTSPD Angkatan III 2022 (nomornya tetap)" in page


def test_participants_and_viewers_cannot_open_the_nip_change(client):
    peserta = PesertaFactory(nip=NIP)
    for user in (peserta_user(), viewer()):
        client.force_login(user)
        assert client.get(nip_url(peserta)).status_code == 403
        assert client.get(reverse("peserta:ubah-nip", args=[987654])).status_code == 403


# Search across angkatan ----------------------------------------------------------------------------------------------


def cari(client, q, **params):
    return client.get(reverse("peserta:cari"), {"q": q, **params})


@pytest.fixture
def orang():
    budi = PesertaFactory(nip=NIP, nama="Budi Santoso", gelar_depan="Dr.", gelar_belakang="S.Sos., M.Si.")
    ani = PesertaFactory(nip="197103152000032004", nama="Ani Lestari", gelar_depan="", gelar_belakang="S.E.")
    PendaftaranFactory(
        peserta=budi,
        angkatan=AngkatanFactory(nomor=3, tahun=2022, program=ProgramFactory(kode="PTSPD")),
        status=Status.LULUS,
    )
    return budi, ani


@pytest.mark.parametrize(
    "q",
    [
        "19660801 198803 1 001",
        "NIP. 19660801 198803 1 001",
        "nip:196608011988031001",
        "1966.0801.1988.03.1.001",
        "１９６６０８０１ １９８８０３ １ ００１",  # full-width digits, which the import and parse_nip accept
    ],
)
def test_a_whole_nip_typed_any_way_opens_the_person(staf_client, orang, q):
    budi, _ani = orang
    response = cari(staf_client, q)
    assert response.status_code == 302 and response["Location"] == reverse("peserta:detail", args=[budi.pk])


@pytest.mark.parametrize("q", ["19660801", "1966 0801", "NIP 198803 1", "１９６６０８０１", "ＮＩＰ　１９８８０３ １"])
def test_part_of_a_nip_lists_who_has_it(staf_client, orang, q):
    budi, _ani = orang
    response = cari(staf_client, q)
    assert response.status_code == 200
    assert list(response.context["hasil"]) == [budi]


@pytest.mark.parametrize("q", ["NIP. 19660801", "N.I.P. 19660801", "nip : 19660801", "ＮＩＰ．１９６６０８０１"])
def test_part_of_a_nip_is_said_back_without_its_label(staf_client, orang, q):
    # The label is read off as the search reads it: what is said back is the part of a NIP that was looked for.
    assert "1 peserta dengan NIP memuat “19660801”." in text(cari(staf_client, q))


@pytest.mark.parametrize(
    "q", ["budi", "BUDI SANTOSO", "Dr. Budi Santoso, S.Sos., M.Si.", "dr budi", "santoso s.sos", "  budi  "]
)
def test_a_name_with_or_without_titles_in_any_case_finds_the_person(staf_client, orang, q):
    budi, _ani = orang
    assert list(cari(staf_client, q).context["hasil"]) == [budi]


def test_each_result_shows_its_enrolments_linking_to_the_person_and_the_angkatan(staf_client, orang):
    budi, ani = orang
    angkatan = budi.pendaftaran.get().angkatan

    page = text(cari(staf_client, "s"))

    assert "2 peserta bernama “s”." in page
    assert reverse("peserta:detail", args=[budi.pk]) in page
    assert angkatan.get_absolute_url() in page
    assert "PTSPD Angkatan III 2022" in page
    assert "Lulus" in page
    assert "Belum pernah terdaftar di angkatan mana pun." in page  # Ani


def test_nothing_found_is_said_plainly(staf_client, orang):
    assert "Tidak ada peserta dengan NIP itu" in text(cari(staf_client, "199912"))
    assert "Tidak ada peserta dengan nama itu" in text(cari(staf_client, "Zulkarnain"))
    assert "Ketik NIP" in text(cari(staf_client, ""))


def test_a_very_long_search_is_cut_to_200_characters(staf_client, orang):
    response = cari(staf_client, "\x00" + "b" * 60_000)
    assert response.status_code == 200
    assert response.context["q"] == "b" * 200
    assert f'value="{"b" * 200}"' in text(response)


def test_results_are_paginated_and_the_query_count_does_not_grow(staf_client, django_assert_max_num_queries):
    program = ProgramFactory()
    for i in range(3):
        PendaftaranFactory(peserta__nama=f"Siti {i:02d}", angkatan=AngkatanFactory(program=program))
    cari(staf_client, "siti")  # warm the session's caches

    with django_assert_max_num_queries(12) as sedikit:
        assert cari(staf_client, "siti").status_code == 200

    for i in range(3, 30):
        p = PesertaFactory(nama=f"Siti {i:02d}")
        for _ in range(2):
            PendaftaranFactory(peserta=p, angkatan=AngkatanFactory(program=program))
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        response = cari(staf_client, "siti")
    assert len(response.context["hasil"]) == 25
    assert "Halaman 1 dari 2" in text(response)
    halaman_2 = cari(staf_client, "siti", page=2)
    assert [p.nama for p in halaman_2.context["hasil"]] == [f"Siti {i:02d}" for i in range(25, 30)]


@pytest.mark.parametrize(("page", "nomor"), [("abc", 1), ("999", 2), ("0", 1), ("", 1)])
def test_a_page_number_that_is_none_shows_the_nearest_page_of_results(staf_client, page, nomor):
    # Was a 404 for ?page=abc or a page past the end.
    for i in range(30):
        PesertaFactory(nama=f"Siti {i:02d}")
    response = cari(staf_client, "siti", page=page)
    assert response.status_code == 200
    assert response.context["page_obj"].number == nomor
    assert f"Halaman {nomor} dari 2" in text(response)


def test_the_search_box_is_in_the_staff_navigation_only(client, staf_client, orang):
    page = text(staf_client.get(reverse("angkatan:list")))
    assert re.search(r'<form method="get"\s+action="/peserta/cari/"', page)
    assert 'placeholder="Cari peserta: NIP atau nama"' in page

    client.force_login(peserta_user())
    assert "/peserta/cari/" not in text(client.get(reverse("beranda")))
    assert cari(client, "budi").status_code == 403


def test_in_the_admin_a_stored_nip_is_read_only_and_points_to_the_guarded_page(client):
    peserta = PesertaFactory(nip=NIP)
    client.force_login(admin_user())
    url = reverse("admin:peserta_peserta_change", args=[peserta.pk])

    page = text(client.get(url))

    assert 'name="nip"' not in page and 'name="tanggal_lahir"' not in page
    assert nip_url(peserta) in page
    assert 'name="nip"' in text(client.get(reverse("admin:peserta_peserta_add")))
