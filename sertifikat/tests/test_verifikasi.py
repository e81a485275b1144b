import base64
import datetime
import hashlib
import threading
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from angkatan.hari_pelatihan import rentang_tanggal
from angkatan.tests.factories import AngkatanFactory, VenueFactory
from diklat.nip import format_nip
from diklat.tests.factories import ProgramFactory, staf_user
from peserta.models import Pendaftaran
from peserta.tests.factories import PendaftaranFactory, PesertaFactory
from sertifikat import ratelimit
from sertifikat.data_cetak import data_cetak
from sertifikat.models import Sertifikat, kode_verifikasi_baru
from sertifikat.ratelimit import alamat_klien, hitung_permintaan
from sertifikat.services import sertifikat_revoke
from sertifikat.tests.factories import SertifikatFactory
from sertifikat.verification import sertifikat_by_file, sertifikat_for_verification

pytestmark = pytest.mark.django_db

Status = Sertifikat.Status
NIP = "196608011988031001"
WIB = ZoneInfo("Asia/Jakarta")
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n% STTP Angkatan III\n%%EOF\n"


@pytest.fixture(autouse=True)
def _satu_menit(monkeypatch):
    # The rate limit counts per clock minute: pin the clock, so that no test's requests straddle two.
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: 1_700_000_047.5))


@pytest.fixture
def budi():
    return PesertaFactory(
        nip=NIP,
        gelar_depan="Drs.",
        nama="Budi Santoso",
        gelar_belakang="M.Si.",
        tempat_lahir="Sukoharjo",
        tanggal_lahir=datetime.date(1966, 8, 1),
        email="budi.santoso66@example.com",
        telepon="+6281234567890",
    )


@pytest.fixture
def angkatan_iii():
    program = ProgramFactory(nama="Diklat Penguatan Tugas-Tugas Sekretaris Perangkat Daerah", kode="PTSPD")
    venue = VenueFactory(nama="Hotel Grand Kemang", kota="Jakarta Selatan", alamat="Jl. Kemang Raya No. 2H")
    return AngkatanFactory(
        program=program,
        nomor=3,
        tahun=2022,
        tanggal_mulai=datetime.date(2022, 6, 20),
        tanggal_selesai=datetime.date(2022, 6, 24),
        venue=venue,
    )


@pytest.fixture
def sertifikat(budi, angkatan_iii):
    pendaftaran = PendaftaranFactory(
        peserta=budi, angkatan=angkatan_iii, status=Pendaftaran.Status.LULUS, predikat="Sangat Memuaskan"
    )
    return SertifikatFactory(
        pendaftaran=pendaftaran,
        urut=7,
        isi=PDF,
        diterbitkan_pada=datetime.datetime(2022, 6, 24, 16, 0, tzinfo=WIB),
    )


def url(sertifikat_or_kode) -> str:
    kode = getattr(sertifikat_or_kode, "kode_verifikasi", sertifikat_or_kode)
    return reverse("sertifikat:verifikasi", kwargs={"kode": kode})


def text(response) -> str:
    return response.content.decode()


def unggah(client, data: bytes, name: str = "sertifikat.pdf"):
    return client.post(
        reverse("sertifikat:verifikasi-unggah"), {"berkas": SimpleUploadedFile(name, data, "application/pdf")}
    )


# The page a QR code opens -------------------------------------------------------------------------------------


def test_valid_certificate_shows_status_and_a_public_summary(client, sertifikat):
    response = client.get(url(sertifikat))

    assert response.status_code == 200
    html = text(response)
    assert "SAH" in html and "Sertifikat ini sah" in html
    assert "Drs. Budi Santoso, M.Si." in html
    assert "1966**** ****** 1 001" in html
    assert "Diklat Penguatan Tugas-Tugas Sekretaris Perangkat Daerah" in html
    assert "Angkatan III" in html
    assert "20–24 Juni 2022" in html
    assert "Hotel Grand Kemang, Jakarta Selatan" in html
    assert "Sangat Memuaskan" in html
    assert "0007/STTP/PTSPD-III/BPSDM/2022" in html
    assert "Jumat, 24 Juni 2022" in html
    assert "DICABUT" not in html and "DIGANTI" not in html


def rahasia(budi, sertifikat) -> tuple[str, ...]:
    """What the holder's certificate record knows of them beyond the public summary, as pages would write it."""
    return (
        NIP,
        format_nip(NIP),  # 19660801 198803 1 001
        "19660801",
        "01-08-1966",
        "01/08/1966",
        "1966-08-01",
        "1 Agustus 1966",
        "01 Agustus 1966",
        "Agustus 1966",
        "Sukoharjo",
        budi.email,
        "+6281234567890",
        "812-3456-7890",
        "081234567890",
        "Jl. Kemang Raya",
        sertifikat.berkas.name or "sertifikat/2022/",
    )


def test_the_public_page_shows_no_personal_data_beyond_the_summary(client, sertifikat, budi):
    html = text(client.get(url(sertifikat)))

    assert "1966**** ****** 1 001" in html
    for bocor in rahasia(budi, sertifikat):
        assert bocor not in html, bocor


@pytest.mark.parametrize("keadaan", ["dicabut", "diganti"])
def test_a_revoked_or_replaced_certificates_page_shows_no_more_of_the_holder(client, sertifikat, budi, keadaan):
    sertifikat_revoke(sertifikat=sertifikat, user=None, alasan="Salah angkatan.")
    if keadaan == "diganti":
        Sertifikat.objects.filter(pk=sertifikat.pk).update(status=Status.REPLACED)
        SertifikatFactory(pendaftaran=sertifikat.pendaftaran, versi=2, urut=sertifikat.urut, nomor=sertifikat.nomor)

    html = text(client.get(url(sertifikat)))

    assert ("DICABUT" if keadaan == "dicabut" else "DIGANTI") in html
    for bocor in rahasia(budi, sertifikat):
        assert bocor not in html, bocor


def test_the_pdf_check_shows_no_more_of_the_holder_than_the_page(client, sertifikat, budi):
    html = text(unggah(client, PDF))

    assert "sertifikat asli" in html and "1966**** ****** 1 001" in html
    for bocor in rahasia(budi, sertifikat):
        assert bocor not in html, bocor


def test_the_public_page_is_not_indexed_and_the_anonymous_navigation_renders(client, sertifikat):
    response = client.get(url(sertifikat))

    assert '<meta name="robots" content="noindex">' in text(response)
    assert "noindex" in response["X-Robots-Tag"]
    assert 'href="/"' in text(response) and "Diklat BPSDM" in text(response)
    assert "Keluar" not in text(response)


def test_a_training_without_evaluation_says_telah_mengikuti(client, sertifikat):
    program = sertifikat.pendaftaran.angkatan.program
    program.dengan_evaluasi = False
    program.save()

    html = text(client.get(url(sertifikat)))

    assert "Telah mengikuti" in html
    assert "Sangat Memuaskan" not in html


def test_a_revoked_certificate_says_so_with_reason_and_date(client, sertifikat):
    sertifikat_revoke(sertifikat=sertifikat, user=staf_user(), alasan="Nama peserta salah eja; diterbitkan ulang.")
    Sertifikat.objects.filter(pk=sertifikat.pk).update(dicabut_pada=datetime.datetime(2022, 7, 4, 9, 0, tzinfo=WIB))

    response = client.get(url(sertifikat))

    assert response.status_code == 200
    html = text(response)
    assert "DICABUT" in html
    assert "Sertifikat ini sah" not in html
    assert "Nama peserta salah eja; diterbitkan ulang." in html
    assert "Senin, 4 Juli 2022" in html
    assert "Drs. Budi Santoso, M.Si." in html


def test_a_replaced_certificate_points_to_the_current_version(client, sertifikat):
    Sertifikat.objects.filter(pk=sertifikat.pk).update(status=Status.REPLACED)
    lama = sertifikat
    baru = SertifikatFactory(pendaftaran=lama.pendaftaran, versi=2, urut=lama.urut, nomor=lama.nomor)
    # A third version still being rendered is not the current one yet.
    SertifikatFactory(
        pendaftaran=lama.pendaftaran, versi=3, urut=lama.urut, nomor=lama.nomor, status=Status.RENDERING, sha256=""
    )

    response = client.get(url(lama))

    assert response.status_code == 200
    html = text(response)
    assert "DIGANTI" in html
    assert "Sertifikat ini sah" not in html
    assert f'href="{url(baru)}"' in html
    assert "Periksa versi terkini" in html

    current = client.get(url(baru))
    assert "Sertifikat ini sah" in text(current)
    assert "(versi 2)" in text(current)


def test_a_replaced_certificate_whose_successor_is_not_issued_yet_says_so(client, sertifikat):
    Sertifikat.objects.filter(pk=sertifikat.pk).update(status=Status.REPLACED)
    SertifikatFactory(
        pendaftaran=sertifikat.pendaftaran,
        versi=2,
        urut=sertifikat.urut,
        nomor=sertifikat.nomor,
        status=Status.PENDING,
    )

    html = text(client.get(url(sertifikat)))

    assert "DIGANTI" in html and "Versi penggantinya sedang disiapkan." in html


@pytest.mark.parametrize("status", [Status.PENDING, Status.RENDERING, Status.FAILED])
def test_a_certificate_never_issued_is_not_found(client, status):
    belum = SertifikatFactory(status=status, diterbitkan_pada=None)

    response = client.get(url(belum))

    assert response.status_code == 404
    assert "Sertifikat tidak ditemukan" in text(response)
    assert belum.pendaftaran.peserta.nama not in text(response)
    assert sertifikat_for_verification(kode=belum.kode_verifikasi) is None


@pytest.mark.parametrize(
    "path",
    [
        "/verifikasi/tidakadakodeseperti0ini/",
        "/verifikasi/" + "A" * 33 + "/",
        "/verifikasi/" + "x" * 4000 + "/",
        "/verifikasi/%C3%BC%E2%82%AC%F0%9F%98%80/",  # ü€😀
        "/verifikasi/%00/",
        "/verifikasi/a/b/",
        "/verifikasi/..%2F..%2Fetc%2Fpasswd/",
        "/verifikasi/'%20OR%201=1%20--/",
        "/verifikasi/%3Cscript%3Ealert(1)%3C%2Fscript%3E/",
    ],
)
def test_unknown_and_odd_codes_get_the_friendly_404(client, sertifikat, path):
    response = client.get(path)

    assert response.status_code == 404
    html = text(response)
    assert "Sertifikat tidak ditemukan" in html
    assert "Periksa kembali alamat atau kode" in html
    assert "<script>alert(1)" not in html
    assert "Budi Santoso" not in html


def test_the_code_is_random_128_bits_and_the_address_is_not_the_number_or_nip(sertifikat, budi):
    kode = sertifikat.kode_verifikasi
    assert len(kode) >= 22
    assert len(base64.urlsafe_b64decode(kode + "==")) * 8 >= 96
    assert len({kode_verifikasi_baru() for _ in range(1000)}) == 1000

    alamat = url(sertifikat)
    assert alamat == f"/verifikasi/{kode}/"
    for bocor in (budi.nip, "19660801", sertifikat.nomor, "/STTP/", "PTSPD-III"):
        assert bocor not in alamat


def test_the_code_space_is_too_large_to_scan_at_the_pages_rate_limit(settings):
    kode = [kode_verifikasi_baru() for _ in range(2000)]
    bit = min(len(base64.urlsafe_b64decode(k + "==")) * 8 for k in kode)
    ruang = 2**bit

    assert ruang >= 2**120
    # Random bits, not a counter or a clock: each of the first 21 characters takes nearly all 64 symbols.
    for i in range(21):
        assert len({k[i] for k in kode}) >= 60, i
    # A million addresses, each at the page's limit, against a million certificates issued: still more than a
    # billion years, on average, to find any one of them.
    tebakan_per_tahun = 10**6 * settings.VERIFIKASI_BATAS_PER_MENIT * 60 * 24 * 365
    assert ruang / 10**6 / tebakan_per_tahun > 10**9


def test_looking_up_a_certificate_takes_one_query(sertifikat, django_assert_num_queries):
    with django_assert_num_queries(1):
        ditemukan = sertifikat_for_verification(kode=sertifikat.kode_verifikasi)
        assert ditemukan.pendaftaran.peserta.nama == "Budi Santoso"
        assert ditemukan.pendaftaran.angkatan.program.kode == "PTSPD"
        assert ditemukan.pendaftaran.angkatan.venue.nama == "Hotel Grand Kemang"
        assert ditemukan.versi_terkini is None


# The page kept in the cache ------------------------------------------------------------------------------------------


@pytest.fixture
def disimpan(settings):
    """The verification pages kept in the cache, as with a cache all processes share (CACHE_URL)."""
    settings.VERIFIKASI_CACHE_DETIK = 60


def test_a_page_read_again_comes_from_the_cache_without_a_query(
    client, sertifikat, disimpan, django_assert_num_queries
):
    with django_assert_num_queries(1):
        pertama = client.get(url(sertifikat))
    with django_assert_num_queries(0):
        kedua = client.get(url(sertifikat))

    for response in (pertama, kedua):
        assert "Sertifikat ini sah" in text(response) and "Drs. Budi Santoso, M.Si." in text(response)
        assert "0007/STTP/PTSPD-III/BPSDM/2022" in text(response)


def test_a_revoked_certificate_says_so_at_once_though_its_valid_page_was_kept(
    client, sertifikat, disimpan, django_capture_on_commit_callbacks
):
    assert "Sertifikat ini sah" in text(client.get(url(sertifikat)))

    with django_capture_on_commit_callbacks(execute=True):
        sertifikat_revoke(sertifikat=sertifikat, user=staf_user(), alasan="Nama peserta salah eja.")
    html = text(client.get(url(sertifikat)))

    assert "DICABUT" in html and "Nama peserta salah eja." in html
    assert "Sertifikat ini sah" not in html


def test_a_new_version_made_ready_shows_at_once_on_the_kept_pages_of_the_versions_before(
    client, sertifikat, disimpan, django_capture_on_commit_callbacks
):
    from sertifikat.pekerja import sertifikat_store

    with django_capture_on_commit_callbacks(execute=True):
        sertifikat_revoke(sertifikat=sertifikat, user=staf_user(), alasan="Nama peserta salah eja.")
    baru = SertifikatFactory(
        pendaftaran=sertifikat.pendaftaran,
        versi=2,
        urut=sertifikat.urut,
        nomor=sertifikat.nomor,
        status=Status.RENDERING,
    )
    assert "Periksa versi terkini" not in text(client.get(url(sertifikat)))  # kept while the new one is made

    with django_capture_on_commit_callbacks(execute=True):
        assert sertifikat_store(sertifikat=baru, pdf=PDF, ditandatangani=False)
    html = text(client.get(url(sertifikat)))

    assert "DICABUT" in html and f'href="{url(baru)}"' in html


def test_a_kept_page_is_kept_per_language(client, sertifikat, disimpan):
    from django.conf import settings

    assert "Sertifikat ini sah" in text(client.get(url(sertifikat)))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = text(client.get(url(sertifikat)))

    assert "This certificate is valid" in html and "Sertifikat ini sah" not in html


def test_the_limit_counts_the_requests_the_cache_answers_too(client, sertifikat, disimpan, settings):
    settings.VERIFIKASI_BATAS_PER_MENIT = 2

    assert [client.get(url(sertifikat)).status_code for _ in range(3)] == [200, 200, 429]


def test_an_unknown_code_is_not_kept_so_a_certificate_issued_later_is_found(client, sertifikat, disimpan):
    Sertifikat.objects.filter(pk=sertifikat.pk).update(status=Status.PENDING)
    assert client.get(url(sertifikat)).status_code == 404

    Sertifikat.objects.filter(pk=sertifikat.pk).update(status=Status.READY)

    assert client.get(url(sertifikat)).status_code == 200


def test_dates_are_written_the_indonesian_way():
    assert rentang_tanggal(datetime.date(2022, 6, 20), datetime.date(2022, 6, 24)) == "20–24 Juni 2022"
    assert rentang_tanggal(datetime.date(2022, 6, 28), datetime.date(2022, 7, 2)) == "28 Juni – 2 Juli 2022"
    assert (
        rentang_tanggal(datetime.date(2022, 12, 30), datetime.date(2023, 1, 2)) == "30 Desember 2022 – 2 Januari 2023"
    )
    assert rentang_tanggal(datetime.date(2022, 6, 20), datetime.date(2022, 6, 20)) == "20 Juni 2022"


# The code typed or pasted ----------------------------------------------------------------------------------------


def test_the_upload_page_offers_a_pdf_upload_and_a_code_field(client):
    response = client.get(reverse("sertifikat:verifikasi-unggah"))

    assert response.status_code == 200
    html = text(response)
    assert 'type="file"' in html and 'enctype="multipart/form-data"' in html
    assert 'name="kode"' in html
    assert '<meta name="robots" content="noindex">' in html


def test_a_typed_code_or_a_pasted_qr_address_leads_to_the_code_page(client, sertifikat):
    halaman = reverse("sertifikat:verifikasi-unggah")
    kode = sertifikat.kode_verifikasi

    for isian in (kode, f"  {kode} ", f"https://diklat.bpsdm.kemendagri.go.id/verifikasi/{kode}/"):
        response = client.get(halaman, {"kode": isian})
        assert response.status_code == 302
        assert response["Location"] == url(sertifikat)


@pytest.mark.parametrize("isian", ["nomor 0001/STTP ü", "http://[x/verifikasi/abc", "https:///", "//"])
def test_something_that_is_not_a_code_gets_a_message(client, isian):
    response = client.get(reverse("sertifikat:verifikasi-unggah"), {"kode": isian})

    assert response.status_code == 200
    assert "Ini bukan kode verifikasi" in text(response)


# The PDF uploaded ----------------------------------------------------------------------------------------------


def test_the_exact_file_is_recognised_as_genuine(client, sertifikat):
    response = unggah(client, PDF)

    assert response.status_code == 200
    html = text(response)
    assert "Berkas ini adalah sertifikat asli yang diterbitkan, tidak diubah" in html
    assert "Sertifikat ini sah" in html
    assert "Drs. Budi Santoso, M.Si." in html and "1966**** ****** 1 001" in html
    assert NIP not in html and format_nip(NIP) not in html
    assert url(sertifikat) in html


def test_a_file_with_one_byte_changed_does_not_match(client, sertifikat):
    diubah = bytearray(PDF)
    diubah[-10] ^= 0x01

    html = text(unggah(client, bytes(diubah)))

    assert "Berkas ini tidak cocok dengan sertifikat mana pun yang kami terbitkan" in html
    assert "Berkas mungkin telah diubah" in html
    assert "Budi Santoso" not in html


def test_the_file_of_a_revoked_or_replaced_version_is_genuine_but_says_its_status(client, sertifikat):
    sertifikat_revoke(sertifikat=sertifikat, user=None, alasan="Salah angkatan.")
    html = text(unggah(client, PDF))
    assert "sertifikat asli" in html and "DICABUT" in html and "Salah angkatan." in html

    isi_lama = b"%PDF-1.7\n% versi pertama\n%%EOF\n"
    lama = SertifikatFactory(isi=isi_lama, diganti=True)
    baru = SertifikatFactory(pendaftaran=lama.pendaftaran, versi=2, urut=lama.urut, nomor=lama.nomor)
    html = text(unggah(client, isi_lama))
    assert "sertifikat asli" in html and "DIGANTI" in html and url(baru) in html


def test_a_certificate_never_issued_is_not_matched_by_its_file(sertifikat):
    Sertifikat.objects.filter(pk=sertifikat.pk).update(status=Status.FAILED)
    assert sertifikat_by_file(data=PDF) is None


def test_a_file_that_is_not_a_pdf_is_refused_with_a_message(client, sertifikat):
    response = unggah(client, b"\x89PNG\r\n\x1a\n" + b"0" * 100, name="foto.pdf")

    assert response.status_code == 200
    assert "Berkas ini bukan PDF" in text(response)
    assert "tidak cocok" not in text(response)


def test_a_file_too_big_is_refused_with_a_message(client, sertifikat, settings):
    settings.VERIFIKASI_MAKS_BYTE = len(PDF) - 1

    response = unggah(client, PDF)

    assert "Berkas terlalu besar" in text(response)
    assert "sertifikat asli yang diterbitkan" not in text(response)


def test_no_file_gets_a_message(client):
    response = client.post(reverse("sertifikat:verifikasi-unggah"), {})

    assert "Pilih berkas PDF sertifikat" in text(response)


def test_nothing_uploaded_is_stored(client, sertifikat, settings):
    sebelum = Sertifikat.objects.values_list("pk", "sha256", "status", "berkas")[::1]
    unggah(client, PDF)
    unggah(client, PDF + b"x")
    assert Sertifikat.objects.values_list("pk", "sha256", "status", "berkas")[::1] == sebelum
    assert not (settings.MEDIA_ROOT.exists() and any(settings.MEDIA_ROOT.rglob("*")))


# Rate limit ------------------------------------------------------------------------------------------------------


def test_too_many_requests_from_one_address_get_429_with_retry_after(client, sertifikat, settings):
    settings.VERIFIKASI_BATAS_PER_MENIT = 3
    halaman = url(sertifikat)

    assert [client.get(halaman).status_code for _ in range(3)] == [200, 200, 200]
    response = client.get(halaman)

    assert response.status_code == 429
    assert "Terlalu banyak permintaan" in text(response)
    assert "coba lagi dalam satu menit" in text(response)
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "Budi Santoso" not in text(response)


def test_the_limit_counts_uploads_and_unknown_codes_too(client, sertifikat, settings):
    settings.VERIFIKASI_BATAS_PER_MENIT = 3

    assert unggah(client, PDF).status_code == 200
    assert client.get(url("tebakan1")).status_code == 404
    assert client.get(reverse("sertifikat:verifikasi-unggah")).status_code == 200
    assert unggah(client, PDF).status_code == 429
    assert client.get(url("tebakan2")).status_code == 429


def test_the_limit_is_per_address_and_ignores_x_forwarded_for(client, sertifikat, settings):
    settings.VERIFIKASI_BATAS_PER_MENIT = 2
    halaman = url(sertifikat)

    for i in range(2):
        assert client.get(halaman, REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR=f"10.0.0.{i}").status_code == 200
    assert client.get(halaman, REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="10.0.0.99").status_code == 429
    assert client.get(halaman, REMOTE_ADDR="203.0.113.6").status_code == 200


def test_the_count_starts_again_each_minute(settings):
    settings.VERIFIKASI_BATAS_PER_MENIT = 2
    awal = 1_700_000_040.0  # a whole minute

    assert hitung_permintaan(lingkup="uji", klien="a", sekarang=awal) == (1, 60)
    assert hitung_permintaan(lingkup="uji", klien="a", sekarang=awal + 45.5) == (2, 15)
    assert hitung_permintaan(lingkup="uji", klien="a", sekarang=awal + 60) == (1, 60)


def test_an_ipv6_client_counts_by_its_64_network():
    class R:
        def __init__(self, alamat):
            self.META = {"REMOTE_ADDR": alamat}

    assert alamat_klien(R("2001:db8:1:2::1")) == alamat_klien(R("2001:db8:1:2:ffff::9"))
    assert alamat_klien(R("2001:db8:1:2::1")) != alamat_klien(R("2001:db8:1:3::1"))
    assert alamat_klien(R("::ffff:203.0.113.5")) == "203.0.113.5"
    assert alamat_klien(R("")) == "tidak-dikenal"


# Revocation ------------------------------------------------------------------------------------------------------


def test_revoking_records_who_when_and_why(sertifikat):
    staf = staf_user()
    sebelum = timezone.now()

    dicabut = sertifikat_revoke(sertifikat=sertifikat, user=staf, alasan="  Data peserta keliru.  ")

    sertifikat.refresh_from_db()
    assert dicabut.pk == sertifikat.pk
    assert sertifikat.status == Status.REVOKED
    assert sertifikat.alasan_pencabutan == "Data peserta keliru."
    assert sertifikat.dicabut_oleh == staf
    assert sebelum <= sertifikat.dicabut_pada <= timezone.now()
    assert sertifikat.nomor == "0007/STTP/PTSPD-III/BPSDM/2022"  # the number never changes
    assert sertifikat.sha256 == hashlib.sha256(PDF).hexdigest()


@pytest.mark.parametrize("alasan", ["", "   ", None])
def test_revoking_needs_a_reason(sertifikat, alasan):
    with pytest.raises(ValidationError) as info:
        sertifikat_revoke(sertifikat=sertifikat, user=staf_user(), alasan=alasan)

    assert info.value.code == "alasan_wajib"
    assert "Alasan pencabutan wajib diisi" in info.value.messages[0]
    sertifikat.refresh_from_db()
    assert sertifikat.status == Status.READY and sertifikat.dicabut_pada is None


def test_a_reason_longer_than_500_characters_is_refused(sertifikat):
    with pytest.raises(ValidationError) as info:
        sertifikat_revoke(sertifikat=sertifikat, user=staf_user(), alasan="x" * 501)

    assert info.value.code == "alasan_terlalu_panjang"
    sertifikat.refresh_from_db()
    assert sertifikat.status == Status.READY
    assert sertifikat_revoke(sertifikat=sertifikat, user=None, alasan="x" * 500).alasan_pencabutan == "x" * 500


def test_revoking_twice_is_refused_and_changes_nothing(sertifikat):
    pertama_oleh = staf_user()
    sertifikat_revoke(sertifikat=sertifikat, user=pertama_oleh, alasan="Alasan pertama.")
    sertifikat.refresh_from_db()
    sebelum = Sertifikat.objects.filter(pk=sertifikat.pk).values()[0]

    with pytest.raises(ValidationError) as info:
        sertifikat_revoke(sertifikat=sertifikat, user=staf_user(), alasan="Alasan kedua.")

    assert info.value.code == "sudah_dicabut"
    assert "sudah dicabut" in info.value.messages[0]
    assert Sertifikat.objects.filter(pk=sertifikat.pk).values()[0] == sebelum


@pytest.mark.parametrize("status", [Status.PENDING, Status.RENDERING, Status.FAILED, Status.REPLACED])
def test_only_a_ready_certificate_can_be_revoked(status):
    lain = SertifikatFactory(status=status)
    sebelum = Sertifikat.objects.filter(pk=lain.pk).values()[0]

    with pytest.raises(ValidationError) as info:
        sertifikat_revoke(sertifikat=lain, user=staf_user(), alasan="Coba cabut.")

    assert info.value.code == "tidak_dapat_dicabut"
    assert str(Status(status).label) in info.value.messages[0]
    assert Sertifikat.objects.filter(pk=lain.pk).values()[0] == sebelum


def test_a_stale_copy_cannot_revoke_again(sertifikat):
    """The service reads the row again under its lock: a copy loaded before the first revocation is refused."""
    salinan_lama = Sertifikat.objects.get(pk=sertifikat.pk)
    sertifikat_revoke(sertifikat=sertifikat, user=None, alasan="Pertama.")

    with pytest.raises(ValidationError, match="sudah dicabut"):
        sertifikat_revoke(sertifikat=salinan_lama, user=None, alasan="Kedua.")
    sertifikat.refresh_from_db()
    assert sertifikat.alasan_pencabutan == "Pertama."


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_officers_revoking_at_once_only_one_succeeds():
    sertifikat = SertifikatFactory()
    hasil = []
    siap = threading.Barrier(2)

    def cabut(alasan):
        try:
            siap.wait()
            sertifikat_revoke(sertifikat=sertifikat, user=None, alasan=alasan)
            hasil.append("ok")
        except ValidationError as error:
            hasil.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=cabut, args=(f"Alasan {i}",)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sorted(hasil) == ["ok", "sudah_dicabut"]
    assert Sertifikat.objects.get(pk=sertifikat.pk).status == Status.REVOKED


# Found in review ----------------------------------------------------------------------------------------------


def test_an_upload_far_too_big_is_refused_before_it_is_read(client, sertifikat, settings):
    settings.VERIFIKASI_MAKS_BYTE = 1024
    response = unggah(client, PDF + b"0" * (200 * 1024))

    assert response.status_code == 413
    assert "Berkas terlalu besar" in text(response)


def test_behind_the_sites_proxy_the_limit_counts_the_address_the_proxy_saw(client, sertifikat, settings):
    settings.VERIFIKASI_BATAS_PER_MENIT = 2
    settings.VERIFIKASI_PROXY_TEPERCAYA = 1
    halaman = url(sertifikat)
    proxy = "10.0.0.2"

    # What a client writes itself (the left entries) is not trusted; the proxy's entry is.
    for palsu in ("1.1.1.1", "2.2.2.2"):
        forwarded = f"{palsu}, 203.0.113.5"
        assert client.get(halaman, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=forwarded).status_code == 200
    assert client.get(halaman, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="3.3.3.3, 203.0.113.5").status_code == 429
    # Another visitor behind the same proxy is not locked out.
    assert client.get(halaman, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.6").status_code == 200


def test_the_page_shows_what_was_printed_not_what_changed_since(client, sertifikat, budi):
    from sertifikat.data_cetak import data_cetak

    Sertifikat.objects.filter(pk=sertifikat.pk).update(data_cetak=data_cetak(sertifikat))
    budi.gelar_depan = "Prof. Dr."
    budi.save()

    halaman = text(client.get(url(sertifikat)))
    assert "Drs. Budi Santoso, M.Si." in halaman
    assert "Prof. Dr." not in halaman


@pytest.mark.parametrize(
    "alasan", ["NIP sebenarnya 19660801 198803 1 001", "lahir 01-08-1966, bukan 1967", "tanggal lahir 19660801"]
)
def test_a_reason_with_a_nip_or_birth_date_is_refused(sertifikat, alasan):
    with pytest.raises(ValidationError) as error:
        sertifikat_revoke(sertifikat=sertifikat, user=None, alasan=alasan)
    assert error.value.code == "alasan_data_pribadi"
    sertifikat.refresh_from_db()
    assert sertifikat.status == Sertifikat.Status.READY


def test_a_reason_that_starts_like_a_formula_is_refused(sertifikat):
    with pytest.raises(ValidationError, match="seperti rumus spreadsheet"):
        sertifikat_revoke(sertifikat=sertifikat, user=None, alasan="=HYPERLINK(1)")
    sertifikat.refresh_from_db()
    assert sertifikat.status == Sertifikat.Status.READY
    assert sertifikat.alasan_pencabutan == ""


def test_the_birth_digest_kept_beside_a_file_reads_the_stored_place_and_date_not_their_printed_form(sertifikat):
    """Snapshots kept before still match: how the date is printed (unbreakable spaces) is not part of the digest."""
    sidik = hashlib.sha256(b"diklat-sertifikat|Sukoharjo|1966-08-01").hexdigest()[:32]
    assert data_cetak(sertifikat)["sidik_lahir"] == sidik
