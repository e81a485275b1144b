"""Corrections after certificates were made: results reopened, data corrected, certificates re-issued."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from diklat.models import Tugas
from diklat.tests.factories import admin_user, staf_user
from peserta.models import Pendaftaran
from peserta.nilai.services import hasil_buka_kunci
from peserta.pendaftaran.services import pendaftaran_transition
from sertifikat import services
from sertifikat.models import Sertifikat
from sertifikat.selectors import baris_sertifikat
from sertifikat.services import sertifikat_revoke
from sertifikat.verification import ringkasan_publik, sertifikat_for_verification

pytestmark = pytest.mark.django_db

Status = Sertifikat.Status


@pytest.fixture
def admin():
    return admin_user()


@pytest.fixture
def dibuat(final, lulusan, admin, eager, django_capture_on_commit_callbacks):
    """Three graduates of the final Angkatan III with their certificates made."""
    daftar = [lulusan(nama=nama) for nama in ("Ani Lestari", "Budi Santoso", "Citra Dewi")]
    with django_capture_on_commit_callbacks(execute=True):
        services.tugas_buat_start(angkatan=final, user=admin)
    for sertifikat in daftar:
        sertifikat.refresh_from_db()
        assert sertifikat.status == Status.READY
    return daftar


def finalisasi_ulang(angkatan, admin, hasil: dict[int, tuple[str, str]]) -> None:
    """Reopen the results and decide them again, as the score page would: {pendaftaran: (status, predikat)}."""
    hasil_buka_kunci(angkatan=angkatan, user=admin, alasan="Nilai ujian salah ketik.")
    for pendaftaran in Pendaftaran.objects.filter(angkatan=angkatan):
        status, predikat = hasil.get(pendaftaran.pk, (Pendaftaran.Status.LULUS, "Sangat Memuaskan"))
        pendaftaran = pendaftaran_transition(pendaftaran=pendaftaran, ke=status, user=admin, alasan="")
        pendaftaran.predikat = predikat if status == Pendaftaran.Status.LULUS else ""
        pendaftaran.save(update_fields=["predikat", "updated_at"])
    angkatan.nilai_dikunci_pada = timezone.now()
    angkatan.save(update_fields=["nilai_dikunci_pada", "updated_at"])


def tab(client, user, angkatan) -> str:
    client.force_login(user)
    response = client.get(reverse("sertifikat:angkatan", args=[angkatan.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_reopening_results_leaves_the_issued_certificates_valid(client, final, dibuat, admin):
    hasil_buka_kunci(angkatan=final, user=admin, alasan="Satu nilai salah ketik.")

    final.refresh_from_db()
    assert final.nilai_dikunci_pada is None
    for sertifikat in dibuat:
        sertifikat.refresh_from_db()
        assert sertifikat.status == Status.READY
        assert ringkasan_publik(sertifikat=sertifikat_for_verification(kode=sertifikat.kode_verifikasi)).sah
    html = tab(client, staf_user(), final)
    assert "3 sertifikat yang sudah terbit tetap berlaku selama kunci nilai dibuka" in html
    assert all(s.nomor in html for s in dibuat)  # still listed, though no one is lulus for now


def test_reopening_waits_for_a_render_in_flight(final, dibuat, admin):
    Sertifikat.objects.filter(pk=dibuat[0].pk).update(status=Status.RENDERING, updated_at=timezone.now())
    with pytest.raises(ValidationError) as error:
        hasil_buka_kunci(angkatan=final, user=admin, alasan="Satu nilai salah ketik.")
    assert error.value.code == "sertifikat_sedang_dibuat"
    final.refresh_from_db()
    assert final.nilai_dikunci_pada is not None

    # A render whose worker died long ago holds nothing up.
    Sertifikat.objects.filter(pk=dibuat[0].pk).update(updated_at=timezone.now() - datetime.timedelta(minutes=15))
    hasil_buka_kunci(angkatan=final, user=admin, alasan="Satu nilai salah ketik.")


def test_a_changed_predikat_is_marked_and_only_that_certificate_is_reissued(
    client, final, dibuat, admin, django_capture_on_commit_callbacks
):
    ani, budi, citra = dibuat
    finalisasi_ulang(final, admin, {budi.pendaftaran_id: (Pendaftaran.Status.LULUS, "Memuaskan")})

    baris = {b.pendaftaran.pk: b for b in baris_sertifikat(final)}
    assert baris[budi.pendaftaran_id].perubahan == ["Predikat tercetak “Sangat Memuaskan”, kini “Memuaskan”"]
    assert baris[budi.pendaftaran_id].perlu_terbit_ulang
    assert not baris[ani.pendaftaran_id].perubahan and not baris[citra.pendaftaran_id].perubahan

    html = tab(client, admin, final)
    assert "1 sertifikat tidak lagi sesuai data terbaru" in html
    assert "Predikat tercetak “Sangat Memuaskan”, kini “Memuaskan”" in html
    assert "Terbitkan ulang 1 sertifikat dengan data terbaru" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("sertifikat:terbit-ulang-semua", args=[final.pk]))
    tugas = Tugas.objects.latest("created_at")
    assert response.url == reverse("tugas:detail", args=[tugas.pk])

    baru = Sertifikat.objects.get(pendaftaran_id=budi.pendaftaran_id, versi=2)
    assert (baru.status, baru.nomor, baru.data_cetak["predikat"]) == (Status.READY, budi.nomor, "Memuaskan")
    budi.refresh_from_db()
    assert budi.status == Status.REPLACED
    for lain in (ani, citra):  # untouched: the same file, the same version
        sha256 = lain.sha256
        lain.refresh_from_db()
        assert (lain.versi, lain.status, lain.sha256) == (1, Status.READY, sha256)
    assert "tidak lagi sesuai data terbaru" not in tab(client, admin, final)


def test_someone_who_no_longer_passes_is_listed_for_revoking_not_reissuing(
    client, final, dibuat, admin, django_capture_on_commit_callbacks
):
    ani = dibuat[0]
    finalisasi_ulang(final, admin, {ani.pendaftaran_id: (Pendaftaran.Status.TIDAK_LULUS, "")})

    baris = {b.pendaftaran.pk: b for b in baris_sertifikat(final)}
    assert baris[ani.pendaftaran_id].perubahan == ["kini berstatus “Tidak lulus”"]
    assert baris[ani.pendaftaran_id].perlu_dicabut and not baris[ani.pendaftaran_id].perlu_terbit_ulang
    html = tab(client, admin, final)
    assert "Ani Lestari" in html and "kini berstatus “Tidak lulus”" in html
    assert "Terbitkan ulang" not in html.split('id="perlu-tindakan"')[1].split("</div>")[0]
    assert reverse("sertifikat:cabut", args=[ani.pk]) in html

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("sertifikat:terbit-ulang-semua", args=[final.pk]), follow=True)
    assert "Tidak ada sertifikat yang perlu diterbitkan ulang" in response.content.decode()
    assert not Sertifikat.objects.filter(versi=2).exists()

    assert f'name="sertifikat" value="{ani.pk}"' in html  # the form names the certificates it lists
    response = client.post(
        reverse("sertifikat:cabut-semua", args=[final.pk]),
        {"alasan": "Tidak memenuhi syarat kelulusan setelah koreksi nilai.", "sertifikat": [ani.pk]},
        follow=True,
    )
    assert "1 sertifikat dicabut" in response.content.decode()
    ani.refresh_from_db()
    assert (ani.status, ani.alasan_pencabutan) == (
        Status.REVOKED,
        "Tidak memenuhi syarat kelulusan setelah koreksi nilai.",
    )
    assert "tidak lagi sesuai data terbaru" not in tab(client, admin, final)
    assert all(s.status == Status.READY for s in Sertifikat.objects.exclude(pk=ani.pk))


@pytest.fixture
def dua_gagal(final, dibuat, admin):
    """Ani and Budi no longer pass since the results were decided again; Citra does."""
    finalisasi_ulang(
        final,
        admin,
        dict.fromkeys((dibuat[0].pendaftaran_id, dibuat[1].pendaftaran_id), (Pendaftaran.Status.TIDAK_LULUS, "")),
    )
    return dibuat[:2]


def test_the_warning_names_everyone_who_no_longer_passes(client, final, dua_gagal, admin):
    peringatan = tab(client, admin, final).split('id="perlu-tindakan"')[1].split("</ul>")[0]
    assert "2 sertifikat tidak lagi sesuai data terbaru" in peringatan
    assert "Pada semua sertifikat di bawah ini:" in peringatan and "kini berstatus “Tidak lulus”" in peringatan
    for sertifikat in dua_gagal:
        assert f"{sertifikat.pendaftaran.peserta.nama_lengkap}</span> ({sertifikat.nomor})" in peringatan
    assert "Citra Dewi" not in peringatan


def test_revoking_all_who_no_longer_pass_needs_a_reason_fit_to_publish(client, final, dua_gagal, admin):
    client.force_login(admin)
    url = reverse("sertifikat:cabut-semua", args=[final.pk])
    ids = [s.pk for s in dua_gagal]
    for data, pesan in [
        ({"alasan": "", "sertifikat": ids}, "Alasan pencabutan wajib diisi"),
        ({"alasan": "NIP 19660801 198803 1 001 salah", "sertifikat": ids}, "jangan tulis NIP"),
        ({"alasan": "Tidak lulus.", "sertifikat": ["1; drop"]}, "tidak dikenal"),
        ({"alasan": "Tidak lulus."}, "tidak dikenal"),
    ]:
        response = client.post(url, data, follow=True)
        assert response.status_code == 200 and pesan in response.content.decode()
    assert not Sertifikat.objects.filter(status=Status.REVOKED).exists()  # neither of the two
    client.force_login(staf_user())
    assert client.post(url, {"alasan": "Tidak lulus.", "sertifikat": ids}).status_code == 403


def test_revoking_all_refuses_a_list_that_changed_since_it_was_shown(
    client, final, dibuat, dua_gagal, admin, angkatan_lulus
):
    from sertifikat.tests.factories import SertifikatFactory

    client.force_login(admin)
    url = reverse("sertifikat:cabut-semua", args=[final.pk])
    lain = SertifikatFactory(status=Status.READY)  # another angkatan's
    for ids, pesan in [
        ([*[s.pk for s in dua_gagal], dibuat[2].pk], "Citra Dewi"),  # Citra passes: "kini berstatus lulus"
        ([dua_gagal[0].pk, lain.pk], "Daftar sertifikat berubah"),
    ]:
        html = client.post(url, {"alasan": "Tidak lulus.", "sertifikat": ids}, follow=True).content.decode()
        assert pesan in html
    assert not Sertifikat.objects.filter(status=Status.REVOKED).exists()
    lain.refresh_from_db()
    assert lain.status == Status.READY


def test_revoking_all_revokes_none_when_one_cannot_be(final, dua_gagal, admin):
    ani, budi = dua_gagal
    sertifikat_revoke(sertifikat=budi, user=admin, alasan="Dicabut lebih dulu.")
    with pytest.raises(ValidationError) as error:
        services.sertifikat_revoke_tidak_lulus(
            angkatan=final, sertifikat_ids=[ani.pk, budi.pk], user=admin, alasan="Tidak lulus setelah koreksi."
        )
    assert error.value.code == "sudah_dicabut"
    ani.refresh_from_db()
    assert ani.status == Status.READY  # not half done


def test_an_old_certificate_kept_with_the_masked_nip_only_still_shows_a_nip_correction(final, lulusan, admin):
    from diklat.nip import mask_nip

    sertifikat = lulusan(nip="196608011988031001")
    Sertifikat.objects.filter(pk=sertifikat.pk).update(
        status=Status.READY, data_cetak={"nip": mask_nip("196508011988031001"), "nama_lengkap": "x"}
    )
    (baris,) = baris_sertifikat(final)
    assert "NIP tercetak “1965**** ****** 1 001”, kini “1966**** ****** 1 001”" in baris.perubahan


def test_a_corrected_name_is_marked_for_reissuing(client, final, dibuat, admin):
    peserta = dibuat[2].pendaftaran.peserta
    tercetak = peserta.nama_lengkap
    peserta.nama = "Citra Dewi Anggraini"
    peserta.save()

    (baris,) = [b for b in baris_sertifikat(final) if b.perubahan]
    assert baris.perubahan == [f"Nama tercetak “{tercetak}”, kini “{peserta.nama_lengkap}”"]
    assert "Anggraini" in peserta.nama_lengkap
    assert baris.perlu_terbit_ulang


def test_only_admins_reissue_all_and_staff_do_not_see_the_button(client, final, dibuat, admin):
    finalisasi_ulang(final, admin, {dibuat[1].pendaftaran_id: (Pendaftaran.Status.LULUS, "Memuaskan")})
    staf = staf_user()
    html = tab(client, staf, final)
    assert "1 sertifikat tidak lagi sesuai data terbaru" in html
    assert reverse("sertifikat:terbit-ulang-semua", args=[final.pk]) not in html
    assert client.post(reverse("sertifikat:terbit-ulang-semua", args=[final.pk])).status_code == 403
    assert not Sertifikat.objects.filter(versi=2).exists()


def test_the_tab_compares_every_certificate_in_a_fixed_number_of_queries(client, final, lulusan, admin, dibuat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(admin)
    url = reverse("sertifikat:angkatan", args=[final.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as sedikit:
        client.get(url)
    contoh = dibuat[0]
    for i in range(6):
        sertifikat = lulusan(nama=f"Peserta Tambahan {i}")
        Sertifikat.objects.filter(pk=sertifikat.pk).update(
            status=Status.READY, berkas=contoh.berkas.name, data_cetak=contoh.data_cetak, sha256=f"{i:064d}"
        )
    with CaptureQueriesContext(connection) as banyak:
        html = client.get(url).content.decode()
    assert "6 sertifikat tidak lagi sesuai data terbaru" in html  # they print Ani's name
    assert len(banyak) == len(sedikit)


def test_reissuing_refuses_a_version_that_is_not_the_newest_saying_whose(final, dibuat, admin):
    services.sertifikat_reissue_many(sertifikat_list=dibuat, user=admin)
    with pytest.raises(ValidationError) as error:
        services.sertifikat_reissue_many(sertifikat_list=dibuat, user=admin)
    assert error.value.code == "bukan_versi_berlaku" and "Ani Lestari" in error.value.messages[0]
    assert Sertifikat.objects.filter(versi=2).count() == 3  # the first, whole; the second, nothing


def test_reissuing_waits_for_the_results_to_be_final_again(final, dibuat, admin):
    hasil_buka_kunci(angkatan=final, user=admin, alasan="Satu nilai salah ketik.")
    with pytest.raises(ValidationError) as error:
        services.sertifikat_reissue(sertifikat=dibuat[0], user=admin)
    assert error.value.code == "belum_final"
    assert not Sertifikat.objects.filter(versi=2).exists()


@pytest.mark.parametrize(
    "koreksi, pesan",
    [
        # The same masked NIP (birth year and last digits) on the public page; the PDF prints all of it.
        ({"nip": "196612251990031001"}, "NIP dikoreksi sejak dicetak, kini “19661225 199003 1 001”"),
        ({"tanggal_lahir": datetime.date(1966, 12, 25)}, "Tempat, tanggal lahir dikoreksi sejak dicetak"),
        ({"tempat_lahir": "Surakarta"}, "kini “Surakarta, "),
    ],
)
def test_a_corrected_nip_or_birth_date_is_marked_though_the_public_page_never_held_it(
    final, lulusan, admin, eager, django_capture_on_commit_callbacks, koreksi, pesan
):
    sertifikat = lulusan(nip="196608011988031001", tempat_lahir="Sukoharjo", tanggal_lahir=datetime.date(1966, 8, 1))
    with django_capture_on_commit_callbacks(execute=True):
        services.tugas_buat_start(angkatan=final, user=admin)
    sertifikat.refresh_from_db()
    assert "196608011988031001" not in str(sertifikat.data_cetak)
    peserta = sertifikat.pendaftaran.peserta
    for kunci, nilai in koreksi.items():
        setattr(peserta, kunci, nilai)
    peserta.save()

    (baris,) = [b for b in baris_sertifikat(final) if b.perubahan]
    assert len(baris.perubahan) == 1 and pesan in baris.perubahan[0]


def test_an_old_certificate_kept_without_its_printed_facts_is_still_marked_when_its_holder_fails(
    final, lulusan, admin
):
    sertifikat = lulusan()
    Sertifikat.objects.filter(pk=sertifikat.pk).update(status=Status.READY, data_cetak={})
    finalisasi_ulang(final, admin, {sertifikat.pendaftaran_id: (Pendaftaran.Status.TIDAK_LULUS, "")})

    (baris,) = baris_sertifikat(final)
    assert baris.perubahan == ["kini berstatus “Tidak lulus”"] and baris.perlu_dicabut


def test_a_failed_newer_version_leaves_the_valid_one_in_view(
    client, final, dibuat, admin, django_capture_on_commit_callbacks
):
    budi = dibuat[1]
    peserta = budi.pendaftaran.peserta
    peserta.nama = "Budi Santoso Wibowo"
    peserta.save()
    with django_capture_on_commit_callbacks(execute=False):  # sent, never made
        services.sertifikat_reissue(sertifikat=budi, user=admin)
    baru = Sertifikat.objects.get(pendaftaran_id=budi.pendaftaran_id, versi=2)
    Sertifikat.objects.filter(pk=baru.pk).update(status=Status.FAILED, galat="Gagal membuat PDF: contoh")

    baris = next(b for b in baris_sertifikat(final) if b.pendaftaran.pk == budi.pendaftaran_id)
    assert (baris.sertifikat, baris.berlaku) == (baru, budi)
    assert baris.perubahan and not baris.perlu_terbit_ulang  # "Ulangi" makes the new version
    html = tab(client, admin, final)
    assert reverse("sertifikat:unduh", args=[budi.pk]) in html and "Unduh versi berlaku" in html
    assert "Terbitkan ulang 1 sertifikat" not in html


def test_a_correction_of_the_angkatan_is_said_once_for_all_its_certificates(client, final, dibuat, admin):
    tercetak = final.tanggal_mulai
    final.tanggal_mulai = tercetak - datetime.timedelta(days=1)
    final.save()
    peserta = dibuat[0].pendaftaran.peserta
    peserta.nama = "Ani Lestari Putri"
    peserta.save()

    html = tab(client, admin, final)
    peringatan = html.split('id="perlu-tindakan"')[1].split("</ul>")[0]
    assert "3 sertifikat tidak lagi sesuai data terbaru" in html
    assert peringatan.count("Tanggal mulai tercetak") == 1 and "Pada semua sertifikat di bawah ini" in peringatan
    assert peringatan.count("<li>") == 4  # the shared line, then each by name
    assert "Nama tercetak" in peringatan and peringatan.count("Nama tercetak") == 1  # Ani's own
    # Budi, named, with nothing of his own after the number.
    assert f"{dibuat[1].pendaftaran.peserta.nama_lengkap}</span> ({dibuat[1].nomor})\n" in peringatan
    assert "Terbitkan ulang 3 sertifikat dengan data terbaru" in html


# The signing official, the city and the date of issue ------------------------------------------------


def ganti_penandatangan(angkatan) -> None:
    from angkatan.models import Angkatan

    Angkatan.objects.filter(pk=angkatan.pk).update(
        penandatangan_nama="Dr. Sugeng Hariyono, M.Si.",
        penandatangan_nip="196608011988031001",
        penandatangan_jabatan="Kepala Badan Pengembangan Sumber Daya Manusia",
        penandatangan_atas_nama="",
    )
    angkatan.refresh_from_db()


def test_a_changed_signing_official_lists_every_certificate_for_reissue(
    client, final, dibuat, admin, django_capture_on_commit_callbacks
):
    ganti_penandatangan(final)

    baris = baris_sertifikat(final)
    harapan = [
        "Nama penandatangan tercetak “Drs. Bambang Kuncoro Adi, M.Si.”, kini “Dr. Sugeng Hariyono, M.Si.”",
        "NIP penandatangan tercetak “19690314 199503 1 002”, kini “19660801 198803 1 001”",
        "Jabatan penandatangan tercetak “Sekretaris Badan Pengembangan Sumber Daya Manusia”, "
        "kini “Kepala Badan Pengembangan Sumber Daya Manusia”",
        "Baris a.n. tercetak “Kepala BPSDM Kementerian Dalam Negeri”, kini “—”",
    ]
    assert all(b.perubahan == harapan and b.perlu_terbit_ulang for b in baris)

    html = tab(client, admin, final)
    assert "3 sertifikat tidak lagi sesuai data terbaru" in html
    assert "Pada semua sertifikat di bawah ini" in html and "kini “Dr. Sugeng Hariyono, M.Si.”" in html
    assert "Terbitkan ulang 3 sertifikat dengan data terbaru" in html
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("sertifikat:terbit-ulang-semua", args=[final.pk]))

    baru = Sertifikat.objects.filter(pendaftaran__angkatan=final, versi=2)
    assert baru.count() == 3
    assert {s.data_cetak["penandatangan_nama"] for s in baru} == {"Dr. Sugeng Hariyono, M.Si."}
    assert all(s.status == Status.READY for s in baru)
    assert "tidak lagi sesuai data terbaru" not in tab(client, admin, final)


def test_staff_who_may_not_reissue_are_told_who_can(client, final, dibuat, admin):
    ganti_penandatangan(final)

    html = tab(client, staf_user(), final)

    assert "3 sertifikat tidak lagi sesuai data terbaru" in html
    assert "Terbitkan ulang 3 sertifikat" not in html
    assert "wewenang admin BPSDM" in html
    assert "wewenang admin BPSDM" not in tab(client, admin, final)


def test_a_changed_city_or_date_of_issue_is_listed(final, dibuat):
    from angkatan.models import Angkatan

    Angkatan.objects.filter(pk=final.pk).update(kota_terbit="Bogor", tanggal_terbit=datetime.date(2022, 6, 30))
    final.refresh_from_db()
    perubahan = baris_sertifikat(final)[0].perubahan
    assert perubahan == [
        "Tanggal terbit tercetak “24 Juni 2022”, kini “30 Juni 2022”",
        "Kota terbit tercetak “Jakarta”, kini “Bogor”",
    ]


def test_snapshots_kept_before_the_signing_official_was_are_not_all_flagged(final, dibuat):
    """Certificates made before the snapshot held the signing official are not compared on it."""
    for sertifikat in dibuat:
        lama = {
            k: v for k, v in sertifikat.data_cetak.items() if not k.startswith("penandatangan_") and k != "kota_terbit"
        }
        Sertifikat.objects.filter(pk=sertifikat.pk).update(data_cetak=lama)
    ganti_penandatangan(final)

    assert all(not b.perubahan for b in baris_sertifikat(final))

    # What such a snapshot holds is still compared.
    from angkatan.models import Angkatan

    Angkatan.objects.filter(pk=final.pk).update(tanggal_terbit=datetime.date(2022, 6, 30))
    final.refresh_from_db()
    assert all(
        b.perubahan == ["Tanggal terbit tercetak “24 Juni 2022”, kini “30 Juni 2022”"] for b in baris_sertifikat(final)
    )
