"""The participant's check of their data before printing, as the certificates see it: the preview prints what the
PDF prints, the check closes once a certificate exists, and the certificate pages name who has not confirmed."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from diklat.tests.factories import peserta_user, staf_user
from peserta.data.cetak import blok_data_cetak, blok_nilai, blok_sidik
from peserta.models import KonfirmasiDataCetak, Pendaftaran, PermintaanPerbaikanData
from peserta.tests.factories import PendaftaranFactory
from sertifikat.models import Sertifikat, TugasSertifikat
from sertifikat.rendering import konteks_bersama, konteks_sertifikat, render_lengkap
from sertifikat.tests.factories import tugas_sertifikat
from sertifikat.tests.test_rendering import NAMA_PANJANG, teks

pytestmark = pytest.mark.django_db


def _satu_baris(teks_pdf: str) -> str:
    return " ".join(teks_pdf.replace("\u00a0", " ").split())


def test_the_preview_is_what_the_certificate_prints(lulusan):
    sertifikat = lulusan(tempat_lahir="Kepulauan Siau Tagulandang Biaro", **NAMA_PANJANG)
    peserta = sertifikat.pendaftaran.peserta
    blok = blok_nilai(blok_data_cetak(peserta))

    konteks = konteks_sertifikat(sertifikat, konteks_bersama(sertifikat.pendaftaran.angkatan, ditandatangani=False))

    assert blok == {k: konteks[k] for k in ("nama", "nip", "ttl", "pangkat", "jabatan", "instansi")}
    pdf = _satu_baris(teks(render_lengkap(sertifikat)))
    for baris in blok_data_cetak(peserta):
        if baris.kunci != "nama":
            assert baris.label in pdf
        # pdftotext may break a long value across lines and lay the columns out side by side: compare words.
        assert all(kata in pdf for kata in _satu_baris(baris.nilai).split())


def _login_peserta(client, pendaftaran):
    user = peserta_user(username=pendaftaran.peserta.nip)
    pendaftaran.peserta.user = user
    pendaftaran.peserta.save()
    client.force_login(user)


def test_once_the_certificate_exists_the_check_is_closed(client, lulusan):
    sertifikat = lulusan()
    pendaftaran = sertifikat.pendaftaran
    _login_peserta(client, pendaftaran)
    url = reverse("peserta:portal-data", args=[pendaftaran.pk])

    html = client.get(url).content.decode()
    assert "Sertifikat pelatihan ini sudah dibuat" in html and "hubungi penyelenggara pelatihan" in html
    assert "Data sudah benar" not in html and "Kirim permintaan perbaikan" not in html

    sidik = blok_sidik(blok_data_cetak(pendaftaran.peserta))
    response = client.post(url, {"sidik": sidik}, follow=True)
    assert "Sertifikat pelatihan ini sudah dibuat" in response.content.decode()
    response = client.post(reverse("peserta:portal-data-perbaikan", args=[pendaftaran.pk]), {"nama": "Lain"})
    assert "Sertifikat pelatihan ini sudah dibuat" in response.content.decode()
    assert not KonfirmasiDataCetak.objects.exists() and not PermintaanPerbaikanData.objects.exists()


@pytest.fixture
def tiga_lulusan(final):
    """Ani confirmed, Budi never did, Citra asked for a correction; none has a certificate yet."""

    def lulus(nama):
        return PendaftaranFactory(
            angkatan=final,
            status=Pendaftaran.Status.LULUS,
            nilai_akhir=Decimal("88"),
            predikat="Memuaskan",
            peserta__nama=nama,
            peserta__gelar_belakang="",
        )

    ani, budi, citra = lulus("Ani Lestari"), lulus("Budi Santoso"), lulus("Citra Dewi")
    KonfirmasiDataCetak.objects.create(
        pendaftaran=ani, blok=blok_nilai(blok_data_cetak(ani.peserta)), dikonfirmasi_pada=ani.created_at
    )
    PermintaanPerbaikanData.objects.create(pendaftaran=citra, isian={"nama": "Citra Dewi Lestari"})
    return ani, budi, citra


def _peringatan(html: str) -> str:
    mulai = html.index('id="peringatan-data-cetak"')
    return html[mulai : html.index("</div>", mulai)]


def test_the_certificate_tab_names_who_has_not_confirmed_and_staff_can_still_go_on(client, tiga_lulusan):
    ani, budi, citra = tiga_lulusan
    client.force_login(staf_user())

    html = client.get(reverse("sertifikat:angkatan", args=[ani.angkatan_id])).content.decode()

    peringatan = _peringatan(html)
    assert re.search(r"Permintaan perbaikan masih terbuka:</span>\s*Citra Dewi", peringatan)
    assert re.search(r"Belum mengonfirmasi data:</span>\s*Budi Santoso", peringatan)
    assert "Ani Lestari" not in peringatan
    assert reverse("peserta:perbaikan-data", args=[ani.angkatan_id]) in peringatan
    assert "Buat semua sertifikat" in html and reverse("sertifikat:buat", args=[ani.angkatan_id]) in html


def test_the_tab_is_quiet_once_everyone_confirmed(client, tiga_lulusan):
    ani, budi, citra = tiga_lulusan
    PermintaanPerbaikanData.objects.all().delete()
    for p in (budi, citra):
        KonfirmasiDataCetak.objects.create(
            pendaftaran=p, blok=blok_nilai(blok_data_cetak(p.peserta)), dikonfirmasi_pada=p.created_at
        )
    client.force_login(staf_user())

    html = client.get(reverse("sertifikat:angkatan", args=[ani.angkatan_id])).content.decode()

    assert 'id="peringatan-data-cetak"' not in html


def test_the_certificate_job_page_names_them_too(client, tiga_lulusan):
    ani, budi, citra = tiga_lulusan
    tugas = tugas_sertifikat(angkatan=ani.angkatan, jenis=TugasSertifikat.Jenis.BUAT, total=3)
    for p in (ani, budi, citra):
        sertifikat = Sertifikat.objects.create(
            pendaftaran=p, program=p.angkatan.program, tahun=2022, urut=p.pk, nomor=f"{p.pk:04d}/STTP/2022"
        )
        tugas.sertifikat.add(sertifikat)
    client.force_login(staf_user())

    html = client.get(reverse("tugas:detail", args=[tugas.pk])).content.decode()

    peringatan = _peringatan(html)
    assert "Citra Dewi" in peringatan and "Budi Santoso" in peringatan and "Ani Lestari" not in peringatan
    # The bar's polls do not read it again.
    html = client.get(reverse("tugas:detail", args=[tugas.pk]), headers={"HX-Request": "true"}).content.decode()
    assert "peringatan-data-cetak" not in html
