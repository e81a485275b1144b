"""An angkatan's roster exported as CSV (either delimiter), XLSX and PDF, with the columns staff tick."""

import csv
import io
import re
import subprocess

import openpyxl
import pytest
from django.urls import reverse

from angkatan.tests.factories import AngkatanFactory
from diklat.models import KabupatenKota
from diklat.tests.factories import peserta_user, staf_user
from peserta.models import Pendaftaran, PilihanEkspor
from peserta.tests.factories import PendaftaranFactory

pytestmark = pytest.mark.django_db

RUMUS = '=HYPERLINK("http://x","klik")'


@pytest.fixture
def angkatan():
    angkatan = AngkatanFactory(nomor=4, tahun=2022, venue__nama="Hotel Harris Suites Puri Mansion")
    PendaftaranFactory(angkatan=angkatan, peserta__nama="Budi Santoso", peserta__gelar_belakang="S.Sos.")
    PendaftaranFactory(
        angkatan=angkatan,
        peserta__nama="Ani Lestari",
        peserta__instansi=RUMUS,
        peserta__kabupaten_kota=KabupatenKota.objects.get(kode="11.01"),
        status=Pendaftaran.Status.DITOLAK,
        alasan="Kuota daerah penuh.",
    )
    return angkatan


def unduh(client, angkatan, **data):
    isian = {"kolom": ["nama_lengkap", "nip", "instansi", "telepon", "status"], "urut": "nama", "format": "csv"}
    isian.update(data)
    return client.post(reverse("peserta:ekspor-roster", args=[angkatan.pk]), isian)


def isi(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("format_, pemisah", [("csv", ","), ("csv_titik_koma", ";")])
def test_csv_opens_in_excel_with_either_delimiter_and_no_cell_starts_a_formula(
    staf_client, angkatan, format_, pemisah
):
    response = unduh(staf_client, angkatan, format=format_)

    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "daftar-peserta" in response["Content-Disposition"]
    data = isi(response)
    assert data.startswith("\ufeff".encode())
    baris = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=pemisah))
    assert baris[0] == ["No.", "Nama dan gelar", "NIP", "Instansi", "Telepon", "Status"]
    assert [b[1] for b in baris[1:]] == ["Ani Lestari, S.KM., M.Kes.", "Budi Santoso, S.Sos."]
    ani = baris[1]
    assert ani[0] == "1" and len(ani[2]) == 18
    assert ani[3] == "'" + RUMUS
    assert ani[4] == "081234567890" and ani[5] == "Ditolak"


def test_xlsx_has_its_title_block_a_bold_frozen_header_and_nips_as_text(staf_client, angkatan):
    response = unduh(staf_client, angkatan, format="xlsx")

    buku = openpyxl.load_workbook(io.BytesIO(isi(response)))
    lembar = buku.active
    nilai = [[sel.value for sel in baris] for baris in lembar.iter_rows()]
    assert nilai[0][0] == "Daftar Peserta"
    assert "Angkatan IV Tahun 2022" in nilai[1][0]
    assert "Hotel Harris Suites Puri Mansion" in nilai[3][0]
    kepala = next(i for i, baris in enumerate(nilai) if baris[0] == "No.")
    assert lembar.cell(row=kepala + 1, column=1).font.bold
    assert lembar.freeze_panes == f"A{kepala + 2}"
    data = nilai[kepala + 1 :]
    assert len(data) == 2
    nip = lembar.cell(row=kepala + 2, column=3)
    assert nip.data_type == "s" and len(nip.value) == 18
    assert data[0][3] == "'" + RUMUS
    assert data[0][0] == 1


def test_pdf_prints_the_title_the_people_and_the_totals_per_status(staf_client, angkatan):
    response = unduh(staf_client, angkatan, format="pdf")

    assert response["Content-Type"] == "application/pdf"
    teks = subprocess.run(["pdftotext", "-", "-"], input=isi(response), capture_output=True, check=True).stdout
    teks = teks.decode()
    for kata in ("Daftar Peserta", "Angkatan IV Tahun 2022", "Budi Santoso, S.Sos.", "Ringkasan", "Ditolak", "Jumlah"):
        assert kata in teks
    assert "Halaman 1 dari 1" in teks


def test_the_status_filter_and_the_order_by_region_hold(staf_client, angkatan):
    semua = list(csv.reader(io.StringIO(isi(unduh(staf_client, angkatan, urut="daerah")).decode("utf-8-sig"))))
    # Aceh (11) before Jawa Tengah (33).
    assert [b[1] for b in semua[1:]] == ["Ani Lestari, S.KM., M.Kes.", "Budi Santoso, S.Sos."]
    diusulkan = isi(unduh(staf_client, angkatan, status="diusulkan")).decode("utf-8-sig")
    assert "Budi Santoso" in diusulkan and "Ani Lestari" not in diusulkan


def test_the_last_choice_is_offered_again_to_the_same_user_only(client, staf, angkatan):
    client.force_login(staf)
    unduh(client, angkatan, kolom=["nip", "email"], urut="daerah", format="xlsx")

    def dicentang(html):
        kotak = re.findall(r'<input[^>]*name="kolom"[^>]*>', html)
        return [re.search(r'value="([^"]+)"', k).group(1) for k in kotak if " checked" in k]

    html = client.get(reverse("peserta:ekspor-roster", args=[angkatan.pk])).content.decode()
    assert dicentang(html) == ["nip", "email"]
    assert re.search(r'<option value="daerah"[^>]*selected', html)
    assert re.search(r'<input[^>]*value="xlsx"[^>]*checked', html)
    client.force_login(staf_user())
    lain = client.get(reverse("peserta:ekspor-roster", args=[angkatan.pk])).content.decode()
    assert dicentang(lain) == ["nama_lengkap", "nip", "pangkat", "jabatan", "instansi", "pemda", "status"]


def test_no_column_is_refused_in_words_and_nothing_is_remembered(staf_client, angkatan, staf):
    response = unduh(staf_client, angkatan, kolom=[])

    assert response.status_code == 400
    assert "Pilih paling sedikit satu kolom." in response.content.decode()
    assert not PilihanEkspor.objects.filter(user=staf).exists()


def test_the_certificate_columns_come_from_the_floor_above(staf_client, angkatan):
    html = staf_client.get(reverse("peserta:ekspor-roster", args=[angkatan.pk])).content.decode()
    assert "Nomor sertifikat" in html and "Status sertifikat" in html

    data = isi(unduh(staf_client, angkatan, kolom=["nama_lengkap", "nomor_sertifikat", "status_sertifikat"]))
    baris = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert baris[0] == ["No.", "Nama dan gelar", "Nomor sertifikat", "Status sertifikat"]
    assert baris[1][2:] == ["", ""]


def test_the_export_costs_the_same_queries_for_two_rows_or_forty(staf_client, angkatan, django_assert_max_num_queries):
    kolom = ["nama_lengkap", "nip", "pemda", "provinsi", "pangkat", "nomor_sertifikat"]
    with django_assert_max_num_queries(30) as sedikit:
        isi(unduh(staf_client, angkatan, kolom=kolom))
    PendaftaranFactory.create_batch(38, angkatan=angkatan)
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        data = isi(unduh(staf_client, angkatan, kolom=kolom))
    assert len(data.decode("utf-8-sig").splitlines()) == 41


def test_a_participant_cannot_export(client, angkatan):
    client.force_login(peserta_user())
    assert client.get(reverse("peserta:ekspor-roster", args=[angkatan.pk])).status_code == 403
    assert unduh(client, angkatan).status_code == 403
