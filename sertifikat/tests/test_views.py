"""The staff certificate pages and the downloads: what each person may see and do."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from diklat.models import Tugas
from diklat.tests.factories import admin_user, peserta_user, staf_user
from peserta.models import Pendaftaran
from peserta.tests.factories import PendaftaranFactory
from sertifikat.models import Sertifikat, TugasSertifikat
from sertifikat.tests.factories import tugas_sertifikat

pytestmark = pytest.mark.django_db

Status = Sertifikat.Status
PDF = b"%PDF-1.7\n% sertifikat uji\n"


def siap(sertifikat: Sertifikat, isi: bytes = PDF) -> Sertifikat:
    sertifikat.berkas.save("x.pdf", ContentFile(isi), save=False)
    sertifikat.status = Status.READY
    sertifikat.diterbitkan_pada = timezone.now()
    sertifikat.save()
    return sertifikat


def masuk(client, user):
    client.force_login(user)
    return client


def test_the_tab_lists_graduates_with_their_certificates(client, final, lulusan):
    sertifikat = siap(lulusan(nama="Siti Aminah"))
    gagal = lulusan(nama="Budi Santoso")
    Sertifikat.objects.filter(pk=gagal.pk).update(status=Status.FAILED, galat="Gagal membuat PDF: rusak")
    PendaftaranFactory(angkatan=final, status=Pendaftaran.Status.TIDAK_LULUS, peserta__nama="Tidak Ikut")

    response = masuk(client, staf_user()).get(reverse("sertifikat:angkatan", args=[final.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Siti Aminah" in html and sertifikat.nomor in html
    assert "Gagal membuat PDF: rusak" in html
    assert "Tidak Ikut" not in html
    assert reverse("sertifikat:unduh", args=[sertifikat.pk]) in html
    assert "Buat semua sertifikat" in html
    # Staff neither revoke nor re-issue: that is an admin's act.
    assert reverse("sertifikat:cabut", args=[sertifikat.pk]) not in html
    html_admin = masuk(client, admin_user()).get(reverse("sertifikat:angkatan", args=[final.pk])).content.decode()
    assert reverse("sertifikat:cabut", args=[sertifikat.pk]) in html_admin


def test_the_tab_query_count_does_not_grow_with_the_graduates(client, final, lulusan):
    masuk(client, staf_user())
    url = reverse("sertifikat:angkatan", args=[final.pk])
    siap(lulusan())
    client.get(url)
    with CaptureQueriesContext(connection) as sedikit:
        client.get(url)
    for _ in range(8):
        siap(lulusan())
    with CaptureQueriesContext(connection) as banyak:
        assert client.get(url).status_code == 200
    assert len(banyak) == len(sedikit)
    assert len(banyak) <= 14


def test_generate_all_leads_to_the_job_page_and_its_progress(
    client, final, lulusan, django_capture_on_commit_callbacks
):
    lulusan()
    masuk(client, staf_user(first_name="Dewi", last_name="Puspitasari"))
    with django_capture_on_commit_callbacks(execute=False) as antre:
        response = client.post(reverse("sertifikat:buat", args=[final.pk]))
    tugas = Tugas.objects.get()
    assert response.url == reverse("tugas:detail", args=[tugas.pk])
    assert len(antre) == 1  # one chunk queued after commit
    halaman = client.get(response.url)
    assert "0 dari 1 selesai" in halaman.content.decode()
    assert "oleh Dewi Puspitasari" in halaman.content.decode()
    assert 'hx-trigger="every 1s"' in halaman.content.decode()
    # The fragment htmx polls: the same bar, no page around it.
    fragmen = client.get(response.url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragmen and "0 dari 1 selesai" in fragmen


def test_generate_before_finalising_says_why(client, angkatan_lulus, lulusan):
    lulusan()
    response = masuk(client, staf_user()).post(reverse("sertifikat:buat", args=[angkatan_lulus.pk]), follow=True)
    assert "belum difinalisasi" in response.content.decode()
    assert not Tugas.objects.exists()


@pytest.mark.parametrize("nilai", ["abc", "1; drop", "99999999999", "²", "9" * 30, "-1", "٣"])
def test_a_forged_participant_id_is_refused_in_words(client, final, lulusan, nilai):
    lulusan()
    response = masuk(client, staf_user()).post(
        reverse("sertifikat:buat", args=[final.pk]), {"pendaftaran": nilai}, follow=True
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Peserta tidak dikenal" in html or "Tidak ada peserta lulus" in html
    assert not Tugas.objects.exists()


def test_the_owner_downloads_their_certificate(client, lulusan):
    sertifikat = siap(lulusan(nama="Siti Aminah"))
    pemilik = peserta_user()
    sertifikat.pendaftaran.peserta.user = pemilik
    sertifikat.pendaftaran.peserta.save()
    response = masuk(client, pemilik).get(reverse("sertifikat:unduh", args=[sertifikat.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="STTP-0001-2022-siti-aminah.pdf"' in response["Content-Disposition"]


def test_no_one_else_downloads_it(client, lulusan, angkatan_lulus, program_ptspd):
    from angkatan.tests.factories import AngkatanFactory
    from sertifikat.services import sertifikat_issue

    sertifikat = siap(lulusan())
    # A participant of another angkatan, with a certificate of their own.
    angkatan_lain = AngkatanFactory(program=program_ptspd, nomor=4)
    lain = siap(
        sertifikat_issue(
            pendaftaran=PendaftaranFactory(
                angkatan=angkatan_lain, status=Pendaftaran.Status.LULUS, predikat="Memuaskan"
            )
        )
    )
    lain_user = peserta_user()
    lain.pendaftaran.peserta.user = lain_user
    lain.pendaftaran.peserta.save()
    url = reverse("sertifikat:unduh", args=[sertifikat.pk])

    assert masuk(client, lain_user).get(url).status_code == 404
    assert client.get(reverse("sertifikat:unduh", args=[999999])).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
    # Staff pages are not for participants either.
    masuk(client, lain_user)
    assert client.get(reverse("sertifikat:angkatan", args=[angkatan_lulus.pk])).status_code == 403
    assert client.post(reverse("sertifikat:buat", args=[angkatan_lulus.pk])).status_code == 403


def test_a_revoked_certificate_is_no_longer_downloaded_by_its_owner(client, lulusan):
    sertifikat = siap(lulusan())
    pemilik = peserta_user()
    sertifikat.pendaftaran.peserta.user = pemilik
    sertifikat.pendaftaran.peserta.save()
    Sertifikat.objects.filter(pk=sertifikat.pk).update(status=Status.REVOKED)
    assert masuk(client, pemilik).get(reverse("sertifikat:unduh", args=[sertifikat.pk])).status_code == 403


def test_only_admins_revoke_and_the_reason_is_required(client, lulusan):
    sertifikat = siap(lulusan())
    url = reverse("sertifikat:cabut", args=[sertifikat.pk])
    assert masuk(client, staf_user()).post(url, {"alasan": "salah nama"}).status_code == 403
    masuk(client, admin_user())
    response = client.post(url, {"alasan": "  "}, follow=True)
    sertifikat.refresh_from_db()
    assert sertifikat.status == Status.READY
    assert "alasan" in response.content.decode().lower()
    response = client.post(url, {"alasan": "Data pangkat keliru"}, follow=True)
    sertifikat.refresh_from_db()
    assert sertifikat.status == Status.REVOKED and sertifikat.alasan_pencabutan == "Data pangkat keliru"
    assert "dicabut" in response.content.decode()


def test_archive_download_waits_for_the_file(client, final, lulusan):
    siap(lulusan())
    tugas = tugas_sertifikat(angkatan=final, jenis=TugasSertifikat.Jenis.ZIP, total=1)
    masuk(client, staf_user())
    # The address from before jobs were the site's sends on to the site's download.
    lama = client.get(reverse("sertifikat:tugas-unduh", args=[tugas.pk]))
    assert lama.status_code == 302 and lama["Location"] == reverse("tugas:unduh", args=[tugas.pk])
    belum = client.get(reverse("tugas:unduh", args=[tugas.pk]))
    assert belum.status_code == 404 and "belum selesai disusun" in belum.content.decode()
    tugas.berkas.save("STTP.zip", ContentFile(b"PK\x05\x06" + b"\0" * 18), save=False)
    tugas.status = Tugas.Status.SELESAI
    tugas.save()
    response = client.get(reverse("tugas:unduh", args=[tugas.pk]))
    assert response.status_code == 200 and 'filename="STTP.zip"' in response["Content-Disposition"]
    assert masuk(client, peserta_user()).get(reverse("tugas:detail", args=[tugas.pk])).status_code == 403


def test_a_certificate_whose_file_was_lost_gets_a_404_that_says_so(client, lulusan):
    sertifikat = siap(lulusan())
    sertifikat.berkas.storage.delete(sertifikat.berkas.name)
    pemilik = peserta_user()
    sertifikat.pendaftaran.peserta.user = pemilik
    sertifikat.pendaftaran.peserta.save()
    for user in (staf_user(), pemilik):
        response = masuk(client, user).get(reverse("sertifikat:unduh", args=[sertifikat.pk]))
        assert response.status_code == 404
        assert "tidak ditemukan di penyimpanan" in response.content.decode()


def test_a_job_no_worker_takes_says_so_on_its_page(client, final, lulusan, django_capture_on_commit_callbacks):
    import datetime

    lulusan()
    masuk(client, staf_user())
    with django_capture_on_commit_callbacks(execute=False):
        client.post(reverse("sertifikat:buat", args=[final.pk]))
    tugas = Tugas.objects.get()
    halaman = reverse("tugas:detail", args=[tugas.pk])
    assert "pekerja latar (Celery) tampaknya tidak berjalan" not in client.get(halaman).content.decode()

    lama = timezone.now() - datetime.timedelta(minutes=3)
    Tugas.objects.filter(pk=tugas.pk).update(created_at=lama)
    Sertifikat.objects.update(updated_at=lama)
    html = client.get(halaman, headers={"HX-Request": "true"}).content.decode()
    assert "pekerja latar (Celery) tampaknya tidak berjalan" in html
    assert 'hx-trigger="every 1s"' in html  # and it goes on polling: the job resumes once a worker runs


def test_the_tab_reloads_once_the_job_it_polls_is_done(client, final, lulusan, django_capture_on_commit_callbacks):
    sertifikat = lulusan()
    masuk(client, staf_user())
    with django_capture_on_commit_callbacks(execute=False):
        client.post(reverse("sertifikat:buat", args=[final.pk]))
    tugas = Tugas.objects.get()
    halaman = reverse("tugas:detail", args=[tugas.pk])
    dari_tab = {
        "HX-Request": "true",
        "HX-Current-URL": f"http://testserver{reverse('sertifikat:angkatan', args=[final.pk])}",
    }
    assert "HX-Refresh" not in client.get(halaman, headers=dari_tab)  # still running: the bar polls on

    siap(sertifikat)
    assert client.get(halaman, headers=dari_tab)["HX-Refresh"] == "true"  # the rows now say "Siap"
    # The tab reloaded polls no more, so it reloads once.
    assert 'hx-trigger="every 1s"' not in client.get(reverse("sertifikat:angkatan", args=[final.pk])).content.decode()
    # On the job's own page the bar simply shows the end.
    dari_tugas = {"HX-Request": "true", "HX-Current-URL": f"http://testserver{halaman}"}
    response = client.get(halaman, headers=dari_tugas)
    assert "HX-Refresh" not in response and "1 dari 1 selesai" in response.content.decode()
