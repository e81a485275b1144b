"""The participant's home: their own trainings, newest first, and nobody else's."""

import datetime
import logging
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from angkatan.models import Angkatan, HariPelatihan
from angkatan.tests.factories import AngkatanFactory
from diklat.signals import portal_pendaftaran
from diklat.tests.factories import peserta_user, staf_user
from peserta.models import Pendaftaran, Presensi, RiwayatStatus
from peserta.tests.factories import PendaftaranFactory, PesertaFactory

pytestmark = pytest.mark.django_db

Status = Pendaftaran.Status
HARI = datetime.timedelta(days=1)


def peserta_dengan_akun(**kwargs):
    peserta = PesertaFactory(**kwargs)
    peserta.user = peserta_user(username=peserta.nip, first_name=peserta.nama)
    peserta.save()
    return peserta


def angkatan_berjalan(**kwargs) -> Angkatan:
    """A batch that started yesterday and ends tomorrow, meeting on all three days."""
    hari_ini = timezone.localdate()
    angkatan = AngkatanFactory(
        tahun=(hari_ini - HARI).year,
        tanggal_mulai=hari_ini - HARI,
        tanggal_selesai=hari_ini + HARI,
        status=Angkatan.Status.RUNNING,
        **kwargs,
    )
    for tanggal in (hari_ini - HARI, hari_ini, hari_ini + HARI):
        HariPelatihan.objects.create(angkatan=angkatan, tanggal=tanggal)
    return angkatan


@pytest.fixture
def budi():
    """Graduated in 2022, attending a batch that runs now, proposed for one next year."""
    peserta = peserta_dengan_akun(nama="Budi Santoso", gelar_belakang="S.Sos.")
    lulus = PendaftaranFactory(
        peserta=peserta,
        angkatan=AngkatanFactory(
            nomor=4,
            status=Angkatan.Status.FINISHED,
            nilai_dikunci_pada=timezone.now(),
            venue__nama="Hotel Harris Suites Puri Mansion",
        ),
        status=Status.LULUS,
        nilai_akhir=Decimal("91.25"),
        predikat="Sangat Memuaskan",
        persen_kehadiran=Decimal("100"),
    )
    berjalan = PendaftaranFactory(
        peserta=peserta, angkatan=angkatan_berjalan(nomor=6, venue__nama="Hotel Grand Kemang"), status=Status.MENGIKUTI
    )
    kemarin, hari_ini, _besok = berjalan.angkatan.hari_pelatihan.order_by("tanggal")
    Presensi.objects.create(pendaftaran=berjalan, hari=kemarin, status=Presensi.Status.HADIR)
    Presensi.objects.create(pendaftaran=berjalan, hari=hari_ini, status=Presensi.Status.IZIN)
    tahun_depan = timezone.localdate().year + 1
    diusulkan = PendaftaranFactory(
        peserta=peserta,
        angkatan=AngkatanFactory(
            nomor=2,
            tahun=tahun_depan,
            tanggal_mulai=datetime.date(tahun_depan, 3, 1),
            tanggal_selesai=datetime.date(tahun_depan, 3, 5),
            status=Angkatan.Status.OPEN,
            venue__nama="Hotel Borobudur",
        ),
    )
    peserta.lulus, peserta.berjalan, peserta.diusulkan = lulus, berjalan, diusulkan
    return peserta


def beranda(client, peserta) -> str:
    client.force_login(peserta.user)
    response = client.get(reverse("peserta:portal"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_participant_sees_their_trainings_newest_first(client, budi):
    html = beranda(client, budi)

    assert "Selamat datang, Budi Santoso, S.Sos." in html
    assert html.index(f"Angkatan II Tahun {budi.diusulkan.angkatan.tahun}") < html.index("Angkatan VI Tahun")
    assert html.index("Angkatan VI Tahun") < html.index("Angkatan IV Tahun 2022")
    assert html.count(budi.lulus.angkatan.program.nama) == 1
    for teks in ("Hotel Borobudur", "Hotel Grand Kemang", "Hotel Harris Suites Puri Mansion", "20–24 Juni 2022"):
        assert teks in html
    assert "Diusulkan" in html and "Mengikuti" in html


def test_while_a_training_runs_the_participant_sees_their_attendance_so_far(client, budi):
    html = beranda(client, budi)

    assert "Hadir 1 dari 2 hari yang sudah berlangsung (3 hari pelatihan seluruhnya)." in html
    assert "Izin" in html
    assert "Akan datang" in html
    # No result yet for a batch that runs.
    assert html.count("Nilai akhir") == 1


def test_once_final_the_participant_sees_their_result_and_predikat(client, budi):
    html = beranda(client, budi)

    assert "Sangat Memuaskan" in html
    assert "Nilai akhir 91,25" in html
    assert "Kehadiran 100%" in html


def test_another_participant_sees_only_their_own(client, budi):
    sari = peserta_dengan_akun(nama="Sari Rahayu")
    PendaftaranFactory(peserta=sari, angkatan=AngkatanFactory(nomor=9, venue__nama="Hotel Santika"))

    html = beranda(client, sari)

    assert "Sari Rahayu" in html and "Hotel Santika" in html
    assert "Budi Santoso" not in html
    assert budi.nip_tampil not in html
    for nama in ("Hotel Borobudur", "Hotel Grand Kemang", "Hotel Harris Suites Puri Mansion", "Izin"):
        assert nama not in html
    # Nothing to ask for by id: the page takes none.
    dengan_id = client.get(reverse("peserta:portal") + f"?peserta={budi.pk}").content.decode()
    assert "Budi Santoso" not in dengan_id and budi.nip_tampil not in dengan_id and "Sari Rahayu" in dengan_id


def test_the_front_door_sends_participants_home_and_staff_to_their_pages(client, budi):
    assert client.get(reverse("beranda")).url.startswith(reverse("login"))
    assert client.get(reverse("peserta:portal")).url.startswith(reverse("login"))

    client.force_login(budi.user)
    assert client.get(reverse("beranda")).url == reverse("peserta:portal")

    client.force_login(staf_user())
    assert client.get(reverse("beranda")).url == reverse("dasbor:index")


def test_a_participant_whose_printed_data_is_missing_is_told_what(client):
    peserta = peserta_dengan_akun(tempat_lahir="", jabatan="")
    PendaftaranFactory(peserta=peserta)

    html = beranda(client, peserta)

    assert "Data Anda yang dicetak di sertifikat belum lengkap: tempat lahir, jabatan." in html


def test_a_participant_without_trainings_or_without_a_linked_record_is_told_so(client):
    assert "Anda belum terdaftar di pelatihan mana pun." in beranda(client, peserta_dengan_akun())

    client.force_login(peserta_user(first_name="Tamu"))
    html = client.get(reverse("peserta:portal")).content.decode()
    assert "Selamat datang, Tamu" in html
    assert "belum terhubung dengan data peserta" in html


@pytest.fixture
def penerima():
    """Connect receivers to the portal's signal for one test."""
    terhubung = []

    def hubungkan(fungsi):
        portal_pendaftaran.connect(fungsi, weak=False)
        terhubung.append(fungsi)

    yield hubungkan
    for fungsi in terhubung:
        portal_pendaftaran.disconnect(fungsi)


def test_higher_floors_add_to_each_training_through_the_signal(client, budi, penerima):
    diterima = []

    def bagian(sender, pendaftaran_list, request, **kwargs):
        diterima.extend((pendaftaran.pk, request.user.pk) for pendaftaran in pendaftaran_list)
        return {
            pendaftaran.pk: mark_safe('<p class="bagian-uji">Bagian tambahan</p>')
            if pendaftaran.pk == budi.berjalan.pk
            else "<script>alert(1)</script>"
            for pendaftaran in pendaftaran_list
        }

    penerima(bagian)
    html = beranda(client, budi)

    assert sorted(diterima) == sorted((p.pk, budi.user.pk) for p in (budi.lulus, budi.berjalan, budi.diusulkan))
    assert '<p class="bagian-uji">Bagian tambahan</p>' in html
    # A plain string is text, not markup.
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_a_failing_receiver_leaves_the_page_standing(client, budi, penerima, caplog):
    def rusak(sender, **kwargs):
        raise RuntimeError("bagian rusak")

    penerima(rusak)
    with caplog.at_level(logging.ERROR, logger="peserta.portal.views"):
        html = beranda(client, budi)

    assert "Angkatan IV Tahun 2022" in html
    assert "bagian rusak" not in html
    assert "portal_pendaftaran receiver" in caplog.text


def test_the_portal_imports_nothing_of_the_floor_above():
    sumber = [*Path(settings.BASE_DIR, "peserta", "portal").glob("*.py")]
    sumber += [*Path(settings.BASE_DIR, "templates", "peserta", "portal").glob("*.html")]
    assert sumber
    for berkas in sumber:
        teks = berkas.read_text()
        assert "sertifikat." not in teks.replace("sertifikat.html", ""), berkas
        assert "'sertifikat:" not in teks and '"sertifikat:' not in teks, berkas


def test_a_receiver_answering_with_anything_but_a_dict_is_logged_and_left_out(client, budi, penerima, caplog):
    def salah(sender, **kwargs):
        return '<p class="bagian-uji">Untuk siapa?</p>'

    penerima(salah)
    with caplog.at_level(logging.ERROR, logger="peserta.portal.views"):
        html = beranda(client, budi)

    assert "Angkatan IV Tahun 2022" in html
    assert "Untuk siapa?" not in html
    assert "not a dict" in caplog.text


# The timeline of an enrolment --------------------------------------------------------------------------------------


def _pindah(pendaftaran, *, ke, pada, alasan="", dari=""):
    riwayat = RiwayatStatus.objects.create(pendaftaran=pendaftaran, dari=dari, ke=ke, alasan=alasan)
    RiwayatStatus.objects.filter(pk=riwayat.pk).update(pada=pada)


def _waktu(tahun, bulan, hari):
    return timezone.make_aware(datetime.datetime(tahun, bulan, hari, 10, 0))


def test_the_timeline_dates_each_step_reached_and_shows_those_ahead(client, budi):
    berjalan = budi.berjalan
    _pindah(berjalan, ke=Status.DIUSULKAN, pada=_waktu(2026, 2, 3))
    _pindah(berjalan, ke=Status.DIVERIFIKASI, pada=_waktu(2026, 2, 10), dari=Status.DIUSULKAN)
    _pindah(berjalan, ke=Status.MENGIKUTI, pada=_waktu(2026, 3, 2), dari=Status.DIVERIFIKASI)

    html = halaman(client, budi, berjalan)

    linimasa = html[html.index("Perjalanan pendaftaran") :]
    for teks in ("Diusulkan", "3 Februari 2026", "Diverifikasi", "10 Februari 2026", "Mengikuti", "2 Maret 2026"):
        assert teks in linimasa
    assert linimasa.index("Diusulkan") < linimasa.index("Diverifikasi") < linimasa.index("Lulus / tidak lulus")
    assert "bi-record-circle-fill" in linimasa  # where it stands now


def test_a_refusal_ends_the_timeline_with_the_reason_staff_gave(client):
    peserta = peserta_dengan_akun()
    ditolak = PendaftaranFactory(peserta=peserta, status=Status.DITOLAK, alasan="Bukan pejabat eselon III.")
    _pindah(ditolak, ke=Status.DIUSULKAN, pada=_waktu(2026, 1, 5))
    _pindah(ditolak, ke=Status.DITOLAK, pada=_waktu(2026, 1, 9), alasan="Bukan pejabat eselon III.")

    html = halaman(client, peserta, ditolak)

    linimasa = html[html.index("Perjalanan pendaftaran") :]
    assert "Ditolak" in linimasa and "9 Januari 2026" in linimasa
    assert "Alasan: Bukan pejabat eselon III." in linimasa
    # Refused: no step ahead is promised.
    assert "Lulus / tidak lulus" not in linimasa and "Mengikuti" not in linimasa


def test_a_withdrawal_shows_its_reason_and_a_result_its_date(client, budi):
    mundur = PendaftaranFactory(
        peserta=budi, status=Status.MENGUNDURKAN_DIRI, alasan="Tugas dinas ke luar negeri.", angkatan__nomor=12
    )
    _pindah(mundur, ke=Status.MENGUNDURKAN_DIRI, pada=_waktu(2026, 4, 1), alasan="Tugas dinas ke luar negeri.")
    _pindah(budi.lulus, ke=Status.LULUS, pada=_waktu(2022, 6, 24), dari=Status.MENGIKUTI)

    assert "Alasan: Tugas dinas ke luar negeri." in halaman(client, budi, mundur)
    lulus = halaman(client, budi, budi.lulus)
    assert "24 Juni 2022" in lulus[lulus.index("Perjalanan pendaftaran") :]


def test_while_a_training_runs_the_participant_sees_the_minimum_and_whether_it_is_still_reachable(client, budi):
    budi.berjalan.angkatan.program.min_kehadiran_persen = Decimal("90")
    budi.berjalan.angkatan.program.save()

    html = halaman(client, budi, budi.berjalan)

    assert "Kehadiran sejauh ini 50%." in html
    assert "Syarat lulus: hadir paling sedikit 90% dari 3 hari pelatihan." in html
    # One day was izin: even present tomorrow, 2 of 3 days is 66.67 %.
    assert "Walau hadir pada semua hari yang tersisa, kehadiran Anda paling tinggi 66,67%." in html


def test_the_minimum_is_not_a_warning_while_it_can_still_be_reached(client, budi):
    budi.berjalan.angkatan.program.min_kehadiran_persen = Decimal("60")
    budi.berjalan.angkatan.program.save()

    html = halaman(client, budi, budi.berjalan)

    assert "Syarat lulus: hadir paling sedikit 60% dari 3 hari pelatihan." in html
    assert "Walau hadir" not in html


# One training on a page of its own -------------------------------------------------------------------------------


def halaman(client, peserta, pendaftaran) -> str:
    client.force_login(peserta.user)
    response = client.get(reverse("peserta:portal-pelatihan", args=[pendaftaran.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_each_training_has_its_own_page_linked_from_the_list(client, budi):
    html = beranda(client, budi)
    assert reverse("peserta:portal-pelatihan", args=[budi.berjalan.pk]) in html

    html = halaman(client, budi, budi.berjalan)

    assert "Angkatan VI Tahun" in html and "Hotel Grand Kemang" in html
    assert "Hotel Borobudur" not in html


def test_another_participants_training_page_is_a_404_like_a_missing_one(client, budi):
    sari = peserta_dengan_akun(nama="Sari Rahayu")
    punya_sari = PendaftaranFactory(peserta=sari)
    client.force_login(budi.user)

    lain = client.get(reverse("peserta:portal-pelatihan", args=[punya_sari.pk]))
    tidak_ada = client.get(reverse("peserta:portal-pelatihan", args=[punya_sari.pk + 1000]))

    assert lain.status_code == tidak_ada.status_code == 404
    assert "Sari Rahayu" not in lain.content.decode()
    # Staff have no trainings of their own here either; a stranger is sent to log in.
    client.force_login(staf_user())
    assert client.get(reverse("peserta:portal-pelatihan", args=[punya_sari.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("peserta:portal-pelatihan", args=[punya_sari.pk])).url.startswith(reverse("login"))


def test_the_home_page_reads_the_persons_row_once(client, budi, django_assert_max_num_queries):
    client.force_login(budi.user)
    client.get(reverse("peserta:portal"))

    with django_assert_max_num_queries(40) as kueri:
        html = client.get(reverse("peserta:portal")).content.decode()

    assert sum('FROM "peserta_peserta"' in q["sql"] for q in kueri.captured_queries) == 1
    assert "Budi Santoso, S.Sos." in html


def test_the_portal_shows_the_participants_menu_without_reading_permissions(
    client, budi, django_assert_max_num_queries
):
    client.force_login(budi.user)
    for alamat in (reverse("peserta:portal"), reverse("peserta:portal-pelatihan", args=[budi.berjalan.pk])):
        with django_assert_max_num_queries(40) as kueri:
            html = client.get(alamat).content.decode()

        assert not [q for q in kueri.captured_queries if "auth_permission" in q["sql"]]
        assert f'href="{reverse("peserta:portal-akun")}">Akun saya</a>' in html
        assert reverse("dasbor:index") not in html and reverse("admin:index") not in html


def test_a_trainings_page_costs_the_same_queries_however_long_its_story(client, budi, django_assert_max_num_queries):
    client.force_login(budi.user)
    alamat = reverse("peserta:portal-pelatihan", args=[budi.berjalan.pk])
    with django_assert_max_num_queries(40) as sedikit:
        assert client.get(alamat).status_code == 200

    angkatan = budi.berjalan.angkatan
    for geser in range(2, 9):
        hari = HariPelatihan.objects.create(angkatan=angkatan, tanggal=angkatan.tanggal_mulai - geser * HARI)
        Presensi.objects.create(pendaftaran=budi.berjalan, hari=hari, status=Presensi.Status.HADIR)
        _pindah(budi.berjalan, ke=Status.MENGIKUTI, pada=_waktu(2026, 3, geser))

    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        html = client.get(alamat).content.decode()
    assert "Hadir 8 dari 9 hari yang sudah berlangsung" in html
