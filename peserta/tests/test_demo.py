import re
from datetime import date
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from angkatan.models import Angkatan, Venue
from diklat.models import DEFAULT_PREDIKAT, MataPelatihan, Predikat, Program, User
from diklat.nip import parse_nip
from diklat.roles import ADMIN, PESERTA, STAF
from peserta.demo import PESERTA_DEMO_NIP, USIA_TMT_MAX, USIA_TMT_MIN, buat_nip, peserta_demo
from peserta.models import KategoriJabatan, Pendaftaran, Peserta
from peserta.tests.factories import PendaftaranFactory, PesertaFactory, nip_ke

pytestmark = pytest.mark.django_db

SEKRETARIS_PD = {
    KategoriJabatan.SEKRETARIS_DINAS,
    KategoriJabatan.SEKRETARIS_BADAN,
    KategoriJabatan.SEKRETARIS_INSPEKTORAT,
}
KECAMATAN = {KategoriJabatan.CAMAT, KategoriJabatan.SEKRETARIS_KECAMATAN, KategoriJabatan.KEPALA_SEKSI}
GOLONGAN_PATUT = {
    KategoriJabatan.SEKRETARIS_DINAS: {"III/d", "IV/a", "IV/b"},
    KategoriJabatan.SEKRETARIS_BADAN: {"III/d", "IV/a", "IV/b"},
    KategoriJabatan.SEKRETARIS_INSPEKTORAT: {"III/d", "IV/a", "IV/b"},
    KategoriJabatan.CAMAT: {"III/d", "IV/a", "IV/b"},
    KategoriJabatan.SEKRETARIS_KECAMATAN: {"III/b", "III/c", "III/d"},
    KategoriJabatan.KEPALA_SEKSI: {"III/a", "III/b", "III/c", "III/d"},
}


@pytest.fixture
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def muat_demo() -> str:
    out = StringIO()
    call_command("muat_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(fast_passwords):
    return muat_demo()


def peserta_angkatan(*nomor: int):
    return Peserta.objects.filter(
        pendaftaran__angkatan__nomor__in=nomor, pendaftaran__angkatan__program__kode="PTSPD"
    ).distinct()


def test_program_has_a_curriculum_and_the_default_predikat(demo):
    program = Program.objects.get(kode="PTSPD")

    assert program.nama == "Diklat Penguatan Tugas-Tugas Sekretaris Perangkat Daerah"
    nama_mp = list(program.mata_pelatihan.values_list("nama", flat=True))
    assert {"Tata Naskah Dinas", "Kearsipan", "Pengelolaan Barang Milik Daerah"} <= set(nama_mp)
    assert 30 <= program.total_jp <= 40
    assert [(p.nama, p.nilai_minimal) for p in program.predikat.all()] == DEFAULT_PREDIKAT


def test_three_angkatan_at_their_venues_with_their_participants(demo):
    angkatan = Angkatan.objects.filter(program__kode="PTSPD").order_by("nomor").select_related("venue")

    assert [a.nomor_romawi for a in angkatan] == ["III", "IV", "V"]
    assert [a.venue.nama for a in angkatan] == [
        "Hotel Grand Kemang",
        "Hotel Harris Suites Puri Mansion",
        "Hotel Harris Suites Puri Mansion",
    ]
    assert [a.venue.kota for a in angkatan] == ["Jakarta Selatan", "Jakarta", "Jakarta"]
    assert [a.pendaftaran.count() for a in angkatan] == [26, 30, 30]
    for a in angkatan:
        assert a.status == Angkatan.Status.OPEN
        assert a.tahun == 2022
        assert a.kuota >= a.pendaftaran.count()
        assert a.penandatangan_nama and parse_nip(a.penandatangan_nip)
    assert angkatan[0].tanggal_selesai < date(2022, 6, 1)
    assert {a.penandatangan_nama for a in angkatan} >= {"Dr. Sugeng Hariyono, M.Si."}
    assert set(Pendaftaran.objects.values_list("status", flat=True)) == {Pendaftaran.Status.DIUSULKAN}


def test_angkatan_iv_opens_on_monday_20_june_2022(demo, client):
    angkatan = Angkatan.objects.get(program__kode="PTSPD", tahun=2022, nomor=4)
    assert client.login(username="staf", password="demo-staf")

    response = client.get(reverse("angkatan:detail", args=[angkatan.pk]))

    assert angkatan.tanggal_mulai == date(2022, 6, 20)
    assert response.status_code == 200
    assert "Senin, 20 Juni 2022" in response.content.decode()
    assert "Hotel Harris Suites Puri Mansion" in response.content.decode()


def test_angkatan_iii_are_camat_sekcam_and_kepala_seksi_of_kabupaten(demo):
    orang = list(peserta_angkatan(3).select_related("kabupaten_kota"))

    assert {p.kategori_jabatan for p in orang} == KECAMATAN
    assert sum(p.kategori_jabatan != KategoriJabatan.KEPALA_SEKSI for p in orang) > 20
    for p in orang:
        assert p.kabupaten_kota is not None, p
        assert p.kabupaten_kota.nama in p.instansi
    for camat in (p for p in orang if p.kategori_jabatan == KategoriJabatan.CAMAT):
        kecamatan = camat.jabatan.removeprefix("Camat ")
        assert camat.instansi == f"Kecamatan {kecamatan}, {camat.kabupaten_kota.nama}"


def test_angkatan_iv_and_v_are_secretaries_from_15_provinces(demo):
    orang = list(peserta_angkatan(4, 5))

    assert {p.kategori_jabatan for p in orang} == SEKRETARIS_PD
    assert len({p.provinsi_id for p in orang}) == 15
    assert any(p.kabupaten_kota_id is None for p in orang), "some come from a provincial government"
    assert len({p.instansi for p in orang}) == len(orang)


def test_every_nip_is_valid_and_agrees_with_the_person(demo):
    for p in Peserta.objects.select_related("pangkat", "provinsi", "kabupaten_kota"):
        nip = parse_nip(p.nip)
        assert nip.tanggal_lahir == p.tanggal_lahir, p
        assert nip.jenis_kelamin == p.jenis_kelamin, p
        assert 1965 <= p.tanggal_lahir.year <= 1990, p
        assert USIA_TMT_MIN <= nip.tmt_tahun - p.tanggal_lahir.year <= USIA_TMT_MAX, p
        assert p.pangkat.golongan in GOLONGAN_PATUT[p.kategori_jabatan], (p, p.pangkat)
        assert p.kabupaten_kota is None or p.kabupaten_kota.provinsi_id == p.provinsi_id
        assert p.telepon.startswith("+628") and p.email.endswith("@example.com")
        p.full_clean()
    assert Peserta.objects.filter(jenis_kelamin="P").exists()


def test_demo_logins_work_and_have_their_roles(demo, client):
    for username, password, role in [
        ("admin", "demo-admin", ADMIN),
        ("staf", "demo-staf", STAF),
        (PESERTA_DEMO_NIP, "demo-peserta", PESERTA),
    ]:
        assert client.login(username=username, password=password), username
        user = User.objects.get(username=username)
        assert list(user.groups.values_list("name", flat=True)) == [role]
        client.logout()

    admin = User.objects.get(username="admin")
    assert admin.is_staff and admin.is_superuser and admin.get_full_name() == "Administrator BPSDM"
    assert not User.objects.get(username="staf").is_staff


def test_participant_login_is_the_person_with_that_nip_in_angkatan_iv(demo):
    peserta = Peserta.objects.get(user__username=PESERTA_DEMO_NIP)

    assert peserta.nip == PESERTA_DEMO_NIP
    assert peserta.tanggal_lahir == date(1968, 5, 12)
    assert peserta.jenis_kelamin == "L"
    assert list(peserta.pendaftaran.values_list("angkatan__nomor", flat=True)) == [4]


def _snapshot() -> dict:
    models = [Program, MataPelatihan, Predikat, Venue, Angkatan, Peserta, Pendaftaran, User, Group]
    data = {m.__name__: list(m.objects.order_by("pk").values()) for m in models}
    data["user_groups"] = list(User.groups.through.objects.order_by("pk").values())
    return data


def test_second_run_changes_nothing(demo):
    before = _snapshot()

    output = muat_demo()

    assert _snapshot() == before
    assert re.search(r"Peserta +0 / 86\n", output)


def test_second_run_keeps_a_changed_password(demo, client):
    admin = User.objects.get(username="admin")
    admin.set_password("sandi-baru-yang-panjang")
    admin.save()

    muat_demo()

    assert client.login(username="admin", password="sandi-baru-yang-panjang")


def test_first_run_reports_what_it_created(demo):
    assert re.search(r"Peserta +86 / 0\n", demo)
    assert "Angkatan III (26 peserta), Angkatan IV (30 peserta), Angkatan V (30 peserta)" in demo


def test_the_same_seed_gives_the_same_people():
    assert peserta_demo() == peserta_demo()
    assert peserta_demo(seed=1) != peserta_demo()


def test_buat_nip_builds_what_parse_nip_reads():
    assert buat_nip(date(1968, 5, 12), 1994, 3, "L", 4) == "196805121994031004"
    assert parse_nip(buat_nip(date(1975, 2, 28), 2001, 12, "P", 17)).jenis_kelamin == "P"


def test_factory_nips_are_valid_unique_and_start_at_001():
    assert nip_ke(0).endswith("1001") and nip_ke(998).endswith("999")
    assert nip_ke(999)[:8] != nip_ke(0)[:8] and nip_ke(999).endswith("001")
    assert len({nip_ke(n) for n in range(3000)}) == 3000


def test_factories_make_valid_rows():
    pendaftaran = PendaftaranFactory()
    peserta_provinsi = PesertaFactory(kabupaten_kota=None)

    for peserta in (pendaftaran.peserta, peserta_provinsi):
        peserta.full_clean()
    pendaftaran.full_clean()
    assert peserta_provinsi.instansi == "Dinas Kesehatan Provinsi Jawa Tengah"
