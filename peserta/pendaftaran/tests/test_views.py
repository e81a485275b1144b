import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import dateformat, timezone, translation

from angkatan.models import Angkatan
from angkatan.tests.factories import AngkatanFactory
from diklat.models import PangkatGolongan
from diklat.tests.factories import UserFactory, admin_user, peserta_user, staf_user
from peserta.models import Pendaftaran, Peserta, RiwayatStatus
from peserta.pendaftaran.services import pendaftaran_transition
from peserta.tests.factories import PendaftaranFactory, PesertaFactory

pytestmark = pytest.mark.django_db

Status = Pendaftaran.Status
NIP = "196608011988031001"


@pytest.fixture
def staf():
    return staf_user(first_name="Sri", last_name="Wahyuni")


def tambah_url(angkatan, **params) -> str:
    url = reverse("peserta:tambah", args=[angkatan.pk])
    if params:
        from urllib.parse import urlencode

        url += "?" + urlencode(params)
    return url


def form_data(nip="19660801 198803 1 001", **overrides) -> dict:
    data = {
        "nip": nip,
        "gelar_depan": "Dr.",
        "nama": "Budi Santoso",
        "gelar_belakang": "S.Sos., M.Si.",
        "tempat_lahir": "Purwokerto",
        "pangkat": PangkatGolongan.objects.get(golongan="IV/b").pk,
        "jabatan": "Sekretaris Dinas Kesehatan",
        "kategori_jabatan": "sekretaris_dinas",
        "instansi": "Dinas Kesehatan Kabupaten Banyumas",
        "provinsi": "33",
        "kabupaten_kota": "33.02",
        "email": "budi.santoso@banyumaskab.go.id",
        "telepon": "0812-3456-7890",
    }
    data.update(overrides)
    return data


def values_of(form) -> dict:
    """Return what the browser would send back for an unchanged form."""
    return {name: "" if form[name].value() is None else form[name].value() for name in form.fields}


def text(response) -> str:
    return response.content.decode()


# Who may ------------------------------------------------------------------------------------------------------------


def _urls(pendaftaran):
    angkatan = pendaftaran.angkatan
    return [
        ("get", reverse("peserta:tambah", args=[angkatan.pk])),
        ("post", reverse("peserta:tambah", args=[angkatan.pk])),
        ("post", reverse("peserta:aksi-massal", args=[angkatan.pk])),
        ("get", reverse("peserta:status", args=[angkatan.pk, pendaftaran.pk]) + "?ke=ditolak"),
        ("post", reverse("peserta:status", args=[angkatan.pk, pendaftaran.pk])),
        ("get", reverse("peserta:detail", args=[pendaftaran.peserta_id])),
        ("get", reverse("peserta:kabkota-pilihan") + "?provinsi=33"),
    ]


def test_anonymous_visitors_go_to_the_login_page(client):
    pendaftaran = PendaftaranFactory()
    for method, url in _urls(pendaftaran):
        response = getattr(client, method)(url, {"ke": "diverifikasi"} if method == "post" else None)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login")), url
    pendaftaran.refresh_from_db()
    assert pendaftaran.status == Status.DIUSULKAN


def test_participants_get_403_and_change_nothing(client):
    pendaftaran = PendaftaranFactory()
    client.force_login(peserta_user())
    for method, url in _urls(pendaftaran):
        data = {"ke": "diverifikasi", "pilih": [pendaftaran.pk], "aksi": "diverifikasi"} if method == "post" else None
        assert getattr(client, method)(url, data).status_code == 403, url
    pendaftaran.refresh_from_db()
    assert pendaftaran.status == Status.DIUSULKAN


def test_roster_shows_actions_only_to_users_who_may_change_enrolments(client, staf_client):
    pendaftaran = PendaftaranFactory()
    url = pendaftaran.angkatan.get_absolute_url()
    page = text(staf_client.get(url))
    assert "Verifikasi yang dipilih" in page
    assert "Tambah peserta" in page
    assert reverse("peserta:tambah", args=[pendaftaran.angkatan.pk]) in page

    viewer = UserFactory()
    viewer.user_permissions.add(Permission.objects.get(codename="view_angkatan"))
    client.force_login(viewer)
    page = text(client.get(url))
    assert pendaftaran.peserta.nama_lengkap in page
    assert "Verifikasi yang dipilih" not in page
    assert "Tambah peserta" not in page
    assert 'name="pilih"' not in page


# Enrolling one by one --------------------------------------------------------------------------------------------


def test_enrol_a_new_person_in_two_steps_without_javascript(staf_client, staf):
    angkatan = AngkatanFactory(nomor=4, kuota=30)

    step1 = staf_client.get(tambah_url(angkatan))
    assert step1.status_code == 200
    assert "Langkah 1: NIP peserta" in text(step1)
    assert "Sisa kuota: 30 dari 30" in text(step1)

    step2 = staf_client.get(tambah_url(angkatan, nip="19660801 198803 1 001"))
    page = text(step2)
    assert "Langkah 2: data peserta" in page
    assert "Peserta baru" in page
    assert "19660801 198803 1 001" in page
    assert "lahir 1 Agustus 1966" in page

    response = staf_client.post(tambah_url(angkatan), form_data(), follow=True)

    peserta = Peserta.objects.get()
    assert (peserta.nip, peserta.nama_lengkap) == (NIP, "Dr. Budi Santoso, S.Sos., M.Si.")
    assert peserta.kabupaten_kota.nama == "Kabupaten Banyumas"
    pendaftaran = Pendaftaran.objects.get()
    assert (pendaftaran.angkatan, pendaftaran.status) == (angkatan, Status.DIUSULKAN)
    assert RiwayatStatus.objects.get().oleh == staf
    assert response.redirect_chain[-1][0].startswith(angkatan.get_absolute_url())
    page = text(response)
    assert "Dr. Budi Santoso, S.Sos., M.Si. terdaftar di angkatan ini dengan status “Diusulkan”." in page
    assert reverse("peserta:detail", args=[peserta.pk]) in page
    assert "1 dari 30 tempat terisi" in page


def test_enrol_and_add_another_returns_to_step_one(staf_client):
    angkatan = AngkatanFactory()
    response = staf_client.post(tambah_url(angkatan), {**form_data(), "lanjut": "tambah-lagi"})
    assert response.status_code == 302
    assert response.url == tambah_url(angkatan)


def test_enrol_a_known_person_with_an_updated_position_shows_in_the_audit_trail(staf_client):
    peserta = PesertaFactory(nip=NIP, jabatan="Kepala Bidang Pelayanan Kesehatan")
    angkatan = AngkatanFactory()

    step2 = staf_client.get(tambah_url(angkatan, nip=NIP))
    page = text(step2)
    assert "Sudah ada di basis data" in page
    assert 'value="Kepala Bidang Pelayanan Kesehatan"' in page
    data = values_of(step2.context["form"])
    assert data["telepon"] == "+62 812-3456-7890"
    data["jabatan"] = "Sekretaris Dinas Kesehatan"

    response = staf_client.post(tambah_url(angkatan), data)

    assert response.status_code == 302
    peserta.refresh_from_db()
    assert peserta.jabatan == "Sekretaris Dinas Kesehatan"
    assert peserta.telepon == "+6281234567890"
    assert Pendaftaran.objects.get().peserta == peserta
    detail = text(staf_client.get(reverse("peserta:detail", args=[peserta.pk])))
    assert "Jabatan:</span> <del>Kepala Bidang Pelayanan Kesehatan</del> → <ins>Sekretaris Dinas Kesehatan</ins>" in (
        detail
    )
    assert "oleh Sri Wahyuni" in detail
    # Only the changed field is listed: nothing about the phone, which was sent back as displayed.
    update = LogEntry.objects.get_for_object(peserta).get(action=LogEntry.Action.UPDATE)
    assert set(update.changes_dict) <= {"jabatan", "updated_at"}


def test_nip_typed_with_dots_is_understood(staf_client):
    angkatan = AngkatanFactory()

    step2 = staf_client.get(tambah_url(angkatan, nip="19660801.198803.1.001"))
    assert "Langkah 2: data peserta" in text(step2)
    response = staf_client.post(tambah_url(angkatan), form_data(nip="19660801.198803.1.001"))

    assert response.status_code == 302
    assert Peserta.objects.get().nip == NIP


def test_nip_in_scientific_notation_is_refused_with_the_digits_lost_message(staf_client):
    angkatan = AngkatanFactory()

    step1 = staf_client.get(tambah_url(angkatan, nip="1.96608E+17"))
    assert "digit-digit terakhirnya sudah hilang" in text(step1)
    assert "Langkah 2" not in text(step1)

    response = staf_client.post(tambah_url(angkatan), form_data(nip="1.96608E+17"))

    assert response.status_code == 200
    assert "digit-digit terakhirnya sudah hilang" in text(response)
    assert not Peserta.objects.exists()
    assert not Pendaftaran.objects.exists()


@pytest.mark.parametrize(
    ("nip", "pesan"),
    [
        ("196608011988031001.0", "tampak seperti angka yang disimpan spreadsheet"),
        ("1.97108E+17", "notasi ilmiah"),
    ],
)
def test_a_nip_typed_as_a_spreadsheet_number_is_answered_for_a_form_not_an_upload(staf_client, nip, pesan):
    angkatan = AngkatanFactory()

    for response in (
        staf_client.get(tambah_url(angkatan, nip=nip)),
        staf_client.post(tambah_url(angkatan), form_data(nip=nip)),
    ):
        page = text(response)
        assert pesan in page and "Isi NIP lengkap 18 digit." in page
        # Nothing is uploaded here: no advice to format a column and upload again.
        assert "unggah lagi" not in page and "Format kolom NIP" not in page and "format kolom NIP" not in page
    assert not Peserta.objects.exists()


def test_bad_person_data_is_shown_next_to_the_field_and_nothing_stored(staf_client):
    angkatan = AngkatanFactory()
    response = staf_client.post(
        tambah_url(angkatan), form_data(kabupaten_kota="32.73", telepon="12345", pangkat="999999")
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "tidak berada di provinsi yang dipilih" in errors["kabupaten_kota"][0]
    assert "telepon" in errors
    assert "pangkat" in errors
    assert not Peserta.objects.exists()


def test_province_is_taken_from_the_kab_kota(staf_client):
    angkatan = AngkatanFactory()
    response = staf_client.post(tambah_url(angkatan), form_data(provinsi=""))
    assert response.status_code == 302
    assert Peserta.objects.get().provinsi.kode == "33"


def test_full_kuota_is_said_before_and_refused_on_save(staf_client):
    angkatan = AngkatanFactory(kuota=1)
    PendaftaranFactory(angkatan=angkatan)

    assert "Kuota angkatan sudah penuh (1 orang)" in text(staf_client.get(tambah_url(angkatan)))
    response = staf_client.post(tambah_url(angkatan), form_data())

    assert "Kuota angkatan sudah penuh (1 orang)" in text(response)
    assert not Peserta.objects.filter(nip=NIP).exists()
    assert Pendaftaran.objects.count() == 1


def test_second_enrolment_of_the_same_person_is_refused_with_a_clear_message(staf_client):
    angkatan = AngkatanFactory()
    PendaftaranFactory(angkatan=angkatan, peserta__nip=NIP, peserta__nama="Budi Santoso", peserta__gelar_belakang="")

    step2 = staf_client.get(tambah_url(angkatan, nip="19660801 198803 1 001"))
    assert "Budi Santoso sudah terdaftar di angkatan ini (status: Diusulkan)." in text(step2)
    assert "Langkah 2" not in text(step2)
    response = staf_client.post(tambah_url(angkatan), form_data())

    assert "Budi Santoso sudah terdaftar di angkatan ini (status: Diusulkan)." in text(response)
    assert Pendaftaran.objects.count() == 1


@pytest.mark.parametrize("status", [Angkatan.Status.FINISHED, Angkatan.Status.CLOSED])
def test_finished_angkatan_refuses_enrolment(staf_client, status):
    angkatan = AngkatanFactory(status=status)
    assert "peserta tidak dapat ditambahkan lagi" in text(staf_client.get(tambah_url(angkatan)))
    response = staf_client.post(tambah_url(angkatan), form_data())
    assert "peserta tidak dapat ditambahkan lagi" in text(response)
    assert not Pendaftaran.objects.exists()


def test_with_htmx_typing_the_nip_loads_step_two_in_place(staf_client):
    angkatan = AngkatanFactory()
    PesertaFactory(nip=NIP, nama="Budi Santoso")
    headers = {"HX-Request": "true"}

    typing = staf_client.get(tambah_url(angkatan, nip="19660801 1988"), headers=headers)
    assert "<html" not in text(typing)
    assert "Ketik NIP lengkap 18 digit" in text(typing)
    assert "harus 18 digit" not in text(typing)

    done = staf_client.get(tambah_url(angkatan, nip="19660801 198803 1 001"), headers=headers)
    assert "<html" not in text(done)
    assert 'value="Budi Santoso"' in text(done)

    wrong = staf_client.get(tambah_url(angkatan, nip="1.96608E+17"), headers=headers)
    assert "digit-digit terakhirnya sudah hilang" in text(wrong)


def test_kab_kota_options_follow_the_province(staf_client):
    url = reverse("peserta:kabkota-pilihan")
    jateng = text(staf_client.get(url, {"provinsi": "33", "kabupaten_kota": "33.02"}))
    assert '<option value="33.02" selected>Kabupaten Banyumas</option>' in jateng
    assert "Kota Bandung" not in jateng
    semua = text(staf_client.get(url, {"provinsi": "x' OR 1=1"}))
    assert '<optgroup label="Jawa Barat">' in semua
    assert "Kota Bandung" in semua


def test_the_no_javascript_kab_kota_list_is_grouped_by_province(staf_client):
    page = text(staf_client.get(tambah_url(AngkatanFactory(), nip=NIP)))
    assert '<optgroup label="Jawa Tengah">' in page
    assert 'hx-get="' + reverse("peserta:kabkota-pilihan") in page


def test_enrolling_someone_known_lists_the_kab_kota_of_their_province(staf_client):
    PesertaFactory(nip=NIP)  # Kabupaten Banyumas, Jawa Tengah
    angkatan = AngkatanFactory()

    page = text(staf_client.get(tambah_url(angkatan, nip=NIP)))

    assert '<option value="33.02" selected>Kabupaten Banyumas</option>' in page
    assert "<optgroup" not in page and "Kota Bandung" not in page
    assert 'hx-get="' + reverse("peserta:kabkota-pilihan") in page


# Status workflow on the roster ------------------------------------------------------------------------------------


def test_row_action_verifies_and_the_roster_says_so(staf_client, staf):
    pendaftaran = PendaftaranFactory(peserta__nama="Budi", peserta__gelar_belakang="")
    url = reverse("peserta:status", args=[pendaftaran.angkatan.pk, pendaftaran.pk])

    response = staf_client.post(url, {"ke": "diverifikasi"}, follow=True)

    pendaftaran.refresh_from_db()
    assert pendaftaran.status == Status.DIVERIFIKASI
    assert RiwayatStatus.objects.get().oleh == staf
    assert "Budi: Diusulkan → Diverifikasi." in text(response)


def test_reject_without_a_reason_is_refused_and_with_one_shows_it_on_the_roster(staf_client):
    pendaftaran = PendaftaranFactory()
    url = reverse("peserta:status", args=[pendaftaran.angkatan.pk, pendaftaran.pk])

    form_page = staf_client.get(url, {"ke": "ditolak"})
    assert form_page.status_code == 200
    assert 'name="alasan"' in text(form_page)

    refused = staf_client.post(url, {"ke": "ditolak", "alasan": "   "})
    assert refused.status_code == 200
    assert "Alasan wajib diisi." in text(refused)
    pendaftaran.refresh_from_db()
    assert pendaftaran.status == Status.DIUSULKAN

    done = staf_client.post(url, {"ke": "ditolak", "alasan": "Bukan sekretaris perangkat daerah"}, follow=True)
    pendaftaran.refresh_from_db()
    assert pendaftaran.status == Status.DITOLAK
    assert "Bukan sekretaris perangkat daerah" in text(done)


def test_withdraw_needs_a_reason_too(staf_client):
    pendaftaran = PendaftaranFactory(status=Status.MENGIKUTI)
    url = reverse("peserta:status", args=[pendaftaran.angkatan.pk, pendaftaran.pk])
    assert "Alasan wajib diisi." in text(staf_client.post(url, {"ke": "mengundurkan_diri", "alasan": ""}))
    staf_client.post(url, {"ke": "mengundurkan_diri", "alasan": "Mutasi jabatan"})
    pendaftaran.refresh_from_db()
    assert (pendaftaran.status, pendaftaran.alasan) == (Status.MENGUNDURKAN_DIRI, "Mutasi jabatan")


@pytest.mark.parametrize(
    ("status", "ke", "pesan"),
    [
        (Status.MENGIKUTI, "lulus", "Aksi status tidak dikenal"),
        (Status.DIUSULKAN, "<script>", "Aksi status tidak dikenal"),
        (Status.DITOLAK, "diverifikasi", "berstatus “Ditolak” dan tidak dapat diubah menjadi “Diverifikasi”"),
    ],
)
def test_invalid_row_moves_are_refused_with_a_message(staf_client, status, ke, pesan):
    pendaftaran = PendaftaranFactory(status=status)
    url = reverse("peserta:status", args=[pendaftaran.angkatan.pk, pendaftaran.pk])
    for response in (staf_client.post(url, {"ke": ke}, follow=True), staf_client.get(url, {"ke": ke}, follow=True)):
        assert pesan in text(response)
    pendaftaran.refresh_from_db()
    assert pendaftaran.status == status


def test_row_action_on_an_enrolment_of_another_angkatan_is_404(staf_client):
    mine, other = PendaftaranFactory(), PendaftaranFactory()
    url = reverse("peserta:status", args=[mine.angkatan.pk, other.pk])
    assert staf_client.post(url, {"ke": "diverifikasi"}).status_code == 404
    other.refresh_from_db()
    assert other.status == Status.DIUSULKAN


def test_bulk_verify_moves_the_selection_and_summarises(staf_client):
    angkatan = AngkatanFactory()
    rows = PendaftaranFactory.create_batch(3, angkatan=angkatan)
    budi = PendaftaranFactory(
        angkatan=angkatan, status=Status.DITOLAK, peserta__nama="Budi", peserta__gelar_belakang=""
    )

    response = staf_client.post(
        reverse("peserta:aksi-massal", args=[angkatan.pk]),
        {"aksi": "diverifikasi", "pilih": [p.pk for p in [*rows, budi]]},
        follow=True,
    )

    assert "3 diverifikasi; 1 dilewati: Budi (sudah ditolak)." in text(response)
    assert Pendaftaran.objects.filter(status=Status.DIVERIFIKASI).count() == 3


def test_bulk_verify_with_a_forged_pk_of_another_angkatan_changes_nothing(staf_client):
    angkatan = AngkatanFactory()
    mine = PendaftaranFactory(angkatan=angkatan)
    other = PendaftaranFactory()

    response = staf_client.post(
        reverse("peserta:aksi-massal", args=[angkatan.pk]),
        {"aksi": "diverifikasi", "pilih": [mine.pk, other.pk]},
        follow=True,
    )

    assert "tidak terdaftar di angkatan ini; tidak ada yang diubah" in text(response)
    assert set(Pendaftaran.objects.values_list("status", flat=True)) == {Status.DIUSULKAN}


@pytest.mark.parametrize(
    ("data", "pesan"),
    [
        ({"aksi": "ditolak", "alasan": ""}, "Alasan wajib diisi"),
        ({"aksi": "lulus"}, "tidak dikenal"),
        ({"aksi": "diverifikasi", "pilih": ["1; DROP TABLE"]}, "Pilihan peserta tidak sah"),
        ({"aksi": "diverifikasi", "pilih": []}, "Belum ada peserta yang dipilih"),
    ],
)
def test_bad_bulk_requests_get_a_message_and_change_nothing(staf_client, data, pesan):
    pendaftaran = PendaftaranFactory()
    data = {"pilih": [pendaftaran.pk], **data}
    response = staf_client.post(reverse("peserta:aksi-massal", args=[pendaftaran.angkatan.pk]), data, follow=True)
    assert response.status_code == 200
    assert pesan in text(response)
    pendaftaran.refresh_from_db()
    assert pendaftaran.status == Status.DIUSULKAN


def test_bulk_reject_with_one_reason_keeps_the_status_filter(staf_client):
    angkatan = AngkatanFactory()
    rows = PendaftaranFactory.create_batch(2, angkatan=angkatan)
    response = staf_client.post(
        reverse("peserta:aksi-massal", args=[angkatan.pk]),
        {
            "aksi": "ditolak",
            "alasan": "Kuota daerah terlampaui",
            "pilih": [p.pk for p in rows],
            "status_filter": "diusulkan",
        },
    )
    assert response.url == angkatan.get_absolute_url() + "?status=diusulkan#judul-peserta"
    assert set(Pendaftaran.objects.values_list("status", "alasan")) == {(Status.DITOLAK, "Kuota daerah terlampaui")}


# Roster ------------------------------------------------------------------------------------------------------------


def test_roster_shows_counts_kuota_badges_reasons_and_filters_by_status(staf_client):
    angkatan = AngkatanFactory(kuota=10)
    PendaftaranFactory(angkatan=angkatan, peserta__nama="Ani", peserta__gelar_belakang="")
    PendaftaranFactory(
        angkatan=angkatan, status=Status.DIVERIFIKASI, peserta__nama="Citra", peserta__gelar_belakang=""
    )
    PendaftaranFactory(
        angkatan=angkatan,
        status=Status.DITOLAK,
        alasan="Bukan pejabat sekretaris",
        peserta__nama="Budi",
        peserta__gelar_belakang="",
        peserta__nip=NIP,
    )

    page = text(staf_client.get(angkatan.get_absolute_url()))
    assert "2 dari 10 tempat terisi · 8 tersisa" in page
    assert "19660801 198803 1 001" in page
    assert "text-bg-danger" in page
    assert 'title="Bukan pejabat sekretaris"' in page
    assert "Diverifikasi <span" in page

    filtered = text(staf_client.get(angkatan.get_absolute_url(), {"status": "ditolak"}))
    assert "Budi" in filtered
    assert "Ani" not in filtered
    assert "Ani" not in text(staf_client.get(angkatan.get_absolute_url(), {"status": "ditolak"}))
    bogus = text(staf_client.get(angkatan.get_absolute_url(), {"status": "'><script>"}))
    assert "Ani" in bogus and "Budi" in bogus


def test_angkatan_page_query_count_does_not_grow_with_the_roster(staf_client, django_assert_max_num_queries):
    angkatan = AngkatanFactory(kuota=60)
    PendaftaranFactory(angkatan=angkatan)
    url = angkatan.get_absolute_url()
    staf_client.get(url)  # warm caches (content types, permissions of the session)

    with django_assert_max_num_queries(20) as few:
        assert staf_client.get(url).status_code == 200

    for status in Status.values:
        PendaftaranFactory.create_batch(
            3, angkatan=angkatan, status=status, peserta__kabupaten_kota=None, alasan="Alasan"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = text(staf_client.get(url))
    assert page.count('name="pilih"') == 1 + 3 * len(Status.values)


# Participant page for staff ----------------------------------------------------------------------------------------


def test_participant_page_shows_data_enrolments_history_and_audit(staf_client, staf):
    peserta = PesertaFactory(
        nip=NIP, nama="Budi Santoso", gelar_depan="Dr.", gelar_belakang="S.Sos., M.Si.", telepon="+6281234567890"
    )
    pendaftaran = PendaftaranFactory(peserta=peserta, angkatan=AngkatanFactory(nomor=3))
    pendaftaran_transition(pendaftaran=pendaftaran, ke=Status.DITOLAK, user=staf, alasan="Berkas belum lengkap")

    response = staf_client.get(reverse("peserta:detail", args=[peserta.pk]))

    page = text(response)
    assert "Dr. Budi Santoso, S.Sos., M.Si." in page
    assert "NIP 19660801 198803 1 001" in page
    assert "Pembina" not in page or "IV/" in page
    assert str(peserta.pangkat) in page
    assert "Sekretaris Dinas Kesehatan" in page
    assert "+62 812-3456-7890" in page
    assert "Angkatan III" in page
    assert "Berkas belum lengkap" in page
    assert "oleh Sri Wahyuni" in page
    assert "<del>Diusulkan</del> → <ins>Ditolak</ins>" in page
    assert "Status:</span>" in page
    with translation.override("id"):
        hari_ini = dateformat.format(timezone.localtime(), "l, j F Y")
    assert hari_ini in page


def test_participant_page_is_404_for_an_unknown_person(staf_client):
    assert staf_client.get(reverse("peserta:detail", args=[987654])).status_code == 404


def test_participant_page_query_count_does_not_grow(staf_client, staf, django_assert_max_num_queries):
    peserta = PesertaFactory()
    PendaftaranFactory(peserta=peserta)
    url = reverse("peserta:detail", args=[peserta.pk])
    staf_client.get(url)

    with django_assert_max_num_queries(20) as few:
        assert staf_client.get(url).status_code == 200

    for _ in range(4):
        p = PendaftaranFactory(peserta=peserta)
        pendaftaran_transition(pendaftaran=p, ke=Status.DIVERIFIKASI, user=staf)
        pendaftaran_transition(pendaftaran=p, ke=Status.MENGIKUTI, user=staf)
    peserta.jabatan = "Camat"
    peserta.pangkat = PangkatGolongan.objects.get(golongan="IV/a")
    peserta.save()
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = text(staf_client.get(url))
    assert page.count("<del>Diverifikasi</del> → <ins>Mengikuti</ins>") == 4


def test_admins_see_history_in_the_admin_where_status_cannot_be_edited(client, staf):
    pendaftaran = PendaftaranFactory()
    pendaftaran_transition(pendaftaran=pendaftaran, ke=Status.DITOLAK, user=staf, alasan="Berkas belum lengkap")
    client.force_login(admin_user())

    page = client.get(reverse("admin:peserta_pendaftaran_change", args=[pendaftaran.pk]))
    assert page.status_code == 200
    assert "Berkas belum lengkap" in text(page)
    assert 'name="status"' not in text(page)
    assert client.get(reverse("admin:peserta_pendaftaran_add")).status_code == 403
    assert client.get(reverse("admin:peserta_peserta_change", args=[pendaftaran.peserta_id])).status_code == 200


def test_strangers_learn_nothing_about_which_ids_exist(client):
    pendaftaran = PendaftaranFactory()
    angkatan = pendaftaran.angkatan
    urls = [
        reverse("peserta:tambah", args=[angkatan.pk]),
        reverse("peserta:tambah", args=[999999]),
        reverse("peserta:status", args=[angkatan.pk, pendaftaran.pk]),
        reverse("peserta:status", args=[angkatan.pk, 999999]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url
    client.force_login(peserta_user())
    assert {client.get(url).status_code for url in urls} == {403}
