"""The certificate part of the participant's home: the number and download of their own, nobody else's."""

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from diklat.tests.factories import peserta_user
from peserta.demo.isi import PESERTA_DEMO_NIP
from peserta.models import Pendaftaran
from sertifikat.models import Sertifikat
from sertifikat.pekerja import sertifikat_render
from sertifikat.portal import sertifikat_di_portal
from sertifikat.services import sertifikat_issue

pytestmark = pytest.mark.django_db

Status = Sertifikat.Status
PDF = b"%PDF-1.7\n% sertifikat uji\n"


def siap(sertifikat: Sertifikat) -> Sertifikat:
    sertifikat.berkas.save("x.pdf", ContentFile(PDF), save=False)
    sertifikat.status = Status.READY
    sertifikat.diterbitkan_pada = timezone.now()
    sertifikat.save()
    return sertifikat


def dengan_akun(sertifikat: Sertifikat):
    peserta = sertifikat.pendaftaran.peserta
    peserta.user = peserta_user(username=peserta.nip)
    peserta.save()
    return peserta.user


def beranda(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("peserta:portal"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_graduate_sees_their_certificate_number_and_downloads_it(client, final, lulusan):
    milik = siap(lulusan(nama="Siti Aminah"))
    user = dengan_akun(milik)

    html = beranda(client, user)

    unduh = reverse("sertifikat:unduh", args=[milik.pk])
    assert milik.nomor in html
    assert f'href="{unduh}"' in html
    assert reverse("sertifikat:verifikasi", args=[milik.kode_verifikasi]) in html
    response = client.get(unduh)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_graduate_with_a_certificate_is_not_asked_to_check_data_and_none_of_it_is_read(
    client, final, lulusan, django_assert_max_num_queries
):
    milik = siap(lulusan(nama="Siti Aminah"))
    user = dengan_akun(milik)
    beranda(client, user)

    with django_assert_max_num_queries(40) as kueri:
        html = beranda(client, user)

    assert milik.nomor in html and "periksa-data" not in html
    dibaca = " ".join(q["sql"] for q in kueri.captured_queries)
    assert "peserta_konfirmasidatacetak" not in dibaca and "peserta_permintaanperbaikandata" not in dibaca


def test_another_participant_sees_neither_the_number_nor_can_download_it(client, final, lulusan):
    milik = siap(lulusan(nama="Siti Aminah"))
    dengan_akun(milik)
    lain = siap(lulusan(nama="Budi Santoso"))
    user_lain = dengan_akun(lain)

    html = beranda(client, user_lain)

    assert lain.nomor in html
    assert milik.nomor not in html
    assert reverse("sertifikat:unduh", args=[milik.pk]) not in html
    assert "Siti Aminah" not in html
    # The same 404 as for an id that does not exist.
    assert client.get(reverse("sertifikat:unduh", args=[milik.pk])).status_code == 404


def test_a_revoked_certificate_is_said_so_without_a_download(client, final, lulusan):
    sertifikat = siap(lulusan())
    Sertifikat.objects.filter(pk=sertifikat.pk).update(
        status=Status.REVOKED, alasan_pencabutan="Data kehadiran tidak benar."
    )
    user = dengan_akun(sertifikat)

    html = beranda(client, user)

    assert f"Sertifikat {sertifikat.nomor} telah dicabut dan tidak berlaku lagi." in html
    assert "Alasan: Data kehadiran tidak benar." in html
    assert reverse("sertifikat:unduh", args=[sertifikat.pk]) not in html


def test_a_certificate_on_its_way_or_not_issued_yet_is_said_so(client, final, lulusan):
    sedang = lulusan(nama="Sedang Dibuat")
    html = beranda(client, dengan_akun(sedang))
    assert "Sertifikat Anda sedang disiapkan oleh penyelenggara." in html
    assert sedang.nomor not in html

    belum = lulusan(nama="Belum Terbit")
    Sertifikat.objects.filter(pk=belum.pk).delete()
    html = beranda(client, dengan_akun(belum))
    assert "Sertifikat Anda belum diterbitkan" in html


def test_while_a_corrected_version_is_made_the_valid_one_stays_downloadable(client, final, lulusan):
    lama = siap(lulusan())
    baru = Sertifikat.objects.create(
        pendaftaran=lama.pendaftaran, versi=2, program=lama.program, tahun=lama.tahun, urut=lama.urut, nomor=lama.nomor
    )

    html = beranda(client, dengan_akun(lama))

    assert reverse("sertifikat:unduh", args=[lama.pk]) in html
    assert reverse("sertifikat:unduh", args=[baru.pk]) not in html
    assert "Versi perbaikannya sedang disiapkan" in html


def test_a_replaced_certificate_gives_way_to_its_new_version(client, final, lulusan):
    lama = siap(lulusan())
    baru = siap(
        Sertifikat.objects.create(
            pendaftaran=lama.pendaftaran,
            versi=2,
            program=lama.program,
            tahun=lama.tahun,
            urut=lama.urut,
            nomor=lama.nomor,
        )
    )
    Sertifikat.objects.filter(pk=lama.pk).update(status=Status.REPLACED)
    user = dengan_akun(lama)

    html = beranda(client, user)

    assert reverse("sertifikat:unduh", args=[baru.pk]) in html
    assert reverse("sertifikat:unduh", args=[lama.pk]) not in html
    assert "Versi 2: menggantikan versi sebelumnya, yang tidak berlaku lagi." in html
    assert reverse("sertifikat:verifikasi", args=[baru.kode_verifikasi]) in html
    # The old file is not handed out to its owner any more.
    assert client.get(reverse("sertifikat:unduh", args=[lama.pk])).status_code == 403


def test_no_certificate_part_for_a_training_not_passed(client, final, lulusan):
    sertifikat = lulusan()
    Sertifikat.objects.filter(pk=sertifikat.pk).delete()
    Pendaftaran.objects.filter(pk=sertifikat.pendaftaran_id).update(status=Pendaftaran.Status.TIDAK_LULUS)

    html = beranda(client, dengan_akun(sertifikat))

    assert "Sertifikat (STTP)" not in html


def test_the_certificate_part_is_given_only_to_the_owner_whatever_the_page_sends(rf, final, lulusan):
    milik = siap(lulusan())
    dengan_akun(milik)
    request = rf.get("/")
    request.user = peserta_user()

    assert sertifikat_di_portal(sender=Pendaftaran, pendaftaran_list=[milik.pendaftaran], request=request) == {}


def test_the_demo_participant_sees_both_trainings_and_the_certificate_of_angkatan_iv(client):
    # Only the demo participant's own certificate is made here; muat_demo_sertifikat makes all (test_demo).
    call_command("muat_demo", verbosity=0)
    pendaftaran = Pendaftaran.objects.get(peserta__nip=PESERTA_DEMO_NIP, angkatan__nomor=4)
    sertifikat = sertifikat_issue(pendaftaran=pendaftaran)
    sertifikat_render(sertifikat_ids=[sertifikat.pk])
    sertifikat.refresh_from_db()
    assert sertifikat.status == Status.READY

    assert client.login(username=PESERTA_DEMO_NIP, password="demo-peserta")
    response = client.get(reverse("beranda"), follow=True)
    html = response.content.decode()
    assert response.redirect_chain == [(reverse("peserta:portal"), 302)]
    assert html.index("Angkatan VI Tahun") < html.index("Angkatan IV Tahun 2022")
    assert "hari yang sudah berlangsung" in html
    assert sertifikat.nomor in html
    assert reverse("sertifikat:unduh", args=[sertifikat.pk]) in html
    assert client.get(reverse("sertifikat:unduh", args=[sertifikat.pk])).status_code == 200

    # Another participant of Angkatan IV, given a login: their own page, and a 404 for the demo's certificate.
    lain = Pendaftaran.objects.filter(angkatan__nomor=4).exclude(peserta__nip=PESERTA_DEMO_NIP).first().peserta
    lain.user = peserta_user(username=lain.nip)
    lain.save()
    client.force_login(lain.user)
    html_lain = client.get(reverse("peserta:portal")).content.decode()
    assert "Angkatan IV Tahun 2022" in html_lain and "Angkatan VI Tahun" not in html_lain
    assert sertifikat.nomor not in html_lain
    assert client.get(reverse("sertifikat:unduh", args=[sertifikat.pk])).status_code == 404


def test_the_certificate_part_answers_only_for_the_owners_enrolments_among_those_sent(rf, final, lulusan):
    milik = siap(lulusan(nama="Siti Aminah"))
    user = dengan_akun(milik)
    lain = siap(lulusan(nama="Budi Santoso"))
    dengan_akun(lain)
    request = rf.get("/")
    request.user = user

    jawaban = sertifikat_di_portal(
        sender=Pendaftaran, pendaftaran_list=[milik.pendaftaran, lain.pendaftaran], request=request
    )

    assert list(jawaban) == [milik.pendaftaran_id]
    assert milik.nomor in jawaban[milik.pendaftaran_id] and lain.nomor not in jawaban[milik.pendaftaran_id]


def test_the_home_page_costs_the_same_queries_for_one_certified_training_or_four(
    client, program_ptspd, django_assert_max_num_queries
):
    from angkatan.tests.factories import AngkatanFactory
    from peserta.tests.factories import PendaftaranFactory, PesertaFactory

    peserta = PesertaFactory(nama="Siti Aminah")
    peserta.user = peserta_user(username=peserta.nip)
    peserta.save()
    client.force_login(peserta.user)

    def lulus_di_angkatan_baru(nomor: int) -> Sertifikat:
        angkatan = AngkatanFactory(program=program_ptspd, nomor=nomor, nilai_dikunci_pada=timezone.now())
        pendaftaran = PendaftaranFactory(
            peserta=peserta, angkatan=angkatan, status=Pendaftaran.Status.LULUS, predikat="Memuaskan"
        )
        return siap(sertifikat_issue(pendaftaran=pendaftaran))

    daftar = [lulus_di_angkatan_baru(10)]
    with django_assert_max_num_queries(50) as sedikit:
        assert client.get(reverse("peserta:portal")).status_code == 200
    daftar += [lulus_di_angkatan_baru(nomor) for nomor in (11, 12, 13)]
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        html = client.get(reverse("peserta:portal")).content.decode()
    for sertifikat in daftar:
        assert reverse("sertifikat:unduh", args=[sertifikat.pk]) in html
