import logging
import re

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone

from diklat.models import KomponenNilai, MataPelatihan, Program
from diklat.tests.factories import MataPelatihanFactory, ProgramFactory, admin_user, peserta_user, staf_user

pytestmark = pytest.mark.django_db


def program_data(**overrides):
    """Return the POST of the program page: the program, two subjects, the default bands and score components."""
    data = {
        "nama": "Diklat Penguatan Tugas-Tugas Sekretaris Perangkat Daerah",
        "kode": "ptspd",
        "deskripsi": "",
        "dengan_evaluasi": "on",
        "min_kehadiran_persen": "90",
        "pola_nomor_sertifikat": "{seq:04d}/STTP/{program}-{angkatan}/BPSDM/{year}",
        "nama_instansi": "KEMENTERIAN DALAM NEGERI\nBADAN PENGEMBANGAN SUMBER DAYA MANUSIA",
        "mp-TOTAL_FORMS": "3",
        "mp-INITIAL_FORMS": "0",
        "mp-0-urutan": "1",
        "mp-0-nama": "Tata Naskah Dinas",
        "mp-0-jp": "6",
        "mp-1-urutan": "2",
        "mp-1-nama": "Pengelolaan Keuangan Daerah",
        "mp-1-jp": "8",
        "predikat-TOTAL_FORMS": "3",
        "predikat-INITIAL_FORMS": "0",
        "predikat-0-nama": "Sangat Memuaskan",
        "predikat-0-nilai_minimal": "90.01",
        "predikat-1-nama": "Memuaskan",
        "predikat-1-nilai_minimal": "80.01",
        "predikat-2-nama": "Cukup Memuaskan",
        "predikat-2-nilai_minimal": "70.01",
        "komponen-TOTAL_FORMS": "4",
        "komponen-INITIAL_FORMS": "0",
        "komponen-0-urutan": "1",
        "komponen-0-nama": "Sikap dan perilaku",
        "komponen-0-bobot": "20",
        "komponen-1-urutan": "2",
        "komponen-1-nama": "Tugas",
        "komponen-1-bobot": "30",
        "komponen-2-urutan": "3",
        "komponen-2-nama": "Ujian",
        "komponen-2-bobot": "50",
    }
    data.update(overrides)
    return data


def test_new_program_form_offers_the_default_predikat_bands(staf_client):
    page = staf_client.get(reverse("diklat:program-create")).content.decode()
    assert 'value="Sangat Memuaskan"' in page
    assert 'value="90.01"' in page


def test_staff_creates_program_with_curriculum_and_bands(staf_client):
    response = staf_client.post(reverse("diklat:program-create"), program_data())

    program = Program.objects.get()
    assert response.status_code == 302
    assert program.kode == "PTSPD"
    assert [(mp.urutan, mp.nama, mp.jp) for mp in program.mata_pelatihan.all()] == [
        (1, "Tata Naskah Dinas", 6),
        (2, "Pengelolaan Keuangan Daerah", 8),
    ]
    assert program.total_jp == 14
    page = staf_client.get(response["Location"]).content.decode()
    assert "Pengelolaan Keuangan Daerah" in page
    assert "Cukup Memuaskan" in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"mp-0-jp": "0"}, "lebih besar dari atau sama dengan 1"),
        ({"mp-1-nama": "Tata Naskah Dinas"}, "dua kali"),
        ({"predikat-1-nilai_minimal": "90.01"}, "batas nilai yang sama"),
        ({"predikat-0-nilai_minimal": "101"}, "lebih kecil dari atau sama dengan 100"),
        ({"pola_nomor_sertifikat": "STTP/{tahun}"}, "Penanda “{tahun}” tidak dikenal"),
        ({"pola_nomor_sertifikat": "{seq.foo}"}, "tidak dikenal"),
        ({"pola_nomor_sertifikat": "{seq:>999999999}"}, "tidak didukung"),
        ({"pola_nomor_sertifikat": "STTP/{program}"}, "nomor urut"),
        ({"min_kehadiran_persen": "120"}, "lebih kecil dari atau sama dengan 100"),
        ({"kode": "PT SPD!"}, "Kode hanya boleh berisi huruf kapital"),
        # Printed on certificates and exported: never a formula for a spreadsheet to run.
        ({"nama": "=1+2"}, "seperti rumus spreadsheet"),
        ({"mp-1-nama": "@SUM(A1)"}, "seperti rumus spreadsheet"),
        ({"predikat-0-nama": "+Sangat Memuaskan"}, "seperti rumus spreadsheet"),
        ({"komponen-2-nama": "-Ujian"}, "seperti rumus spreadsheet"),
        ({"pola_nomor_sertifikat": "={seq:04d}/{program}/{year}"}, "seperti rumus spreadsheet"),
        (
            {
                "predikat-0-nama": "",
                "predikat-0-nilai_minimal": "",
                "predikat-1-nama": "",
                "predikat-1-nilai_minimal": "",
                "predikat-2-nama": "",
                "predikat-2-nilai_minimal": "",
            },
            "setidaknya satu predikat",
        ),
    ],
)
def test_bad_program_input_gets_a_message_and_stores_nothing(staf_client, overrides, message):
    response = staf_client.post(reverse("diklat:program-create"), program_data(**overrides))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert "Periksa kembali isian yang ditandai." in response.content.decode()
    assert not Program.objects.exists()
    assert not MataPelatihan.objects.exists()


def test_editing_a_program_deletes_and_reorders_subjects(staf_client):
    program = ProgramFactory(kode="PTSPD")
    first = MataPelatihanFactory(program=program, urutan=1, nama="Kearsipan", jp=4)
    second = MataPelatihanFactory(program=program, urutan=2, nama="Humas dan Protokol", jp=4)
    bands = list(program.predikat.all())
    data = program_data(
        nama=program.nama,
        kode="PTSPD",
        **{
            "mp-TOTAL_FORMS": "2",
            "mp-INITIAL_FORMS": "2",
            "mp-0-id": str(first.pk),
            "mp-0-urutan": "2",
            "mp-0-nama": "Kearsipan",
            "mp-0-jp": "4",
            "mp-1-id": str(second.pk),
            "mp-1-urutan": "1",
            "mp-1-nama": "Humas dan Protokol",
            "mp-1-jp": "4",
            "mp-1-DELETE": "on",
            "predikat-INITIAL_FORMS": "3",
        },
    )
    for i, band in enumerate(sorted(bands, key=lambda b: -b.nilai_minimal)):
        data[f"predikat-{i}-id"] = str(band.pk)

    response = staf_client.post(reverse("diklat:program-update", args=[program.pk]), data)

    assert response.status_code == 302
    assert [(mp.nama, mp.urutan) for mp in program.mata_pelatihan.all()] == [("Kearsipan", 2)]


def test_program_list_searches_and_counts_queries(staf_client, django_assert_max_num_queries):
    ProgramFactory(nama="Diklat Sekretaris", kode="PTSPD")
    ProgramFactory(nama="Diklat Camat", kode="CAMAT")
    with django_assert_max_num_queries(10) as few:
        response = staf_client.get(reverse("diklat:program-list"), {"q": "camat"})
    assert [p.kode for p in response.context["programs"]] == ["CAMAT"]
    for program in ProgramFactory.create_batch(15):
        MataPelatihanFactory.create_batch(2, program=program)
    with django_assert_max_num_queries(len(few.captured_queries)):
        staf_client.get(reverse("diklat:program-list"))


def test_program_list_is_paginated(staf_client):
    ProgramFactory.create_batch(30)
    first = staf_client.get(reverse("diklat:program-list"))
    second = staf_client.get(reverse("diklat:program-list"), {"page": 2})
    assert len(first.context["programs"]) == 25
    assert len(second.context["programs"]) == 5


@pytest.mark.parametrize(
    ("page", "nomor"), [("999", 2), ("abc", 1), ("0", 1), ("-1", 1), ("9" * 5000, 1), ("2.5", 1), ("last", 2)]
)
def test_a_page_number_that_is_none_shows_the_nearest_page(staf_client, page, nomor):
    # Was a 404: a link kept from a longer list, or a page typed by hand, still shows the list.
    ProgramFactory.create_batch(30)
    response = staf_client.get(reverse("diklat:program-list"), {"page": page})
    assert response.status_code == 200
    assert response.context["page_obj"].number == nomor
    assert f"Halaman {nomor} dari 2" in response.content.decode()


@pytest.mark.parametrize("q", ["\x00", "x" * 5000, "²", "%"])
def test_odd_program_searches_never_fail(staf_client, q):
    ProgramFactory(nama="Diklat Sekretaris", kode="PTSPD")
    assert staf_client.get(reverse("diklat:program-list"), {"q": q}).status_code == 200


def test_a_very_long_program_search_is_cut_to_200_characters(staf_client):
    ProgramFactory(nama="Diklat Sekretaris", kode="PTSPD")
    response = staf_client.get(reverse("diklat:program-list"), {"q": "\x00" + "x" * 60_000})
    page = response.content.decode()
    assert response.status_code == 200
    assert f'value="{"x" * 200}"' in page
    assert response.context["q"] == "x" * 200


@pytest.mark.parametrize("name", ["diklat:program-list", "diklat:program-create"])
def test_program_pages_need_staff(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(peserta_user())
    assert client.get(reverse(name)).status_code == 403


def test_staff_cannot_reach_user_administration_but_admin_can(client):
    # Even with Django's is_staff flag, the Staf BPSDM role does not open the admin.
    client.force_login(staf_user(is_staff=True, username="staf-flag"))
    response = client.get("/admin/diklat/user/")
    assert response.status_code == 302  # to the admin login, not the list
    assert "tidak diperbolehkan untuk mengakses halaman ini" in client.get("/admin/", follow=True).content.decode()

    client.force_login(admin_user())
    response = client.get("/admin/diklat/user/")
    assert response.status_code == 200


def test_login_page_is_in_indonesian_and_english_is_available(client):
    page = client.get(reverse("login")).content.decode()
    assert "Masuk" in page
    assert 'lang="id"' in page
    client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert 'lang="en"' in client.get(reverse("login")).content.decode()


def test_wrong_password_gets_an_indonesian_message(client):
    staf_user(username="staf1")
    response = client.post(reverse("login"), {"username": "staf1", "password": "salah"})
    assert response.status_code == 200
    assert "Nama pengguna atau sandi salah" in response.content.decode()


def test_login_page_says_participants_use_their_nip_and_links_the_public_verification(client):
    page = client.get(reverse("login")).content.decode()

    assert "Nama pengguna atau NIP" in page
    assert "Peserta masuk dengan NIP (18 digit); staf dengan nama penggunanya." in page
    # The address comes from the root URLconf: diklat's templates do not name the certificate floor's URLs.
    assert 'href="/verifikasi/"' in page
    assert "Buka halaman verifikasi sertifikat" in page


@pytest.mark.parametrize("ketik", ["19680512 199403 1 004", "NIP. 19680512.199403.1.004", "196805121994031004"])
def test_participants_log_in_with_their_nip_typed_as_it_is_printed(client, ketik):
    akun = peserta_user(username="196805121994031004")
    akun.set_password("demo-peserta-123")
    akun.save()

    response = client.post(reverse("login"), {"username": ketik, "password": "demo-peserta-123"})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(akun.pk)


def test_browsers_asking_for_favicon_ico_get_the_sites_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == static("favicon.svg")
    assert finders.find("favicon.svg")
    page = client.get(reverse("login")).content.decode()
    assert f'<link rel="icon" href="{static("favicon.svg")}" type="image/svg+xml">' in page


def test_an_ordinary_403_is_one_log_line_without_a_traceback(client, caplog):
    client.force_login(peserta_user())
    logger = logging.getLogger("django.request")
    logger.addHandler(caplog.handler)  # Django's loggers do not pass records up to pytest's root handler
    try:
        with caplog.at_level(logging.WARNING, logger="django.request"):
            assert client.get(reverse("diklat:program-list")).status_code == 403
    finally:
        logger.removeHandler(caplog.handler)

    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.getMessage() == "Forbidden (Permission denied): /program/"
    assert record.status_code == 403 and record.exc_info is None
    assert "Traceback" not in caplog.text


# Score components --------------------------------------------------------------------------------------------------


def test_new_program_form_offers_the_default_score_components(staf_client):
    page = staf_client.get(reverse("diklat:program-create")).content.decode()
    assert 'value="Sikap dan perilaku"' in page
    assert 'name="komponen-2-bobot"' in page and 'value="50"' in page


def test_score_components_summing_to_100_are_saved_and_shown(staf_client):
    response = staf_client.post(reverse("diklat:program-create"), program_data())

    program = Program.objects.get()
    assert response.status_code == 302
    assert [(k.urutan, k.nama, k.bobot) for k in program.komponen_nilai.all()] == [
        (1, "Sikap dan perilaku", 20),
        (2, "Tugas", 30),
        (3, "Ujian", 50),
    ]
    page = staf_client.get(response["Location"]).content.decode()
    assert "Komponen nilai" in page
    assert "Ujian" in page and "50%" in page
    assert "Jumlah bobot" in page and "100%" in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"komponen-2-bobot": "40"}, "Bobot komponen nilai harus berjumlah tepat 100; sekarang 90."),
        ({"komponen-3-nama": "Seminar", "komponen-3-bobot": "10"}, "sekarang 110"),
        ({"komponen-1-nama": "ujian"}, "Komponen nilai ini tercantum dua kali."),
        ({"komponen-0-bobot": "0"}, "lebih besar dari atau sama dengan 1"),
        ({"komponen-0-bobot": "abc"}, "Masukkan keseluruhan angka bilangan."),
        (
            {f"komponen-{i}-{f}": "" for i in range(3) for f in ("urutan", "nama", "bobot")},
            "memerlukan komponen nilai dengan bobot berjumlah 100",
        ),
    ],
)
def test_bad_score_components_are_refused_and_nothing_stored(staf_client, overrides, message):
    response = staf_client.post(reverse("diklat:program-create"), program_data(**overrides))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Program.objects.exists()
    assert not KomponenNilai.objects.exists()


def test_program_without_evaluation_needs_no_score_components(staf_client):
    empty = {f"komponen-{i}-{f}": "" for i in range(3) for f in ("urutan", "nama", "bobot")}
    data = program_data(**empty)
    del data["dengan_evaluasi"]

    response = staf_client.post(reverse("diklat:program-create"), data)

    assert response.status_code == 302
    program = Program.objects.get()
    assert not program.dengan_evaluasi
    assert not program.komponen_nilai.exists()


def test_editing_score_components_changes_weights_and_deletes(staf_client):
    program = ProgramFactory(kode="PTSPD")
    sikap = KomponenNilai.objects.create(program=program, urutan=1, nama="Sikap", bobot=20)
    tugas = KomponenNilai.objects.create(program=program, urutan=2, nama="Tugas", bobot=30)
    ujian = KomponenNilai.objects.create(program=program, urutan=3, nama="Ujian", bobot=50)
    data = program_data(nama=program.nama, kode="PTSPD", **{"predikat-INITIAL_FORMS": "3"})
    for i, band in enumerate(program.predikat.order_by("-nilai_minimal")):
        data[f"predikat-{i}-id"] = str(band.pk)
    data.update(
        {
            "komponen-TOTAL_FORMS": "3",
            "komponen-INITIAL_FORMS": "3",
            "komponen-0-id": str(sikap.pk),
            "komponen-0-urutan": "1",
            "komponen-0-nama": "Sikap",
            "komponen-0-bobot": "40",
            "komponen-1-id": str(tugas.pk),
            "komponen-1-urutan": "2",
            "komponen-1-nama": "Tugas",
            "komponen-1-bobot": "30",
            "komponen-1-DELETE": "on",
            "komponen-2-id": str(ujian.pk),
            "komponen-2-urutan": "3",
            "komponen-2-nama": "Ujian",
            "komponen-2-bobot": "60",
        }
    )

    response = staf_client.post(reverse("diklat:program-update", args=[program.pk]), data)

    assert response.status_code == 302
    assert [(k.nama, k.bobot) for k in program.komponen_nilai.all()] == [("Sikap", 40), ("Ujian", 60)]


def png_kecil() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "navy").save(buffer, "PNG")
    return buffer.getvalue()


PNG_1X1 = png_kecil()


def test_a_program_takes_its_logo_for_the_certificates(staf_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    logo = SimpleUploadedFile("logo-bpsdm.png", PNG_1X1, content_type="image/png")
    response = staf_client.post(reverse("diklat:program-create"), {**program_data(), "logo": logo, "kotak_foto": "on"})
    assert response.status_code == 302, response.content.decode()
    program = Program.objects.get()
    assert program.logo.name.startswith("program/logo/") and program.kotak_foto
    assert program.logo.read() == PNG_1X1


def test_the_stored_logo_is_shown_through_the_sites_own_page(staf_client):
    from django.core.files.base import ContentFile

    program = ProgramFactory()
    assert staf_client.get(reverse("diklat:program-logo", args=[program.pk])).status_code == 404
    program.logo.save("logo-bpsdm.png", ContentFile(PNG_1X1), save=True)
    alamat = reverse("diklat:program-logo", args=[program.pk])

    formulir = staf_client.get(reverse("diklat:program-update", args=[program.pk])).content.decode()
    response = staf_client.get(alamat)

    # The form's "Saat ini" link: the site's page, never the storage's own address (a bucket's, signed).
    assert f'href="{alamat}">program/logo/logo-bpsdm.png</a>' in formulir
    assert response.status_code == 200 and b"".join(response.streaming_content) == PNG_1X1
    assert response["Content-Type"] == "image/png" and "attachment" not in response["Content-Disposition"]
    program.logo.storage.delete(program.logo.name)
    assert staf_client.get(alamat).status_code == 404


@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        ("logo.gif", b"GIF89a", "PNG, JPEG atau SVG"),
        ("logo.png", b"bukan gambar sama sekali", "tidak dapat dibaca"),
        ("logo.svg", b"<html></html>", "tidak dapat dibaca"),
        ("logo.svg", b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>', "tidak dapat dibaca"),
        ("logo.png", PNG_1X1 + b"0" * (1024 * 1024), "terlalu besar"),
    ],
)
def test_a_bad_logo_gets_a_message_and_stores_nothing(staf_client, nama, isi, pesan):
    from django.core.files.uploadedfile import SimpleUploadedFile

    logo = SimpleUploadedFile(nama, isi)
    response = staf_client.post(reverse("diklat:program-create"), {**program_data(), "logo": logo})
    assert response.status_code == 200
    assert pesan in response.content.decode()
    assert not Program.objects.exists()


def test_program_page_shows_an_example_number_and_the_pattern_unbroken(staf_client):
    program = ProgramFactory(kode="PTSPD", min_kehadiran_persen=90)
    KomponenNilai.objects.create(program=program, urutan=1, nama="Sikap", bobot=20)
    KomponenNilai.objects.create(program=program, urutan=2, nama="Ujian", bobot=80)
    tahun = timezone.localdate().year

    page = staf_client.get(reverse("diklat:program-detail", args=[program.pk])).content.decode()

    teks = re.sub(r"<wbr>|</?span[^>]*>", "", page)
    assert f"0001/STTP/PTSPD-I/BPSDM/{tahun}" in teks
    assert "{seq:04d}/STTP/{program}-{angkatan}/BPSDM/{year}" in teks
    # The pattern may wrap after a slash, never inside a placeholder.
    assert '<span class="text-nowrap">{program}-{angkatan}/</span><wbr>' in page
    # One way to write a percentage: no space before the sign.
    assert re.search(r">\s*90%\s*<", page)
    assert ">20%<" in page and ">100%<" in page
    assert " %" not in teks.replace("{% ", "")


def test_admin_search_is_cut_to_200_characters_like_every_search_box(client):
    # Cut, the search is the program's own 200-character name; uncut, it would find nothing (or, on
    # SQLite, fail as a LIKE pattern "too complex").
    ProgramFactory(nama="x" * 200)
    client.force_login(admin_user())

    response = client.get(reverse("admin:diklat_program_changelist"), {"q": "x" * 200 + "y" * 60_000})

    assert response.status_code == 200
    assert response.context["cl"].result_count == 1
