"""The sheets of an angkatan's event as PDF: the certificate receipt sheet, name tags and table tents.

The certificate numbers on the receipt sheet come from the certificates' floor: see
sertifikat/tests/test_tanda_terima.py.
"""

import re
import subprocess

import pytest
from django.urls import reverse

from angkatan.tests.factories import AngkatanFactory
from diklat.tests.factories import peserta_user, staf_user
from peserta.ekspor.lembar import (
    MEJA_LEBAR_MM,
    TAG_LEBAR_MM,
    TAG_NAMA_TINGGI_MM,
    papan_meja,
    papan_nama,
)
from peserta.ekspor.ukur import jumlah_baris
from peserta.models import Pendaftaran
from peserta.tests.factories import PendaftaranFactory

pytestmark = pytest.mark.django_db

RUMUS = '=HYPERLINK("http://x","klik")'
Status = Pendaftaran.Status
NAMA_PANJANG = "Raden Roro Kusumawardhani Setyaningsih Purwaningtyas Hadiningrat"
LEMBAR = ["lembar-tanda-terima", "lembar-papan-nama", "lembar-papan-meja"]


@pytest.fixture
def angkatan():
    """Angkatan IV of 2022: nine who attend (two passed), and four who get no tag."""
    angkatan = AngkatanFactory(
        nomor=4, tahun=2022, program__kode="PTSPD", venue__nama="Hotel Harris Suites Puri Mansion"
    )
    PendaftaranFactory(
        angkatan=angkatan,
        status=Status.LULUS,
        peserta__nama="Budi Santoso",
        peserta__gelar_depan="Drs.",
        peserta__gelar_belakang="M.Si.",
        peserta__nip="196805121994031004",
        peserta__instansi=RUMUS,
    )
    PendaftaranFactory(angkatan=angkatan, status=Status.LULUS, peserta__nama="Ani Lestari")
    PendaftaranFactory(angkatan=angkatan, status=Status.TIDAK_LULUS, peserta__nama="Citra Dewi")
    for i in range(5):
        PendaftaranFactory(angkatan=angkatan, status=Status.MENGIKUTI, peserta__nama=f"Peserta Hadir {i + 1}")
    PendaftaranFactory(
        angkatan=angkatan,
        status=Status.DIVERIFIKASI,
        peserta__nama=NAMA_PANJANG,
        peserta__gelar_depan="Dr. Ir.",
        peserta__gelar_belakang="S.T., M.T., M.Sc.",
    )
    PendaftaranFactory(angkatan=angkatan, status=Status.DITOLAK, alasan="Kuota daerah penuh.", peserta__nama="Ditolak")
    PendaftaranFactory(
        angkatan=angkatan, status=Status.MENGUNDURKAN_DIRI, alasan="Sakit.", peserta__nama="Mundur Diri"
    )
    PendaftaranFactory(angkatan=angkatan, status=Status.DIUSULKAN, peserta__nama="Baru Diusulkan")
    return angkatan


def unduh(client, angkatan, nama):
    return client.get(reverse(f"peserta:{nama}", args=[angkatan.pk]))


def halaman_teks(pdf: bytes, *opsi: str) -> list[str]:
    """Return the text of each page."""
    keluaran = subprocess.run(["pdftotext", *opsi, "-", "-"], input=pdf, capture_output=True, check=True)
    return keluaran.stdout.decode().split("\f")[:-1]


def kata_kata(pdf: bytes, halaman: int) -> list[tuple[str, float, float]]:
    """Return the words of a page with the left and top of each, in points."""
    keluaran = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(halaman), "-l", str(halaman), "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return [
        (kata, float(x), float(y))
        for x, y, kata in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', keluaran)
    ]


@pytest.mark.parametrize(
    "nama, berkas",
    [
        ("lembar-tanda-terima", "tanda-terima-sertifikat-ptspd-angkatan-iv-2022.pdf"),
        ("lembar-papan-nama", "papan-nama-ptspd-angkatan-iv-2022.pdf"),
        ("lembar-papan-meja", "papan-nama-meja-ptspd-angkatan-iv-2022.pdf"),
    ],
)
def test_staff_download_each_sheet_as_a_named_pdf(staf_client, angkatan, nama, berkas):
    response = unduh(staf_client, angkatan, nama)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    disposisi = response["Content-Disposition"]
    assert disposisi.startswith("attachment;")
    assert f'filename="{berkas}"' in disposisi


def test_the_receipt_sheet_lists_the_graduates_with_nip_and_agency_as_typed(staf_client, angkatan):
    halaman = halaman_teks(unduh(staf_client, angkatan, "lembar-tanda-terima").content)

    teks = " ".join("\n".join(halaman).split())
    assert len(halaman) == 1
    for kata in ("TANDA TERIMA SERTIFIKAT", "Angkatan IV Tahun 2022", "Hotel Harris Suites Puri Mansion, Jakarta"):
        assert kata in teks
    assert "20–24 Juni 2022" in teks
    assert "Nomor Sertifikat" in teks and "Tanda Tangan" in teks
    assert "Drs. Budi Santoso, M.Si." in teks and "19680512 199403 1 004" in teks
    assert "Ani Lestari" in teks
    # Only who passed: not who failed, attends, was refused or withdrew.
    for nama in ("Citra Dewi", "Peserta Hadir", "Ditolak", "Mundur Diri", "Baru Diusulkan"):
        assert nama not in teks
    # A PDF runs no formula: the agency is printed exactly as typed, without the CSV's apostrophe.
    assert RUMUS in teks.replace(" ", "")
    assert "'=" not in teks
    assert "Jumlah sertifikat" in teks and "2 lembar" in teks
    assert "Panitia Penyelenggara," in teks
    assert "Halaman 1 dari 1" in teks


def test_the_receipt_sheet_signs_in_the_zig_zag_of_the_sign_in_sheet(staf_client, angkatan):
    PendaftaranFactory.create_batch(2, angkatan=angkatan, status=Status.LULUS)
    pdf = unduh(staf_client, angkatan, "lembar-tanda-terima").content

    posisi = {kata: x for kata, x, _ in kata_kata(pdf, 1) if kata in ("1.", "2.", "3.", "4.")}
    assert posisi["1."] < posisi["2."] and posisi["3."] < posisi["4."]
    assert posisi["1."] == pytest.approx(posisi["3."]) and posisi["2."] == pytest.approx(posisi["4."])


def test_a_long_receipt_sheet_repeats_its_header_and_running_title(staf_client, angkatan):
    PendaftaranFactory.create_batch(40, angkatan=angkatan, status=Status.LULUS)

    halaman = halaman_teks(unduh(staf_client, angkatan, "lembar-tanda-terima").content)

    assert len(halaman) >= 2
    assert "Sertifikat" in halaman[1] and "Tanda Tangan" in halaman[1]
    assert "Tanda Terima Sertifikat · PTSPD Angkatan IV Tahun 2022" in halaman[1]
    assert f"Halaman 2 dari {len(halaman)}" in halaman[1]
    assert "42 lembar" in halaman[-1]


def test_name_tags_are_eight_to_a_page_for_who_attends(staf_client, angkatan):
    halaman = halaman_teks(unduh(staf_client, angkatan, "lembar-papan-nama").content)

    # Nine verified or attending (passed and failed included): eight on the first page, one on the second.
    assert len(halaman) == 2
    teks = "\n".join(halaman)
    assert teks.count("ANGKATAN IV TAHUN 2022") == 9
    assert halaman[0].count("ANGKATAN IV TAHUN 2022") == 8
    assert "Drs. Budi Santoso, M.Si." in teks and "Citra Dewi" in teks
    assert "Sekretaris Dinas Kesehatan" in teks and "Kabupaten Banyumas" in teks
    for nama in ("Ditolak", "Mundur Diri", "Baru Diusulkan"):
        assert nama not in teks
    # The long name is printed whole, its words unbroken.
    for kata in f"Dr. Ir. {NAMA_PANJANG}, S.T., M.T., M.Sc.".split():
        assert kata in teks


def test_a_long_name_gets_a_smaller_size_that_fits_its_tag():
    pendek = papan_nama(PendaftaranFactory.build(peserta__nama="Ardi", peserta__gelar_belakang="S.H."))
    panjang = papan_nama(
        PendaftaranFactory.build(peserta__nama=NAMA_PANJANG, peserta__gelar_belakang="S.T., M.T., M.Sc.")
    )

    assert panjang.ukuran_nama < pendek.ukuran_nama
    baris = jumlah_baris(panjang.nama, ukuran=panjang.ukuran_nama, lebar_mm=TAG_LEBAR_MM, tebal=True)
    assert baris <= 3
    assert baris * panjang.ukuran_nama * 1.15 <= TAG_NAMA_TINGGI_MM * 72 / 25.4
    meja = papan_meja(PendaftaranFactory.build(peserta__nama=NAMA_PANJANG, peserta__gelar_belakang="S.T."))
    assert jumlah_baris(meja.nama, ukuran=meja.ukuran_nama, lebar_mm=MEJA_LEBAR_MM, tebal=True) <= 3
    assert meja.ukuran_nama > panjang.ukuran_nama


def test_name_tags_and_tents_print_a_note_when_nobody_attends(staf_client):
    kosong = AngkatanFactory()
    for nama in ("lembar-papan-nama", "lembar-papan-meja"):
        teks = "".join(halaman_teks(unduh(staf_client, kosong, nama).content))
        assert "Belum ada peserta berstatus Diverifikasi atau Mengikuti." in teks


def test_table_tents_are_one_page_each_with_the_upper_half_upside_down(staf_client, angkatan):
    pdf = unduh(staf_client, angkatan, "lembar-papan-meja").content
    halaman = halaman_teks(pdf)

    assert len(halaman) == 9
    budi = next(i for i, h in enumerate(halaman, start=1) if "Budi" in h)
    assert halaman[budi - 1].count("Drs. Budi Santoso, M.Si.") == 2
    kata = kata_kata(pdf, budi)
    tinggi_a4 = 841.89
    atas = {k: x for k, x, y in kata if y < tinggi_a4 / 2}
    bawah = {k: x for k, x, y in kata if y > tinggi_a4 / 2}
    # Below the fold the name reads left to right; above it, turned, its first word lies to the right.
    assert bawah["Drs."] < bawah["Santoso,"]
    assert atas["Drs."] > atas["Santoso,"]


@pytest.mark.parametrize("nama", LEMBAR)
def test_a_participant_is_refused_and_a_stranger_sent_to_log_in(client, angkatan, nama):
    assert unduh(client, angkatan, nama).status_code == 302
    client.force_login(peserta_user())
    assert unduh(client, angkatan, nama).status_code == 403


@pytest.mark.parametrize("nama", LEMBAR)
def test_another_angkatan_gives_its_own_people_and_an_unknown_one_404(staf_client, angkatan, nama):
    lain = AngkatanFactory(nomor=5)
    PendaftaranFactory(angkatan=lain, status=Status.LULUS, peserta__nama="Yuliana Maharani")

    teks = "".join(halaman_teks(unduh(staf_client, lain, nama).content))

    assert "Yuliana Maharani" in teks and "Budi Santoso" not in teks
    assert staf_client.get(reverse(f"peserta:{nama}", args=[999999])).status_code == 404


def test_the_export_page_offers_the_three_sheets(client, angkatan):
    client.force_login(staf_user())
    html = client.get(reverse("peserta:ekspor-roster", args=[angkatan.pk])).content.decode()

    assert "Lembar acara" in html
    for nama in LEMBAR:
        assert reverse(f"peserta:{nama}", args=[angkatan.pk]) in html
    assert "Peserta yang lulus (2 orang)" in html
    assert "bagi 9 peserta terverifikasi" in html and "(9 lembar)" in html


@pytest.mark.parametrize("nama", LEMBAR)
def test_a_sheet_costs_the_same_queries_for_ten_people_or_forty(
    staf_client, angkatan, nama, django_assert_max_num_queries
):
    with django_assert_max_num_queries(30) as sedikit:
        unduh(staf_client, angkatan, nama)
    PendaftaranFactory.create_batch(30, angkatan=angkatan, status=Status.LULUS)
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        assert unduh(staf_client, angkatan, nama).status_code == 200
