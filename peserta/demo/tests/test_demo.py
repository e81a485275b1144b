import re
from datetime import date, timedelta
from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from angkatan.hari_pelatihan import hari_latihan, hari_pelatihan_default, libur_pada
from angkatan.models import Angkatan, HariPelatihan, Venue
from diklat.models import DEFAULT_PREDIKAT, MataPelatihan, Predikat, Program, User
from diklat.nip import parse_nip
from diklat.roles import ADMIN, PESERTA, STAF
from peserta.demo.isi import (
    PESERTA_DEMO_NIP,
    USIA_TMT_MAX,
    USIA_TMT_MIN,
    buat_nip,
    jadwal_angkatan_berjalan,
    peserta_demo,
)
from peserta.models import KategoriJabatan, Nilai, Pendaftaran, Peserta, Presensi, RiwayatStatus
from peserta.presensi.services import presensi_set
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


def muat_demo(hari_ini: date | None = None) -> str:
    out = StringIO()
    call_command("muat_demo", stdout=out, **({"hari_ini": hari_ini} if hari_ini else {}))
    return out.getvalue()


# A Wednesday: the running batch is Monday 30 November to Friday 4 December 2026.
RABU = date(2026, 12, 2)


@pytest.fixture
def demo(fast_passwords):
    return muat_demo()


def peserta_angkatan(*nomor: int):
    return Peserta.objects.filter(
        pendaftaran__angkatan__nomor__in=nomor, pendaftaran__angkatan__program__kode="PTSPD"
    ).distinct()


def angkatan_berjalan() -> Angkatan:
    return Angkatan.objects.get(program__kode="PTSPD", nomor=6)


def test_program_and_the_2022_angkatan_as_the_seeds_tell(demo, client):
    program = Program.objects.get(kode="PTSPD")
    angkatan = list(
        Angkatan.objects.filter(program__kode="PTSPD", tahun=2022).order_by("nomor").select_related("venue")
    )

    assert program.nama == "Diklat Penguatan Tugas-Tugas Sekretaris Perangkat Daerah"
    nama_mp = list(program.mata_pelatihan.values_list("nama", flat=True))
    assert {"Tata Naskah Dinas", "Kearsipan", "Pengelolaan Barang Milik Daerah"} <= set(nama_mp)
    assert 30 <= program.total_jp <= 40
    assert [(p.nama, p.nilai_minimal) for p in program.predikat.all()] == DEFAULT_PREDIKAT
    assert [a.nomor_romawi for a in angkatan] == ["III", "IV", "V"]
    assert [a.venue.nama for a in angkatan] == [
        "Hotel Grand Kemang",
        "Hotel Harris Suites Puri Mansion",
        "Hotel Harris Suites Puri Mansion",
    ]
    assert [a.venue.kota for a in angkatan] == ["Jakarta Selatan", "Jakarta", "Jakarta"]
    assert [a.pendaftaran.count() for a in angkatan] == [26, 30, 30]
    assert angkatan[0].tanggal_selesai < date(2022, 6, 1)
    assert [a.tanggal_mulai for a in angkatan[1:]] == [date(2022, 6, 20)] * 2
    for a in angkatan:
        assert a.kuota >= a.pendaftaran.count()
        # Everything the certificate prints of the batch.
        assert a.penandatangan_nama and parse_nip(a.penandatangan_nip) and a.penandatangan_jabatan
        assert a.kota_terbit == "Jakarta"
        assert a.tanggal_sertifikat == a.tanggal_selesai
    assert {a.penandatangan_nama for a in angkatan} >= {"Dr. Sugeng Hariyono, M.Si."}
    # Signed on behalf of the head where his secretary signs.
    assert angkatan[2].penandatangan_atas_nama == "Kepala BPSDM Kementerian Dalam Negeri"

    assert client.login(username="staf", password="demo-staf")
    halaman = client.get(reverse("angkatan:detail", args=[angkatan[1].pk])).content.decode()
    assert "Senin, 20 Juni 2022" in halaman
    assert "Hotel Harris Suites Puri Mansion" in halaman


def test_the_2022_angkatan_are_finished_with_everyone_present_scored_and_graduated(demo):
    for a in Angkatan.objects.filter(program__kode="PTSPD", tahun=2022):
        orang = a.pendaftaran.count()
        hari = list(a.hari_pelatihan.order_by("tanggal").values_list("tanggal", flat=True))
        assert a.status == Angkatan.Status.FINISHED, a
        assert hari == [a.tanggal_mulai + timedelta(days=i) for i in range(5)], a
        assert Presensi.objects.filter(hari__angkatan=a, status=Presensi.Status.HADIR).count() == orang * 5
        assert Nilai.objects.filter(pendaftaran__angkatan=a).count() == orang * a.program.komponen_nilai.count()
        # Final on the batch's last afternoon, as it happened, not on the day the demo was loaded.
        assert timezone.localtime(a.nilai_dikunci_pada).date() == a.tanggal_selesai
        riwayat = RiwayatStatus.objects.filter(pendaftaran__angkatan=a, ke=Pendaftaran.Status.LULUS)
        assert {timezone.localtime(r.pada).date() for r in riwayat} == {a.tanggal_selesai}
    lulus = Pendaftaran.objects.filter(angkatan__tahun=2022)
    assert set(lulus.values_list("status", flat=True)) == {Pendaftaran.Status.LULUS}
    assert set(lulus.values_list("persen_kehadiran", flat=True)) == {100}
    assert set(lulus.values_list("predikat", flat=True)) == {"Sangat Memuaskan", "Memuaskan", "Cukup Memuaskan"}


def test_the_participants_fit_their_batch_and_only_two_in_the_running_one_are_incomplete(demo):
    iii = list(peserta_angkatan(3).select_related("kabupaten_kota"))
    assert {p.kategori_jabatan for p in iii} == KECAMATAN
    assert sum(p.kategori_jabatan != KategoriJabatan.KEPALA_SEKSI for p in iii) > 20
    for p in iii:
        assert p.kabupaten_kota is not None, p
        assert p.kabupaten_kota.nama in p.instansi
    for camat in (p for p in iii if p.kategori_jabatan == KategoriJabatan.CAMAT):
        kecamatan = camat.jabatan.removeprefix("Camat ")
        assert camat.instansi == f"Kecamatan {kecamatan}, {camat.kabupaten_kota.nama}"

    iv_v = list(peserta_angkatan(4, 5))
    assert {p.kategori_jabatan for p in iv_v} == SEKRETARIS_PD
    assert len({p.provinsi_id for p in iv_v}) == 15
    assert any(p.kabupaten_kota_id is None for p in iv_v), "some come from a provincial government"
    assert len({p.instansi for p in iv_v}) == len(iv_v)

    # As an imported regional list leaves them: staff see who is *belum lengkap*.
    belum_lengkap = list(Peserta.objects.belum_lengkap())
    assert sorted(p.data_cetak_kurang for p in belum_lengkap) == [["jabatan"], ["tempat lahir"]]
    for p in belum_lengkap:
        assert list(p.pendaftaran.values_list("angkatan__nomor", flat=True)) == [6]


def test_every_nip_is_valid_and_agrees_with_the_person(demo):
    for p in Peserta.objects.select_related("pangkat", "provinsi", "kabupaten_kota"):
        nip = parse_nip(p.nip)
        assert nip.tanggal_lahir == p.tanggal_lahir, p
        assert nip.jenis_kelamin == p.jenis_kelamin, p
        assert 1965 <= p.tanggal_lahir.year <= 1990, p
        assert USIA_TMT_MIN <= nip.tmt_tahun - p.tanggal_lahir.year <= USIA_TMT_MAX, p
        if p.jabatan:
            assert p.pangkat.golongan in GOLONGAN_PATUT[p.kategori_jabatan], (p, p.pangkat)
        assert p.kabupaten_kota is None or p.kabupaten_kota.provinsi_id == p.provinsi_id
        assert p.telepon.startswith("+628") and p.email.endswith("@example.com")
        p.full_clean()
    assert Peserta.objects.filter(jenis_kelamin="P").exists()


def test_the_running_angkatan_started_two_training_days_before_the_first_load(fast_passwords):
    output = muat_demo(hari_ini=RABU)
    angkatan = angkatan_berjalan()

    assert (angkatan.tahun, angkatan.tanggal_mulai, angkatan.tanggal_selesai) == (
        2026,
        date(2026, 11, 30),
        date(2026, 12, 4),
    )
    assert angkatan.status == Angkatan.Status.RUNNING
    assert angkatan.nilai_dikunci_pada is None
    assert angkatan.penandatangan_nama and angkatan.venue.nama == "Hotel Grand Kemang"
    assert angkatan.pendaftaran.count() == 25 <= angkatan.kuota
    assert set(angkatan.pendaftaran.values_list("status", flat=True)) == {Pendaftaran.Status.MENGIKUTI}
    assert list(angkatan.hari_pelatihan.values_list("tanggal", flat=True)) == [
        date(2026, 11, 30) + timedelta(days=i) for i in range(5)
    ]
    # Attendance up to and including today, none after; mostly present, a few izin, sakit, alpa.
    presensi = Presensi.objects.filter(hari__angkatan=angkatan)
    assert sorted(set(presensi.values_list("hari__tanggal", flat=True))) == [
        date(2026, 11, 30),
        date(2026, 12, 1),
        date(2026, 12, 2),
    ]
    assert presensi.count() == 25 * 3
    assert set(presensi.values_list("status", flat=True)) == set(Presensi.Status.values)
    assert presensi.filter(status=Presensi.Status.HADIR).count() >= 25 * 3 - 6
    assert not Nilai.objects.filter(pendaftaran__angkatan=angkatan).exists()
    # Verified the week before, attending since the first morning.
    riwayat = RiwayatStatus.objects.filter(pendaftaran__angkatan=angkatan, ke=Pendaftaran.Status.MENGIKUTI)
    assert {timezone.localtime(r.pada).date() for r in riwayat} == {date(2026, 11, 30)}

    assert re.search(r"Peserta +110 / 0\n", output)
    assert re.search(r"Pendaftaran +111 / 0\n", output)
    assert "Angkatan III Tahun 2022 (7–11 Maret 2022): 26 peserta, Selesai, 26 lulus" in output
    assert "Angkatan IV Tahun 2022 (20–24 Juni 2022): 30 peserta, Selesai, 30 lulus" in output
    assert "Angkatan V Tahun 2022 (20–24 Juni 2022): 30 peserta, Selesai, 30 lulus" in output
    assert (
        "Angkatan VI Tahun 2026 (30 November – 4 Desember 2026): 25 peserta, Berlangsung; "
        "presensi 3 dari 5 hari tercatat (3 hari baru, s.d. Rabu, 2 Desember 2026)"
    ) in output


def test_the_running_angkatan_has_attendance_up_to_today_and_none_after(demo):
    hari_ini = timezone.localdate()
    angkatan = angkatan_berjalan()
    hari = list(angkatan.hari_pelatihan.order_by("tanggal"))

    assert angkatan.tanggal_mulai < hari_ini < angkatan.tanggal_selesai
    assert len(hari) == 5
    assert sum(satu.tanggal <= hari_ini for satu in hari) == 3
    for satu in hari:
        assert satu.presensi.count() == (25 if satu.tanggal <= hari_ini else 0), satu.tanggal


def test_on_a_saturday_the_friday_was_the_third_day():
    assert jadwal_angkatan_berjalan(date(2026, 12, 5)) == (date(2026, 12, 2), date(2026, 12, 8))


def test_the_running_angkatan_skips_weekends_and_holidays_whatever_the_day_of_the_first_load():
    # Christmas, its cuti bersama and New Year's Day among them.
    for hari_ini in (date(2026, 12, 1) + timedelta(days=n) for n in range(50)):
        mulai, selesai = jadwal_angkatan_berjalan(hari_ini)
        hari = hari_pelatihan_default(Angkatan(tahun=mulai.year, tanggal_mulai=mulai, tanggal_selesai=selesai))
        assert len(hari) == 5, hari_ini
        assert [h for h in hari if h <= hari_ini][-1] == hari[2], hari_ini
        assert not any(libur_pada(h) for h in hari)
        assert hari_latihan(mulai) and hari_latihan(selesai)


def test_a_later_load_keeps_the_dates_and_records_the_days_passed_since(fast_passwords):
    muat_demo(hari_ini=RABU)
    angkatan = angkatan_berjalan()
    hari = list(angkatan.hari_pelatihan.order_by("tanggal"))
    # Staff corrected a cell of Tuesday, and recorded Friday's first person early.
    pendaftaran = angkatan.pendaftaran.order_by("peserta__nip").first()
    presensi_set(pendaftaran=pendaftaran, hari=hari[1], status=Presensi.Status.ALPA)
    presensi_set(pendaftaran=pendaftaran, hari=hari[4], status=Presensi.Status.IZIN)
    jumlah = {m: m.objects.count() for m in (Angkatan, Peserta, Pendaftaran, HariPelatihan, RiwayatStatus, User)}

    output = muat_demo(hari_ini=date(2026, 12, 7))

    angkatan.refresh_from_db()
    assert (angkatan.tanggal_mulai, angkatan.tanggal_selesai) == (date(2026, 11, 30), date(2026, 12, 4))
    assert {m: m.objects.count() for m in jumlah} == jumlah
    # Thursday was filled in; Tuesday keeps the correction, and Friday, which staff had begun, is theirs.
    assert [Presensi.objects.filter(hari=h).count() for h in hari] == [25, 25, 25, 25, 1]
    assert Presensi.objects.get(pendaftaran=pendaftaran, hari=hari[1]).status == Presensi.Status.ALPA
    assert "presensi 5 dari 5 hari tercatat (1 hari baru, s.d. Senin, 7 Desember 2026)" in output


def test_demo_logins_work_and_the_participant_graduated_from_iv_and_attends_the_running_one(demo, client):
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

    peserta = Peserta.objects.get(user__username=PESERTA_DEMO_NIP)
    assert peserta.nip == PESERTA_DEMO_NIP
    assert peserta.tanggal_lahir == date(1968, 5, 12)
    assert peserta.jenis_kelamin == "L"
    assert sorted(peserta.pendaftaran.values_list("angkatan__nomor", "status")) == [
        (4, Pendaftaran.Status.LULUS),
        (6, Pendaftaran.Status.MENGIKUTI),
    ]
    # Present every day so far: their page shows a full record.
    assert set(Presensi.objects.filter(pendaftaran__peserta=peserta).values_list("status", flat=True)) == {
        Presensi.Status.HADIR
    }


def _snapshot() -> dict:
    models = [Program, MataPelatihan, Predikat, Venue, Angkatan, Peserta, Pendaftaran, User, Group]
    models += [HariPelatihan, Presensi, Nilai, RiwayatStatus, LogEntry]
    data = {m.__name__: list(m.objects.order_by("pk").values()) for m in models}
    data["user_groups"] = list(User.groups.through.objects.order_by("pk").values())
    return data


def test_second_run_changes_nothing_and_keeps_a_changed_password(demo, client):
    admin = User.objects.get(username="admin")
    admin.set_password("sandi-baru-yang-panjang")
    admin.save()
    before = _snapshot()

    output = muat_demo()

    assert _snapshot() == before
    assert re.search(r"Peserta +0 / 110\n", output)
    assert re.search(r"Angkatan +0 / 4\n", output)
    assert client.login(username="admin", password="sandi-baru-yang-panjang")


def test_an_earlier_demo_is_brought_up_to_date_but_a_batch_staff_have_changed_is_left_alone(fast_passwords):
    muat_demo()
    iv, v = Angkatan.objects.filter(program__kode="PTSPD", tahun=2022, nomor__in=[4, 5]).order_by("nomor")
    # What the earlier demo left: IV and V open, everyone proposed, no days. In V, staff have verified one.
    HariPelatihan.objects.filter(angkatan__in=[iv, v]).delete()
    Nilai.objects.filter(pendaftaran__angkatan__in=[iv, v]).delete()
    Pendaftaran.objects.filter(angkatan__in=[iv, v]).update(
        status=Pendaftaran.Status.DIUSULKAN, nilai_akhir=None, predikat="", persen_kehadiran=None, alasan=""
    )
    Angkatan.objects.filter(pk__in=[iv.pk, v.pk]).update(status=Angkatan.Status.OPEN, nilai_dikunci_pada=None)
    Pendaftaran.objects.filter(pk=v.pendaftaran.first().pk).update(status=Pendaftaran.Status.DIVERIFIKASI)

    muat_demo()

    iv.refresh_from_db()
    v.refresh_from_db()
    assert iv.status == Angkatan.Status.FINISHED and iv.nilai_dikunci_pada
    assert set(iv.pendaftaran.values_list("status", flat=True)) == {Pendaftaran.Status.LULUS}
    assert v.status == Angkatan.Status.OPEN and v.nilai_dikunci_pada is None
    assert not v.hari_pelatihan.exists()


def test_the_same_seed_gives_the_same_people():
    assert peserta_demo() == peserta_demo()
    assert peserta_demo(seed=1) != peserta_demo()


def test_the_2022_people_are_those_of_earlier_installations():
    # Drawn before the running batch's people, so an installation loaded before it keeps its people.
    orang = peserta_demo()
    assert [(o[0].nip, o[0].nama, o[-1].nama) for o in (orang[3], orang[4], orang[5])] == [
        ("197504012005021002", "Rusdi Fauzi", "Fransiskus Lewar"),
        ("196805121994031004", "Zulfikar", "Syamsiah Nur"),
        ("197011221996012002", "Yuliana Maharani", "Dwi Setyaningsih"),
    ]


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
