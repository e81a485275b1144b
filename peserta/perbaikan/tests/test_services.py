"""Confirming the printed data, asking for a correction, and staff applying or rejecting it."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from diklat.models import PangkatGolongan, Surel
from diklat.tests.factories import admin_user, staf_user
from diklat.tests.smtp import bagian
from peserta.data.cetak import blok_data_cetak, blok_sidik
from peserta.data.services import peserta_update
from peserta.models import KonfirmasiDataCetak, Pendaftaran, PermintaanPerbaikanData, Peserta
from peserta.perbaikan.selectors import periksa_data_untuk, peringatan_cetak
from peserta.perbaikan.services import (
    data_cetak_konfirmasi,
    permintaan_perbaikan_create,
    permintaan_perbaikan_terapkan,
    permintaan_perbaikan_tolak,
)

pytestmark = pytest.mark.django_db

StatusPermintaan = PermintaanPerbaikanData.Status


def konfirmasi(pendaftaran):
    return data_cetak_konfirmasi(pendaftaran=pendaftaran, sidik=blok_sidik(blok_data_cetak(pendaftaran.peserta)))


def data_kini(peserta: Peserta) -> dict:
    return {
        "gelar_depan": peserta.gelar_depan,
        "nama": peserta.nama,
        "gelar_belakang": peserta.gelar_belakang,
        "tempat_lahir": peserta.tempat_lahir,
        "pangkat": peserta.pangkat,
        "jabatan": peserta.jabatan,
        "instansi": peserta.instansi,
    }


# The block and the confirmation ---------------------------------------------------------------------------------------


def test_the_block_is_the_name_with_titles_and_the_printed_rows(siti):
    blok = blok_data_cetak(siti.peserta)

    assert [(b.kunci, b.label) for b in blok] == [
        ("nama", "Nama"),
        ("nip", "NIP"),
        ("ttl", "Tempat, tanggal lahir"),
        ("pangkat", "Pangkat/golongan"),
        ("jabatan", "Jabatan"),
        ("instansi", "Instansi"),
    ]
    nilai = {b.kunci: b.nilai for b in blok}
    assert nilai["nama"] == "Dr. Siti Aminah, S.Sos., M.Si."
    assert nilai["nip"] == siti.peserta.nip_tampil
    assert nilai["ttl"].startswith("Sukoharjo, ")
    assert nilai["pangkat"] == "Penata Tingkat I (III/d)"


def test_a_confirmation_holds_until_the_printed_data_changes(siti, staf):
    konfirmasi(siti)
    periksa = periksa_data_untuk(siti)
    assert periksa.dikonfirmasi and periksa.keadaan == "dikonfirmasi"

    peserta_update(peserta=siti.peserta, data={"jabatan": "Sekretaris Dinas Pendidikan"}, user=staf)

    periksa = periksa_data_untuk(Pendaftaran.objects.select_related("peserta").get(pk=siti.pk))
    assert not periksa.dikonfirmasi
    assert periksa.berubah_sejak_konfirmasi and periksa.keadaan == "belum_dikonfirmasi"
    assert peringatan_cetak([periksa.pendaftaran]).belum_konfirmasi == [periksa.pendaftaran]


def test_a_change_that_is_not_printed_keeps_the_confirmation(siti, staf):
    konfirmasi(siti)

    peserta_update(peserta=siti.peserta, data={"telepon": "0811-2233-4455"}, user=staf)

    assert periksa_data_untuk(Pendaftaran.objects.select_related("peserta").get(pk=siti.pk)).dikonfirmasi


def test_confirming_data_changed_since_it_was_shown_is_refused(siti, staf):
    sidik_lama = blok_sidik(blok_data_cetak(siti.peserta))
    peserta_update(peserta=siti.peserta, data={"nama": "Siti Aminah Rahayu"}, user=staf)

    with pytest.raises(ValidationError, match="baru saja diubah"):
        data_cetak_konfirmasi(pendaftaran=siti, sidik=sidik_lama)

    assert not KonfirmasiDataCetak.objects.exists()


def test_a_proposed_enrolment_cannot_confirm_yet(siti):
    Pendaftaran.objects.filter(pk=siti.pk).update(status=Pendaftaran.Status.DIUSULKAN)

    with pytest.raises(ValidationError, match="setelah pendaftaran Anda diverifikasi"):
        konfirmasi(siti)


# Asking for a correction --------------------------------------------------------------------------------------------


def test_a_request_keeps_what_was_typed_and_undoes_the_confirmation(siti):
    konfirmasi(siti)

    permintaan = permintaan_perbaikan_create(
        pendaftaran=siti, isian={"nama": "  Siti Aminah Rahayu ", "jabatan": "", "gelar_depan": None}, catatan="KTP"
    )

    assert permintaan.isian == {"nama": "Siti Aminah Rahayu"}
    assert permintaan.status == StatusPermintaan.TERBUKA
    periksa = periksa_data_untuk(siti)
    assert periksa.keadaan == "permintaan_terbuka" and periksa.konfirmasi is None
    assert peringatan_cetak([siti]).permintaan_terbuka == [siti]


@pytest.mark.parametrize(
    "isian, pesan",
    [
        ({}, "sedikitnya satu"),
        ({"nama": "   "}, "sedikitnya satu"),
        ({"jabatan": '=HYPERLINK("http://x")'}, "seperti rumus"),
        ({"nama": "A" * 201}, "paling banyak 200 karakter"),
    ],
)
def test_a_request_that_asks_nothing_or_holds_a_formula_or_too_much_is_refused(siti, isian, pesan):
    with pytest.raises(ValidationError, match=pesan):
        permintaan_perbaikan_create(pendaftaran=siti, isian=isian)

    assert not PermintaanPerbaikanData.objects.exists()


def test_only_one_request_is_open_at_a_time(siti):
    permintaan_perbaikan_create(pendaftaran=siti, isian={"nama": "Siti Aminah Rahayu"})

    with pytest.raises(ValidationError, match="masih menunggu tindak lanjut"):
        permintaan_perbaikan_create(pendaftaran=siti, isian={"jabatan": "Sekretaris Badan"})
    with pytest.raises(ValidationError, match="masih menunggu tindak lanjut"):
        konfirmasi(siti)


def test_the_database_holds_one_open_request_and_a_reason_for_each_rejection(siti):
    permintaan = permintaan_perbaikan_create(pendaftaran=siti, isian={"nama": "Siti Aminah Rahayu"})
    with pytest.raises(IntegrityError), transaction.atomic():
        PermintaanPerbaikanData.objects.create(pendaftaran=siti, isian={"nama": "Siti"})
    with pytest.raises(IntegrityError), transaction.atomic():
        PermintaanPerbaikanData.objects.filter(pk=permintaan.pk).update(
            status=StatusPermintaan.DITOLAK, diputus_pada=timezone.now()
        )


# Staff's answer -------------------------------------------------------------------------------------------------------


def test_applying_changes_the_data_audited_marks_the_request_and_e_mails_the_participant(
    siti, smtp_server, surel_eager, django_capture_on_commit_callbacks
):
    staf = staf_user(first_name="Rina", last_name="Wulandari")
    permintaan = permintaan_perbaikan_create(
        pendaftaran=siti, isian={"nama": "Siti Aminah Rahayu", "pangkat": "IV/a Pembina"}, catatan="Sesuai SK."
    )
    peserta = siti.peserta
    data = data_kini(peserta) | {"nama": "Siti Aminah Rahayu", "pangkat": PangkatGolongan.objects.get(golongan="IV/a")}

    with django_capture_on_commit_callbacks(execute=True):
        berubah = permintaan_perbaikan_terapkan(permintaan=permintaan, data=data, user=staf, versi=peserta.updated_at)

    assert berubah == ["nama", "pangkat/golongan"]
    peserta.refresh_from_db()
    assert peserta.nama_lengkap == "Dr. Siti Aminah Rahayu, S.Sos., M.Si."
    permintaan.refresh_from_db()
    assert permintaan.status == StatusPermintaan.DITERAPKAN
    assert permintaan.diputus_oleh == staf and permintaan.diputus_pada is not None
    entri = LogEntry.objects.get_for_object(peserta).filter(action=LogEntry.Action.UPDATE).latest("pk")
    assert entri.actor == staf and entri.changes_dict["nama"] == ["Siti Aminah", "Siti Aminah Rahayu"]
    assert LogEntry.objects.get_for_object(permintaan).filter(actor=staf).exists()
    (pesan,) = smtp_server.diterima
    assert pesan["To"] == "siti.aminah@contoh.go.id"
    assert pesan["Subject"] == "Perbaikan data Anda untuk sertifikat telah diterapkan"
    teks = bagian(pesan, "text/plain")
    assert "Yth. Dr. Siti Aminah Rahayu, S.Sos., M.Si." in teks
    assert "Pembina (IV/a)" in teks and f"/portal/pelatihan/{siti.pk}/data/" in teks
    assert "Pembina (IV/a)" in bagian(pesan, "text/html")
    # Asked again: the data changed.
    assert periksa_data_untuk(Pendaftaran.objects.get(pk=siti.pk)).keadaan == "belum_dikonfirmasi"


def test_a_nip_is_changed_by_an_admin_only_and_a_refusal_stores_nothing(siti):
    permintaan = permintaan_perbaikan_create(pendaftaran=siti, isian={"nip": "salah satu digit", "nama": "Siti A."})
    peserta = siti.peserta
    nip_baru = peserta.nip[:-1] + ("9" if peserta.nip[-1] != "9" else "8")
    data = data_kini(peserta) | {"nama": "Siti Aminah Rahayu"}

    with pytest.raises(ValidationError, match="hanya dapat diubah oleh admin"):
        permintaan_perbaikan_terapkan(permintaan=permintaan, data=data, user=staf_user(), nip_baru=nip_baru)

    peserta.refresh_from_db()
    assert peserta.nama == "Siti Aminah"  # the name typed with it is not kept either
    assert PermintaanPerbaikanData.objects.get().status == StatusPermintaan.TERBUKA

    admin = admin_user()
    permintaan_perbaikan_terapkan(permintaan=permintaan, data=data, user=admin, nip_baru=nip_baru)

    peserta.refresh_from_db()
    assert peserta.nip == nip_baru and peserta.nama == "Siti Aminah Rahayu"
    entri = LogEntry.objects.get_for_object(peserta).filter(action=LogEntry.Action.UPDATE).latest("pk")
    assert entri.actor == admin and "nip" in entri.changes_dict
    assert "Permintaan perbaikan data" in entri.additional_data["alasan"]


def test_rejecting_needs_a_reason_which_the_participant_reads_by_e_mail(
    siti, staf, smtp_server, surel_eager, django_capture_on_commit_callbacks
):
    permintaan = permintaan_perbaikan_create(pendaftaran=siti, isian={"gelar_depan": "Prof."})

    for alasan, pesan in (("  ", "wajib diisi"), ("=1+1", "seperti rumus")):
        with pytest.raises(ValidationError, match=pesan):
            permintaan_perbaikan_tolak(permintaan=permintaan, alasan=alasan, user=staf)
    assert PermintaanPerbaikanData.objects.get().status == StatusPermintaan.TERBUKA

    with django_capture_on_commit_callbacks(execute=True):
        permintaan_perbaikan_tolak(
            permintaan=permintaan, alasan="Gelar profesor belum tercatat di SK jabatan fungsional.", user=staf
        )

    permintaan.refresh_from_db()
    assert permintaan.status == StatusPermintaan.DITOLAK and permintaan.diputus_oleh == staf
    (pesan,) = smtp_server.diterima
    assert pesan["Subject"] == "Permintaan perbaikan data Anda untuk sertifikat ditolak"
    assert "Gelar profesor belum tercatat di SK jabatan fungsional." in bagian(pesan, "text/plain")
    assert "Gelar profesor belum tercatat di SK jabatan fungsional." in bagian(pesan, "text/html")
    # Rejected: the participant may confirm, or ask again.
    konfirmasi(siti)


def test_a_request_is_answered_once(siti, staf):
    permintaan = permintaan_perbaikan_create(pendaftaran=siti, isian={"gelar_depan": "Prof."})
    permintaan_perbaikan_tolak(permintaan=permintaan, alasan="Tidak sesuai SK.", user=staf)

    with pytest.raises(ValidationError, match="sudah ditindaklanjuti"):
        permintaan_perbaikan_terapkan(permintaan=permintaan, data={}, user=staf)


def test_no_e_mail_without_an_address(siti, staf):
    Peserta.objects.filter(pk=siti.peserta_id).update(email="")
    permintaan = permintaan_perbaikan_create(pendaftaran=siti, isian={"gelar_depan": "Prof."})

    permintaan_perbaikan_tolak(permintaan=permintaan, alasan="Tidak sesuai SK.", user=staf)

    assert not Surel.objects.exists()
