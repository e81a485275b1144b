"""The participant's page to check their printed data, and staff's tab to answer the requests."""

import re

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Permission
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape

from angkatan.tests.factories import AngkatanFactory
from diklat.models import PangkatGolongan
from diklat.tests.factories import UserFactory, admin_user
from diklat.tests.smtp import bagian
from peserta.data.cetak import blok_data_cetak
from peserta.models import KonfirmasiDataCetak, Pendaftaran, PermintaanPerbaikanData, Peserta
from peserta.perbaikan.selectors import periksa_data_untuk
from peserta.perbaikan.services import permintaan_perbaikan_create, permintaan_perbaikan_tolak
from peserta.perbaikan.tests.conftest import peserta_dengan_akun
from peserta.tests.factories import PendaftaranFactory

pytestmark = pytest.mark.django_db

StatusPermintaan = PermintaanPerbaikanData.Status


def url_data(pendaftaran) -> str:
    return reverse("peserta:portal-data", args=[pendaftaran.pk])


def url_minta(pendaftaran) -> str:
    return reverse("peserta:portal-data-perbaikan", args=[pendaftaran.pk])


def sidik_di(html: str) -> str:
    return re.search(r'name="sidik" value="([0-9a-f]+)"', html).group(1)


def isian_kosong(**isi) -> dict:
    data = dict.fromkeys(("gelar_depan", "nama", "gelar_belakang", "nip", "tempat_lahir", "tanggal_lahir"), "")
    data |= dict.fromkeys(("pangkat", "jabatan", "instansi", "catatan"), "")
    return data | isi


# The participant's page ---------------------------------------------------------------------------------------------


def test_the_page_shows_the_data_block_exactly_as_printed(client, siti):
    client.force_login(siti.peserta.user)

    html = client.get(url_data(siti)).content.decode()

    for baris in blok_data_cetak(siti.peserta):
        assert f'data-kunci="{baris.kunci}">{escape(baris.nilai)}<' in re.sub(r">\s+", ">", re.sub(r"\s+<", "<", html))
    assert "Dr. Siti Aminah, S.Sos., M.Si." in html
    assert "Data ini belum Anda konfirmasi." in html and "Data sudah benar" in html
    assert 'name="viewport"' in html  # laid out for a phone


def test_confirming_then_a_change_by_staff_asks_again(client, siti, staf):
    client.force_login(siti.peserta.user)
    html = client.get(url_data(siti)).content.decode()

    response = client.post(url_data(siti), {"sidik": sidik_di(html)}, follow=True)

    html = response.content.decode()
    assert "Data Anda tercatat sudah benar" in html and "Anda telah mengonfirmasi data ini" in html
    assert "Data sudah benar</button>" not in html.replace("\n", "")

    client.force_login(staf)
    data = {
        "gelar_depan": "Dr.",
        "nama": "Siti Aminah",
        "gelar_belakang": "S.Sos., M.Si.",
        "tempat_lahir": "Klaten",
        "pangkat": siti.peserta.pangkat_id,
        "jabatan": siti.peserta.jabatan,
        "kategori_jabatan": siti.peserta.kategori_jabatan,
        "instansi": siti.peserta.instansi,
        "provinsi": siti.peserta.provinsi_id,
        "kabupaten_kota": siti.peserta.kabupaten_kota_id,
        "email": siti.peserta.email,
        "telepon": siti.peserta.telepon,
    }
    assert client.post(reverse("peserta:ubah", args=[siti.peserta_id]), data).status_code == 302

    client.force_login(siti.peserta.user)
    html = client.get(url_data(siti)).content.decode()
    assert "Data Anda diubah sejak Anda mengonfirmasinya" in html and "Klaten" in html


def test_a_stale_confirmation_is_refused_with_a_message(client, siti, staf):
    client.force_login(siti.peserta.user)
    sidik = sidik_di(client.get(url_data(siti)).content.decode())
    Peserta.objects.filter(pk=siti.peserta_id).update(jabatan="Sekretaris Badan")

    response = client.post(url_data(siti), {"sidik": sidik}, follow=True)

    assert "baru saja diubah penyelenggara" in response.content.decode()
    assert not KonfirmasiDataCetak.objects.exists()


def test_asking_for_a_correction_lists_it_with_its_state(client, siti):
    client.force_login(siti.peserta.user)

    response = client.post(
        url_minta(siti), isian_kosong(nama="Siti Aminah Rahayu", catatan="Sesuai akta kelahiran."), follow=True
    )

    html = response.content.decode()
    assert "Permintaan perbaikan data Anda terkirim" in html
    assert "sedang menunggu tindak lanjut" in html and "Siti Aminah Rahayu" in html
    assert "Sesuai akta kelahiran." in html
    assert "Data sudah benar" not in html  # nothing to confirm while the request is open
    permintaan = PermintaanPerbaikanData.objects.get()
    assert permintaan.pendaftaran == siti and permintaan.isian == {"nama": "Siti Aminah Rahayu"}


@pytest.mark.parametrize(
    "isian, pesan",
    [
        ({}, "Isi sedikitnya satu data yang perlu diperbaiki"),
        ({"jabatan": "=HYPERLINK(1)"}, "seperti rumus spreadsheet"),
        ({"gelar_depan": "D" * 51}, "50 karakter"),
        ({"nama": "Siti", "catatan": "@SUM(A1)"}, "seperti rumus spreadsheet"),
    ],
)
def test_a_bad_request_is_refused_in_indonesian_and_nothing_is_stored(client, siti, isian, pesan):
    client.force_login(siti.peserta.user)

    response = client.post(url_minta(siti), isian_kosong(**isian))

    assert response.status_code == 200
    assert pesan in response.content.decode()
    assert not PermintaanPerbaikanData.objects.exists()


def test_a_rejection_and_its_reason_show_on_the_page(client, siti, staf):
    permintaan = permintaan_perbaikan_create(pendaftaran=siti, isian={"gelar_depan": "Prof. Dr."})
    permintaan_perbaikan_tolak(permintaan=permintaan, alasan="Gelar profesor belum tercatat di SK.", user=staf)
    client.force_login(siti.peserta.user)

    html = client.get(url_data(siti)).content.decode()

    assert "Ditolak" in html and "Alasan penolakan:" in html
    assert "Gelar profesor belum tercatat di SK." in html
    assert "Data sudah benar" in html  # free to confirm, or to ask again


@pytest.mark.parametrize("url", [url_data, url_minta], ids=["data", "perbaikan"])
def test_another_participants_enrolment_answers_404_and_is_left_alone(client, siti, budi, url):
    client.force_login(budi.peserta.user)
    sidik = sidik_di(client.get(url_data(budi)).content.decode())

    assert client.get(url(siti)).status_code == 404
    assert client.post(url(siti), isian_kosong(nama="Orang Lain", sidik=sidik)).status_code == 404
    assert client.get(url(Pendaftaran(pk=siti.pk + 1000))).status_code == 404

    assert not KonfirmasiDataCetak.objects.exists() and not PermintaanPerbaikanData.objects.exists()


def test_staff_and_strangers_do_not_reach_a_participants_page(client, siti, staf):
    assert client.get(url_data(siti)).status_code == 302  # to the login page
    client.force_login(staf)
    assert client.get(url_data(siti)).status_code == 404
    assert client.post(url_minta(siti), isian_kosong(nama="X")).status_code == 404


def test_the_page_says_why_it_is_closed(client, siti):
    Pendaftaran.objects.filter(pk=siti.pk).update(status=Pendaftaran.Status.DIUSULKAN)
    client.force_login(siti.peserta.user)

    html = client.get(url_data(siti)).content.decode()
    assert "setelah pendaftaran Anda diverifikasi" in html and "Data sudah benar" not in html

    response = client.post(url_minta(siti), isian_kosong(nama="Siti"))
    assert "setelah pendaftaran Anda diverifikasi" in response.content.decode()
    assert not PermintaanPerbaikanData.objects.exists()

    Pendaftaran.objects.filter(pk=siti.pk).update(status=Pendaftaran.Status.MENGUNDURKAN_DIRI)
    assert "berstatus “Mengundurkan diri”" in client.get(url_data(siti)).content.decode()


def test_the_fragment_shows_the_state_with_a_link(siti):
    def fragmen():
        pendaftaran = Pendaftaran.objects.select_related("peserta").get(pk=siti.pk)
        return render_to_string(
            "peserta/portal/_periksa_data.html",
            {"pendaftaran": pendaftaran, "periksa": periksa_data_untuk(pendaftaran)},
        )

    html = fragmen()
    assert "Belum dikonfirmasi" in html and url_data(siti) in html

    permintaan_perbaikan_create(pendaftaran=siti, isian={"nama": "Siti A."})
    assert "Permintaan perbaikan terbuka" in fragmen()

    PermintaanPerbaikanData.objects.all().delete()
    KonfirmasiDataCetak.objects.create(
        pendaftaran=siti,
        blok={b.kunci: b.nilai for b in blok_data_cetak(siti.peserta)},
        dikonfirmasi_pada=siti.created_at,
    )
    assert "Sudah dikonfirmasi" in fragmen()

    Pendaftaran.objects.filter(pk=siti.pk).update(status=Pendaftaran.Status.DITOLAK)
    assert fragmen().strip() == ""


# Staff's tab ----------------------------------------------------------------------------------------------------------


def url_tab(angkatan) -> str:
    return reverse("peserta:perbaikan-data", args=[angkatan.pk])


def url_permintaan(permintaan, nama="perbaikan-data-permintaan") -> str:
    return reverse(f"peserta:{nama}", args=[permintaan.pendaftaran.angkatan_id, permintaan.pk])


def test_the_tab_counts_open_requests_and_names_who_has_not_confirmed(staf_client, siti, budi, angkatan):
    permintaan_perbaikan_create(pendaftaran=siti, isian={"nama": "Siti Aminah Rahayu"}, catatan="Sesuai KTP.")

    html = staf_client.get(angkatan.get_absolute_url()).content.decode()
    assert re.search(r"Perbaikan data\s*<span class=\"badge[^\"]*\">1</span>", html)

    html = staf_client.get(url_tab(angkatan)).content.decode()
    terbuka = html[html.index('id="permintaan-terbuka"') : html.index('id="belum-konfirmasi"')]
    belum = html[html.index('id="belum-konfirmasi"') :]
    assert "Dr. Siti Aminah, S.Sos., M.Si." in terbuka and "Siti Aminah Rahayu" in terbuka and "Sesuai KTP." in terbuka
    assert "Budi Santoso, S.E." in belum and "Siti Aminah" not in belum
    assert "0 dari 2 peserta sudah mengonfirmasi" in html


def test_the_tab_takes_the_same_queries_however_many_people(
    staf_client, angkatan, siti, django_assert_max_num_queries
):
    permintaan_perbaikan_create(pendaftaran=siti, isian={"nama": "Siti Aminah Rahayu"})
    with django_assert_max_num_queries(30) as sedikit:
        staf_client.get(url_tab(angkatan))
    for i in range(5):
        p = PendaftaranFactory(angkatan=angkatan, status=Pendaftaran.Status.MENGIKUTI)
        if i % 2:
            permintaan_perbaikan_create(pendaftaran=p, isian={"jabatan": f"Kepala Seksi {i}"})
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        staf_client.get(url_tab(angkatan))


def test_applying_from_the_tab_changes_the_data_and_e_mails_the_participant(
    staf_client, staf, siti, smtp_server, surel_eager, django_capture_on_commit_callbacks
):
    permintaan = permintaan_perbaikan_create(
        pendaftaran=siti, isian={"nama": "Siti Aminah Rahayu", "pangkat": "IV/a"}, catatan="SK terbaru."
    )
    html = staf_client.get(url_permintaan(permintaan)).content.decode()
    assert 'value="Siti Aminah"' in html  # prefilled with what is stored
    assert "Siti Aminah Rahayu" in html and "IV/a" in html and "SK terbaru." in html  # the request beside it
    versi = re.search(r'name="versi" value="([^"]+)"', html).group(1)
    peserta = siti.peserta
    pembina = PangkatGolongan.objects.get(golongan="IV/a")

    with django_capture_on_commit_callbacks(execute=True):
        response = staf_client.post(
            url_permintaan(permintaan, "perbaikan-data-terapkan"),
            {
                "gelar_depan": "Dr.",
                "nama": "Siti Aminah Rahayu",
                "gelar_belakang": "S.Sos., M.Si.",
                "tempat_lahir": peserta.tempat_lahir,
                "pangkat": pembina.pk,
                "jabatan": peserta.jabatan,
                "instansi": peserta.instansi,
                "nip_baru": "1234",  # disabled for staff: the stored NIP stands whatever is posted
                "versi": versi,
            },
            follow=True,
        )

    assert "Permintaan Siti Aminah Rahayu diterapkan; yang diubah: nama, pangkat/golongan." in (
        response.content.decode()
    )
    peserta.refresh_from_db()
    assert peserta.nama == "Siti Aminah Rahayu" and peserta.pangkat == pembina
    assert peserta.nip == siti.peserta.nip
    permintaan.refresh_from_db()
    assert permintaan.status == StatusPermintaan.DITERAPKAN and permintaan.diputus_oleh == staf
    entri = LogEntry.objects.get_for_object(peserta).filter(action=LogEntry.Action.UPDATE).latest("pk")
    assert entri.actor == staf and set(entri.changes_dict) == {"nama", "pangkat"}
    (pesan,) = smtp_server.diterima
    assert "Perbaikan data Anda untuk sertifikat telah diterapkan" == pesan["Subject"]
    assert "Siti Aminah Rahayu" in bagian(pesan, "text/plain")


def test_bad_input_when_applying_is_refused_and_nothing_is_stored(staf_client, siti):
    permintaan = permintaan_perbaikan_create(pendaftaran=siti, isian={"jabatan": "Sekretaris Badan"})
    peserta = siti.peserta

    response = staf_client.post(
        url_permintaan(permintaan, "perbaikan-data-terapkan"),
        {"nama": "", "jabatan": "=SUM(A1)", "instansi": peserta.instansi, "pangkat": "999999"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Bidang ini tidak boleh kosong." in html
    assert "Isian “=SUM(A1)” diawali = seperti rumus spreadsheet" in html
    assert "Masukkan pilihan yang valid." in html
    peserta.refresh_from_db()
    assert peserta.jabatan == "Sekretaris Dinas Kesehatan" and peserta.nama == "Siti Aminah"
    assert PermintaanPerbaikanData.objects.get().status == StatusPermintaan.TERBUKA


def test_rejecting_from_the_tab_needs_a_reason(
    staf_client, siti, smtp_server, surel_eager, django_capture_on_commit_callbacks
):
    permintaan = permintaan_perbaikan_create(pendaftaran=siti, isian={"gelar_depan": "Prof."})

    response = staf_client.post(url_permintaan(permintaan, "perbaikan-data-tolak"), {"alasan_tolak": "  "})
    assert response.status_code == 200 and "Alasan penolakan wajib diisi" in response.content.decode()
    assert PermintaanPerbaikanData.objects.get().status == StatusPermintaan.TERBUKA

    with django_capture_on_commit_callbacks(execute=True):
        response = staf_client.post(
            url_permintaan(permintaan, "perbaikan-data-tolak"), {"alasan_tolak": "Belum ada SK-nya."}, follow=True
        )

    html = response.content.decode()
    assert "ditolak; peserta diberi tahu alasannya" in html and "Belum ada SK-nya." in html
    assert PermintaanPerbaikanData.objects.get().alasan_tolak == "Belum ada SK-nya."
    assert [p["To"] for p in smtp_server.diterima] == ["siti.aminah@contoh.go.id"]


def test_a_request_of_another_angkatan_answers_404(staf_client, siti):
    permintaan = permintaan_perbaikan_create(pendaftaran=siti, isian={"gelar_depan": "Prof."})
    lain = AngkatanFactory()

    for nama in ("perbaikan-data-permintaan", "perbaikan-data-terapkan", "perbaikan-data-tolak"):
        url = reverse(f"peserta:{nama}", args=[lain.pk, permintaan.pk])
        assert staf_client.post(url, {"alasan_tolak": "x"}).status_code in (404, 405)
        assert staf_client.get(url).status_code in (404, 405)
    assert PermintaanPerbaikanData.objects.get().status == StatusPermintaan.TERBUKA


def test_staff_without_permission_get_403(client, siti, angkatan):
    permintaan = permintaan_perbaikan_create(pendaftaran=siti, isian={"gelar_depan": "Prof."})
    tanpa_izin = UserFactory()
    client.force_login(tanpa_izin)
    assert client.get(url_tab(angkatan)).status_code == 403
    assert client.post(url_permintaan(permintaan, "perbaikan-data-tolak"), {"alasan_tolak": "x"}).status_code == 403

    # May see the requests, but not change people's data: the list opens, the answers do not.
    hanya_lihat = UserFactory()
    hanya_lihat.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="peserta",
            codename__in=["view_peserta", "view_permintaanperbaikandata", "view_pendaftaran"],
        )
    )
    client.force_login(hanya_lihat)
    html = client.get(url_tab(angkatan)).content.decode()
    assert "memerlukan izin mengubah data peserta" in html
    assert url_permintaan(permintaan) not in html
    assert client.get(url_permintaan(permintaan)).status_code == 403
    assert client.post(url_permintaan(permintaan, "perbaikan-data-terapkan"), {}).status_code == 403
    assert client.post(url_permintaan(permintaan, "perbaikan-data-tolak"), {"alasan_tolak": "x"}).status_code == 403
    assert PermintaanPerbaikanData.objects.get().status == StatusPermintaan.TERBUKA

    # And a participant sees no such tab on any page (the staff pages answer them 403 anyway).
    client.force_login(siti.peserta.user)
    assert client.get(url_tab(angkatan)).status_code == 403


def test_an_admin_applies_a_nip_correction(client, siti):
    permintaan = permintaan_perbaikan_create(pendaftaran=siti, isian={"nip": "digit terakhir 9"})
    peserta = siti.peserta
    nip_baru = peserta.nip[:-1] + ("9" if peserta.nip[-1] != "9" else "8")
    client.force_login(admin_user())

    response = client.post(
        url_permintaan(permintaan, "perbaikan-data-terapkan"),
        {
            "gelar_depan": peserta.gelar_depan,
            "nama": peserta.nama,
            "gelar_belakang": peserta.gelar_belakang,
            "tempat_lahir": peserta.tempat_lahir,
            "pangkat": peserta.pangkat_id,
            "jabatan": peserta.jabatan,
            "instansi": peserta.instansi,
            "nip_baru": nip_baru,
        },
        follow=True,
    )

    assert "yang diubah: NIP" in response.content.decode()
    peserta.refresh_from_db()
    assert peserta.nip == nip_baru
    # The participant's login follows their NIP.
    peserta.user.refresh_from_db()
    assert peserta.user.username == nip_baru


def test_staff_with_the_tab_but_not_the_nip_right_cannot_change_it(staf_client, staf):
    peserta = peserta_dengan_akun(nama="Ahmad")
    pendaftaran = PendaftaranFactory(peserta=peserta, status=Pendaftaran.Status.DIVERIFIKASI)
    permintaan = permintaan_perbaikan_create(pendaftaran=pendaftaran, isian={"nip": "lain"})

    html = staf_client.get(url_permintaan(permintaan)).content.decode()

    assert "NIP hanya dapat diubah oleh admin." in html
    assert re.search(r'name="nip_baru"[^>]*disabled', html)
