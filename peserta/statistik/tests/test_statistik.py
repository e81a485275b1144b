"""The statistics page: participants and graduates per year, program and province, the regions reached,
each table as CSV with the same numbers, in a fixed number of queries."""

import csv
import io
import re
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from angkatan.tests.factories import AngkatanFactory
from diklat.models import KabupatenKota
from diklat.signals import angka_statistik
from diklat.tests.factories import ProgramFactory, peserta_user
from peserta.models import Pendaftaran
from peserta.tests.factories import PendaftaranFactory, PesertaFactory

pytestmark = pytest.mark.django_db

Status = Pendaftaran.Status
URL = reverse("peserta:statistik")


@pytest.fixture
def data():
    """Two programs over two years; one person took part in both; some enrolments do not count."""
    ptspd = ProgramFactory(nama="Diklat Penguatan Tugas-Tugas Sekretaris Perangkat Daerah", kode="PTSPD")
    camat = ProgramFactory(nama="Diklat Kepemimpinan Camat", kode="DKC")
    a2022 = AngkatanFactory(program=ptspd, nomor=3, tahun=2022)
    a2023 = AngkatanFactory(program=camat, nomor=1, tahun=2023)
    banyumas = KabupatenKota.objects.get(kode="33.02")
    bandung = KabupatenKota.objects.get(kode="32.73")
    berdua = PesertaFactory(kabupaten_kota=banyumas)
    PendaftaranFactory(angkatan=a2022, peserta=berdua, status=Status.LULUS)
    PendaftaranFactory.create_batch(3, angkatan=a2022, peserta__kabupaten_kota=banyumas, status=Status.LULUS)
    PendaftaranFactory(angkatan=a2022, peserta__kabupaten_kota=bandung, status=Status.TIDAK_LULUS)
    # Not participants: refused, withdrawn, and proposed but not verified.
    PendaftaranFactory(angkatan=a2022, peserta__kabupaten_kota=bandung, status=Status.DITOLAK)
    PendaftaranFactory(angkatan=a2022, peserta__kabupaten_kota=bandung, status=Status.MENGUNDURKAN_DIRI)
    PendaftaranFactory(angkatan=a2023, peserta__kabupaten_kota=bandung, status=Status.DIUSULKAN)
    # 2023: two of the provincial government of Aceh, and the same person again.
    PendaftaranFactory.create_batch(
        2, angkatan=a2023, peserta__kabupaten_kota=None, peserta__provinsi_id="11", status=Status.MENGIKUTI
    )
    PendaftaranFactory(angkatan=a2023, peserta=berdua, status=Status.DIVERIFIKASI)
    return {"ptspd": ptspd, "camat": camat}


class _Tabel(HTMLParser):
    """Collect the rows of one table of the page (by its id) as lists of cell texts."""

    def __init__(self, id_tabel):
        super().__init__()
        self.id_tabel, self.di_tabel, self.baris, self.sel = id_tabel, False, [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id") == self.id_tabel:
            self.di_tabel = True
        elif self.di_tabel and tag == "tr":
            self.baris.append([])
        elif self.di_tabel and tag in ("td", "th"):
            self.sel = ""

    def handle_endtag(self, tag):
        if tag == "table":
            self.di_tabel = False
        elif self.di_tabel and tag in ("td", "th") and self.sel is not None:
            self.baris[-1].append(" ".join(self.sel.split()))
            self.sel = None

    def handle_data(self, teks):
        if self.sel is not None:
            self.sel += teks


def tabel_html(html: str, kunci: str) -> list[list[str]]:
    parser = _Tabel(f"tabel-{kunci}")
    parser.feed(html)
    return parser.baris


def angka_ringkasan(html: str, kunci: str) -> str:
    """Return what the summary shows for one figure, as text: ``23 dari 38 (60,5%)``."""
    awal = html.index(f'data-kunci="{kunci}"')
    dd = html[html.index("<dd", awal) : html.index("</dd>", awal)]
    return " ".join(re.sub(r"<[^>]+>", " ", dd).split())


def unduh_csv(client, **query) -> list[list[str]]:
    response = client.get(URL, query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    teks = b"".join(response.streaming_content).decode("utf-8")
    assert teks.startswith("\ufeff")
    pemisah = ";" if query.get("pemisah") == "titik_koma" else ","
    return list(csv.reader(io.StringIO(teks.removeprefix("\ufeff")), delimiter=pemisah))


def test_the_page_counts_participants_graduates_and_regions(staf_client, data):
    html = staf_client.get(URL).content.decode()

    tahun = tabel_html(html, "tahun")
    assert tahun[0] == ["Tahun", "Angkatan", "Peserta", "Lulus", "Tidak lulus", "Kelulusan"]
    assert tahun[1:] == [
        ["2022", "1", "5", "4", "1", "80%"],
        ["2023", "1", "3", "0", "0", "—"],
        ["Jumlah", "2", "8", "4", "1", "80%"],
    ]
    program = tabel_html(html, "program")
    assert program[1:] == [
        ["Diklat Penguatan Tugas-Tugas Sekretaris Perangkat Daerah", "1", "5", "4", "1", "80%"],
        ["Diklat Kepemimpinan Camat", "1", "3", "0", "0", "—"],
        ["Jumlah", "2", "8", "4", "1", "80%"],
    ]
    provinsi = {baris[0]: baris[1:] for baris in tabel_html(html, "provinsi")[1:]}
    assert len(provinsi) == 38 + 1
    assert provinsi["Jawa Tengah"] == ["5", "4", "0", "100%", "1 / 35"]
    assert provinsi["Jawa Barat"] == ["1", "0", "1", "0%", "1 / 27"]
    assert provinsi["Aceh"] == ["2", "0", "0", "—", "0 / 23"]
    assert provinsi["Papua"] == ["0", "0", "0", "—", "0 / 9"]
    assert provinsi["Jumlah"] == ["8", "4", "1", "80%", "2 / 514"]
    # The summary: 8 enrolments of 7 people; 3 of the 38 provinces and 2 of the 514 kabupaten/kota reached.
    assert angka_ringkasan(html, "peserta") == "8"
    assert angka_ringkasan(html, "orang") == "7"
    assert angka_ringkasan(html, "provinsi") == "3 dari 38 (7,9%)"
    assert angka_ringkasan(html, "kabupaten_kota") == "2 dari 514 (0,4%)"
    # The graduation rate: of those whose result is decided.
    assert angka_ringkasan(html, "kelulusan") == "4 dari 5 (80%)"


def test_a_year_narrows_every_figure(staf_client, data):
    html = staf_client.get(URL, {"tahun": "2023"}).content.decode()

    assert tabel_html(html, "tahun")[1:] == [["2023", "1", "3", "0", "0", "—"], ["Jumlah", "1", "3", "0", "0", "—"]]
    provinsi = {baris[0]: baris[1:] for baris in tabel_html(html, "provinsi")[1:]}
    assert provinsi["Jawa Tengah"] == ["1", "0", "0", "—", "1 / 35"]
    assert provinsi["Jawa Barat"] == ["0", "0", "0", "—", "0 / 27"]
    assert angka_ringkasan(html, "provinsi") == "2 dari 38 (5,3%)"
    assert '<option value="2023" selected>2023</option>' in html and '<option value="2022" >2022</option>' in html


def _seperti_halaman(kunci: str, baris: list[str], desimal: str) -> list[str]:
    """Write a CSV row as the page's table shows it: the percentage as ``80%``, the regions as ``1 / 35``."""
    if kunci == "provinsi":
        label, _kode, peserta, lulus, tidak_lulus, kelulusan, kabkota, kabkota_total = baris
        ekor, awal = [f"{kabkota} / {kabkota_total}"], [label, peserta, lulus, tidak_lulus]
    else:
        *awal, kelulusan = baris
        ekor = []
    persen = "—" if kelulusan == "" else kelulusan.replace(desimal, ",").removesuffix(",0") + "%"
    return [*awal, persen, *ekor]


@pytest.mark.parametrize("pemisah", ["", "titik_koma"])
def test_each_table_downloads_as_csv_with_the_numbers_of_the_page(staf_client, data, pemisah):
    html = staf_client.get(URL).content.decode()
    desimal = "," if pemisah else "."

    for kunci in ("tahun", "program", "provinsi"):
        berkas = unduh_csv(staf_client, unduh=kunci, pemisah=pemisah)
        halaman = tabel_html(html, kunci)
        assert [_seperti_halaman(kunci, b, desimal) for b in berkas[1:]] == halaman[1:]
    provinsi = {baris[0]: baris for baris in unduh_csv(staf_client, unduh="provinsi", pemisah=pemisah)}
    assert provinsi["Provinsi"] == [
        "Provinsi",
        "Kode Kemendagri",
        "Peserta",
        "Lulus",
        "Tidak lulus",
        "Tingkat kelulusan (%)",
        "Kabupaten/kota terjangkau",
        "Jumlah kabupaten/kota",
    ]
    assert provinsi["Jawa Tengah"] == ["Jawa Tengah", "33", "5", "4", "0", f"100{desimal}0", "1", "35"]
    assert provinsi["Jumlah"] == ["Jumlah", "", "8", "4", "1", f"80{desimal}0", "2", "514"]


def test_the_summary_csv_holds_the_headline_figures(staf_client, data):
    baris = unduh_csv(staf_client, unduh="ringkasan", tahun="2022")

    assert baris[0] == ["Bagian", "Uraian", "Jumlah", "Dari", "Persen"]
    menurut = {b[1]: b[2:] for b in baris[1:]}
    assert menurut["Peserta"] == ["5", "", ""]
    assert menurut["Orang"] == ["5", "", ""]
    assert menurut["Tingkat kelulusan"] == ["4", "5", "80.0"]
    assert menurut["Provinsi terjangkau"] == ["2", "38", "5.3"]
    assert menurut["Kabupaten/kota terjangkau"] == ["2", "514", "0.4"]


def test_the_file_is_named_after_its_table_and_year(staf_client, data):
    response = staf_client.get(URL, {"unduh": "program", "tahun": "2022"})
    assert 'filename="statistik-program-2022.csv"' in response["Content-Disposition"]
    response = staf_client.get(URL, {"unduh": "provinsi"})
    assert 'filename="statistik-provinsi-semua-tahun.csv"' in response["Content-Disposition"]


@pytest.mark.parametrize(
    "query, pesan",
    [
        ({"tahun": "dua ribu"}, "Tahun harus berupa angka, mis. 2022."),
        ({"tahun": "1999"}, "Tahun paling awal 2000."),
        ({"unduh": "semua"}, "Tabel yang diminta untuk diunduh tidak dikenal."),
        ({"unduh": "tahun", "pemisah": "tab"}, "Pemisah CSV harus koma atau titik koma."),
    ],
)
def test_a_bad_request_is_said_in_words_and_shows_every_year(staf_client, data, query, pesan):
    response = staf_client.get(URL, query)

    assert response.status_code == 400
    html = response.content.decode()
    assert pesan in html and "Yang ditampilkan: semua tahun." in html
    assert tabel_html(html, "tahun")[-1] == ["Jumlah", "2", "8", "4", "1", "80%"]


def test_a_year_without_angkatan_shows_zeros(staf_client, data):
    html = staf_client.get(URL, {"tahun": "2030"}).content.decode()

    assert "Angkatan tahun 2030" in html
    assert "Belum ada peserta yang terverifikasi." in html
    assert '<option value="2030" selected>2030</option>' in html


def test_the_page_is_for_staff_only(client, data):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert client.get(URL, {"unduh": "provinsi"}).status_code == 302

    client.force_login(peserta_user())
    assert client.get(URL).status_code == 403
    assert client.get(URL, {"unduh": "provinsi"}).status_code == 403


def test_staff_find_it_in_the_menu(staf_client):
    html = staf_client.get(reverse("beranda"), follow=True).content.decode()
    assert f'href="{URL}">Statistik</a>' in html


def _kueri(client, **query) -> int:
    with CaptureQueriesContext(connection) as kueri:
        response = client.get(URL, query)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(kueri)


def test_the_page_makes_as_many_queries_for_fifty_enrolments_as_for_five(staf_client):
    angkatan = AngkatanFactory(tahun=2022)
    PendaftaranFactory.create_batch(5, angkatan=angkatan, status=Status.LULUS)
    sedikit = {unduh: _kueri(staf_client, unduh=unduh) for unduh in ("", "ringkasan", "provinsi")}

    lain = AngkatanFactory(tahun=2023)
    kabkota = list(KabupatenKota.objects.all()[:45])
    for i, kab in enumerate(kabkota):
        PendaftaranFactory(
            angkatan=lain if i % 2 else angkatan, peserta__kabupaten_kota=kab, status=Status.TIDAK_LULUS
        )
    banyak = {unduh: _kueri(staf_client, unduh=unduh) for unduh in ("", "ringkasan", "provinsi")}

    assert Pendaftaran.objects.count() == 50
    assert banyak == sedikit


def test_a_floor_whose_figures_fail_leaves_the_page_standing(staf_client, data, caplog):
    def rusak(sender, **kwargs):
        raise RuntimeError("rusak")

    def ngawur(sender, **kwargs):
        return ["bukan kelompok angka"]

    angka_statistik.connect(rusak, dispatch_uid="uji.rusak", weak=False)
    angka_statistik.connect(ngawur, dispatch_uid="uji.ngawur", weak=False)
    try:
        response = staf_client.get(URL)
        ringkasan = staf_client.get(URL, {"unduh": "ringkasan"})
    finally:
        angka_statistik.disconnect(dispatch_uid="uji.rusak")
        angka_statistik.disconnect(dispatch_uid="uji.ngawur")

    assert response.status_code == 200 and ringkasan.status_code == 200
    assert angka_ringkasan(response.content.decode(), "peserta") == "8"
    pesan = " ".join(r.getMessage() for r in caplog.records)
    assert "rusak" in pesan and "ngawur" in pesan
