"""The import pages as staff use them: upload, preview, confirm, cancel; and who may use them."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from angkatan.models import Angkatan
from angkatan.tests.factories import AngkatanFactory
from diklat.nip import format_nip
from diklat.tests.factories import peserta_user, staf_user
from diklat.tests.kiriman import KirimanBesar, kirim
from peserta.impor.reading import BATAS_UKURAN
from peserta.impor.tests.test_services import buat_csv, buat_xlsx, nip_uji, orang, potret
from peserta.models import Pendaftaran, Peserta, SesiImpor
from peserta.tests.factories import PendaftaranFactory, PesertaFactory

pytestmark = pytest.mark.django_db

MB = 1024 * 1024

# The preview page, whatever the number of rows: session, user, two for permissions, the angkatan, the import,
# ranks, provinces, kab/kota, the people by NIP, the angkatan's enrolments, an earlier import of the same file,
# and the open requests to correct printed data (the Perbaikan data tab's badge).
PREVIEW_QUERIES = 13


@pytest.fixture
def angkatan():
    return AngkatanFactory(kuota=30)


def unggah(client, angkatan, isi: bytes, nama="usulan.xlsx", follow=False):
    return client.post(
        reverse("peserta:impor", args=[angkatan.pk]),
        {"berkas": SimpleUploadedFile(nama, isi)},
        follow=follow,
    )


def sesi_terakhir() -> SesiImpor:
    return SesiImpor.objects.latest("pk")


def url(nama: str, sesi: SesiImpor) -> str:
    return reverse(f"peserta:{nama}", args=[sesi.angkatan_id, sesi.pk])


def konfirmasi(client, sesi: SesiImpor, **data):
    sidik = client.get(url("impor-pratinjau", sesi)).context["rencana"].sidik
    return client.post(url("impor-konfirmasi", sesi), {"sidik": sidik, **data}, follow=True)


# Upload and preview -------------------------------------------------------------------------------------------------


def test_upload_shows_a_preview_of_every_row_with_errors_by_row_and_column(staf_client, angkatan):
    lama = PesertaFactory(nip=nip_uji(1), jabatan="Kepala Bidang Anggaran")
    baris = [
        orang(0),
        orang(1, **{"Nama Lengkap": lama.nama_lengkap}),
        orang(2, **{"Pangkat/Gol.": "Pembina Tk. V"}),
        orang(3, NIP="19800512 200501 1 00"),
    ]
    sebelum = potret()

    response = unggah(staf_client, angkatan, buat_xlsx(baris), follow=True)

    assert response.status_code == 200
    sesi = sesi_terakhir()
    assert response.redirect_chain[-1][0] == url("impor-pratinjau", sesi)
    html = response.content.decode()
    assert "Peserta baru" in html and "Peserta lama" in html and "Bermasalah" in html
    assert "Kepala Bidang Anggaran" in html  # the change of the existing person: old → new
    assert "Kolom “Pangkat/Gol.” (F):" in html
    assert "Pangkat/golongan “Pembina Tk. V” tidak dikenal" in html
    assert "Kolom “NIP” (B):" in html
    assert "yang diisi 17 digit" in html
    rencana = response.context["rencana"]
    assert [b.baris for b in rencana.baris if b.galat] == [9, 10]
    assert "Impor 2 baris yang benar" in html
    # Nothing is written before the confirmation.
    assert potret() == sebelum


def test_preview_filter_shows_only_the_chosen_rows_and_htmx_gets_the_table_alone(staf_client, angkatan):
    unggah(staf_client, angkatan, buat_xlsx([orang(0), orang(1, NIP="123")]))
    sesi = sesi_terakhir()

    response = staf_client.get(url("impor-pratinjau", sesi), {"tampil": "galat"})
    assert [b.baris for b in response.context["baris"]] == [8]

    fragment = staf_client.get(
        url("impor-pratinjau", sesi), {"tampil": "baru"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="tabel-pratinjau"
    )
    html = fragment.content.decode()
    assert html.lstrip().startswith('<div id="tabel-pratinjau"')
    assert "<html" not in html
    assert [b.baris for b in fragment.context["baris"]] == [7]

    # An unknown filter shows everything.
    assert len(staf_client.get(url("impor-pratinjau", sesi), {"tampil": "<x>"}).context["baris"]) == 2


@pytest.mark.parametrize(
    ("isi", "nama", "pesan"),
    [
        (b"%PDF-1.4 not a sheet", "surat.pdf", "bukan spreadsheet yang dapat dibaca"),
        (b"", "kosong.csv", "Berkas yang diunggah kosong"),
        (b"Daftar\nhanya teks\n", "catatan.csv", "Baris judul kolom tidak ditemukan"),
        (b"\xd0\xcf\x11\xe0" + b"\x00" * 64, "lama.xls", "Excel 97–2003"),
    ],
)
def test_unreadable_upload_is_refused_on_the_form(staf_client, angkatan, isi, nama, pesan):
    response = unggah(staf_client, angkatan, isi, nama=nama)

    assert response.status_code == 200
    assert pesan in response.content.decode()
    assert not SesiImpor.objects.exists()


def test_upload_over_the_size_limit_is_refused_in_indonesian(staf_client, angkatan):
    response = unggah(staf_client, angkatan, b"x" * (BATAS_UKURAN + 1024), nama="besar.csv")

    assert response.status_code == 200
    assert "Berkas terlalu besar (5,0 MB); paling besar 5 MB." in response.content.decode()
    assert not SesiImpor.objects.exists()


def test_a_csv_of_one_100_mb_line_is_refused_by_its_size_before_a_byte_is_received(angkatan):
    # As a browser sends it: CSRF enforced (the check would read the whole body to find its token).
    client = Client(enforce_csrf_checks=True)
    client.force_login(staf_user())
    kiriman = KirimanBesar(nama_field="berkas", nama_berkas="satu-baris.csv", ukuran=100 * MB, awal=b"NIP;Nama\r\n")

    response = kirim(client, reverse("peserta:impor", args=[angkatan.pk]), kiriman)

    assert response.status_code == 413
    assert kiriman.dibaca == 0
    html = response.content.decode()
    assert "Berkas terlalu besar (100,0 MB); paling besar 5 MB." in html
    assert 'name="berkas"' in html  # the upload form again, to choose a smaller file
    assert not SesiImpor.objects.exists()


def test_an_anonymous_upload_is_sent_to_log_in_unread(client, angkatan):
    kiriman = KirimanBesar(nama_field="berkas", nama_berkas="satu-baris.csv", ukuran=100 * MB)

    response = kirim(client, reverse("peserta:impor", args=[angkatan.pk]), kiriman)

    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert kiriman.dibaca == 0


def test_an_upload_within_the_size_is_still_checked_for_its_csrf_token(angkatan):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staf_user())

    ditolak = unggah(client, angkatan, buat_csv([orang(0)]), nama="usulan.csv")
    assert ditolak.status_code == 403
    assert not SesiImpor.objects.exists()

    halaman = client.get(reverse("peserta:impor", args=[angkatan.pk]))
    token = halaman.cookies["csrftoken"].value
    diterima = client.post(
        reverse("peserta:impor", args=[angkatan.pk]),
        {"berkas": SimpleUploadedFile("usulan.csv", buat_csv([orang(0)])), "csrfmiddlewaretoken": token},
    )
    assert diterima.status_code == 302
    assert SesiImpor.objects.count() == 1


def test_post_without_a_file(staf_client, angkatan):
    response = staf_client.post(reverse("peserta:impor", args=[angkatan.pk]), {})

    assert "Pilih berkas yang akan diunggah." in response.content.decode()


def test_closed_angkatan_shows_why_and_refuses_uploads(staf_client):
    angkatan = AngkatanFactory(status=Angkatan.Status.FINISHED)

    page = staf_client.get(reverse("peserta:impor", args=[angkatan.pk])).content.decode()
    assert "peserta tidak dapat ditambahkan lagi" in page
    assert 'type="file"' not in page

    response = unggah(staf_client, angkatan, buat_xlsx([orang(0)]))
    assert "peserta tidak dapat ditambahkan lagi" in response.content.decode()
    assert not SesiImpor.objects.exists()


# Confirm and cancel -------------------------------------------------------------------------------------------------


def test_confirm_imports_and_goes_to_the_angkatan(staf_client, angkatan, staf):
    unggah(staf_client, angkatan, buat_xlsx([orang(0), orang(1)]))
    sesi = sesi_terakhir()

    response = konfirmasi(staf_client, sesi)

    assert response.redirect_chain[-1][0] == angkatan.get_absolute_url()
    assert "Impor selesai: 2 peserta baru" in response.content.decode()
    assert Pendaftaran.objects.filter(angkatan=angkatan, status="diusulkan").count() == 2
    assert SesiImpor.objects.get(pk=sesi.pk).status == SesiImpor.Status.DIIMPOR
    # The session page now says what was done.
    assert "Berkas ini sudah diimpor" in staf_client.get(url("impor-pratinjau", sesi)).content.decode()


def test_after_confirming_the_preview_address_shows_what_the_import_did_however_it_is_reached(client, staf_client):
    angkatan = AngkatanFactory(kuota=300)
    unggah(staf_client, angkatan, buat_xlsx([orang(i) for i in range(120)] + [orang(120, NIP="123")]))
    sesi = sesi_terakhir()
    htmx = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "tabel-pratinjau"}
    # The preview, its pages and the table swapped by htmx: none may be kept by the browser and shown again by the
    # Back button once the import is done (nor a table part shown as the page: the same address answers both).
    for response in (
        staf_client.get(url("impor-pratinjau", sesi)),
        staf_client.get(url("impor-pratinjau", sesi), {"tampil": "galat"}, **htmx),
        staf_client.get(url("impor-pratinjau", sesi), {"hal": 2}, **htmx),
    ):
        assert "no-store" in response["Cache-Control"]
        assert "HX-Request" in response["Vary"]
    # The personal data in the table is not copied into the browser's htmx history cache either.
    assert 'id="tabel-pratinjau" hx-history="false"' in staf_client.get(url("impor-pratinjau", sesi)).content.decode()

    konfirmasi(staf_client, sesi)

    for params in ({}, {"tampil": "galat"}, {"tampil": "baru", "hal": "2"}, {"hal_galat": "9"}):
        response = staf_client.get(url("impor-pratinjau", sesi), params)
        html = response.content.decode()
        assert response.status_code == 200, params
        assert "Berkas ini sudah diimpor: 120 peserta baru" in html and "<html" in html
        assert "no-store" in response["Cache-Control"]
    # htmx restoring the page from the server on Back gets the whole page as it is now.
    pulih = staf_client.get(url("impor-pratinjau", sesi), {"tampil": "galat"}, HTTP_HX_REQUEST="true",
                            HTTP_HX_HISTORY_RESTORE_REQUEST="true")  # fmt: skip
    assert pulih.status_code == 200 and "Berkas ini sudah diimpor" in pulih.content.decode()
    # A page kept from before the confirmation that asks for a part of its table is reloaded whole, not given a
    # page inside its table.
    bagian = staf_client.get(url("impor-pratinjau", sesi), {"tampil": "baru"}, **htmx)
    assert bagian.status_code == 200 and bagian["HX-Refresh"] == "true" and not bagian.content

    # Others still get nothing.
    client.force_login(staf_user())
    assert client.get(url("impor-pratinjau", sesi)).status_code == 404
    assert staf_client.get(reverse("peserta:impor-pratinjau", args=[AngkatanFactory().pk, sesi.pk])).status_code == 404


def test_confirm_twice_changes_nothing_the_second_time(staf_client, angkatan):
    unggah(staf_client, angkatan, buat_xlsx([orang(0)]))
    sesi = sesi_terakhir()
    sidik = staf_client.get(url("impor-pratinjau", sesi)).context["rencana"].sidik
    staf_client.post(url("impor-konfirmasi", sesi), {"sidik": sidik})
    sebelum = potret()

    response = staf_client.post(url("impor-konfirmasi", sesi), {"sidik": sidik}, follow=True)

    assert "Berkas ini sudah diimpor; tidak ada yang diubah lagi." in response.content.decode()
    assert potret() == sebelum


def test_same_file_uploaded_again_is_all_already_enrolled(staf_client, angkatan):
    isi = buat_xlsx([orang(0), orang(1)])
    unggah(staf_client, angkatan, isi)
    konfirmasi(staf_client, sesi_terakhir())
    sebelum = potret()

    response = unggah(staf_client, angkatan, isi, follow=True)

    html = response.content.decode()
    assert "Berkas yang sama sudah pernah diimpor ke angkatan ini" in html
    assert [b.aksi for b in response.context["rencana"].baris] == ["terdaftar", "terdaftar"]
    konfirmasi(staf_client, sesi_terakhir())
    assert potret() == sebelum


def test_only_the_good_rows_are_imported_from_the_page(staf_client, angkatan):
    unggah(staf_client, angkatan, buat_xlsx([orang(0), orang(1, **{"Kab/Kota": "Bogor"}), orang(2)]))

    response = konfirmasi(staf_client, sesi_terakhir())

    assert "1 baris bermasalah tidak diimpor." in response.content.decode()
    assert set(Peserta.objects.values_list("nip", flat=True)) == {nip_uji(0), nip_uji(2)}


def test_cancel_writes_nothing(staf_client, angkatan):
    unggah(staf_client, angkatan, buat_csv([orang(0)]), nama="usulan.csv")
    sesi = sesi_terakhir()
    sebelum = potret()

    response = staf_client.post(url("impor-batal", sesi), follow=True)

    assert response.redirect_chain[-1][0] == reverse("peserta:impor", args=[angkatan.pk])
    assert "dibatalkan; tidak ada data yang diubah" in response.content.decode()
    assert SesiImpor.objects.get(pk=sesi.pk).status == SesiImpor.Status.DIBATALKAN
    assert potret() == sebelum
    response = staf_client.post(url("impor-konfirmasi", sesi), {"sidik": "x"}, follow=True)
    assert "Impor ini sudah dibatalkan." in response.content.decode()
    assert potret() == sebelum


def test_stale_or_forged_fingerprint_is_refused_with_a_message(staf_client, angkatan):
    unggah(staf_client, angkatan, buat_xlsx([orang(0)]))
    sesi = sesi_terakhir()
    sebelum = potret()

    for sidik in ("", "x" * 5000, "0" * 64):
        response = staf_client.post(url("impor-konfirmasi", sesi), {"sidik": sidik}, follow=True)
        assert "Data berubah sejak pratinjau dibuat" in response.content.decode()
    assert potret() == sebelum


def test_confirm_is_post_only(staf_client, angkatan):
    unggah(staf_client, angkatan, buat_xlsx([orang(0)]))

    assert staf_client.get(url("impor-konfirmasi", sesi_terakhir())).status_code == 405


# Who may see what ---------------------------------------------------------------------------------------------------


def test_session_of_another_angkatan_or_another_user_is_404(client, staf_client, angkatan):
    unggah(staf_client, angkatan, buat_xlsx([orang(0)]))
    sesi = sesi_terakhir()
    lain = AngkatanFactory()
    sebelum = potret()

    for nama in ("impor-pratinjau", "impor-konfirmasi", "impor-batal"):
        palsu = reverse(f"peserta:{nama}", args=[lain.pk, sesi.pk])
        response = staf_client.post(palsu) if nama != "impor-pratinjau" else staf_client.get(palsu)
        assert response.status_code == 404
    assert staf_client.get(reverse("peserta:impor-pratinjau", args=[angkatan.pk, 999999])).status_code == 404
    assert staf_client.get(reverse("peserta:impor", args=[999999])).status_code == 404

    client.force_login(staf_user())
    assert client.get(url("impor-pratinjau", sesi)).status_code == 404
    assert client.post(url("impor-konfirmasi", sesi), {"sidik": "x"}).status_code == 404
    assert client.post(url("impor-batal", sesi)).status_code == 404
    assert SesiImpor.objects.get(pk=sesi.pk).status == SesiImpor.Status.PRATINJAU
    assert potret() == sebelum


def test_anonymous_goes_to_login_and_participants_get_403(client, staf_client, angkatan):
    unggah(staf_client, angkatan, buat_xlsx([orang(0)]))
    sesi = sesi_terakhir()
    staf_client.logout()
    alamat = [
        ("get", reverse("peserta:impor", args=[angkatan.pk])),
        ("post", reverse("peserta:impor", args=[angkatan.pk])),
        ("get", reverse("peserta:impor-templat", args=[angkatan.pk])),
        ("get", url("impor-pratinjau", sesi)),
        ("post", url("impor-konfirmasi", sesi)),
        ("post", url("impor-batal", sesi)),
    ]
    for cara, alamat_ in alamat:
        response = getattr(client, cara)(alamat_)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), alamat_

    client.force_login(peserta_user())
    for cara, alamat_ in alamat:
        assert getattr(client, cara)(alamat_).status_code == 403, alamat_
    assert SesiImpor.objects.get(pk=sesi.pk).status == SesiImpor.Status.PRATINJAU


def test_template_download(staf_client, angkatan):
    response = staf_client.get(reverse("peserta:impor-templat", args=[angkatan.pk]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "templat-impor-peserta.xlsx" in response["Content-Disposition"]
    buku = load_workbook(io.BytesIO(response.content))
    assert buku.worksheets[0]["A1"].value == "NIP"


def test_upload_page_links_the_template_and_lists_earlier_uploads(staf_client, angkatan):
    unggah(staf_client, angkatan, buat_xlsx([orang(0)]), nama="usulan-jabar.xlsx")

    html = staf_client.get(reverse("peserta:impor", args=[angkatan.pk])).content.decode()

    assert reverse("peserta:impor-templat", args=[angkatan.pk]) in html
    assert "usulan-jabar.xlsx" in html


def test_preview_queries_do_not_grow_with_rows(staf_client, django_assert_max_num_queries):
    def halaman(jumlah: int, awal: int):
        angkatan = AngkatanFactory(kuota=100)
        for i in range(awal, awal + jumlah, 4):
            PendaftaranFactory(angkatan=angkatan, peserta=PesertaFactory(nip=nip_uji(i)))
        unggah(staf_client, angkatan, buat_xlsx([orang(i) for i in range(awal, awal + jumlah)]))
        return url("impor-pratinjau", sesi_terakhir())

    kecil, besar = halaman(4, 0), halaman(40, 100)
    staf_client.get(kecil)
    with CaptureQueriesContext(connection) as q:
        staf_client.get(kecil)
    with django_assert_max_num_queries(len(q)):
        response = staf_client.get(besar)
    assert len(response.context["rencana"].baris) == 40


# Large files and the messy regional list ------------------------------------------------------------------------------


def baris_tabel(html: str) -> int:
    return html.count('<th scope="row"')


def test_large_preview_shows_problems_first_and_folds_and_paginates_the_rest(
    staf_client, django_assert_max_num_queries
):
    angkatan = AngkatanFactory(kuota=300)
    daftar = [orang(i) for i in range(230)]
    for i in (5, 150):
        daftar[i] = orang(i, **{"Pangkat/Gol.": "Jenderal"})
    unggah(staf_client, angkatan, buat_xlsx(daftar, tanda_tangan=False))
    sesi = sesi_terakhir()

    with django_assert_max_num_queries(PREVIEW_QUERIES):
        response = staf_client.get(url("impor-pratinjau", sesi))

    html = response.content.decode()
    galat, benar = response.context["bagian_tabel"]
    assert [b.baris for b in galat.halaman] == [12, 157]
    assert (benar.lipat, benar.terbuka, benar.halaman.paginator.count) == (True, False, 228)
    # The problems come before the folded rows, and only one page of these is on the page.
    assert html.index("Baris bermasalah") < html.index("<details") < html.index("Baris yang akan diimpor")
    assert '<details class="mb-3">' in html
    assert baris_tabel(html) == 2 + 100
    assert "?hal=3#tabel-pratinjau" in html

    halaman3 = staf_client.get(url("impor-pratinjau", sesi), {"hal": 3})
    assert [b.baris for b in halaman3.context["bagian_tabel"][1].halaman][:2] == [209, 210]
    assert halaman3.context["bagian_tabel"][1].terbuka
    assert '<details class="mb-3" open>' in halaman3.content.decode()

    # A page out of range or not a number shows a page, never an error.
    for hal in ("999", "abc", "-1"):
        assert staf_client.get(url("impor-pratinjau", sesi), {"hal": hal, "hal_galat": hal}).status_code == 200


def test_filter_pills_and_pages_work_with_and_without_htmx(staf_client):
    angkatan = AngkatanFactory(kuota=300)
    unggah(staf_client, angkatan, buat_xlsx([orang(i) for i in range(130)], tanda_tangan=False))
    sesi = sesi_terakhir()

    halaman = staf_client.get(url("impor-pratinjau", sesi), {"tampil": "baru", "hal": 2})
    [bagian] = halaman.context["bagian_tabel"]
    assert (bagian.lipat, bagian.halaman.number, len(bagian.halaman)) == (False, 2, 30)
    html = halaman.content.decode()
    assert 'href="?tampil=baru&amp;hal=1#tabel-pratinjau"' in html
    assert 'hx-get="?tampil=baru&amp;hal=1"' in html

    fragment = staf_client.get(
        url("impor-pratinjau", sesi),
        {"tampil": "baru", "hal": 2},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="tabel-pratinjau",
    )
    isi = fragment.content.decode()
    assert isi.lstrip().startswith('<div id="tabel-pratinjau"') and "<html" not in isi
    assert baris_tabel(isi) == 30

    kosong = staf_client.get(url("impor-pratinjau", sesi), {"tampil": "galat"})
    assert "Tidak ada baris dalam pilihan ini." in kosong.content.decode()


def test_messy_regional_list_through_the_pages(staf_client, angkatan):
    from peserta.impor.tests import berkas_daerah as daerah

    response = unggah(staf_client, angkatan, daerah.daftar_berantakan(), follow=True)

    html = response.content.decode()
    # The missing column is said once, at the top; the rows only say what each person lacks.
    assert html.count("Berkas tidak punya kolom Tempat Lahir") == 1
    assert "tidak ada di berkas" not in html
    assert html.count("belum lengkap: tempat lahir — lengkapi sebelum sertifikat dibuat") == 4
    assert html.count("belum lengkap: tempat lahir, jabatan — lengkapi sebelum sertifikat dibuat") == 1
    # The NIP Excel destroyed is named, not shown as a NIP.
    assert "NIP rusak oleh Excel" in html
    assert "19710801" not in html and "1.97108" not in html and "E+17" not in html.replace("1,97E+17", "")
    assert "sudah ada di baris 7; baris ini dilewati" in html
    assert "Impor 5 baris yang benar" in html

    selesai = konfirmasi(staf_client, sesi_terakhir())

    pesan = selesai.content.decode()
    assert "Impor selesai: 5 peserta baru" in pesan
    assert "5 peserta belum lengkap" in pesan
    assert set(Peserta.objects.belum_lengkap().values_list("nip", flat=True)) == set(daerah.NIP_BAIK)
    assert (
        "5 peserta belum lengkap datanya" in staf_client.get(url("impor-pratinjau", sesi_terakhir())).content.decode()
    )


def test_a_file_without_required_columns_says_so_once_at_the_top(staf_client, angkatan):
    unggah(staf_client, angkatan, buat_xlsx([orang(0), orang(1)], header=["NIP", "Nama Lengkap"]))

    html = staf_client.get(url("impor-pratinjau", sesi_terakhir())).content.decode()

    assert html.count("Berkas tidak punya kolom Unit Kerja/Instansi") == 1
    assert html.count("Berkas tidak punya kolom Provinsi maupun Kabupaten/Kota") == 1
    assert html.count("Kolom Unit Kerja/Instansi tidak ada di berkas (lihat keterangan di atas).") == 2


def test_a_full_kuota_is_said_once_at_the_top_with_a_link_to_raise_it(staf_client):
    angkatan = AngkatanFactory(kuota=2)
    PendaftaranFactory.create_batch(2, angkatan=angkatan)
    unggah(staf_client, angkatan, buat_xlsx([orang(i) for i in range(150)], tanda_tangan=False))

    html = staf_client.get(url("impor-pratinjau", sesi_terakhir())).content.decode()

    pesan = "150 baris tidak dapat diimpor: kuota angkatan (2 orang) sudah penuh, tidak ada tempat tersisa."
    assert html.count(pesan) == 1
    assert html.index(pesan) < html.index('id="tabel-pratinjau"')
    assert "naikkan kuota di halaman ubah angkatan" in html
    assert f'href="{reverse("angkatan:update", args=[angkatan.pk])}#id_kuota"' in html
    # The rows (one page of them) only point there.
    assert html.count("Melebihi kuota angkatan (lihat keterangan di atas).") == 100
    assert "sudah penuh" not in html.replace(pesan, "")


def test_a_kuota_lowered_below_those_enrolled_leaves_no_place_not_fewer(staf_client):
    angkatan = AngkatanFactory(kuota=5)
    PendaftaranFactory.create_batch(5, angkatan=angkatan)
    Angkatan.objects.filter(pk=angkatan.pk).update(kuota=3)  # as the admin can
    unggah(staf_client, angkatan, buat_xlsx([orang(0)], tanda_tangan=False))

    html = staf_client.get(url("impor-pratinjau", sesi_terakhir())).content.decode()

    assert "Sisa kuota sebelum impor: 0 dari 3 tempat." in html
    assert "Sisa kuota sebelum impor: -" not in html


def test_counts_on_the_import_pages_are_grouped_and_a_zero_update_is_not_announced(staf_client):
    angkatan = AngkatanFactory(kuota=1000)
    unggah(staf_client, angkatan, buat_xlsx([orang(i) for i in range(1003)], tanda_tangan=False))
    sesi = sesi_terakhir()

    html = staf_client.get(url("impor-pratinjau", sesi)).content.decode()

    assert "Sisa kuota sebelum impor: 1.000 dari 1.000 tempat." in html
    assert "akan diperbarui" not in html
    assert (
        "3 baris melebihi kuota dan tidak dapat diimpor: kuota angkatan 1.000 orang, tempat yang masih kosong 1.000"
        in html
    )
    assert "Impor 1.000 baris yang benar" in html
    assert ">1.000</div>" in html  # the count of new people
    assert 'Peserta baru <span class="badge text-bg-light border">1.000</span>' in html
    assert 'Semua <span class="badge text-bg-light border">1.003</span>' in html
    assert '<span class="badge text-bg-light border">1.000</span>' in html  # the folded rows to import
    for tanpa_titik in ("1000", "1003"):
        assert f">{tanpa_titik}<" not in html and f" {tanpa_titik} " not in html

    selesai = konfirmasi(staf_client, sesi).content.decode()

    assert (
        "Impor selesai: 1.000 peserta baru dan 0 peserta lama didaftarkan. 3 baris bermasalah tidak diimpor."
        in selesai
    )
    assert "diperbarui" not in selesai and "sudah terdaftar sebelumnya" not in selesai
    hasil = staf_client.get(url("impor-pratinjau", sesi)).content.decode()
    assert "Berkas ini sudah diimpor: 1.000 peserta baru" in hasil


def test_an_update_of_known_people_is_announced_with_its_count(staf_client, angkatan):
    PesertaFactory(nip=nip_uji(1), jabatan="Kepala Bidang Anggaran")
    unggah(staf_client, angkatan, buat_xlsx([orang(0), orang(1)]))

    html = staf_client.get(url("impor-pratinjau", sesi_terakhir())).content.decode()

    assert "Data 1 peserta lama akan diperbarui." in html
    assert "Data 1 peserta lama diperbarui." in konfirmasi(staf_client, sesi_terakhir()).content.decode()


def test_a_nip_kept_as_a_text_formula_in_a_csv_is_shown_as_a_nip(staf_client, angkatan):
    isi = buat_csv([orang(0, NIP=f'="{nip_uji(0)}"'), orang(1, NIP=f'=""{nip_uji(1)}""')], pemisah=",")

    html = unggah(staf_client, angkatan, isi, nama="usulan.csv", follow=True).content.decode()

    assert "Impor semua 2 baris" in html
    assert format_nip(nip_uji(0)) in html and format_nip(nip_uji(1)) in html
    assert "=&quot;" not in html and '="' + nip_uji(0) not in html
