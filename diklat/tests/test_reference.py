import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from diklat.models import KabupatenKota, PangkatGolongan, Provinsi
from diklat.roles import ADMIN, PESERTA, STAF
from diklat.validators import validate_pola_nomor

pytestmark = pytest.mark.django_db


def test_migrations_load_every_region_and_rank():
    assert Provinsi.objects.count() == 38
    assert KabupatenKota.objects.filter(jenis="kabupaten").count() == 416
    assert KabupatenKota.objects.filter(jenis="kota").count() == 98
    assert KabupatenKota.objects.get(kode="32.73").nama == "Kota Bandung"
    assert Provinsi.objects.get(kode="32").kabupaten_kota.count() == 27
    ranks = list(PangkatGolongan.objects.values_list("golongan", "pangkat"))
    assert len(ranks) == 17
    assert ranks[0] == ("I/a", "Juru Muda") and ranks[-1] == ("IV/e", "Pembina Utama")
    assert ("IV/b", "Pembina Tingkat I") in ranks


def test_migrations_create_the_three_roles_with_their_permissions():
    assert set(Group.objects.values_list("name", flat=True)) >= {ADMIN, STAF, PESERTA}
    staf = set(Group.objects.get(name=STAF).permissions.values_list("codename", flat=True))
    admin = set(Group.objects.get(name=ADMIN).permissions.values_list("codename", flat=True))
    assert {"add_angkatan", "change_angkatan", "add_venue", "change_program", "add_peserta"} <= staf
    assert not {"change_user", "add_user", "reopen_angkatan", "unlock_nilai_angkatan"} & staf
    assert {"change_user", "change_group", "reopen_angkatan", "unlock_nilai_angkatan"} <= admin
    assert not Group.objects.get(name=PESERTA).permissions.exists()


@pytest.mark.parametrize(
    "pola",
    ["{seq:04d}/STTP/{program}-{angkatan}/BPSDM/{year}", "STTP-{program}-{year}-{seq}", "{program}/{year}/{seq:d}"],
)
def test_certificate_number_patterns_in_use_are_accepted(pola):
    validate_pola_nomor(pola)


@pytest.mark.parametrize(
    ("pola", "fragment"),
    [
        ("STTP/{tahun}", "“{tahun}” tidak dikenal"),
        ("{seq.foo}/{year}", "“{seq.foo}” tidak dikenal"),
        ("{seq[0]}", "tidak dikenal"),
        ("{seq:>999999999}", "tidak didukung"),
        ("{seq!r}", "tidak didukung"),
        ("{program:>50}-{seq}", "tidak didukung"),
        ("{seq:04d", "tidak berpasangan"),
        ("STTP/{program}", "nomor urut"),
        # The counter runs per program and year: both must be in the number, or numbers repeat.
        ("STTP-{year}-{seq}", "{program}"),
        ("{seq:6d}/{program}", "{year}"),
        ("{seq:d}", "{program} dan {year}"),
    ],
)
def test_dangerous_or_useless_patterns_are_refused(pola, fragment):
    with pytest.raises(ValidationError) as caught:
        validate_pola_nomor(pola)
    assert fragment in caught.value.messages[0]
