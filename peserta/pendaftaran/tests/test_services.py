import itertools

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from angkatan.kunci import angkatan_terkunci
from angkatan.models import Angkatan
from angkatan.tests.factories import AngkatanFactory
from diklat.models import KabupatenKota, PangkatGolongan
from diklat.tests.factories import staf_user
from peserta.data.services import peserta_upsert
from peserta.models import KategoriJabatan, Pendaftaran, Peserta, RiwayatStatus
from peserta.pendaftaran.services import (
    TRANSITIONS,
    kuota_sisa,
    pendaftaran_bulk_transition,
    pendaftaran_enrol,
    pendaftaran_transition,
)
from peserta.tests.factories import PendaftaranFactory, PesertaFactory

pytestmark = pytest.mark.django_db

Status = Pendaftaran.Status
NIP = "196608011988031001"


def data_baru(**overrides) -> dict:
    kabkota = KabupatenKota.objects.get(kode="33.02")
    data = {
        "gelar_depan": "Dr.",
        "nama": "Budi Santoso",
        "gelar_belakang": "S.Sos., M.Si.",
        "tempat_lahir": "Purwokerto",
        "pangkat": PangkatGolongan.objects.get(golongan="IV/b"),
        "jabatan": "Sekretaris Dinas Kesehatan",
        "kategori_jabatan": KategoriJabatan.SEKRETARIS_DINAS,
        "instansi": "Dinas Kesehatan Kabupaten Banyumas",
        "provinsi": kabkota.provinsi,
        "kabupaten_kota": kabkota,
        "email": "budi.santoso@banyumaskab.go.id",
        "telepon": "0812-3456-7890",
    }
    data.update(overrides)
    return data


def log_entries(obj):
    return LogEntry.objects.get_for_object(obj).order_by("timestamp", "pk")


# Status workflow ---------------------------------------------------------------------------------------------------


ALL_PAIRS = list(itertools.product(Status.values, Status.values))


@pytest.mark.parametrize(("dari", "ke"), [(d, k) for d, k in ALL_PAIRS if k in TRANSITIONS[d]])
def test_every_allowed_move_changes_the_status_and_records_who_when_why(dari, ke):
    user = staf_user()
    pendaftaran = PendaftaranFactory(status=dari)

    pendaftaran = pendaftaran_transition(pendaftaran=pendaftaran, ke=ke, user=user, alasan="Alasan uji")

    pendaftaran.refresh_from_db()
    assert pendaftaran.status == ke
    riwayat = RiwayatStatus.objects.get(pendaftaran=pendaftaran)
    assert (riwayat.dari, riwayat.ke, riwayat.oleh, riwayat.alasan) == (dari, ke, user, "Alasan uji")
    assert riwayat.pada is not None
    entry = log_entries(pendaftaran).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == user
    assert entry.changes_dict["status"] == [dari, ke]


@pytest.mark.parametrize(("dari", "ke"), [(d, k) for d, k in ALL_PAIRS if k not in TRANSITIONS[d]])
def test_every_other_move_is_refused_with_a_clear_message_and_nothing_changes(dari, ke):
    pendaftaran = PendaftaranFactory(status=dari, peserta__nama="Budi Santoso", peserta__gelar_belakang="")

    with pytest.raises(ValidationError) as error:
        pendaftaran_transition(pendaftaran=pendaftaran, ke=ke, user=staf_user(), alasan="Alasan uji")

    assert error.value.code == "transisi_tidak_sah"
    assert error.value.messages == [
        f"Budi Santoso berstatus “{Status(dari).label}” dan tidak dapat diubah menjadi “{Status(ke).label}”."
    ]
    pendaftaran.refresh_from_db()
    assert pendaftaran.status == dari
    assert not RiwayatStatus.objects.exists()


def test_unknown_status_is_refused():
    pendaftaran = PendaftaranFactory()
    with pytest.raises(ValidationError, match="tidak dikenal"):
        pendaftaran_transition(pendaftaran=pendaftaran, ke="selesai", user=staf_user())


@pytest.mark.parametrize("alasan", ["", "   \n "])
@pytest.mark.parametrize(
    ("dari", "ke"),
    [
        (Status.DIUSULKAN, Status.DITOLAK),
        (Status.DIVERIFIKASI, Status.DITOLAK),
        (Status.DIUSULKAN, Status.MENGUNDURKAN_DIRI),
        (Status.MENGIKUTI, Status.MENGUNDURKAN_DIRI),
    ],
)
def test_rejecting_and_withdrawing_need_a_reason(dari, ke, alasan):
    pendaftaran = PendaftaranFactory(status=dari)

    with pytest.raises(ValidationError, match="Alasan wajib diisi") as error:
        pendaftaran_transition(pendaftaran=pendaftaran, ke=ke, user=staf_user(), alasan=alasan)

    assert error.value.code == "alasan_wajib"
    pendaftaran.refresh_from_db()
    assert pendaftaran.status == dari
    assert not RiwayatStatus.objects.exists()


@pytest.mark.parametrize("ke", [Status.DITOLAK, Status.MENGUNDURKAN_DIRI])
def test_a_reason_that_starts_like_a_formula_is_refused(ke):
    # The reason reaches the participant's page and the exported roster.
    pendaftaran = PendaftaranFactory(status=Status.DIUSULKAN)

    with pytest.raises(ValidationError, match="seperti rumus spreadsheet"):
        pendaftaran_transition(
            pendaftaran=pendaftaran, ke=ke, user=staf_user(), alasan='=HYPERLINK("http://x","klik")'
        )

    pendaftaran.refresh_from_db()
    assert pendaftaran.status == Status.DIUSULKAN
    assert pendaftaran.alasan == ""
    assert not RiwayatStatus.objects.exists()


def test_the_happy_path_to_withdrawal_keeps_the_reason():
    user = staf_user()
    pendaftaran = PendaftaranFactory()

    pendaftaran_transition(pendaftaran=pendaftaran, ke=Status.DIVERIFIKASI, user=user)
    pendaftaran_transition(pendaftaran=pendaftaran, ke=Status.MENGIKUTI, user=user)
    pendaftaran_transition(
        pendaftaran=pendaftaran, ke=Status.MENGUNDURKAN_DIRI, user=user, alasan="  Sakit, dirawat di rumah sakit. "
    )

    pendaftaran.refresh_from_db()
    assert pendaftaran.status == Status.MENGUNDURKAN_DIRI
    assert pendaftaran.alasan == "Sakit, dirawat di rumah sakit."
    assert list(RiwayatStatus.objects.filter(pendaftaran=pendaftaran).values_list("dari", "ke")) == [
        (Status.DIUSULKAN, Status.DIVERIFIKASI),
        (Status.DIVERIFIKASI, Status.MENGIKUTI),
        (Status.MENGIKUTI, Status.MENGUNDURKAN_DIRI),
    ]


def test_proposing_a_rejected_person_again_needs_a_free_place_and_clears_the_reason():
    angkatan = AngkatanFactory(kuota=1)
    ditolak = PendaftaranFactory(angkatan=angkatan, status=Status.DITOLAK, alasan="Bukan sekretaris")
    PendaftaranFactory(angkatan=angkatan)

    with pytest.raises(ValidationError, match="Kuota angkatan sudah penuh"):
        pendaftaran_transition(pendaftaran=ditolak, ke=Status.DIUSULKAN, user=staf_user())

    Pendaftaran.objects.exclude(pk=ditolak.pk).update(status=Status.MENGUNDURKAN_DIRI)
    pendaftaran_transition(pendaftaran=ditolak, ke=Status.DIUSULKAN, user=staf_user())
    ditolak.refresh_from_db()
    assert (ditolak.status, ditolak.alasan) == (Status.DIUSULKAN, "")


# Kuota ---------------------------------------------------------------------------------------------------------------


def test_kuota_counts_places_held_and_reads_the_locked_row_not_a_stale_copy():
    angkatan = AngkatanFactory(kuota=5)
    for status in (Status.DIUSULKAN, Status.DIVERIFIKASI, Status.MENGIKUTI, Status.DITOLAK, Status.MENGUNDURKAN_DIRI):
        PendaftaranFactory(angkatan=angkatan, status=status)
    assert kuota_sisa(angkatan_terkunci(angkatan)) == 2

    Angkatan.objects.filter(pk=angkatan.pk).update(kuota=10)
    assert kuota_sisa(angkatan_terkunci(angkatan)) == 7


# Enrolment ---------------------------------------------------------------------------------------------------------


def test_enrolling_a_new_person_creates_them_proposed_with_history_and_audit_by_the_user():
    user = staf_user()
    angkatan = AngkatanFactory()

    pendaftaran = pendaftaran_enrol(angkatan=angkatan, nip="19660801 198803 1 001", data=data_baru(), user=user)

    peserta = Peserta.objects.get()
    assert peserta.nip == NIP
    assert peserta.nama_lengkap == "Dr. Budi Santoso, S.Sos., M.Si."
    assert peserta.tanggal_lahir.isoformat() == "1966-08-01"
    assert peserta.jenis_kelamin == "L"
    assert peserta.telepon == "+6281234567890"
    assert (pendaftaran.peserta, pendaftaran.angkatan, pendaftaran.status) == (peserta, angkatan, Status.DIUSULKAN)
    riwayat = RiwayatStatus.objects.get()
    assert (riwayat.pendaftaran, riwayat.dari, riwayat.ke, riwayat.oleh) == (pendaftaran, "", Status.DIUSULKAN, user)
    assert log_entries(peserta).get().actor == user
    assert log_entries(pendaftaran).get().actor == user


def test_enrolling_a_known_person_updates_what_changed_and_the_audit_shows_old_and_new():
    user = staf_user()
    peserta = PesertaFactory(nip=NIP, jabatan="Kepala Bidang Pelayanan Kesehatan")
    LogEntry.objects.all().delete()

    pendaftaran_enrol(
        angkatan=AngkatanFactory(),
        nip="19660801-198803-1-001",
        data={"jabatan": "Sekretaris Dinas Kesehatan"},
        user=user,
    )

    peserta.refresh_from_db()
    assert peserta.jabatan == "Sekretaris Dinas Kesehatan"
    assert Peserta.objects.count() == 1
    entry = log_entries(peserta).get()
    assert entry.action == LogEntry.Action.UPDATE
    assert entry.actor == user
    assert entry.changes_dict["jabatan"] == ["Kepala Bidang Pelayanan Kesehatan", "Sekretaris Dinas Kesehatan"]


def test_saving_a_person_unchanged_writes_no_audit_entry():
    peserta = PesertaFactory(nip=NIP)
    LogEntry.objects.all().delete()

    _, created = peserta_upsert(nip=NIP, data={"jabatan": peserta.jabatan, "telepon": "0812 3456 7890"})

    assert created is False
    assert not LogEntry.objects.exists()


def test_known_person_may_be_enrolled_without_data():
    peserta = PesertaFactory()
    pendaftaran = pendaftaran_enrol(angkatan=AngkatanFactory(), nip=peserta.nip, user=staf_user())
    assert pendaftaran.peserta == peserta


def test_unknown_nip_without_data_is_refused():
    with pytest.raises(ValidationError, match="Belum ada peserta dengan NIP ini"):
        pendaftaran_enrol(angkatan=AngkatanFactory(), nip=NIP, user=staf_user())
    assert not Pendaftaran.objects.exists()


def test_nip_in_scientific_notation_is_refused_and_nothing_stored():
    with pytest.raises(ValidationError) as error:
        pendaftaran_enrol(angkatan=AngkatanFactory(), nip="1.96608E+17", data=data_baru(), user=staf_user())
    assert "notasi ilmiah" in " ".join(error.value.message_dict["nip"])
    assert not Peserta.objects.exists()
    assert not Pendaftaran.objects.exists()


def test_bad_person_data_is_refused_per_field_and_nothing_stored():
    with pytest.raises(ValidationError) as error:
        pendaftaran_enrol(
            angkatan=AngkatanFactory(),
            nip=NIP,
            data=data_baru(nama="", kabupaten_kota=KabupatenKota.objects.get(kode="32.73"), telepon="12"),
            user=staf_user(),
        )
    assert set(error.value.message_dict) == {"nama", "kabupaten_kota", "telepon"}
    assert "tidak berada di provinsi yang dipilih" in error.value.message_dict["kabupaten_kota"][0]
    assert not Peserta.objects.exists()
    assert not Pendaftaran.objects.exists()


def test_province_is_taken_from_the_kab_kota_when_left_out():
    pendaftaran = pendaftaran_enrol(
        angkatan=AngkatanFactory(), nip=NIP, data=data_baru(provinsi=None), user=staf_user()
    )
    assert pendaftaran.peserta.provinsi.kode == "33"


def test_full_kuota_refuses_the_enrolment_and_stores_nothing():
    angkatan = AngkatanFactory(kuota=2)
    PendaftaranFactory.create_batch(2, angkatan=angkatan)

    with pytest.raises(ValidationError) as error:
        pendaftaran_enrol(angkatan=angkatan, nip=NIP, data=data_baru(), user=staf_user())

    assert error.value.code == "kuota_penuh"
    assert error.value.messages == ["Kuota angkatan sudah penuh (2 orang); tidak ada tempat lagi."]
    assert not Peserta.objects.filter(nip=NIP).exists()
    assert Pendaftaran.objects.filter(angkatan=angkatan).count() == 2


def test_rejected_and_withdrawn_people_free_their_place():
    angkatan = AngkatanFactory(kuota=2)
    PendaftaranFactory(angkatan=angkatan, status=Status.DITOLAK)
    PendaftaranFactory(angkatan=angkatan, status=Status.MENGUNDURKAN_DIRI)
    pendaftaran_enrol(angkatan=angkatan, nip=NIP, data=data_baru(), user=staf_user())
    assert Pendaftaran.objects.filter(angkatan=angkatan).count() == 3


@pytest.mark.parametrize("status", [Status.DIUSULKAN, Status.DITOLAK, Status.MENGUNDURKAN_DIRI])
def test_second_enrolment_in_the_same_angkatan_is_refused_whatever_the_status(status):
    angkatan = AngkatanFactory()
    PendaftaranFactory(
        angkatan=angkatan, status=status, peserta__nip=NIP, peserta__nama="Budi Santoso", peserta__gelar_belakang=""
    )

    with pytest.raises(ValidationError) as error:
        pendaftaran_enrol(angkatan=angkatan, nip="19660801 198803 1 001", data=data_baru(), user=staf_user())

    assert error.value.code == "sudah_terdaftar"
    assert error.value.messages == [f"Budi Santoso sudah terdaftar di angkatan ini (status: {Status(status).label})."]
    assert Pendaftaran.objects.count() == 1


def test_a_person_enrolled_elsewhere_can_join_another_angkatan():
    lain = PendaftaranFactory(peserta__nip=NIP)
    pendaftaran = pendaftaran_enrol(angkatan=AngkatanFactory(), nip=NIP, data=data_baru(), user=staf_user())
    assert pendaftaran.peserta == lain.peserta
    assert Pendaftaran.objects.filter(peserta=lain.peserta).count() == 2


@pytest.mark.parametrize("status", [Angkatan.Status.FINISHED, Angkatan.Status.CLOSED])
def test_finished_or_closed_angkatan_takes_no_new_enrolments(status):
    angkatan = AngkatanFactory(status=status)
    with pytest.raises(ValidationError, match="peserta tidak dapat ditambahkan lagi") as error:
        pendaftaran_enrol(angkatan=angkatan, nip=NIP, data=data_baru(), user=staf_user())
    assert error.value.code == "angkatan_tertutup"
    assert not Peserta.objects.exists()


@pytest.mark.parametrize("status", [Angkatan.Status.DRAFT, Angkatan.Status.OPEN, Angkatan.Status.RUNNING])
def test_angkatan_before_its_end_takes_enrolments(status):
    pendaftaran_enrol(angkatan=AngkatanFactory(status=status), nip=NIP, data=data_baru(), user=staf_user())
    assert Pendaftaran.objects.count() == 1


# Bulk actions ----------------------------------------------------------------------------------------------------


def test_bulk_verify_moves_the_allowed_rows_and_names_the_skipped_ones():
    user = staf_user()
    angkatan = AngkatanFactory()
    usulan = PendaftaranFactory.create_batch(3, angkatan=angkatan)
    budi = PendaftaranFactory(
        angkatan=angkatan, status=Status.DITOLAK, peserta__nama="Budi", peserta__gelar_belakang=""
    )
    ani = PendaftaranFactory(
        angkatan=angkatan, status=Status.MENGUNDURKAN_DIRI, peserta__nama="Ani", peserta__gelar_belakang=""
    )

    hasil = pendaftaran_bulk_transition(
        angkatan=angkatan, pks=[str(p.pk) for p in [*usulan, budi, ani]], ke=Status.DIVERIFIKASI, user=user
    )

    assert hasil.ringkasan == "3 diverifikasi; 2 dilewati: Ani (sudah mengundurkan diri), Budi (sudah ditolak)."
    assert set(Pendaftaran.objects.filter(status=Status.DIVERIFIKASI)) == set(usulan)
    assert RiwayatStatus.objects.filter(oleh=user, ke=Status.DIVERIFIKASI).count() == 3


def test_bulk_reject_needs_one_reason_and_gives_it_to_every_row():
    angkatan = AngkatanFactory()
    rows = PendaftaranFactory.create_batch(2, angkatan=angkatan)
    pks = [p.pk for p in rows]

    with pytest.raises(ValidationError, match="Alasan wajib diisi"):
        pendaftaran_bulk_transition(angkatan=angkatan, pks=pks, ke=Status.DITOLAK, user=staf_user(), alasan=" ")
    assert not Pendaftaran.objects.filter(status=Status.DITOLAK).exists()

    hasil = pendaftaran_bulk_transition(
        angkatan=angkatan, pks=pks, ke=Status.DITOLAK, user=staf_user(), alasan="Bukan sekretaris perangkat daerah"
    )
    assert hasil.ringkasan == "2 ditolak."
    assert set(Pendaftaran.objects.values_list("status", "alasan")) == {
        (Status.DITOLAK, "Bukan sekretaris perangkat daerah")
    }


def test_bulk_mark_attending_skips_those_not_yet_verified():
    angkatan = AngkatanFactory()
    verified = PendaftaranFactory(angkatan=angkatan, status=Status.DIVERIFIKASI)
    proposed = PendaftaranFactory(angkatan=angkatan, peserta__nama="Citra", peserta__gelar_belakang="")

    hasil = pendaftaran_bulk_transition(
        angkatan=angkatan, pks=[verified.pk, proposed.pk], ke=Status.MENGIKUTI, user=staf_user()
    )

    assert hasil.ringkasan == "1 ditandai mengikuti; 1 dilewati: Citra (belum diverifikasi)."


@pytest.mark.parametrize("forged", ["lain", "abc", "-1", "1e3", "99999999999999999999999", "٣"])
def test_bulk_action_with_a_forged_selection_changes_nothing(forged):
    angkatan = AngkatanFactory()
    mine = PendaftaranFactory(angkatan=angkatan)
    other = PendaftaranFactory()
    pks = [mine.pk, other.pk if forged == "lain" else forged]

    with pytest.raises(ValidationError, match="tidak ada yang diubah"):
        pendaftaran_bulk_transition(angkatan=angkatan, pks=pks, ke=Status.DIVERIFIKASI, user=staf_user())

    assert set(Pendaftaran.objects.values_list("status", flat=True)) == {Status.DIUSULKAN}
    assert not RiwayatStatus.objects.exists()


@pytest.mark.parametrize(("ke", "pesan"), [(Status.LULUS, "tidak dikenal"), ("hapus", "tidak dikenal")])
def test_bulk_action_refuses_moves_staff_do_not_make_by_hand(ke, pesan):
    pendaftaran = PendaftaranFactory(status=Status.MENGIKUTI)
    with pytest.raises(ValidationError, match=pesan):
        pendaftaran_bulk_transition(angkatan=pendaftaran.angkatan, pks=[pendaftaran.pk], ke=ke, user=staf_user())
    pendaftaran.refresh_from_db()
    assert pendaftaran.status == Status.MENGIKUTI


def test_bulk_action_without_a_selection_says_so():
    with pytest.raises(ValidationError, match="Belum ada peserta yang dipilih"):
        pendaftaran_bulk_transition(angkatan=AngkatanFactory(), pks=[], ke=Status.DIVERIFIKASI, user=staf_user())


def test_nobody_joins_or_moves_up_once_results_are_final():
    from django.utils import timezone

    from diklat.tests.factories import staf_user

    angkatan = AngkatanFactory()
    proposed = PendaftaranFactory(angkatan=angkatan)
    angkatan.nilai_dikunci_pada = timezone.now()
    angkatan.save()
    user = staf_user()

    with pytest.raises(ValidationError, match="sudah difinalisasi"):
        pendaftaran_enrol(angkatan=angkatan, nip=PesertaFactory().nip, user=user)
    with pytest.raises(ValidationError, match="sudah difinalisasi"):
        pendaftaran_transition(pendaftaran=proposed, ke=Pendaftaran.Status.DIVERIFIKASI, user=user)
    # Leaving is still possible: a proposed person who never came can be rejected.
    pendaftaran_transition(pendaftaran=proposed, ke=Pendaftaran.Status.DITOLAK, user=user, alasan="Tidak hadir")
    assert Pendaftaran.objects.filter(angkatan=angkatan).count() == 1
