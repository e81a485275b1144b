"""The site's one job page, serving a certificate render and an archive alike."""

from urllib.parse import unquote

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from diklat.models import Tugas
from diklat.tests.factories import peserta_user, staf_user
from sertifikat.models import Sertifikat, TugasSertifikat
from sertifikat.tests.factories import tugas_sertifikat

pytestmark = pytest.mark.django_db

Status = Sertifikat.Status


def test_one_page_serves_a_render_framed_by_its_angkatan(client, final, lulusan):
    gagal = lulusan(nama="Budi Santoso")
    Sertifikat.objects.filter(pk=gagal.pk).update(status=Status.FAILED, galat="Gagal membuat PDF: rusak")
    tugas = tugas_sertifikat(angkatan=final, jenis=TugasSertifikat.Jenis.BUAT, total=1)
    tugas.sertifikat.set([gagal])
    client.force_login(staf_user())

    html = client.get(reverse("tugas:detail", args=[tugas.pk])).content.decode()

    assert "Pembuatan sertifikat" in html and "Kembali ke daftar sertifikat" in html
    assert reverse("sertifikat:angkatan", args=[final.pk]) in html  # the crumb and the way back
    assert "0 dari 1 selesai · 1 gagal" in html and "Yang gagal dibuat" in html and "Budi Santoso" in html
    assert reverse("sertifikat:ulangi", args=[gagal.pk]) in html
    assert reverse("sertifikat:tugas-unduh", args=[tugas.pk]) not in html


def test_one_page_serves_an_archive_with_its_download(client, final, lulusan):
    sertifikat = lulusan()
    Sertifikat.objects.filter(pk=sertifikat.pk).update(status=Status.READY)
    tugas = tugas_sertifikat(
        angkatan=final, jenis=TugasSertifikat.Jenis.GABUNG, total=1, diproses=1, status=Tugas.Status.SELESAI
    )
    tugas.berkas.save("STTP-cetak.pdf", ContentFile(b"%PDF-1.7\n"))
    client.force_login(staf_user())

    html = client.get(reverse("tugas:detail", args=[tugas.pk])).content.decode()

    assert "PDF gabungan untuk dicetak" in html and "Kembali ke daftar sertifikat" in html
    assert "1 dari 1 selesai · 0 gagal" in html and "Unduh PDF untuk dicetak" in html
    assert reverse("tugas:unduh", args=[tugas.pk]) in html
    assert "Yang gagal dibuat" not in html


def test_the_job_page_keeps_who_may_see_it(client, final):
    tugas = tugas_sertifikat(angkatan=final, jenis=TugasSertifikat.Jenis.ZIP, total=1)
    halaman = reverse("tugas:detail", args=[tugas.pk])
    assert client.get(halaman).status_code == 302  # to the login page
    client.force_login(peserta_user())
    assert client.get(halaman).status_code == 403
    assert client.get(reverse("tugas:detail", args=[tugas.pk + 1000])).status_code == 403  # ids tell nothing
    client.force_login(staf_user())
    assert client.get(halaman).status_code == 200
    assert client.get(reverse("tugas:detail", args=[tugas.pk + 1000])).status_code == 404


def test_an_address_from_before_leads_to_the_job_page(client, final):
    tugas = tugas_sertifikat(angkatan=final, jenis=TugasSertifikat.Jenis.ZIP, total=1)
    lama = f"/sertifikat/tugas/{tugas.pk}/"
    client.force_login(staf_user())
    response = client.get(lama)
    assert response.status_code == 302 and response.url == reverse("tugas:detail", args=[tugas.pk])
    assert client.get(f"/sertifikat/tugas/{tugas.pk + 1000}/").status_code == 404


def test_an_address_from_before_is_checked_as_the_page_was(client, final):
    tugas = tugas_sertifikat(angkatan=final, jenis=TugasSertifikat.Jenis.ZIP, total=1)
    lama = f"/sertifikat/tugas/{tugas.pk}/"
    anonim = client.get(lama)
    assert anonim.status_code == 302 and anonim.url.startswith(reverse("login"))
    assert f"next={lama}" in unquote(anonim.url)
    client.force_login(peserta_user())
    assert client.get(lama).status_code == 403
    assert client.get(f"/sertifikat/tugas/{tugas.pk + 1000}/").status_code == 403
