import json
from decimal import Decimal

import pytest
from django.urls import reverse

from angkatan.tests.factories import AngkatanFactory
from diklat.models import KomponenNilai
from diklat.tests.factories import ProgramFactory, admin_user, peserta_user, staf_user
from peserta.models import Nilai, Pendaftaran
from peserta.nilai.tests.test_services import beri_nilai, ikut, program_dinilai
from peserta.tests.factories import PendaftaranFactory, PesertaFactory

pytestmark = pytest.mark.django_db
Status = Pendaftaran.Status


@pytest.fixture
def angkatan():
    return AngkatanFactory(program=program_dinilai())


@pytest.fixture
def admin_client(client):
    client.force_login(admin_user())
    return client


def url(angkatan, name="peserta:nilai"):
    return reverse(name, args=[angkatan.pk])


def sel(p, k):
    return f"nilai-{p.pk}-{k.pk}"


def komponen(angkatan):
    return list(angkatan.program.komponen_nilai.all())


def awal_dari(response) -> str:
    return response.context["awal_json"]


# Who may see and do what -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "method"),
    [("peserta:nilai", "get"), ("peserta:nilai", "post"), ("peserta:nilai-finalisasi", "post")],
)
def test_score_pages_need_staff(client, angkatan, name, method):
    response = getattr(client, method)(url(angkatan, name))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(peserta_user())
    assert getattr(client, method)(url(angkatan, name)).status_code == 403


def test_staff_cannot_unlock_and_participants_neither(client, angkatan):
    p = ikut(angkatan, "Budi")
    beri_nilai(p, 80, 80, 80)
    client.force_login(staf_user())
    client.post(url(angkatan, "peserta:nilai-finalisasi"), {"konfirmasi": "1"})
    angkatan.refresh_from_db()
    assert angkatan.nilai_dikunci_pada is not None

    page = client.get(url(angkatan)).content.decode()
    assert "Buka kunci" not in page
    assert "Hanya admin yang dapat membuka kuncinya." in page
    assert client.post(url(angkatan, "peserta:nilai-buka-kunci"), {"alasan": "salah"}).status_code == 403
    client.force_login(peserta_user())
    assert client.post(url(angkatan, "peserta:nilai-buka-kunci"), {"alasan": "salah"}).status_code == 403
    angkatan.refresh_from_db()
    assert angkatan.nilai_dikunci_pada is not None


def test_unknown_angkatan_is_404(staf_client):
    assert staf_client.get(reverse("peserta:nilai", args=[999999])).status_code == 404


# The grid --------------------------------------------------------------------------------------------------------


def test_grid_shows_components_with_weights_scores_final_score_and_attendance(staf_client, angkatan):
    budi = ikut(angkatan, "Budi Santoso", kehadiran="87.5")
    beri_nilai(budi, "85.5", 90, 80)
    ikut(angkatan, "Ani Lestari")
    PendaftaranFactory(angkatan=angkatan, status=Status.DIUSULKAN, peserta=PesertaFactory(nama="Belum Ikut"))
    sikap = komponen(angkatan)[0]

    response = staf_client.get(url(angkatan))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Sikap dan perilaku" in page and "bobot 20%" in page and "bobot 50%" in page
    assert "Budi Santoso" in page and "Ani Lestari" in page
    assert "Belum Ikut" not in page
    assert f'name="{sel(budi, sikap)}"' in page
    assert 'value="85,5"' in page
    assert 'inputmode="decimal"' in page
    assert "84,10" in page  # 85.5×0.2 + 90×0.3 + 80×0.5
    assert "Memuaskan" in page
    assert "87,5%" in page
    assert "Simpan nilai" in page
    assert "1 dari 2 peserta sudah lengkap nilainya." in page


def test_staff_saves_scores_typed_with_comma_or_point(staf_client, angkatan):
    budi = ikut(angkatan, "Budi")
    sikap, tugas, ujian = komponen(angkatan)
    awal = awal_dari(staf_client.get(url(angkatan)))

    response = staf_client.post(
        url(angkatan), {"awal": awal, sel(budi, sikap): "85,5", sel(budi, tugas): "90.25", sel(budi, ujian): ""}
    )

    assert response.status_code == 302 and response["Location"] == url(angkatan)
    assert dict(Nilai.objects.values_list("komponen__nama", "nilai")) == {
        "Sikap dan perilaku": Decimal("85.5"),
        "Tugas": Decimal("90.25"),
    }
    page = staf_client.get(response["Location"]).content.decode()
    assert "Nilai tersimpan: 2 diisi atau diubah, 0 dikosongkan." in page


def test_saving_after_every_cell_was_saved_on_blur_says_all_is_saved(staf_client, angkatan):
    budi = ikut(angkatan, "Budi")
    sikap = komponen(angkatan)[0]
    # The cell was saved by htmx when it lost focus; the page still holds what was typed.
    staf_client.post(url(angkatan), {sel(budi, sikap): "85"}, HTTP_HX_REQUEST="true")
    awal = awal_dari(staf_client.get(url(angkatan)))

    response = staf_client.post(url(angkatan), {"awal": awal, sel(budi, sikap): "85"}, follow=True)

    page = response.content.decode()
    assert "Semua nilai sudah tersimpan." in page
    assert "alert-success" in page
    assert "tidak ada yang berubah" not in page
    assert "Lulus bila kehadiran minimal 90%" in page


def test_saving_an_empty_grid_says_nothing_was_typed_yet(staf_client, angkatan):
    budi = ikut(angkatan, "Budi")
    sikap = komponen(angkatan)[0]
    awal = awal_dari(staf_client.get(url(angkatan)))

    page = staf_client.post(url(angkatan), {"awal": awal, sel(budi, sikap): ""}, follow=True).content.decode()

    assert "Belum ada nilai yang diisi" in page
    assert "Semua nilai sudah tersimpan" not in page
    assert not Nilai.objects.exists()


def test_a_save_with_bad_cells_stores_nothing_and_shows_each_error_with_the_typed_value(staf_client, angkatan):
    budi, ani = ikut(angkatan, "Budi"), ikut(angkatan, "Ani")
    sikap, tugas, ujian = komponen(angkatan)
    awal = awal_dari(staf_client.get(url(angkatan)))

    response = staf_client.post(
        url(angkatan),
        {
            "awal": awal,
            sel(budi, sikap): "85,5",
            sel(budi, tugas): "abc",
            sel(ani, ujian): "100,01",
            sel(ani, sikap): "",
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Tidak ada nilai yang disimpan: 2 isian salah." in page
    assert "“abc” bukan angka" in page
    assert "“100,01” di luar rentang itu" in page
    assert 'value="abc"' in page and 'value="100,01"' in page and 'value="85,5"' in page
    assert f'aria-describedby="galat-{sel(budi, tugas)}"' in page
    assert not Nilai.objects.exists()


def test_cells_left_untouched_do_not_overwrite_what_someone_else_saved_meanwhile(staf_client, angkatan):
    budi = ikut(angkatan, "Budi")
    sikap, tugas, ujian = komponen(angkatan)
    awal = awal_dari(staf_client.get(url(angkatan)))
    # A colleague enters Tugas while this page is open.
    Nilai.objects.create(pendaftaran=budi, komponen=tugas, nilai=75)

    staf_client.post(url(angkatan), {"awal": awal, sel(budi, sikap): "80", sel(budi, tugas): "", sel(budi, ujian): ""})

    assert dict(Nilai.objects.values_list("komponen__nama", "nilai")) == {
        "Sikap dan perilaku": Decimal("80"),
        "Tugas": Decimal("75"),
    }


@pytest.mark.parametrize(
    "forge",
    [
        lambda lain, budi, k: {sel(lain, k): "80"},  # enrolment of another angkatan
        lambda lain, budi, k: {f"nilai-{budi.pk}-{lain.angkatan.program.komponen_nilai.first().pk}": "80"},
        lambda lain, budi, k: {f"nilai-{budi.pk}-x": "80"},
        lambda lain, budi, k: {f"nilai-{budi.pk}-{k.pk}-1": "80"},
        lambda lain, budi, k: {f"nilai-{'9' * 30}-{k.pk}": "80"},
        lambda lain, budi, k: {f"nilai-999999999999999999-{k.pk}": "80"},
        lambda lain, budi, k: {f"nilai-{budi.pk}-999999999": "80"},
        lambda lain, budi, k: {f"nilai-{budi.pk}-999999999999999999": "80"},
    ],
)
def test_forged_cells_are_refused_with_a_message_and_nothing_stored(staf_client, angkatan, forge):
    budi = ikut(angkatan, "Budi")
    lain = ikut(AngkatanFactory(program=program_dinilai()), "Ani")
    ujian = komponen(angkatan)[2]

    response = staf_client.post(url(angkatan), {sel(budi, ujian): "90", **forge(lain, budi, ujian)})

    assert response.status_code == 200
    assert "Isian nilai tidak dikenal" in response.content.decode()
    assert not Nilai.objects.exists()


def test_a_forged_awal_field_only_means_every_cell_counts_as_changed(staf_client, angkatan):
    budi = ikut(angkatan, "Budi")
    ujian = komponen(angkatan)[2]
    for awal in ("{not json", "[1, 2]", json.dumps({f"{budi.pk}-{ujian.pk}": ["x"]})):
        response = staf_client.post(url(angkatan), {"awal": awal, sel(budi, ujian): "90"})
        assert response.status_code == 302
    assert Nilai.objects.get().nilai == Decimal("90")


def test_grid_query_count_does_not_grow_with_rows(staf_client, angkatan, django_assert_max_num_queries):
    for i in range(3):
        beri_nilai(ikut(angkatan, f"Peserta {i}"), 80, 80, 80)
    with django_assert_max_num_queries(20) as few:
        staf_client.get(url(angkatan))
    for i in range(3, 23):
        beri_nilai(ikut(angkatan, f"Peserta {i}"), 80, 80, 80)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = staf_client.get(url(angkatan))
    assert len(response.context["baris"]) == 23


def test_save_query_count_does_not_grow_with_cells(staf_client, angkatan, django_assert_max_num_queries):
    rows = [ikut(angkatan, f"Peserta {i}") for i in range(20)]
    sikap, tugas, ujian = komponen(angkatan)
    Nilai.objects.create(pendaftaran=rows[1], komponen=ujian, nilai=70)
    Nilai.objects.create(pendaftaran=rows[2], komponen=ujian, nilai=60)
    # One cell added, one changed, one cleared ...
    with django_assert_max_num_queries(25) as few:
        staf_client.post(
            url(angkatan), {sel(rows[0], sikap): "80", sel(rows[1], ujian): "71", sel(rows[2], ujian): ""}
        )
    assert Nilai.objects.count() == 2
    # ... cost the same as sixty.
    data = {sel(p, k): "81" for p in rows for k in (sikap, tugas, ujian)}
    data[sel(rows[0], sikap)] = ""
    with django_assert_max_num_queries(len(few.captured_queries)):
        staf_client.post(url(angkatan), data)
    assert Nilai.objects.filter(nilai=81).count() == 59
    assert Nilai.objects.count() == 59


# Finalising and unlocking ----------------------------------------------------------------------------------------


def test_finalising_needs_the_confirmation_box(staf_client, angkatan):
    beri_nilai(ikut(angkatan, "Budi"), 80, 80, 80)
    response = staf_client.post(url(angkatan, "peserta:nilai-finalisasi"), follow=True)
    assert "Centang konfirmasi dahulu" in response.content.decode()
    angkatan.refresh_from_db()
    assert angkatan.nilai_dikunci_pada is None


def test_incomplete_scores_refuse_finalisation_and_name_who_misses_what(staf_client, angkatan):
    beri_nilai(ikut(angkatan, "Budi Santoso"), 80, 80, 80)
    ikut(angkatan, "Ani Lestari")

    response = staf_client.post(url(angkatan, "peserta:nilai-finalisasi"), {"konfirmasi": "1"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Hasil belum dapat difinalisasi; lengkapi dulu:" in page
    assert "Ani Lestari: nilai Sikap dan perilaku, Tugas, Ujian belum diisi" in page
    assert "Budi Santoso:" not in page
    assert set(Pendaftaran.objects.values_list("status", flat=True)) == {Status.MENGIKUTI}


def test_finalised_grid_is_read_only_and_shows_results(staf_client, angkatan):
    beri_nilai(ikut(angkatan, "Budi Santoso"), 95, 92, 91)
    beri_nilai(ikut(angkatan, "Ani Lestari", kehadiran="50"), 80, 80, 80)

    response = staf_client.post(url(angkatan, "peserta:nilai-finalisasi"), {"konfirmasi": "1"}, follow=True)

    page = response.content.decode()
    assert "Hasil difinalisasi: 1 lulus, 1 tidak lulus. Nilai kini terkunci." in page
    assert "nilai terkunci" in page
    assert '<input type="text"' not in page and "Simpan nilai" not in page
    assert "Finalisasi hasil" not in page
    assert "Sangat Memuaskan" in page and "92,10" in page
    assert "Tidak lulus" in page and "Kehadiran 50% di bawah batas 90%" in page
    assert "Difinalisasi: 1 lulus, 1 tidak lulus" in page

    # A save posted from a page opened before the lock is refused.
    budi = Pendaftaran.objects.get(peserta__nama="Budi Santoso")
    response = staf_client.post(url(angkatan), {sel(budi, komponen(angkatan)[0]): "10"})
    assert "nilai terkunci" in response.content.decode()
    assert not Nilai.objects.filter(nilai=10).exists()


def test_admin_sees_unlock_and_unlocks_with_a_reason(admin_client, angkatan):
    beri_nilai(ikut(angkatan, "Budi Santoso"), 95, 92, 91)
    admin_client.post(url(angkatan, "peserta:nilai-finalisasi"), {"konfirmasi": "1"})
    assert "Buka kunci" in admin_client.get(url(angkatan)).content.decode()

    response = admin_client.post(url(angkatan, "peserta:nilai-buka-kunci"), {"alasan": " "}, follow=True)
    assert "Alasan membuka kunci wajib diisi." in response.content.decode()
    angkatan.refresh_from_db()
    assert angkatan.nilai_dikunci_pada is not None

    response = admin_client.post(
        url(angkatan, "peserta:nilai-buka-kunci"), {"alasan": "Nilai ujian salah ketik"}, follow=True
    )
    page = response.content.decode()
    assert "Kunci nilai dibuka; 1 hasil kembali berstatus Mengikuti" in page
    assert "Kunci dibuka: Nilai ujian salah ketik" in page
    assert "Simpan nilai" in page
    angkatan.refresh_from_db()
    assert angkatan.nilai_dikunci_pada is None
    assert Pendaftaran.objects.get().status == Status.MENGIKUTI


def test_program_without_evaluation_has_no_score_cells_but_can_be_finalised(staf_client):
    angkatan = AngkatanFactory(program=ProgramFactory(dengan_evaluasi=False))
    KomponenNilai.objects.create(program=angkatan.program, nama="Tidak dipakai", bobot=100)
    ikut(angkatan, "Budi Santoso")

    page = staf_client.get(url(angkatan)).content.decode()
    assert "Tidak dipakai" not in page and "Simpan nilai" not in page
    assert "TELAH MENGIKUTI" in page

    response = staf_client.post(url(angkatan, "peserta:nilai-finalisasi"), {"konfirmasi": "1"}, follow=True)
    assert "Hasil difinalisasi: 1 lulus, 0 tidak lulus." in response.content.decode()
    assert "Telah mengikuti" in response.content.decode()
    assert Pendaftaran.objects.get().predikat == ""


def test_empty_angkatan_says_so(staf_client, angkatan):
    page = staf_client.get(url(angkatan)).content.decode()
    assert "Belum ada peserta berstatus Mengikuti di angkatan ini." in page


# Save on leaving a cell (htmx) -------------------------------------------------------------------------------------


def htmx_post(client, angkatan, data):
    return client.post(url(angkatan), data, HTTP_HX_REQUEST="true")


def test_a_cell_is_saved_when_left_and_the_row_total_updates(staf_client, angkatan):
    budi = ikut(angkatan, "Budi")
    beri_nilai(budi, 80, 80, 80)
    ujian = komponen(angkatan)[2]

    response = htmx_post(staf_client, angkatan, {sel(budi, ujian): "90.50"})

    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith("<td")
    assert 'value="90,5"' in page and "is-valid" in page
    assert f'id="akhir-{budi.pk}"' in page and 'hx-swap-oob="true"' in page
    assert "85,25" in page  # 80×0.2 + 80×0.3 + 90.5×0.5
    assert Nilai.objects.get(komponen=ujian).nilai == Decimal("90.5")


def test_a_bad_cell_left_shows_its_error_in_place_and_keeps_the_stored_score(staf_client, angkatan):
    budi = ikut(angkatan, "Budi")
    beri_nilai(budi, 80, 80, 80)
    ujian = komponen(angkatan)[2]

    page = htmx_post(staf_client, angkatan, {sel(budi, ujian): "8O"}).content.decode()

    assert "“8O” bukan angka" in page and 'value="8O"' in page and "is-invalid" in page
    assert Nilai.objects.get(komponen=ujian).nilai == Decimal("80")


@pytest.mark.parametrize("dikunci", [False, True])
def test_a_forged_or_locked_cell_left_answers_in_words(staf_client, angkatan, dikunci):
    budi = ikut(angkatan, "Budi")
    beri_nilai(budi, 80, 80, 80)
    lain = ikut(AngkatanFactory(program=program_dinilai()), "Ani")
    if dikunci:
        staf_client.post(url(angkatan, "peserta:nilai-finalisasi"), {"konfirmasi": "1"})
        data, pesan = {sel(budi, komponen(angkatan)[0]): "10"}, "nilai terkunci"
    else:
        data, pesan = {sel(lain, komponen(angkatan)[0]): "10"}, "Isian nilai tidak dikenal"

    response = htmx_post(staf_client, angkatan, data)

    assert response.status_code == 200
    assert pesan in response.content.decode()
    assert not Nilai.objects.filter(nilai=10).exists()
