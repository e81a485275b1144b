"""No certificate with an empty field: generating refuses, by name and place, while anything printed is missing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from angkatan.models import Angkatan
from diklat.models import PangkatGolongan, Tugas
from diklat.tests.factories import admin_user, staf_user
from peserta.models import Pendaftaran, Peserta
from sertifikat import pekerja, services
from sertifikat.kelengkapan import (
    NAMA_DISEBUT_MAKS,
    angkatan_kurang,
    kekurangan_cetak,
    pastikan_siap_cetak,
    url_ubah_peserta,
)
from sertifikat.models import PenomoranSertifikat, Sertifikat
from sertifikat.verification import ringkasan_publik, sertifikat_for_verification

pytestmark = pytest.mark.django_db

Status = Sertifikat.Status


@pytest.fixture
def lulus(final):
    """Return a function that enrols a graduate of the final Angkatan III, without a certificate record yet."""
    from peserta.tests.factories import PendaftaranFactory

    def buat(**peserta):
        return PendaftaranFactory(
            angkatan=final,
            status=Pendaftaran.Status.LULUS,
            predikat="Sangat Memuaskan",
            **{f"peserta__{k}": v for k, v in peserta.items()},
        )

    return buat


def tanpa_penandatangan(angkatan: Angkatan) -> Angkatan:
    Angkatan.objects.filter(pk=angkatan.pk).update(
        penandatangan_nama="", penandatangan_nip="", penandatangan_jabatan="", penandatangan_atas_nama=""
    )
    angkatan.refresh_from_db()
    return angkatan


def pesan(error: pytest.ExceptionInfo) -> str:
    return " ".join(error.value.messages)


def tidak_ada_yang_dibuat(angkatan: Angkatan) -> None:
    """Nothing numbered, nothing queued, no job."""
    assert not Sertifikat.objects.filter(pendaftaran__angkatan=angkatan).exists()
    assert not PenomoranSertifikat.objects.exists()
    assert not Tugas.objects.exists()


# The rule ------------------------------------------------------------------------------------------


def test_a_program_without_a_curriculum_cannot_generate(client, final, lulus, django_capture_on_commit_callbacks):
    # "0 (nol) jam pelajaran" and an empty back page are not a certificate.
    lulus(nama="Siti Aminah")
    final.program.mata_pelatihan.all().delete()

    with django_capture_on_commit_callbacks() as antre, pytest.raises(ValidationError) as error:
        services.tugas_buat_start(angkatan=final, user=staf_user())

    assert "Di halaman Ubah program, isi kurikulumnya" in pesan(error)
    assert not antre
    tidak_ada_yang_dibuat(final)
    html = tab(client, staf_user(), final)
    assert reverse("diklat:program-update", args=[final.program_id]) in html
    assert "kurikulum (mata pelatihan dan JP) masih kosong" in html


def test_an_angkatan_without_a_signing_official_cannot_generate(final, lulus, django_capture_on_commit_callbacks):
    lulus(nama="Siti Aminah")
    tanpa_penandatangan(final)

    with django_capture_on_commit_callbacks() as antre, pytest.raises(ValidationError) as error:
        services.tugas_buat_start(angkatan=final, user=staf_user())

    assert "Sertifikat belum dapat dibuat" in pesan(error)
    assert "Di halaman Ubah angkatan, isi: nama penandatangan, NIP penandatangan, jabatan penandatangan." in pesan(
        error
    )
    assert {e.code for e in error.value.error_list} == {"belum_siap_cetak"}
    assert not antre
    tidak_ada_yang_dibuat(final)


def test_everything_missing_is_said_at_once_in_the_order_of_the_edit_form(final, lulus):
    lulus(nama="Budi Santoso", tempat_lahir="", jabatan="")
    lulus(nama="Ani Rahayu", pangkat=None)
    lulus(nama="Citra Dewi")  # complete: not named
    tanpa_penandatangan(final)
    Angkatan.objects.filter(pk=final.pk).update(venue=None, kota_terbit="  ")
    final.refresh_from_db()

    with pytest.raises(ValidationError) as error:
        pastikan_siap_cetak(final)

    assert error.value.messages == [
        "Sertifikat belum dapat dibuat karena ada data yang dicetak masih kosong.",
        "Di halaman Ubah angkatan, isi: tempat, nama penandatangan, NIP penandatangan, jabatan penandatangan, "
        "kota penerbitan sertifikat.",
        "Data 2 peserta belum lengkap; isi di halaman data masing-masing: "
        "Ani Rahayu, S.KM., M.Kes. (pangkat/golongan); Budi Santoso, S.KM., M.Kes. (tempat lahir, jabatan).",
    ]


def test_the_date_of_issue_falls_back_to_the_last_day_and_is_missing_only_when_both_are(final):
    final.tanggal_terbit = None
    assert kekurangan_cetak(final).angkatan_kurang == []

    kosong = Angkatan(program=final.program, nomor=9, tahun=2022, kuota=10, kota_terbit="Jakarta")
    assert angkatan_kurang(kosong) == [
        "tanggal mulai",
        "tanggal selesai",
        "tempat",
        "nama penandatangan",
        "NIP penandatangan",
        "jabatan penandatangan",
        "tanggal penerbitan sertifikat",
    ]
    kosong.tanggal_terbit = datetime.date(2022, 6, 30)
    assert "tanggal penerbitan sertifikat" not in angkatan_kurang(kosong)


def test_the_a_n_line_is_optional(final):
    Angkatan.objects.filter(pk=final.pk).update(penandatangan_atas_nama="")
    final.refresh_from_db()
    pastikan_siap_cetak(final)


def test_incomplete_graduates_are_refused_by_name_until_their_data_is_complete(
    final, lulus, eager, django_capture_on_commit_callbacks
):
    """The imported list's people (no birth place, rank or position) get no certificate until completed."""
    budi = lulus(nama="Budi Santoso", tempat_lahir="", pangkat=None, jabatan="")
    lulus(nama="Citra Dewi")

    with pytest.raises(ValidationError) as error:
        services.tugas_buat_start(angkatan=final, user=staf_user())
    assert "Budi Santoso, S.KM., M.Kes. (tempat lahir, pangkat/golongan, jabatan)" in pesan(error)
    assert "Citra Dewi" not in pesan(error)
    tidak_ada_yang_dibuat(final)

    Peserta.objects.filter(pk=budi.peserta_id).update(
        tempat_lahir="Purwokerto",
        jabatan="Sekretaris Dinas Kesehatan",
        pangkat=PangkatGolongan.objects.get(golongan="III/d"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.tugas_buat_start(angkatan=final, user=staf_user())
    assert Sertifikat.objects.filter(pendaftaran__angkatan=final, status=Status.READY).count() == 2


def test_one_persons_certificate_is_made_while_another_is_incomplete(
    final, lulus, eager, django_capture_on_commit_callbacks
):
    budi = lulus(nama="Budi Santoso", tempat_lahir="")
    citra = lulus(nama="Citra Dewi")

    with django_capture_on_commit_callbacks(execute=True):
        services.tugas_buat_start(angkatan=final, user=None, pendaftaran_ids=[citra.pk])
    assert citra.sertifikat.get().status == Status.READY

    with pytest.raises(ValidationError) as error:
        services.tugas_buat_start(angkatan=final, user=None, pendaftaran_ids=[budi.pk])
    assert "Budi Santoso, S.KM., M.Kes. (tempat lahir)" in pesan(error)
    assert not budi.sertifikat.exists()


def test_a_refusal_names_twenty_and_says_how_many_more(final, lulus):
    for i in range(NAMA_DISEBUT_MAKS + 3):
        lulus(nama=f"Peserta {i:02d}", jabatan="")
    with pytest.raises(ValidationError) as error:
        pastikan_siap_cetak(final)
    teks = pesan(error)
    assert "Data 23 peserta belum lengkap" in teks
    assert "Peserta 19" in teks and "Peserta 20" not in teks
    assert "dan 3 peserta lain (semuanya terdaftar di tab Sertifikat)" in teks


def test_retry_refuses_while_the_data_is_incomplete(final, lulusan):
    sertifikat = lulusan(nama="Budi Santoso")
    Sertifikat.objects.filter(pk=sertifikat.pk).update(status=Status.FAILED, galat="Gagal membuat PDF: rusak")
    Peserta.objects.filter(pendaftaran=sertifikat.pendaftaran).update(jabatan="")
    sertifikat.refresh_from_db()

    with pytest.raises(ValidationError) as error:
        services.sertifikat_retry(sertifikat=sertifikat, user=None)
    assert "Budi Santoso, S.KM., M.Kes. (jabatan)" in pesan(error)
    sertifikat.refresh_from_db()
    assert sertifikat.status == Status.FAILED and not Tugas.objects.exists()


@pytest.fixture
def dibuat(final, lulusan, eager, django_capture_on_commit_callbacks):
    daftar = [lulusan(nama=nama) for nama in ("Ani Lestari", "Budi Santoso")]
    with django_capture_on_commit_callbacks(execute=True):
        services.tugas_buat_start(angkatan=final, user=None)
    for sertifikat in daftar:
        sertifikat.refresh_from_db()
    return daftar


def test_reissues_refuse_while_the_signing_official_or_a_person_is_missing(final, dibuat):
    ani, budi = dibuat
    tanpa_penandatangan(final)
    with pytest.raises(ValidationError) as error:
        services.sertifikat_reissue(sertifikat=ani, user=admin_user())
    assert "nama penandatangan" in pesan(error)

    Angkatan.objects.filter(pk=final.pk).update(
        penandatangan_nama="Dr. Sugeng Hariyono, M.Si.",
        penandatangan_nip="196608011988031001",
        penandatangan_jabatan="Kepala Badan",
    )
    Peserta.objects.filter(pendaftaran=budi.pendaftaran).update(tempat_lahir="")
    with pytest.raises(ValidationError) as error:
        services.sertifikat_reissue_many(sertifikat_list=[ani, budi], user=admin_user())
    assert "Budi Santoso, S.KM., M.Kes. (tempat lahir)" in pesan(error) and "Ani" not in pesan(error)
    assert Sertifikat.objects.filter(pendaftaran__angkatan=final).count() == 2  # no new version
    assert Tugas.objects.count() == 1


def test_data_emptied_after_queuing_fails_the_certificate_with_the_same_words(
    final, lulus, eager, django_capture_on_commit_callbacks
):
    budi = lulus(nama="Budi Santoso")
    citra = lulus(nama="Citra Dewi")
    with django_capture_on_commit_callbacks(execute=False) as antre:
        tugas = services.tugas_buat_start(angkatan=final, user=None)
    # Emptied while the job waited in the queue.
    Peserta.objects.filter(pk=budi.peserta_id).update(tempat_lahir="")
    for kirim in antre:
        kirim()

    gagal = budi.sertifikat.get()
    assert gagal.status == Status.FAILED
    assert gagal.galat.startswith("Gagal membuat PDF: Sertifikat belum dapat dibuat")
    assert "Budi Santoso, S.KM., M.Kes. (tempat lahir)" in gagal.galat
    assert citra.sertifikat.get().status == Status.READY
    tugas.refresh_from_db()
    assert tugas.status == Tugas.Status.SELESAI


def test_a_signing_official_removed_after_queuing_fails_every_certificate(
    final, lulus, eager, django_capture_on_commit_callbacks
):
    budi = lulus(nama="Budi Santoso")
    with django_capture_on_commit_callbacks(execute=False) as antre:
        services.tugas_buat_start(angkatan=final, user=None)
    tanpa_penandatangan(final)
    for kirim in antre:
        kirim()
    sertifikat = budi.sertifikat.get()
    assert sertifikat.status == Status.FAILED and "nama penandatangan" in sertifikat.galat
    # Never issued: nothing to verify as valid.
    assert sertifikat_for_verification(kode=sertifikat.kode_verifikasi) is None


def test_with_the_official_removed_after_queuing_each_certificate_says_the_angkatans_gaps_and_only_its_own(
    final, lulus, eager, django_capture_on_commit_callbacks
):
    budi = lulus(nama="Budi Santoso")
    citra = lulus(nama="Citra Dewi")
    with django_capture_on_commit_callbacks(execute=False) as antre:
        services.tugas_buat_start(angkatan=final, user=None)
    tanpa_penandatangan(final)
    Peserta.objects.filter(pk=budi.peserta_id).update(jabatan="")
    for kirim in antre:
        kirim()

    punya_budi, punya_citra = budi.sertifikat.get(), citra.sertifikat.get()
    assert (punya_budi.status, punya_citra.status) == (Status.FAILED, Status.FAILED)
    for sertifikat in (punya_budi, punya_citra):
        assert sertifikat.galat.startswith("Gagal membuat PDF: Sertifikat belum dapat dibuat")
        assert "Di halaman Ubah angkatan, isi: nama penandatangan" in sertifikat.galat
    assert "Budi Santoso, S.KM., M.Kes. (jabatan)" in punya_budi.galat
    assert "Budi" not in punya_citra.galat and "Data 1 peserta" not in punya_citra.galat


def test_the_worker_checks_a_chunk_in_the_same_queries_for_2_or_8_certificates(final, lulusan, settings, monkeypatch):
    """Storing each file costs its own queries (its row locked, saved, older versions replaced); nothing else does."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.SERTIFIKAT_UKURAN_POTONGAN = 8
    simpan = pekerja.sertifikat_store

    def kueri_selain_simpan(jumlah: int) -> int:
        ids = [lulusan().pk for _ in range(jumlah)]
        saat_simpan = []

        def sertifikat_store(**kwargs):
            with CaptureQueriesContext(connection) as kueri:
                hasil = simpan(**kwargs)
            saat_simpan.append(len(kueri))
            return hasil

        monkeypatch.setattr(pekerja, "sertifikat_store", sertifikat_store)
        with CaptureQueriesContext(connection) as kueri:
            assert pekerja.sertifikat_render(sertifikat_ids=ids) == jumlah
        return len(kueri) - sum(saat_simpan)

    assert kueri_selain_simpan(8) == kueri_selain_simpan(2)


def test_a_complete_angkatan_still_verifies_as_valid(final, dibuat):
    ani = dibuat[0]
    assert ringkasan_publik(sertifikat=sertifikat_for_verification(kode=ani.kode_verifikasi)).sah
    assert ani.data_cetak["penandatangan_nama"] == final.penandatangan_nama


# The tab -------------------------------------------------------------------------------------------


def tab(client, user, angkatan) -> str:
    client.force_login(user)
    response = client.get(reverse("sertifikat:angkatan", args=[angkatan.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_tab_lists_what_is_missing_with_where_to_fill_it_and_disables_generating(client, final, lulus):
    budi = lulus(nama="Budi Santoso", tempat_lahir="", jabatan="")
    citra = lulus(nama="Citra Dewi")
    tanpa_penandatangan(final)

    html = tab(client, staf_user(), final)

    assert "Lengkapi dulu data yang dicetak pada sertifikat" in html
    assert "nama penandatangan, NIP penandatangan, jabatan penandatangan" in html
    assert f'href="{reverse("angkatan:update", args=[final.pk])}"' in html
    assert f'href="{url_ubah_peserta(budi.peserta_id)}"' in html
    assert "Budi Santoso, S.KM., M.Kes.</a>: tempat lahir, jabatan" in html
    assert url_ubah_peserta(citra.peserta_id) not in html
    # The button is there, disabled, and no form posts to generate all.
    assert "Buat semua sertifikat" in html and 'aria-describedby="kekurangan-cetak"' in html
    assert f'action="{reverse("sertifikat:buat", args=[final.pk])}"' not in html


def test_once_complete_the_tab_offers_generating_again(client, final, lulus):
    lulus(nama="Citra Dewi")
    html = tab(client, staf_user(), final)
    assert "Lengkapi dulu data" not in html
    assert f'action="{reverse("sertifikat:buat", args=[final.pk])}"' in html


def test_an_incomplete_person_gets_a_link_to_complete_instead_of_make(client, final, lulus):
    budi = lulus(nama="Budi Santoso", pangkat=None)
    lulus(nama="Citra Dewi")
    html = tab(client, staf_user(), final)
    assert html.count(f'href="{url_ubah_peserta(budi.peserta_id)}"') == 2  # the list and the row
    assert "Lengkapi data" in html
    # Citra's own "Buat" stays.
    assert f'name="pendaftaran" value="{budi.pk}"' not in html


def test_the_person_link_is_their_edit_page(client, lulus):
    budi = lulus(nama="Budi Santoso", tempat_lahir="")
    client.force_login(staf_user())

    halaman = client.get(url_ubah_peserta(budi.peserta_id))

    assert halaman.status_code == 200
    assert "Budi Santoso" in halaman.content.decode()


def test_posting_anyway_is_refused_in_words_by_name(client, final, lulus):
    lulus(nama="Budi Santoso", tempat_lahir="")
    client.force_login(staf_user())
    response = client.post(reverse("sertifikat:buat", args=[final.pk]), follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sertifikat belum dapat dibuat" in html and "Budi Santoso, S.KM., M.Kes. (tempat lahir)" in html
    tidak_ada_yang_dibuat(final)


def test_reissue_buttons_are_disabled_while_the_official_is_missing(client, final, dibuat):
    ani, budi = dibuat
    # A corrected signing official, then emptied: the certificates no longer hold, and cannot be re-made yet.
    Angkatan.objects.filter(pk=final.pk).update(penandatangan_nama="", nilai_dikunci_pada=timezone.now())
    html = tab(client, admin_user(), final)
    assert "Terbitkan ulang 2 sertifikat dengan data terbaru" in html
    assert f'action="{reverse("sertifikat:terbit-ulang-semua", args=[final.pk])}"' not in html
    assert f'action="{reverse("sertifikat:terbit-ulang", args=[ani.pk])}"' not in html
    response = client.post(reverse("sertifikat:terbit-ulang-semua", args=[final.pk]), follow=True)
    assert "nama penandatangan" in response.content.decode()
    assert Sertifikat.objects.filter(pendaftaran__angkatan=final).count() == 2
