import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from angkatan.tests.factories import AngkatanFactory
from diklat.models import KabupatenKota, PangkatGolongan, Provinsi
from peserta.models import KategoriJabatan, Pendaftaran, Peserta

pytestmark = pytest.mark.django_db


def peserta(**overrides) -> Peserta:
    fields = {
        "nip": "19660801 198803 1 001",
        "nama": "Budi Santoso",
        "gelar_depan": "Dr.",
        "gelar_belakang": "S.Sos., M.Si.",
        "tempat_lahir": "Purwokerto",
        "tanggal_lahir": datetime.date(1966, 8, 1),
        "pangkat": PangkatGolongan.objects.get(golongan="IV/b"),
        "jabatan": "Sekretaris Dinas Kesehatan",
        "kategori_jabatan": KategoriJabatan.SEKRETARIS_DINAS,
        "instansi": "Dinas Kesehatan Kabupaten Banyumas",
        "provinsi": Provinsi.objects.get(kode="33"),
        "kabupaten_kota": KabupatenKota.objects.get(kode="33.02"),
        "telepon": "0812-3456-7890",
    }
    fields.update(overrides)
    return Peserta(**fields)


def test_clean_normalises_nip_phone_and_takes_gender_from_nip():
    person = peserta()
    person.full_clean()
    person.save()
    person.refresh_from_db()
    assert person.nip == "196608011988031001"
    assert person.nip_tampil == "19660801 198803 1 001"
    assert person.telepon == "+6281234567890"
    assert person.jenis_kelamin == "L"
    assert person.nama_lengkap == "Dr. Budi Santoso, S.Sos., M.Si."
    assert person.pemda.nama == "Kabupaten Banyumas"


def test_gender_digit_two_is_a_woman():
    person = peserta(
        nip="197203152000032002", tanggal_lahir=datetime.date(1972, 3, 15), gelar_depan="", gelar_belakang=""
    )
    person.full_clean()
    assert person.jenis_kelamin == "P"
    assert person.nama_lengkap == "Budi Santoso"


@pytest.mark.parametrize(
    ("overrides", "field", "fragment"),
    [
        ({"nip": "1.96608E+17"}, "nip", "notasi ilmiah"),
        ({"nip": "1,96608E+17"}, "nip", "notasi ilmiah"),
        ({"nip": "19660801198803100"}, "nip", "18 digit"),
        ({"nip": "196608011988033001"}, "nip", "1 (laki-laki) atau 2 (perempuan)"),
        ({"nip": "196602301988031001"}, "nip", "tanggal lahir"),
        ({"tanggal_lahir": datetime.date(1966, 8, 2)}, "tanggal_lahir", "tidak sesuai dengan NIP"),
        ({"telepon": "12345"}, "telepon", "Nomor telepon “12345” tidak valid"),
        ({"kabupaten_kota_id": "32.73"}, "kabupaten_kota", "tidak berada di provinsi"),
    ],
)
def test_bad_person_data_is_refused_with_an_indonesian_message(overrides, field, fragment):
    person = peserta(**overrides)
    with pytest.raises(ValidationError) as caught:
        person.full_clean()
    messages = caught.value.message_dict
    assert field in messages, messages
    assert fragment.lower() in " ".join(messages[field]).lower()


def test_nip_is_unique():
    first = peserta()
    first.full_clean()
    first.save()
    with pytest.raises(ValidationError) as caught:
        peserta(nama="Orang Lain").full_clean()
    assert "nip" in caught.value.message_dict


def test_database_refuses_a_malformed_nip_even_without_clean():
    with pytest.raises(IntegrityError), transaction.atomic():
        peserta(nip="1.96608E+17").save()


def test_enrolment_is_unique_per_person_and_angkatan():
    person = peserta(nip="196608011988031001", telepon="+6281234567890")
    person.save()
    angkatan = AngkatanFactory()
    Pendaftaran.objects.create(peserta=person, angkatan=angkatan)

    duplicate = Pendaftaran(peserta=person, angkatan=angkatan)
    with pytest.raises(ValidationError) as caught:
        duplicate.full_clean()
    assert "sudah terdaftar di angkatan ini" in str(caught.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    assert Pendaftaran.objects.get().status == Pendaftaran.Status.DIUSULKAN


def test_admin_links_only_participant_accounts_to_a_person():
    from diklat.tests.factories import admin_user, peserta_user
    from peserta.admin import PesertaAdminForm

    person = peserta(nip="196608011988031001", telepon="+6281234567890")
    person.save()
    data = {
        "nip": person.nip,
        "nama": person.nama,
        "tempat_lahir": person.tempat_lahir,
        "tanggal_lahir": "1966-08-01",
        "pangkat": person.pangkat_id,
        "jabatan": person.jabatan,
        "kategori_jabatan": person.kategori_jabatan,
        "instansi": person.instansi,
        "provinsi": person.provinsi_id,
        "kabupaten_kota": person.kabupaten_kota_id,
    }
    superuser = admin_user(is_superuser=True)
    form = PesertaAdminForm(data | {"user": superuser.pk}, instance=person)
    assert "Hanya akun berperan Peserta" in str(form.errors["user"])
    own = peserta_user()
    assert PesertaAdminForm(data | {"user": own.pk}, instance=person).is_valid()


@pytest.mark.parametrize("field", ["nama", "tempat_lahir", "jabatan", "instansi", "gelar_belakang"])
@pytest.mark.parametrize(
    "value",
    [
        '=HYPERLINK("http://x","klik")',
        "=1+1",
        "@SUM(A1)",
        "+62 rumus",
        "-2+3",
        '\x01=HYPERLINK("http://x","klik")',
        " \x1f@SUM(A1)",
    ],
)
def test_text_that_a_spreadsheet_would_run_is_refused(field, value):
    person = peserta(**{field: value})
    with pytest.raises(ValidationError) as caught:
        person.full_clean()
    assert "seperti rumus spreadsheet" in " ".join(caught.value.message_dict[field])


def test_a_person_without_birth_place_rank_or_position_is_stored_and_marked_incomplete():
    # Regions send NIP, name, agency and region; what only the certificate prints may come later.
    person = peserta(tempat_lahir="", pangkat=None, jabatan="")
    person.full_clean()
    person.save()
    assert person.belum_lengkap
    assert person.data_cetak_kurang == ["tempat lahir", "pangkat/golongan", "jabatan"]
    assert list(Peserta.objects.belum_lengkap()) == [person]

    person.tempat_lahir = "Purwokerto"
    person.pangkat = PangkatGolongan.objects.get(golongan="IV/b")
    person.save()
    assert person.data_cetak_kurang == ["jabatan"]
    person.jabatan = "Sekretaris Dinas Kesehatan"
    person.save()
    assert not person.belum_lengkap
    assert not Peserta.objects.belum_lengkap().exists()


def test_the_birth_place_and_date_keep_the_date_whole_on_one_line():
    # As the certificate prints it: a line may end after the comma, not inside the date.
    assert peserta().tempat_tanggal_lahir == "Purwokerto, 1\u00a0Agustus\u00a01966"


def test_an_enrolments_status_is_named_in_the_language_of_the_page():
    from django.utils import translation

    assert Pendaftaran(status="tidak_lulus").get_status_display() == "Tidak lulus"
    with translation.override("en"):
        assert Pendaftaran(status="tidak_lulus").get_status_display() == "Did not pass"
    assert [Pendaftaran(status=s).get_status_display() for s in Pendaftaran.Status.values] == [
        str(label) for label in Pendaftaran.Status.labels
    ]
    assert Pendaftaran(status="hilang").get_status_display() == "hilang"  # as Django's own: the value itself
