"""The SIASN riwayat kursus record of graduates: its keys and dates, which certificates it gives, its ZIP."""

import csv
import datetime
import hashlib
import io
import json
import zipfile
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from angkatan.models import Angkatan
from angkatan.tests.factories import AngkatanFactory
from diklat.ekspor.csv import csv_baris
from diklat.models import MataPelatihan, Tugas
from diklat.tests.factories import admin_user, peserta_user, staf_user
from peserta.demo.isi import KURIKULUM
from peserta.models import Pendaftaran
from peserta.tests.factories import PendaftaranFactory
from sertifikat import services, tasks
from sertifikat.models import Sertifikat
from sertifikat.siasn import KOLOM_SIASN, KUNCI_SIASN, siasn_baris

pytestmark = pytest.mark.django_db

Status = Sertifikat.Status
JP = sum(jp for _, jp in KURIKULUM)
NAMA_KURSUS = "Pelatihan Penguatan Tugas-Tugas Sekretaris Perangkat Daerah Angkatan III"
PENYELENGGARA = "BADAN PENGEMBANGAN SUMBER DAYA MANUSIA KEMENTERIAN DALAM NEGERI"


@pytest.fixture
def admin():
    return admin_user()


@pytest.fixture
def siasn_eager(monkeypatch, eager):
    monkeypatch.setattr(tasks.bangun_siasn, "delay", lambda pk: tasks.bangun_siasn.apply(args=[pk]))


@pytest.fixture
def dibuat(final, lulusan, admin, eager, django_capture_on_commit_callbacks):
    """Three graduates of the final Angkatan III (20–24 June 2022) with their certificates made."""
    daftar = [lulusan(nama=nama) for nama in ("Ani Lestari", "Budi Santoso", "Citra Dewi")]
    with django_capture_on_commit_callbacks(execute=True):
        services.tugas_buat_start(angkatan=final, user=admin)
    for sertifikat in daftar:
        sertifikat.refresh_from_db()
        assert sertifikat.status == Status.READY
    return daftar


@pytest.fixture
def angkatan_iv(final, admin, eager, django_capture_on_commit_callbacks):
    """Angkatan IV of the same program, in August, with one graduate and her certificate made."""
    iv = AngkatanFactory(
        program=final.program,
        nomor=4,
        tanggal_mulai=datetime.date(2022, 8, 1),
        tanggal_selesai=datetime.date(2022, 8, 5),
        nilai_dikunci_pada=timezone.now(),
    )
    pendaftaran = PendaftaranFactory(
        angkatan=iv,
        status=Pendaftaran.Status.LULUS,
        nilai_akhir=Decimal("85"),
        predikat="Memuaskan",
        persen_kehadiran=Decimal("100"),
        peserta__nama="Dewi Anggraini",
    )
    services.sertifikat_issue(pendaftaran=pendaftaran)
    with django_capture_on_commit_callbacks(execute=True):
        services.tugas_buat_start(angkatan=iv, user=admin)
    return iv


def unduh(client, angkatan, format_):
    response = client.get(reverse("sertifikat:siasn", args=[angkatan.pk, format_]))
    assert response.status_code == 200, response.content[:500]
    return b"".join(response.streaming_content)


def test_the_record_has_siasn_keys_exactly_and_dates_as_dd_mm_yyyy(client, final, dibuat):
    client.force_login(staf_user())

    rekaman = json.loads(unduh(client, final, "json"))
    baris = list(csv.DictReader(io.StringIO(unduh(client, final, "csv").decode("utf-8-sig"))))

    assert [list(r) for r in rekaman] == [KUNCI_SIASN] * 3
    assert KUNCI_SIASN == [
        "nip",
        "namaKursus",
        "institusiPenyelenggara",
        "tanggalKursus",
        "tanggalSelesaiKursus",
        "tahunKursus",
        "jumlahJam",
        "nomorSertipikat",
        "namaBerkas",
    ]
    ani = rekaman[0]
    sertifikat = dibuat[0]
    assert ani == {
        "nip": sertifikat.pendaftaran.peserta.nip,
        "namaKursus": NAMA_KURSUS,
        "institusiPenyelenggara": PENYELENGGARA,
        "tanggalKursus": "20-06-2022",
        "tanggalSelesaiKursus": "24-06-2022",
        "tahunKursus": 2022,
        "jumlahJam": JP,
        "nomorSertipikat": sertifikat.nomor,
        "namaBerkas": "PTSPD-III-2022/0001-ani-lestari.pdf",
    }
    assert list(baris[0]) == KUNCI_SIASN
    assert baris[0] == {k: str(v) for k, v in ani.items()}
    assert [r["nomorSertipikat"] for r in rekaman] == [s.nomor for s in dibuat]


def test_revoked_certificates_are_left_out_and_a_replaced_one_gives_its_newest_version(
    client, final, dibuat, admin, django_capture_on_commit_callbacks
):
    ani, budi, citra = dibuat
    services.sertifikat_revoke(sertifikat=citra, user=admin, alasan="Peserta tidak mengikuti pelatihan secara penuh.")
    peserta = budi.pendaftaran.peserta
    peserta.nama = "Budi Santosa"
    peserta.save()
    with django_capture_on_commit_callbacks(execute=True):
        baru = services.sertifikat_reissue(sertifikat=budi, user=admin)
    baru.refresh_from_db()
    budi.refresh_from_db()
    assert (budi.status, baru.status, baru.versi) == (Status.REPLACED, Status.READY, 2)

    client.force_login(admin)
    rekaman = json.loads(unduh(client, final, "json"))

    assert [(r["nomorSertipikat"], r["namaBerkas"]) for r in rekaman] == [
        (ani.nomor, "PTSPD-III-2022/0001-ani-lestari.pdf"),
        (budi.nomor, "PTSPD-III-2022/0002-budi-santosa.pdf"),
    ]


def test_the_zip_holds_each_pdf_under_the_name_its_row_gives_with_the_csv_and_json(
    client, final, dibuat, angkatan_iv, admin, siasn_eager, django_capture_on_commit_callbacks
):
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("sertifikat:siasn-lintas"),
            {"tahun": "2022", "program": final.program.pk, "siasn": "zip"},
        )
    tugas = Tugas.objects.get(jenis="siasn_lintas")
    assert response.status_code == 302 and response["Location"] == reverse("tugas:detail", args=[tugas.pk])
    tugas.refresh_from_db()
    assert tugas.status == Tugas.Status.SELESAI and tugas.total == tugas.diproses == 4

    unduhan = client.get(reverse("tugas:unduh", args=[tugas.pk]))
    assert unduhan.status_code == 200
    with zipfile.ZipFile(io.BytesIO(b"".join(unduhan.streaming_content))) as arsip:
        nama = sorted(arsip.namelist())
        rekaman = json.loads(arsip.read("siasn-riwayat-kursus.json"))
        baris = list(csv.DictReader(io.StringIO(arsip.read("siasn-riwayat-kursus.csv").decode("utf-8-sig"))))
        # One folder per angkatan: the numbers of two angkatan of a program and year never meet, those of
        # two programs would.
        assert nama == [
            "PTSPD-III-2022/0001-ani-lestari.pdf",
            "PTSPD-III-2022/0002-budi-santoso.pdf",
            "PTSPD-III-2022/0003-citra-dewi.pdf",
            "PTSPD-IV-2022/0004-dewi-anggraini.pdf",
            "siasn-riwayat-kursus.csv",
            "siasn-riwayat-kursus.json",
        ]
        assert [r["namaBerkas"] for r in rekaman] == [b["namaBerkas"] for b in baris] == nama[:4]
        semua = {s.nomor: s for s in Sertifikat.objects.all()}
        for r in rekaman:
            assert hashlib.sha256(arsip.read(r["namaBerkas"])).hexdigest() == semua[r["nomorSertipikat"]].sha256
    assert [r["tanggalKursus"] for r in rekaman] == ["20-06-2022"] * 3 + ["01-08-2022"]
    assert rekaman[3]["namaKursus"].endswith("Angkatan IV")


def test_one_angkatans_zip_starts_from_its_tab_and_is_framed_by_it(
    client, final, dibuat, admin, siasn_eager, django_capture_on_commit_callbacks
):
    client.force_login(admin)
    tab = client.get(reverse("sertifikat:angkatan", args=[final.pk])).content.decode()
    assert reverse("sertifikat:siasn", args=[final.pk, "csv"]) in tab
    assert reverse("sertifikat:siasn-zip", args=[final.pk]) in tab
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("sertifikat:siasn-zip", args=[final.pk]))
    tugas = Tugas.objects.get(jenis="siasn")
    assert response["Location"] == reverse("tugas:detail", args=[tugas.pk])

    halaman = client.get(reverse("tugas:detail", args=[tugas.pk])).content.decode()
    assert "Riwayat kursus SIASN (ZIP)" in halaman and "Kembali ke daftar sertifikat" in halaman
    assert "SIASN-riwayat-kursus-PTSPD-III-2022.zip" in halaman
    assert "ZIP SIASN terakhir Anda" in client.get(reverse("sertifikat:angkatan", args=[final.pk])).content.decode()
    with zipfile.ZipFile(
        io.BytesIO(b"".join(client.get(reverse("tugas:unduh", args=[tugas.pk])).streaming_content))
    ) as z:
        assert len(z.namelist()) == 5
    # Another staff member finds neither the job nor its file.
    client.force_login(staf_user())
    assert client.get(reverse("tugas:detail", args=[tugas.pk])).status_code == 404
    assert client.get(reverse("tugas:unduh", args=[tugas.pk])).status_code == 404


def test_a_missing_pdf_leaves_its_row_without_a_file_name_and_says_whose(
    client, final, dibuat, admin, siasn_eager, django_capture_on_commit_callbacks
):
    from django.core.files.storage import default_storage

    default_storage.delete(dibuat[1].berkas.name)
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("sertifikat:siasn-zip", args=[final.pk]))
    tugas = Tugas.objects.get(jenis="siasn")
    assert tugas.status == Tugas.Status.SELESAI and (tugas.total, tugas.diproses) == (3, 2)
    assert dibuat[1].nomor in tugas.galat
    with zipfile.ZipFile(tugas.berkas.open("rb")) as arsip:
        rekaman = json.loads(arsip.read("siasn-riwayat-kursus.json"))
    assert [r["namaBerkas"] == "" for r in rekaman] == [False, True, False]


def test_the_cross_batch_buttons_post_the_filters_and_bad_ones_come_back_in_words(client, final, dibuat, admin):
    client.force_login(admin)
    halaman = client.get(reverse("peserta:ekspor-lintas")).content.decode()
    assert f'formaction="{reverse("sertifikat:siasn-lintas")}"' in halaman and 'value="zip"' in halaman

    response = client.post(reverse("sertifikat:siasn-lintas"), {"tahun": "2022", "siasn": "json"})
    rekaman = json.loads(b"".join(response.streaming_content))
    assert len(rekaman) == 3
    kosong = client.post(reverse("sertifikat:siasn-lintas"), {"tahun": "2021", "siasn": "csv"})
    assert kosong.status_code == 400 and "Tidak ada angkatan pada tahun “2021”." in kosong.content.decode()
    salah = client.post(
        reverse("sertifikat:siasn-lintas"), {"provinsi": "33", "kabupaten_kota": "11.01", "siasn": "csv"}
    )
    assert salah.status_code == 400 and "tidak berada di provinsi Jawa Tengah" in salah.content.decode()
    format_ = client.post(reverse("sertifikat:siasn-lintas"), {"siasn": "xls"})
    assert format_.status_code == 400 and "Format riwayat kursus SIASN tidak dikenal." in format_.content.decode()
    for format_ in ("csv", "json", "zip"):
        tanpa = client.post(reverse("sertifikat:siasn-lintas"), {"status": "ditolak", "siasn": format_})
        assert tanpa.status_code == 400 and "Belum ada sertifikat berlaku" in tanpa.content.decode()


@pytest.mark.parametrize("siapa", ["staf", "peserta"])
def test_the_cross_batch_record_is_for_admins_only(client, final, dibuat, siapa):
    client.force_login(staf_user() if siapa == "staf" else peserta_user())
    assert client.post(reverse("sertifikat:siasn-lintas"), {"siasn": "csv"}).status_code == 403
    halaman = client.get(reverse("sertifikat:siasn", args=[final.pk, "csv"]))
    assert halaman.status_code == (200 if siapa == "staf" else 403)


def test_the_record_costs_the_same_queries_for_five_rows_or_fifty(final, lulusan):
    def siap(jumlah):
        for _ in range(jumlah):
            lulusan()
        Sertifikat.objects.update(status=Status.READY)

    def tulis() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as kueri:
            baris = list(csv_baris(KOLOM_SIASN, siasn_baris(Angkatan.objects.filter(pk=final.pk))))
        assert all(b.split(",")[6] == "0" for b in baris[2:])
        return len(baris) - 2, len(kueri.captured_queries)

    # A program without a curriculum (yet) counts 0 JP in the same query, not by asking per row.
    MataPelatihan.objects.filter(program=final.program).delete()
    siap(5)
    lima, kueri_lima = tulis()
    siap(45)
    lima_puluh, kueri_lima_puluh = tulis()

    assert (lima, lima_puluh) == (5, 50)
    assert kueri_lima_puluh == kueri_lima <= 2
