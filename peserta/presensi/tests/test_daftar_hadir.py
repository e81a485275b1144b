import shutil
import subprocess

import pytest
from django.urls import reverse

from angkatan.models import HariPelatihan
from angkatan.tests.factories import AngkatanFactory, VenueFactory
from diklat.pdf import css_string, html_to_pdf
from diklat.tests.factories import ProgramFactory, peserta_user
from peserta.models import Pendaftaran
from peserta.presensi.services import presensi_hari_siapkan, presensi_semua_hadir, presensi_set
from peserta.tests.factories import PendaftaranFactory, PesertaFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils (pdftotext)"),
]

MENGIKUTI = Pendaftaran.Status.MENGIKUTI


def pdf_text(pdf: bytes, halaman: int | None = None, *, layout: bool = False) -> str:
    """Return the PDF's text; without ``layout``, in reading order with whitespace made single spaces."""
    pilihan = ["-f", str(halaman), "-l", str(halaman)] if halaman else []
    if layout:
        pilihan.append("-layout")
    hasil = subprocess.run(["pdftotext", *pilihan, "-", "-"], input=pdf, capture_output=True, check=True)
    teks = hasil.stdout.decode()
    return teks if layout else " ".join(teks.split())


def jumlah_halaman(pdf: bytes) -> int:
    hasil = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True)
    baris = next(b for b in hasil.stdout.decode().splitlines() if b.startswith("Pages:"))
    return int(baris.split()[1])


@pytest.fixture
def angkatan():
    angkatan = AngkatanFactory(
        nomor=4,
        program=ProgramFactory(nama="Diklat Penguatan Tugas-Tugas Sekretaris Perangkat Daerah", kode="PTSPD"),
        venue=VenueFactory(nama="Hotel Harris Suites Puri Mansion", kota="Jakarta Barat"),
    )
    presensi_hari_siapkan(angkatan=angkatan)
    return angkatan


def senin(angkatan) -> HariPelatihan:
    return HariPelatihan.objects.get(angkatan=angkatan, tanggal="2022-06-20")


def url_pdf(angkatan, hari):
    return reverse("peserta:daftar-hadir", args=[angkatan.pk, hari.pk])


def test_sheet_shows_the_day_the_people_and_blank_counts(staf_client, angkatan):
    budi = PendaftaranFactory(
        angkatan=angkatan,
        status=MENGIKUTI,
        peserta=PesertaFactory(
            nip="196608011988031001",
            nama="Budi Santoso",
            gelar_depan="Dr.",
            gelar_belakang="S.Sos., M.Si.",
            jabatan="Sekretaris Dinas Sosial",
            instansi="Dinas Sosial Kabupaten Banyumas",
        ),
    )
    PendaftaranFactory(angkatan=angkatan, status="diverifikasi", peserta=PesertaFactory(nama="Sri Wahyuni"))
    PendaftaranFactory(angkatan=angkatan, peserta=PesertaFactory(nama="Belum Diverifikasi"))
    hari = senin(angkatan)
    hari.keterangan = "Sesi 1–2: Kebijakan Pengembangan Kompetensi"
    hari.save()

    response = staf_client.get(url_pdf(angkatan, hari))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="daftar-hadir-ptspd-iv-2022-06-20.pdf"'
    teks = pdf_text(response.content)
    for isi in [
        "BADAN PENGEMBANGAN SUMBER DAYA MANUSIA",
        "KEMENTERIAN DALAM NEGERI",
        "DAFTAR HADIR PESERTA",
        "Diklat Penguatan Tugas-Tugas Sekretaris Perangkat Daerah",
        "Angkatan IV Tahun 2022",
        "Senin, 20 Juni 2022",
        "Hotel Harris Suites Puri Mansion, Jakarta Barat",
        "Sesi 1–2: Kebijakan Pengembangan Kompetensi",
        "Dr. Budi Santoso, S.Sos., M.Si.",
        "19660801 198803 1 001",
        "Sekretaris Dinas Sosial",
        "Kabupaten Banyumas",
        budi.peserta.jabatan,
        "Sri Wahyuni",
        "Tanda Tangan",
        "Jumlah peserta : 2 orang",
        "Panitia Penyelenggara",
        "Halaman 1 dari 1",
    ]:
        assert isi in teks, isi
    assert "Belum Diverifikasi" not in teks
    assert "orang (izin" not in teks  # nothing recorded yet: the counts are blank lines to fill in


def test_signature_numbers_zig_zag_left_and_right(staf_client, angkatan):
    for nama in ["Agus", "Bambang", "Citra", "Dewi"]:
        PendaftaranFactory(angkatan=angkatan, status=MENGIKUTI, peserta=PesertaFactory(nama=nama))

    teks = pdf_text(staf_client.get(url_pdf(angkatan, senin(angkatan))).content, layout=True)

    kolom = {}
    for baris in teks.splitlines():
        for nomor in ["1.", "2.", "3.", "4."]:
            if f" {nomor} " in f" {baris} " and "Halaman" not in baris:
                kolom[nomor] = f" {baris} ".rindex(f" {nomor} ")
    assert kolom["1."] == kolom["3."] < kolom["2."] == kolom["4."]


def test_recorded_attendance_fills_the_counts(staf_client, angkatan):
    orang = PendaftaranFactory.create_batch(5, angkatan=angkatan, status=MENGIKUTI)
    hari = senin(angkatan)
    presensi_set(pendaftaran=orang[0], hari=hari, status="izin")
    presensi_set(pendaftaran=orang[1], hari=hari, status="alpa")
    presensi_semua_hadir(hari=hari)

    teks = pdf_text(staf_client.get(url_pdf(angkatan, hari)).content)

    assert "Hadir : 3 orang" in teks
    assert "Tidak hadir : 2 orang (izin 1, sakit 0, tanpa keterangan 1)" in teks


def test_seventy_people_take_more_pages_with_the_header_on_each(staf_client, angkatan):
    PendaftaranFactory.create_batch(30, angkatan=angkatan, status=MENGIKUTI)
    tiga_puluh = staf_client.get(url_pdf(angkatan, senin(angkatan))).content
    orang = PendaftaranFactory.create_batch(40, angkatan=angkatan, status=MENGIKUTI)
    tujuh_puluh = staf_client.get(url_pdf(angkatan, senin(angkatan))).content

    halaman = jumlah_halaman(tujuh_puluh)
    assert 2 <= jumlah_halaman(tiga_puluh) < halaman
    kedua = pdf_text(tujuh_puluh, 2)
    for kepala in ["No.", "Nama", "NIP", "Jabatan / Unit Kerja", "Tanda Tangan"]:
        assert kepala in kedua
    assert "Senin, 20 Juni 2022" in kedua  # the running head names the day on every page
    assert f"Halaman 2 dari {halaman}" in kedua
    terakhir = pdf_text(tujuh_puluh, halaman)
    assert orang[-1].peserta.nip_tampil in pdf_text(tujuh_puluh)
    assert "70." in pdf_text(tujuh_puluh) and f"Halaman {halaman} dari {halaman}" in terakhir


def test_the_sheet_is_in_indonesian_whatever_the_interface_language(staf_client, angkatan):
    PendaftaranFactory(angkatan=angkatan, status=MENGIKUTI)

    response = staf_client.get(url_pdf(angkatan, senin(angkatan)), HTTP_ACCEPT_LANGUAGE="en")

    assert "Senin, 20 Juni 2022" in pdf_text(response.content)


def test_a_day_of_another_angkatan_is_not_found(staf_client, angkatan):
    lain = AngkatanFactory()
    presensi_hari_siapkan(angkatan=lain)

    response = staf_client.get(url_pdf(angkatan, HariPelatihan.objects.filter(angkatan=lain).first()))

    assert response.status_code == 404


def test_participants_cannot_print_the_sheet(client, angkatan):
    client.force_login(peserta_user())

    assert client.get(url_pdf(angkatan, senin(angkatan))).status_code == 403


def test_css_strings_cannot_break_out_of_the_style_element():
    assert css_string('Diklat "A" </style><script>') == '"Diklat \\22 A\\22  \\3c /style\\3e \\3c script\\3e "'


def test_pdf_helper_refuses_to_fetch_outside_addresses():
    # An image from elsewhere is skipped, not fetched; the document still renders.
    pdf = html_to_pdf('<p>Halo</p><img src="http://example.com/x.png"><img src="file:///etc/hostname">')

    assert pdf.startswith(b"%PDF") and "Halo" in pdf_text(pdf)
