"""No certificate with an empty field, in the browser.

Staff open the Sertifikat tab of an angkatan whose signing official was never filled in and two of
whose graduates came from a regional list without birth place or position. The tab lists what is
missing and where, and the generate button is disabled. Staff fill in the signing official on the
angkatan's edit page; the tab then names only the two people. Once their data is complete, the
certificates are made, and each prints the official.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from angkatan.tests.factories import AngkatanFactory
from diklat.celery import app as celery_app
from diklat.services import program_create
from diklat.tests.factories import staf_user
from peserta.demo.isi import KURIKULUM
from peserta.models import Pendaftaran, Peserta
from peserta.tests.factories import PendaftaranFactory
from sertifikat.models import Sertifikat
from tests.browser.conftest import login

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def celery_eager():
    """Run each task where it is sent: the live server's request makes the certificates itself."""
    semula = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = semula


def test_the_tab_says_what_to_fill_in_where_until_certificates_can_be_made(
    page, live_server, screenshot, settings, celery_eager
):
    settings.SERTIFIKAT_URL_DASAR = live_server.url
    program = program_create(
        nama="Pelatihan Penguatan Tugas-Tugas Sekretaris Perangkat Daerah", kode="PTSPD", mata_pelatihan=KURIKULUM
    )
    angkatan = AngkatanFactory(
        program=program,
        nomor=3,
        tanggal_mulai=datetime.date(2022, 6, 20),
        tanggal_selesai=datetime.date(2022, 6, 24),
        penandatangan_nama="",
        penandatangan_nip="",
        penandatangan_jabatan="",
        nilai_dikunci_pada=timezone.now(),
    )

    def lulusan(nama, **peserta):
        return PendaftaranFactory(
            angkatan=angkatan,
            status=Pendaftaran.Status.LULUS,
            predikat="Sangat Memuaskan",
            nilai_akhir=Decimal("91.25"),
            persen_kehadiran=Decimal("100"),
            peserta__nama=nama,
            peserta__gelar_belakang="",
            **{f"peserta__{k}": v for k, v in peserta.items()},
        )

    lulusan("Siti Aminah")
    budi = lulusan("Budi Santoso", tempat_lahir="", jabatan="")
    ani = lulusan("Ani Rahayu", pangkat=None)
    staf_user(username="petugas")
    tab = reverse("sertifikat:angkatan", args=[angkatan.pk])

    # 1. Nothing can be made: the tab says what is missing, with links ------------------------------
    login(page, "petugas", "rahasia-uji-123")
    page.goto(tab)
    daftar = page.locator("#kekurangan-cetak")
    expect(daftar).to_contain_text("Lengkapi dulu data yang dicetak pada sertifikat")
    expect(daftar).to_contain_text("nama penandatangan, NIP penandatangan, jabatan penandatangan")
    expect(daftar).to_contain_text("Budi Santoso: tempat lahir, jabatan")
    expect(daftar).to_contain_text("Ani Rahayu: pangkat/golongan")
    expect(daftar).not_to_contain_text("Siti Aminah")
    expect(page.get_by_role("button", name="Buat semua sertifikat")).to_be_disabled()
    screenshot("1-belum-lengkap")

    # 2. The signing official filled in on the angkatan's edit page ------------------------------------
    daftar.get_by_role("link", name="Isi di halaman Ubah angkatan").click()
    page.get_by_label("Nama penandatangan").fill("Dr. Sugeng Hariyono, M.Si.")
    page.get_by_label("NIP penandatangan").fill("19660801 198803 1 001")
    page.get_by_label("Jabatan penandatangan").fill("Kepala Badan Pengembangan Sumber Daya Manusia")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("heading", name=re.compile("Angkatan III Tahun 2022"))).to_be_visible()
    page.goto(tab)
    expect(daftar).not_to_contain_text("penandatangan")
    expect(daftar).to_contain_text("Budi Santoso: tempat lahir, jabatan")
    expect(page.get_by_role("button", name="Buat semua sertifikat")).to_be_disabled()
    # Each person's link leads to where their data is kept.
    expect(daftar.get_by_role("link", name="Budi Santoso")).to_have_attribute(
        "href", re.compile(rf"/peserta/{budi.peserta_id}/")
    )
    screenshot("2-peserta-belum-lengkap")

    # 3. Their data completed (their edit page is another part's), the certificates are made -------------
    Peserta.objects.filter(pk=budi.peserta_id).update(tempat_lahir="Purwokerto", jabatan="Sekretaris Camat")
    Peserta.objects.filter(pk=ani.peserta_id).update(pangkat=Peserta.objects.get(nama="Siti Aminah").pangkat)
    page.goto(tab)
    expect(page.locator("#kekurangan-cetak")).to_have_count(0)
    page.get_by_role("button", name="Buat semua sertifikat").click()
    expect(page.get_by_text("3 dari 3 selesai · 0 gagal")).to_be_visible()
    screenshot("3-dibuat")
    sertifikat = Sertifikat.objects.filter(pendaftaran__angkatan=angkatan)
    assert sertifikat.filter(status=Sertifikat.Status.READY).count() == 3
    assert {s.data_cetak["penandatangan_nama"] for s in sertifikat} == {"Dr. Sugeng Hariyono, M.Si."}
