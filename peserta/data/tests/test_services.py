"""Correcting a person's data through the audited services: the ordinary edit and the guarded NIP change."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from diklat.models import PangkatGolongan
from diklat.tests.factories import UserFactory, admin_user, peserta_user, staf_user
from peserta.data.services import pastikan_nip_belum_dipakai, peserta_nip_ubah, peserta_update, peserta_upsert
from peserta.models import Peserta
from peserta.tests.factories import PesertaFactory

pytestmark = pytest.mark.django_db

NIP = "196608011988031001"
# The same person's NIP with the birth day typed wrong (2 instead of 1 August 1966).
NIP_LAHIR_LAIN = "196608021988031001"
# Another sequence number: same birth date.
NIP_URUT_LAIN = "196608011988031002"


def entri_update(peserta) -> list[LogEntry]:
    return list(LogEntry.objects.get_for_object(peserta).filter(action=LogEntry.Action.UPDATE).order_by("pk"))


# peserta_update ------------------------------------------------------------------------------------------------------


def test_a_misspelt_name_is_corrected_and_the_audit_names_who_and_old_to_new():
    staf = staf_user(first_name="Sri", last_name="Wahyuni")
    peserta = PesertaFactory(nip=NIP, nama="Budi Santosa", jabatan="Sekretaris Dinas")

    peserta, berubah = peserta_update(
        peserta=peserta, data={"nama": "Budi Santoso", "jabatan": "Sekretaris Dinas"}, user=staf
    )

    assert berubah == ["nama"]
    assert Peserta.objects.get(pk=peserta.pk).nama == "Budi Santoso"
    [entri] = entri_update(peserta)
    assert entri.actor == staf
    assert entri.changes_dict == {"nama": ["Budi Santosa", "Budi Santoso"]}


def test_only_what_changed_is_saved_and_nothing_when_nothing_did():
    peserta = PesertaFactory(jabatan="Camat")
    sebelum = Peserta.objects.get(pk=peserta.pk).updated_at

    _peserta, berubah = peserta_update(peserta=peserta, data={"jabatan": "Camat"}, user=staf_user())

    assert berubah == []
    assert entri_update(peserta) == []
    assert Peserta.objects.get(pk=peserta.pk).updated_at == sebelum


def test_incomplete_printed_data_is_completed():
    peserta = PesertaFactory(tempat_lahir="", pangkat=None, jabatan="")
    assert peserta.data_cetak_kurang == ["tempat lahir", "pangkat/golongan", "jabatan"]

    peserta, berubah = peserta_update(
        peserta=peserta,
        data={
            "tempat_lahir": "Sukoharjo",
            "pangkat": PangkatGolongan.objects.get(golongan="IV/a"),
            "jabatan": "Camat",
        },
        user=staf_user(),
    )

    assert set(berubah) == {"tempat lahir", "pangkat/golongan", "jabatan"}
    assert not Peserta.objects.get(pk=peserta.pk).belum_lengkap


def test_bad_data_is_refused_by_field_and_nothing_is_stored():
    peserta = PesertaFactory(nama="Budi Santoso", jabatan="Camat")

    with pytest.raises(ValidationError) as error:
        peserta_update(peserta=peserta, data={"nama": "=HYPERLINK(1)", "jabatan": "Sekretaris"}, user=staf_user())

    assert "nama" in error.value.message_dict
    tersimpan = Peserta.objects.get(pk=peserta.pk)
    assert (tersimpan.nama, tersimpan.jabatan) == ("Budi Santoso", "Camat")
    assert entri_update(peserta) == []


def test_a_save_over_a_change_made_meanwhile_is_refused():
    peserta = PesertaFactory(nama="Budi Santosa", jabatan="Camat")
    dibuka = Peserta.objects.get(pk=peserta.pk).updated_at
    # Someone else corrects the position while the page is open.
    peserta_update(peserta=peserta, data={"jabatan": "Sekretaris Camat"}, user=staf_user())

    with pytest.raises(ValidationError) as error:
        peserta_update(
            peserta=peserta, data={"nama": "Budi Santoso", "jabatan": "Camat"}, user=staf_user(), versi=dibuka
        )

    assert error.value.code == "peserta_berubah"
    tersimpan = Peserta.objects.get(pk=peserta.pk)
    assert (tersimpan.nama, tersimpan.jabatan) == ("Budi Santosa", "Sekretaris Camat")


def test_the_nip_and_the_birth_date_are_not_corrected_here():
    peserta = PesertaFactory()
    for data in ({"nip": NIP}, {"tanggal_lahir": datetime.date(1966, 8, 1)}, {"user": None}):
        with pytest.raises(TypeError):
            peserta_update(peserta=peserta, data=data, user=staf_user())


# peserta_nip_ubah ----------------------------------------------------------------------------------------------------


def test_a_nip_is_changed_with_its_reason_in_the_audit_trail():
    admin = admin_user(first_name="Admin", last_name="BPSDM")
    peserta = PesertaFactory(nip=NIP)

    hasil = peserta_nip_ubah(
        peserta=peserta, nip_baru="19660801 198803 1 002", alasan="Salah ketik saat impor", user=admin
    )

    assert hasil.nip_lama == NIP and not hasil.akun_diubah and hasil.tanggal_lahir_lama is None
    tersimpan = Peserta.objects.get(pk=peserta.pk)
    assert tersimpan.nip == NIP_URUT_LAIN
    [entri] = entri_update(peserta)
    assert entri.actor == admin
    assert entri.changes_dict == {"nip": [NIP, NIP_URUT_LAIN]}
    assert entri.additional_data == {"alasan": "Salah ketik saat impor"}


def test_a_nip_another_person_holds_is_refused_naming_them():
    lain = PesertaFactory(nip=NIP_URUT_LAIN, nama="Ani Lestari", gelar_belakang="")
    peserta = PesertaFactory(nip=NIP)

    with pytest.raises(ValidationError) as error:
        peserta_nip_ubah(peserta=peserta, nip_baru=NIP_URUT_LAIN, alasan="SK CPNS", user=admin_user())

    assert error.value.code == "nip_dipakai"
    assert error.value.params["pk"] == lain.pk
    assert "Ani Lestari" in error.value.messages[0] and "19660801 198803 1 002" in error.value.messages[0]
    assert Peserta.objects.get(pk=peserta.pk).nip == NIP
    assert entri_update(peserta) == []


def test_pastikan_nip_belum_dipakai_lets_a_person_keep_their_own():
    peserta = PesertaFactory(nip=NIP)
    pastikan_nip_belum_dipakai(NIP, kecuali=peserta)
    with pytest.raises(ValidationError):
        pastikan_nip_belum_dipakai(NIP)


def test_a_nip_with_another_birth_date_is_refused_until_the_birth_date_is_confirmed_too():
    peserta = PesertaFactory(nip=NIP)

    with pytest.raises(ValidationError) as error:
        peserta_nip_ubah(peserta=peserta, nip_baru=NIP_LAHIR_LAIN, alasan="SK CPNS", user=admin_user())
    assert error.value.code == "tanggal_lahir_berbeda"
    assert "2 Agustus 1966" in error.value.messages[0] and "1 Agustus 1966" in error.value.messages[0]
    assert Peserta.objects.get(pk=peserta.pk).nip == NIP

    hasil = peserta_nip_ubah(
        peserta=peserta, nip_baru=NIP_LAHIR_LAIN, alasan="SK CPNS", user=admin_user(), tanggal_lahir_ikut=True
    )

    tersimpan = Peserta.objects.get(pk=peserta.pk)
    assert (tersimpan.nip, tersimpan.tanggal_lahir) == (NIP_LAHIR_LAIN, datetime.date(1966, 8, 2))
    assert hasil.tanggal_lahir_lama == datetime.date(1966, 8, 1)
    [entri] = entri_update(peserta)
    assert entri.changes_dict["tanggal_lahir"] == ["1966-08-01", "1966-08-02"]


def test_the_gender_follows_the_new_nip():
    peserta = PesertaFactory(nip=NIP)
    peserta_nip_ubah(
        peserta=peserta, nip_baru="196608011988032001", alasan="Digit jenis kelamin salah", user=admin_user()
    )
    assert Peserta.objects.get(pk=peserta.pk).jenis_kelamin == "P"


def test_the_participant_account_logs_in_with_the_new_nip(client):
    akun = peserta_user(username=NIP)
    akun.set_password("sandi-peserta-123")
    akun.save()
    peserta = PesertaFactory(nip=NIP, user=akun)

    hasil = peserta_nip_ubah(peserta=peserta, nip_baru=NIP_URUT_LAIN, alasan="SK CPNS", user=admin_user())

    assert hasil.akun_diubah
    akun.refresh_from_db()
    assert akun.username == NIP_URUT_LAIN
    assert client.login(username=NIP_URUT_LAIN, password="sandi-peserta-123")


def test_an_account_name_taken_by_someone_else_refuses_the_change():
    peserta = PesertaFactory(nip=NIP, user=peserta_user(username=NIP))
    UserFactory(username=NIP_URUT_LAIN)

    with pytest.raises(ValidationError) as error:
        peserta_nip_ubah(peserta=peserta, nip_baru=NIP_URUT_LAIN, alasan="SK CPNS", user=admin_user())

    assert error.value.code == "akun_bentrok"
    assert Peserta.objects.get(pk=peserta.pk).nip == NIP
    assert Peserta.objects.get(pk=peserta.pk).user.username == NIP


@pytest.mark.parametrize(
    ("nip_baru", "alasan", "kunci"),
    [
        (NIP_URUT_LAIN, "  ", "alasan"),
        (NIP, "SK CPNS", "nip_baru"),
        ("1.96608E+17", "SK CPNS", "nip"),
        ("19660801", "SK CPNS", "nip"),
    ],
)
def test_bad_requests_change_nothing(nip_baru, alasan, kunci):
    peserta = PesertaFactory(nip=NIP)
    with pytest.raises(ValidationError) as error:
        peserta_nip_ubah(peserta=peserta, nip_baru=nip_baru, alasan=alasan, user=admin_user())
    assert kunci in error.value.message_dict
    assert Peserta.objects.get(pk=peserta.pk).nip == NIP


def test_the_account_follows_a_new_address_however_it_comes(staf):
    peserta = PesertaFactory(email="lama@contoh.go.id")
    peserta.user = peserta_user(username=peserta.nip, email="lama@contoh.go.id")
    peserta.save()

    # From a regional list (import, enrolment) ...
    peserta_upsert(nip=peserta.nip, data={"email": "dari.daftar@contoh.go.id"}, user=staf)
    peserta.user.refresh_from_db()
    assert peserta.user.email == "dari.daftar@contoh.go.id"
    # ... or corrected by staff: the address one logs in and resets a password with is the person's.
    peserta.refresh_from_db()
    peserta_update(peserta=peserta, data={"email": "dikoreksi@contoh.go.id"}, user=staf)
    peserta.user.refresh_from_db()
    assert peserta.user.email == "dikoreksi@contoh.go.id"
