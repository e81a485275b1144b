"""The export across angkatan (admins): filters, the count, formats, and the background job above the limit."""

import csv
import datetime
import io
import re

import openpyxl
import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from angkatan.tests.factories import AngkatanFactory
from diklat.models import KabupatenKota, Provinsi, Tugas
from diklat.tests.factories import ProgramFactory, admin_user, peserta_user, staf_user
from peserta.ekspor import lintas, tasks
from peserta.models import Pendaftaran, PilihanEkspor, TugasEkspor
from peserta.tests.factories import PendaftaranFactory

pytestmark = pytest.mark.django_db

RUMUS = '=HYPERLINK("http://x","klik")'
Status = Pendaftaran.Status


@pytest.fixture
def data():
    """Four people in three angkatan of two programs, of three provinces, with their results."""
    ptspd = ProgramFactory(nama="Pelatihan Penguatan Tugas-Tugas Sekretaris Perangkat Daerah", kode="PTSPD")
    pka = ProgramFactory(nama="Pelatihan Kepemimpinan Administrator", kode="PKA")
    iii_2022 = AngkatanFactory(program=ptspd, nomor=3, tahun=2022)
    i_2023 = AngkatanFactory(
        program=ptspd,
        nomor=1,
        tahun=2023,
        tanggal_mulai=datetime.date(2023, 3, 6),
        tanggal_selesai=datetime.date(2023, 3, 10),
    )
    ii_2022 = AngkatanFactory(program=pka, nomor=2, tahun=2022)
    ani = PendaftaranFactory(
        angkatan=iii_2022,
        peserta__nama="Ani Lestari",
        peserta__instansi=RUMUS,
        peserta__jabatan="Camat Bakongan",
        peserta__kabupaten_kota=KabupatenKota.objects.get(kode="11.01"),
        status=Status.LULUS,
        predikat="Sangat Memuaskan",
    )
    budi = PendaftaranFactory(angkatan=iii_2022, peserta__nama="Budi Santoso", status=Status.TIDAK_LULUS)
    citra = PendaftaranFactory(
        angkatan=i_2023,
        peserta__nama="Citra Dewi",
        peserta__jabatan="Sekretaris Kecamatan Coblong",
        peserta__kabupaten_kota=KabupatenKota.objects.get(kode="32.73"),
        status=Status.LULUS,
        predikat="Memuaskan",
    )
    dedi = PendaftaranFactory(angkatan=ii_2022, peserta__nama="Dedi Kurniawan", peserta__kabupaten_kota=None)
    return {
        "ptspd": ptspd,
        "pka": pka,
        "iii_2022": iii_2022,
        "i_2023": i_2023,
        "ii_2022": ii_2022,
        "ani": ani,
        "budi": budi,
        "citra": citra,
        "dedi": dedi,
    }


@pytest.fixture
def admin():
    return admin_user(first_name="Rina", last_name="Admin")


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


@pytest.fixture
def eager(monkeypatch):
    """Run the queued export in this process, through Celery's own machinery (retries and giving up too)."""
    monkeypatch.setattr(tasks.susun_ekspor_lintas, "delay", lambda pk: tasks.susun_ekspor_lintas.apply(args=[pk]))


URL = reverse("peserta:ekspor-lintas")


def ekspor(client, **data):
    isian = {"kolom": ["program", "angkatan", "tahun", "nama", "nip", "instansi"], "urut": "angkatan", "format": "csv"}
    isian.update(data)
    return client.post(URL, isian)


def isi(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def baris_csv(response, pemisah=",") -> list[list[str]]:
    assert response.status_code == 200, response.content.decode()[:2000]
    return list(csv.reader(io.StringIO(isi(response).decode("utf-8-sig")), delimiter=pemisah))


def nama(response) -> list[str]:
    baris = baris_csv(response)
    kolom = baris[0].index("Nama")
    return sorted(b[kolom] for b in baris[1:])


def test_every_enrolment_of_every_angkatan_with_its_program_and_angkatan(admin_client, data):
    baris = baris_csv(ekspor(admin_client))

    assert baris[0] == ["No.", "Program", "Angkatan", "Tahun", "Nama", "NIP", "Instansi"]
    # By year, program, number, then name: 2022 PKA II, 2022 PTSPD III (Ani, Budi), 2023 PTSPD I.
    assert [b[4] for b in baris[1:]] == ["Dedi Kurniawan", "Ani Lestari", "Budi Santoso", "Citra Dewi"]
    assert baris[2][1:4] == ["Pelatihan Penguatan Tugas-Tugas Sekretaris Perangkat Daerah", "III", "2022"]
    assert baris[1][0] == "1" and len(baris[1][5]) == 18


@pytest.mark.parametrize(
    "filter_, diharapkan",
    [
        (lambda d: {"tahun": "2023"}, ["Citra Dewi"]),
        (lambda d: {"program": d["pka"].pk}, ["Dedi Kurniawan"]),
        (lambda d: {"angkatan": [d["iii_2022"].pk]}, ["Ani Lestari", "Budi Santoso"]),
        (lambda d: {"angkatan": [d["i_2023"].pk, d["ii_2022"].pk]}, ["Citra Dewi", "Dedi Kurniawan"]),
        (lambda d: {"provinsi": "33"}, ["Budi Santoso", "Dedi Kurniawan"]),
        (lambda d: {"provinsi": "11", "kabupaten_kota": "11.01"}, ["Ani Lestari"]),
        (lambda d: {"kabupaten_kota": "32.73"}, ["Citra Dewi"]),
        (lambda d: {"status": "lulus"}, ["Ani Lestari", "Citra Dewi"]),
        (lambda d: {"predikat": "Memuaskan"}, ["Citra Dewi"]),
        (lambda d: {"jabatan": "camat"}, ["Ani Lestari", "Citra Dewi"]),
        (lambda d: {"jabatan": "SEKRETARIS KEC"}, ["Citra Dewi"]),
        (lambda d: {"tahun": "2022", "status": "lulus", "provinsi": "11"}, ["Ani Lestari"]),
    ],
    ids=[
        "tahun",
        "program",
        "angkatan",
        "dua-angkatan",
        "provinsi",
        "kabkota",
        "kabkota-tanpa-provinsi",
        "status",
        "predikat",
        "jabatan",
        "jabatan-huruf-besar",
        "gabungan",
    ],
)
def test_each_filter_narrows_the_rows(admin_client, data, filter_, diharapkan):
    assert nama(ekspor(admin_client, kolom=["nama"], **filter_(data))) == diharapkan


@pytest.mark.parametrize(
    "isian, pesan",
    [
        ({"tahun": "abc"}, "Tidak ada angkatan pada tahun “abc”."),
        ({"tahun": "1999"}, "Tidak ada angkatan pada tahun “1999”."),
        ({"program": "999999"}, "Program yang dipilih tidak dikenal; pilih dari daftar."),
        ({"program": "satu"}, "Program yang dipilih tidak dikenal; pilih dari daftar."),
        ({"angkatan": ["999999"]}, "Angkatan yang dipilih tidak dikenal (999999); pilih dari daftar."),
        ({"provinsi": "99"}, "Provinsi yang dipilih tidak dikenal; pilih dari daftar."),
        ({"kabupaten_kota": "99.99"}, "Kabupaten/kota yang dipilih tidak dikenal; pilih dari daftar."),
        (
            {"provinsi": "33", "kabupaten_kota": "11.01"},
            "Kabupaten Aceh Selatan tidak berada di provinsi Jawa Tengah.",
        ),
        ({"status": "bohong"}, "Status “bohong” tidak dikenal."),
        ({"predikat": "Istimewa"}, "Predikat “Istimewa” tidak dikenal."),
        ({"jabatan": "x" * 101}, "100"),
    ],
    ids=[
        "tahun-huruf",
        "tahun-kosong",
        "program-palsu",
        "program-huruf",
        "angkatan-palsu",
        "provinsi-palsu",
        "kabkota-palsu",
        "kabkota-provinsi-lain",
        "status-palsu",
        "predikat-palsu",
        "jabatan-panjang",
    ],
)
def test_forged_filter_values_are_refused_in_words(admin_client, data, isian, pesan):
    response = ekspor(admin_client, **isian)

    assert response.status_code == 400
    assert pesan in response.content.decode()
    hitung = admin_client.post(reverse("peserta:ekspor-lintas-hitung"), isian).content.decode()
    assert pesan in hitung and "baris cocok" not in hitung


def test_an_angkatan_of_another_program_or_year_is_refused(admin_client, data):
    lain_program = ekspor(admin_client, program=data["pka"].pk, angkatan=[data["iii_2022"].pk])
    lain_tahun = ekspor(admin_client, tahun="2023", angkatan=[data["iii_2022"].pk])

    assert lain_program.status_code == lain_tahun.status_code == 400
    assert "Angkatan III Tahun 2022 bukan angkatan program yang dipilih." in lain_program.content.decode()
    assert "Angkatan III Tahun 2022 bukan angkatan tahun 2023." in lain_tahun.content.decode()


def test_nothing_matching_is_said_rather_than_an_empty_file(admin_client, data):
    response = ekspor(admin_client, jabatan="Bupati")
    assert response.status_code == 400
    assert "Tidak ada pendaftaran yang cocok dengan filter ini" in response.content.decode()


def test_the_count_is_shown_before_the_download(admin_client, data):
    halaman = admin_client.get(URL).content.decode()
    assert "4 baris cocok" in halaman
    # The count follows the filters as they change (htmx), and "Hitung" shows it without JavaScript.
    assert 'hx-post="' + reverse("peserta:ekspor-lintas-hitung") + '"' in halaman
    hitung = admin_client.post(reverse("peserta:ekspor-lintas-hitung"), {"status": "lulus"}).content.decode()
    assert "2 baris cocok" in hitung
    tanpa_js = admin_client.post(URL, {"status": "lulus", "aksi": "hitung"})
    assert tanpa_js.status_code == 200 and "2 baris cocok" in tanpa_js.content.decode()
    assert not tanpa_js.has_header("Content-Disposition")


def test_the_kabkota_list_follows_the_province_and_lists_all_without_one(admin_client, data):
    halaman = admin_client.get(URL).content.decode()
    pilihan = admin_client.get(reverse("peserta:kabkota-pilihan"), {"provinsi": "11", "untuk": "filter"})

    assert '<optgroup label="Aceh">' in halaman and "Kota Bandung" in halaman
    assert "Semua kabupaten/kota" in pilihan.content.decode() and "Kota Bandung" not in pilihan.content.decode()


def test_the_formula_instansi_is_neutralised_in_csv_and_xlsx(admin_client, data):
    for format_, pemisah in (("csv", ","), ("csv_titik_koma", ";")):
        baris = baris_csv(ekspor(admin_client, format=format_, provinsi="11"), pemisah)
        assert baris[1][6] == "'" + RUMUS

    response = ekspor(admin_client, format="xlsx", provinsi="11")
    lembar = openpyxl.load_workbook(io.BytesIO(isi(response))).active
    nilai = [[sel.value for sel in b] for b in lembar.iter_rows()]
    assert nilai[0][0] == "Data Peserta Lintas Angkatan" and "Provinsi Aceh" in nilai[1][0]
    kepala = next(i for i, b in enumerate(nilai) if b[0] == "No.")
    assert nilai[kepala + 1][6] == "'" + RUMUS
    assert not any(str(v).startswith("=") for b in nilai for v in b if v is not None)
    nip = lembar.cell(row=kepala + 2, column=6)
    assert nip.data_type == "s" and len(nip.value) == 18


def test_a_small_pdf_comes_straight_back_with_its_totals(admin_client, data):
    import subprocess

    response = ekspor(admin_client, format="pdf")
    assert response["Content-Type"] == "application/pdf"
    teks = subprocess.run(["pdftotext", "-", "-"], input=isi(response), capture_output=True, check=True).stdout
    teks = teks.decode()
    assert "Data Peserta Lintas Angkatan" in teks and "Dedi Kurniawan" in teks and "Lulus" in teks
    assert "2022" in teks and "2.022" not in teks


def test_the_choices_are_remembered_apart_from_the_roster(admin_client, admin, data):
    ekspor(admin_client, kolom=["nip", "predikat"], urut="daerah", format="xlsx", status="lulus")

    pilihan = PilihanEkspor.objects.get(user=admin, daftar="lintas").pilihan
    assert pilihan == {"kolom": ["nip", "predikat"], "urut": "daerah", "format": "xlsx"}
    halaman = admin_client.get(URL).content.decode()
    assert re.search(r'<option value="daerah"[^>]*selected', halaman)


@pytest.mark.parametrize("siapa", ["staf", "peserta"])
def test_staff_who_are_not_admins_and_participants_are_refused(client, data, siapa):
    client.force_login(staf_user() if siapa == "staf" else peserta_user())

    assert client.get(URL).status_code == 403
    assert ekspor(client).status_code == 403
    assert client.post(reverse("peserta:ekspor-lintas-hitung"), {}).status_code == 403


def test_the_menu_shows_the_export_to_admins_only(client, data):
    client.force_login(admin_user())
    assert 'href="' + URL + '"' in client.get(reverse("angkatan:list")).content.decode()
    client.force_login(staf_user())
    assert 'href="' + URL + '"' not in client.get(reverse("angkatan:list")).content.decode()


def test_the_export_costs_the_same_queries_for_five_rows_or_fifty(admin_client, data, django_assert_max_num_queries):
    kolom = ["program", "angkatan", "nama_lengkap", "nip", "pemda", "provinsi", "pangkat", "nomor_sertifikat"]
    PendaftaranFactory.create_batch(1, angkatan=data["ii_2022"])
    with django_assert_max_num_queries(40) as sedikit:
        assert len(isi(ekspor(admin_client, kolom=kolom)).decode("utf-8-sig").splitlines()) == 6
    PendaftaranFactory.create_batch(45, angkatan=data["ii_2022"])
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        assert len(isi(ekspor(admin_client, kolom=kolom)).decode("utf-8-sig").splitlines()) == 51


# Above the limit: a background job ------------------------------------------------------------------------------


@pytest.fixture
def batas_dua(settings):
    settings.DIKLAT_EKSPOR_BATAS_LANGSUNG = 2


def jalankan(client, django_capture_on_commit_callbacks, **data) -> Tugas:
    with django_capture_on_commit_callbacks(execute=True):
        response = ekspor(client, **data)
    assert response.status_code == 302, response.content.decode()[:2000]
    tugas = Tugas.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[-1]))
    assert response["Location"] == reverse("tugas:detail", args=[tugas.pk])
    return tugas


def test_above_the_limit_the_export_runs_as_a_job_and_its_owner_downloads_it(
    admin_client, data, batas_dua, eager, django_capture_on_commit_callbacks
):
    tugas = jalankan(admin_client, django_capture_on_commit_callbacks, format="xlsx", status="")

    tugas.refresh_from_db()
    assert tugas.status == Tugas.Status.SELESAI and tugas.total == tugas.diproses == 4
    assert tugas.jenis == "ekspor_lintas" and tugas.berkas.name.endswith(".xlsx")
    parameter = TugasEkspor.objects.get(tugas=tugas).parameter
    assert parameter["format"] == "xlsx" and parameter["filter"]["status"] == "" and parameter["bahasa"] == "id"
    halaman = admin_client.get(reverse("tugas:detail", args=[tugas.pk])).content.decode()
    unduh = reverse("tugas:unduh", args=[tugas.pk])
    assert "Berkas ekspor lintas angkatan" in halaman and "4 dari 4 selesai" in halaman
    assert "Data yang diekspor:</span> Semua peserta semua angkatan" in halaman
    # Listed on the export page, to come back to its download.
    daftar = admin_client.get(URL).content.decode()
    assert reverse("tugas:detail", args=[tugas.pk]) in daftar and "Semua peserta semua angkatan" in daftar
    assert f'href="{unduh}"' in halaman and "Tautan unduh berlaku sampai" in halaman

    response = admin_client.get(unduh)
    assert response.status_code == 200
    lembar = openpyxl.load_workbook(io.BytesIO(isi(response))).active
    nilai = [[sel.value for sel in b] for b in lembar.iter_rows()]
    kepala = next(i for i, b in enumerate(nilai) if b[0] == "No.")
    assert len(nilai) - kepala - 1 == 4
    assert RUMUS not in [v for b in nilai for v in b]


def test_a_csv_job_keeps_the_delimiter_and_neutralises_formulas(
    admin_client, data, batas_dua, eager, django_capture_on_commit_callbacks
):
    tugas = jalankan(admin_client, django_capture_on_commit_callbacks, format="csv_titik_koma")
    baris = baris_csv(admin_client.get(reverse("tugas:unduh", args=[tugas.pk])), ";")
    assert len(baris) == 5 and ["'" + RUMUS] == [b[6] for b in baris if b[4] == "Ani Lestari"]


def test_the_job_reports_its_progress_as_it_goes(
    admin_client, data, batas_dua, eager, monkeypatch, django_capture_on_commit_callbacks
):
    from diklat.tugas import services as tugas_services

    dilaporkan = []
    asli = tugas_services.tugas_lapor
    monkeypatch.setattr(lintas, "LAPOR_TIAP", 1)
    monkeypatch.setattr(tugas_services, "tugas_lapor", lambda **kw: (dilaporkan.append(kw["diproses"]), asli(**kw)))

    jalankan(admin_client, django_capture_on_commit_callbacks, format="csv")

    assert dilaporkan == [1, 2, 3, 4]


def test_a_pdf_above_the_limit_is_refused_in_words(admin_client, data, batas_dua):
    response = ekspor(admin_client, format="pdf")
    assert response.status_code == 400
    assert "PDF hanya untuk paling banyak 2 baris, sedangkan filter ini mencakup 4 baris." in response.content.decode()
    assert not Tugas.objects.exists()


def test_a_pdf_has_a_lower_limit_of_its_own_while_excel_still_comes_straight_back(admin_client, data, settings):
    # A PDF is laid out whole in the request: it stops well before the files that stream.
    settings.DIKLAT_EKSPOR_BATAS_PDF = 3
    response = ekspor(admin_client, format="pdf")
    assert response.status_code == 400
    assert "PDF hanya untuk paling banyak 3 baris, sedangkan filter ini mencakup 4 baris." in response.content.decode()
    hitung = admin_client.post(reverse("peserta:ekspor-lintas-hitung"), {"urut": "angkatan"}).content.decode()
    assert "Lebih dari 3 baris: PDF tidak tersedia" in hitung
    assert ekspor(admin_client, format="xlsx").status_code == 200
    assert not Tugas.objects.exists()


def test_another_admin_finds_neither_the_job_nor_its_file(
    client, admin, data, batas_dua, eager, django_capture_on_commit_callbacks
):
    client.force_login(admin)
    tugas = jalankan(client, django_capture_on_commit_callbacks)
    for orang, kode in ((admin_user(), 404), (staf_user(), 404), (peserta_user(), 403)):
        client.force_login(orang)
        assert client.get(reverse("tugas:detail", args=[tugas.pk])).status_code == kode
        assert client.get(reverse("tugas:unduh", args=[tugas.pk])).status_code == kode


def test_the_link_expires_after_seven_days_and_the_sweep_deletes_the_file(
    admin_client, data, batas_dua, eager, django_capture_on_commit_callbacks
):
    lama = jalankan(admin_client, django_capture_on_commit_callbacks)
    baru = jalankan(admin_client, django_capture_on_commit_callbacks)
    Tugas.objects.filter(pk=lama.pk).update(created_at=timezone.now() - datetime.timedelta(days=7, minutes=1))
    lama.refresh_from_db()
    berkas_lama = lama.berkas.name
    assert default_storage.exists(berkas_lama)

    response = admin_client.get(reverse("tugas:unduh", args=[lama.pk]))
    assert response.status_code == 410
    assert "Tautan unduhan ini sudah kedaluwarsa" in response.content.decode()
    halaman = admin_client.get(reverse("tugas:detail", args=[lama.pk])).content.decode()
    assert "sudah kedaluwarsa" in halaman and reverse("tugas:unduh", args=[lama.pk]) not in halaman

    call_command("bersihkan_unduhan", verbosity=0)

    lama.refresh_from_db()
    baru.refresh_from_db()
    assert not lama.berkas and not default_storage.exists(berkas_lama)
    assert baru.berkas and default_storage.exists(baru.berkas.name)
    assert admin_client.get(reverse("tugas:unduh", args=[baru.pk])).status_code == 200


def test_a_job_whose_filter_no_longer_holds_fails_with_why(
    admin_client, data, batas_dua, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        response = ekspor(admin_client, angkatan=[data["iii_2022"].pk, data["ii_2022"].pk])
    tugas = Tugas.objects.get()
    # One of its angkatan is gone by the time a worker takes the job.
    hilang = data["ii_2022"].pk
    data["dedi"].delete()
    data["ii_2022"].delete()

    tasks.susun_ekspor_lintas.apply(args=[tugas.pk])

    tugas.refresh_from_db()
    assert response.status_code == 302
    assert tugas.status == Tugas.Status.GAGAL
    assert "Filter ekspor ini tidak berlaku lagi." in tugas.galat and f"({hilang})" in tugas.galat


def test_the_queue_away_leaves_the_job_waiting_with_why_until_the_sweep_sends_it(
    admin_client, data, batas_dua, eager, monkeypatch, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError as GalatAntrean

    from diklat.tugas.services import tugas_sapu

    def antrean_hilang(*args):
        raise GalatAntrean("Connection refused")

    kirim = tasks.susun_ekspor_lintas.delay
    monkeypatch.setattr(tasks.susun_ekspor_lintas, "delay", antrean_hilang)
    tugas = jalankan(admin_client, django_capture_on_commit_callbacks)
    tugas.refresh_from_db()
    assert tugas.status == Tugas.Status.MENUNGGU and "Antrean pekerja latar tidak dapat dihubungi" in tugas.galat
    assert "Menunggu antrean" in admin_client.get(reverse("tugas:detail", args=[tugas.pk])).content.decode()

    monkeypatch.setattr(tasks.susun_ekspor_lintas, "delay", kirim)
    tugas_sapu()

    tugas.refresh_from_db()
    assert (tugas.status, tugas.total, tugas.galat) == (Tugas.Status.SELESAI, 4, "")
    assert tugas.berkas.name.endswith(".csv")


def test_the_job_runs_twice_and_builds_one_file(admin_client, data, batas_dua, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        ekspor(admin_client)
    tugas = Tugas.objects.get()
    lintas.ekspor_lintas_build(tugas_id=tugas.pk)
    tugas.refresh_from_db()
    pertama = tugas.berkas.name
    lintas.ekspor_lintas_build(tugas_id=tugas.pk)
    tugas.refresh_from_db()
    assert tugas.berkas.name == pertama
    assert Provinsi.objects.exists()  # the reference data the filters read is the migrations'
