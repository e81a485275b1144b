import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from angkatan.models import HariPelatihan
from angkatan.tests.factories import AngkatanFactory
from diklat.tests.factories import ProgramFactory, UserFactory, peserta_user
from peserta.models import Pendaftaran, Presensi
from peserta.presensi.services import presensi_hari_siapkan, presensi_set
from peserta.tests.factories import PendaftaranFactory, PesertaFactory

pytestmark = pytest.mark.django_db

MENGIKUTI = Pendaftaran.Status.MENGIKUTI
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def angkatan():
    return AngkatanFactory(nomor=4, program=ProgramFactory(min_kehadiran_persen=Decimal("80")))


def url_grid(angkatan):
    return reverse("peserta:presensi", args=[angkatan.pk])


def url_sel(angkatan, pendaftaran, hari):
    return reverse("peserta:presensi-sel", args=[angkatan.pk, pendaftaran.pk, hari.pk])


def hari_ke(angkatan, n: int) -> HariPelatihan:
    return HariPelatihan.objects.filter(angkatan=angkatan).order_by("tanggal")[n]


def test_opening_the_tab_creates_nothing_and_the_button_prepares_the_days(staf_client, angkatan):
    PendaftaranFactory(angkatan=angkatan, status=MENGIKUTI, peserta=PesertaFactory(nama="Siti Rahmawati"))
    PendaftaranFactory(angkatan=angkatan, status="diverifikasi", peserta=PesertaFactory(nama="Agus Salim"))
    PendaftaranFactory(angkatan=angkatan, peserta=PesertaFactory(nama="Budi Diusulkan"))

    # A GET (a link followed, a prefetch, a crawler) must not write.
    response = staf_client.get(url_grid(angkatan))

    html = response.content.decode()
    assert response.status_code == 200
    assert not HariPelatihan.objects.filter(angkatan=angkatan).exists()
    assert "Belum ada hari pelatihan" in html
    assert "Siapkan hari pelatihan" in html
    assert reverse("peserta:presensi-hari-siapkan", args=[angkatan.pk]) in html
    assert "Batas minimal program: 80%." in html

    response = staf_client.post(reverse("peserta:presensi-hari-siapkan", args=[angkatan.pk]), follow=True)

    html = response.content.decode()
    assert HariPelatihan.objects.filter(angkatan=angkatan).count() == 5
    assert "5 hari pelatihan dibuat dari jadwal angkatan" in html
    for kepala in ["Sen 20/6", "Sel 21/6", "Rab 22/6", "Kam 23/6", "Jum 24/6"]:
        assert kepala in html
    assert "Siti Rahmawati" in html and "Agus Salim" in html
    assert "Budi Diusulkan" not in html
    assert "1 peserta masih berstatus Diusulkan" in html
    assert "Siti Rahmawati, S.KM., M.Kes., Senin, 20 Juni 2022: Belum diisi. Ubah menjadi Hadir." in html
    assert 'class="nav-link active" aria-current="page"' in html
    assert "Siapkan hari pelatihan" not in html
    # Preparing again (a double click) creates nothing more.
    staf_client.post(reverse("peserta:presensi-hari-siapkan", args=[angkatan.pk]))
    assert HariPelatihan.objects.filter(angkatan=angkatan).count() == 5


def test_viewers_without_the_right_to_prepare_days_see_no_button(client, angkatan):
    viewer = UserFactory()
    viewer.user_permissions.add(*Permission.objects.filter(codename__in=["view_presensi", "view_angkatan"]))
    client.force_login(viewer)

    html = client.get(url_grid(angkatan)).content.decode()

    assert "Belum ada hari pelatihan" in html
    assert "Siapkan hari pelatihan" not in html
    assert not HariPelatihan.objects.filter(angkatan=angkatan).exists()


def test_htmx_click_returns_the_cell_and_the_rows_percentage(staf_client, angkatan):
    presensi_hari_siapkan(angkatan=angkatan)
    pendaftaran = PendaftaranFactory(angkatan=angkatan, status=MENGIKUTI)
    hari = hari_ke(angkatan, 0)

    response = staf_client.post(url_sel(angkatan, pendaftaran, hari), {"status": "hadir"}, **HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<td id="sel-{pendaftaran.pk}-{hari.pk}"')
    assert 'value="alpa"' in html  # the next click makes it "tidak hadir"
    assert f'<td id="persen-{pendaftaran.pk}"' in html and 'hx-swap-oob="true"' in html
    assert "20%" in html
    assert f'<td id="hadir-hari-{hari.pk}"' in html and ">1/1</td>" in html
    assert "<html" not in html
    assert Presensi.objects.get().status == "hadir"
    pendaftaran.refresh_from_db()
    assert pendaftaran.persen_kehadiran == Decimal("20.00")


def test_without_javascript_the_cell_form_redirects_back_to_the_row(staf_client, angkatan):
    presensi_hari_siapkan(angkatan=angkatan)
    pendaftaran = PendaftaranFactory(angkatan=angkatan, status=MENGIKUTI)
    hari = hari_ke(angkatan, 1)

    response = staf_client.post(url_sel(angkatan, pendaftaran, hari), {"status": "sakit"})

    assert response.status_code == 302
    assert response["Location"] == f"{url_grid(angkatan)}#baris-{pendaftaran.pk}"
    assert Presensi.objects.get().status == "sakit"
    halaman = staf_client.get(response["Location"]).content.decode()
    assert f"Presensi {pendaftaran.peserta.nama_lengkap} pada Selasa, 21 Juni 2022: Sakit." in halaman


def test_a_bad_status_is_refused_with_a_message(staf_client, angkatan):
    presensi_hari_siapkan(angkatan=angkatan)
    pendaftaran = PendaftaranFactory(angkatan=angkatan, status=MENGIKUTI)
    hari = hari_ke(angkatan, 0)
    presensi_set(pendaftaran=pendaftaran, hari=hari, status="izin")

    htmx = staf_client.post(url_sel(angkatan, pendaftaran, hari), {"status": "<b>hadir</b>"}, **HTMX)
    biasa = staf_client.post(url_sel(angkatan, pendaftaran, hari), {"status": "libur"}, follow=True)

    assert htmx.status_code == 200
    assert "Status presensi “&lt;b&gt;hadir&lt;/b&gt;” tidak dikenal." in htmx.content.decode()
    assert 'value="sakit"' in htmx.content.decode()  # the cell as it was: izin, next sakit
    assert "Status presensi “libur” tidak dikenal." in biasa.content.decode()
    assert Presensi.objects.get().status == "izin"


@pytest.mark.parametrize("palsu", ["pendaftaran", "hari", "angkatan"])
def test_forged_ids_of_another_angkatan_are_not_found(staf_client, angkatan, palsu):
    presensi_hari_siapkan(angkatan=angkatan)
    pendaftaran = PendaftaranFactory(angkatan=angkatan, status=MENGIKUTI)
    lain = AngkatanFactory()
    presensi_hari_siapkan(angkatan=lain)
    pendaftaran_lain = PendaftaranFactory(angkatan=lain, status=MENGIKUTI)
    args = {
        "pendaftaran": [angkatan.pk, pendaftaran_lain.pk, hari_ke(angkatan, 0).pk],
        "hari": [angkatan.pk, pendaftaran.pk, hari_ke(lain, 0).pk],
        "angkatan": [lain.pk, pendaftaran.pk, hari_ke(angkatan, 0).pk],
    }[palsu]

    response = staf_client.post(reverse("peserta:presensi-sel", args=args), {"status": "hadir"})

    assert response.status_code == 404
    assert not Presensi.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        "/angkatan/{a}/presensi/99999999999999999999999/{h}/",
        "/angkatan/{a}/presensi/{p}/99999999999999999999999/",
        "/angkatan/99999999999999999999999/presensi/",
        "/angkatan/{a}/presensi/abc/{h}/",
    ],
)
def test_huge_or_odd_ids_are_a_404_not_a_500(staf_client, angkatan, path):
    presensi_hari_siapkan(angkatan=angkatan)
    pendaftaran = PendaftaranFactory(angkatan=angkatan, status=MENGIKUTI)

    url = path.format(a=angkatan.pk, p=pendaftaran.pk, h=hari_ke(angkatan, 0).pk)

    response = (staf_client.get if url.endswith("/presensi/") else staf_client.post)(url, {"status": "hadir"})

    assert response.status_code == 404
    assert not Presensi.objects.exists()


def test_a_proposed_participant_cannot_get_attendance(staf_client, angkatan):
    presensi_hari_siapkan(angkatan=angkatan)
    pendaftaran = PendaftaranFactory(angkatan=angkatan)

    response = staf_client.post(url_sel(angkatan, pendaftaran, hari_ke(angkatan, 0)), {"status": "hadir"}, follow=True)
    # From the grid with htmx (the person was withdrawn meanwhile, say): the whole page reloads.
    htmx = staf_client.post(url_sel(angkatan, pendaftaran, hari_ke(angkatan, 0)), {"status": "hadir"}, **HTMX)

    assert "presensi hanya dicatat untuk peserta yang sudah diverifikasi" in response.content.decode()
    assert htmx["HX-Refresh"] == "true"
    assert "presensi hanya dicatat" in staf_client.get(url_grid(angkatan)).content.decode()
    assert not Presensi.objects.exists()


def test_all_present_button_fills_the_empty_cells_of_the_day(staf_client, angkatan):
    presensi_hari_siapkan(angkatan=angkatan)
    izin, kosong = PendaftaranFactory.create_batch(2, angkatan=angkatan, status=MENGIKUTI)
    hari = hari_ke(angkatan, 0)
    presensi_set(pendaftaran=izin, hari=hari, status="izin")

    response = staf_client.post(reverse("peserta:presensi-semua-hadir", args=[angkatan.pk, hari.pk]), follow=True)

    assert "1 peserta ditandai hadir pada Senin, 20 Juni 2022" in response.content.decode()
    assert dict(Presensi.objects.values_list("pendaftaran_id", "status")) == {izin.pk: "izin", kosong.pk: "hadir"}


def test_staff_add_a_saturday_and_the_form_refuses_a_date_outside(staf_client, angkatan):
    angkatan.tanggal_selesai = datetime.date(2022, 6, 25)
    angkatan.save()
    presensi_hari_siapkan(angkatan=angkatan)
    url = reverse("peserta:presensi-hari-tambah", args=[angkatan.pk])

    ok = staf_client.post(url, {"tanggal": "2022-06-25", "keterangan": "Kunjungan lapangan"}, follow=True)
    luar = staf_client.post(url, {"tanggal": "2022-07-01", "keterangan": ""})
    rusak = staf_client.post(url, {"tanggal": "2022-02-30", "keterangan": ""})

    assert "Sabtu, 25 Juni 2022 ditambahkan sebagai hari pelatihan. Catatan: akhir pekan." in ok.content.decode()
    assert luar.status_code == 200
    assert "Jumat, 1 Juli 2022 di luar jadwal angkatan" in luar.content.decode()
    assert "Hari pelatihan tidak ditambahkan" in luar.content.decode()
    assert rusak.status_code == 200
    assert "is-invalid" in rusak.content.decode()
    assert HariPelatihan.objects.filter(angkatan=angkatan).count() == 6


def test_removing_a_day_with_attendance_asks_first(staf_client, angkatan):
    presensi_hari_siapkan(angkatan=angkatan)
    pendaftaran = PendaftaranFactory(angkatan=angkatan, status=MENGIKUTI)
    hari = hari_ke(angkatan, 0)
    presensi_set(pendaftaran=pendaftaran, hari=hari, status="hadir")
    url = reverse("peserta:presensi-hari-hapus", args=[angkatan.pk, hari.pk])

    tanya = staf_client.post(url)
    assert tanya.status_code == 200
    assert "Hapus beserta 1 catatan presensi" in tanya.content.decode()
    assert HariPelatihan.objects.filter(pk=hari.pk).exists()

    hapus = staf_client.post(url, {"termasuk_presensi": "1"}, follow=True)
    assert "Senin, 20 Juni 2022 dihapus dari hari pelatihan beserta 1 catatan presensinya." in hapus.content.decode()
    assert not HariPelatihan.objects.filter(pk=hari.pk).exists()
    assert not Presensi.objects.exists()


def test_the_days_note_is_saved_and_a_long_one_refused(staf_client, angkatan):
    presensi_hari_siapkan(angkatan=angkatan)
    hari = hari_ke(angkatan, 0)
    url = reverse("peserta:presensi-hari-ubah", args=[angkatan.pk, hari.pk])

    staf_client.post(url, {"keterangan": "Sesi 1: Kebijakan (Dr. Sugeng)"})
    panjang = staf_client.post(url, {"keterangan": "x" * 300}, follow=True)

    hari.refresh_from_db()
    assert hari.keterangan == "Sesi 1: Kebijakan (Dr. Sugeng)"
    assert "Keterangan Senin, 20 Juni 2022:" in panjang.content.decode()


def test_after_finalising_the_grid_is_read_only_and_posts_are_refused(staf_client, angkatan):
    presensi_hari_siapkan(angkatan=angkatan)
    pendaftaran = PendaftaranFactory(angkatan=angkatan, status=Pendaftaran.Status.LULUS)
    hari = hari_ke(angkatan, 0)
    Presensi.objects.create(pendaftaran=pendaftaran, hari=hari, status="hadir")
    angkatan.nilai_dikunci_pada = timezone.now()
    angkatan.save()

    halaman = staf_client.get(url_grid(angkatan)).content.decode()
    htmx = staf_client.post(url_sel(angkatan, pendaftaran, hari), {"status": "alpa"}, **HTMX)
    biasa = staf_client.post(
        reverse("peserta:presensi-semua-hadir", args=[angkatan.pk, hari_ke(angkatan, 1).pk]), follow=True
    )

    assert "presensi hanya dapat dilihat, tidak dapat diubah" in halaman
    assert pendaftaran.peserta.nama in halaman
    assert "hx-post" not in halaman
    assert "sudah difinalisasi" in htmx.content.decode()
    assert "sudah difinalisasi" in biasa.content.decode()
    assert list(Presensi.objects.values_list("status", flat=True)) == ["hadir"]


@pytest.mark.parametrize(
    ("nama", "method", "args"),
    [
        ("peserta:presensi", "get", lambda a, p, h: [a.pk]),
        ("peserta:presensi-sel", "post", lambda a, p, h: [a.pk, p.pk, h.pk]),
        ("peserta:presensi-semua-hadir", "post", lambda a, p, h: [a.pk, h.pk]),
        ("peserta:presensi-hari-tambah", "post", lambda a, p, h: [a.pk]),
        ("peserta:presensi-hari-siapkan", "post", lambda a, p, h: [a.pk]),
        ("peserta:presensi-hari-ubah", "post", lambda a, p, h: [a.pk, h.pk]),
        ("peserta:presensi-hari-hapus", "post", lambda a, p, h: [a.pk, h.pk]),
        ("peserta:daftar-hadir", "get", lambda a, p, h: [a.pk, h.pk]),
    ],
)
def test_strangers_log_in_and_participants_are_refused(client, angkatan, nama, method, args):
    presensi_hari_siapkan(angkatan=angkatan)
    pendaftaran = PendaftaranFactory(angkatan=angkatan, status=MENGIKUTI)
    url = reverse(nama, args=args(angkatan, pendaftaran, hari_ke(angkatan, 0)))
    data = {"status": "hadir", "tanggal": "2022-06-24", "keterangan": "x", "termasuk_presensi": "1"}

    anonim = getattr(client, method)(url, data)
    client.force_login(peserta_user())
    peserta = getattr(client, method)(url, data)

    assert anonim.status_code == 302 and anonim["Location"].startswith(reverse("login"))
    assert peserta.status_code == 403
    assert not Presensi.objects.exists()
    assert HariPelatihan.objects.filter(angkatan=angkatan).count() == 5
    assert not HariPelatihan.objects.filter(keterangan="x").exists()


def test_grid_query_count_does_not_grow_with_people_or_days(staf_client, angkatan, django_assert_max_num_queries):
    presensi_hari_siapkan(angkatan=angkatan)
    PendaftaranFactory(angkatan=angkatan, status=MENGIKUTI)
    staf_client.get(url_grid(angkatan))  # sessions, messages and permissions settle

    with CaptureQueriesContext(connection) as sedikit:
        assert staf_client.get(url_grid(angkatan)).status_code == 200
    # Read now: a later request outside the context clears the connection's query log.
    jumlah_query = len(sedikit.captured_queries)

    for pendaftaran in PendaftaranFactory.create_batch(25, angkatan=angkatan, status=MENGIKUTI):
        presensi_set(pendaftaran=pendaftaran, hari=hari_ke(angkatan, 0), status="hadir")
    angkatan.tanggal_selesai = datetime.date(2022, 7, 1)
    angkatan.save()
    for hari in range(27, 31):
        staf_client.post(reverse("peserta:presensi-hari-tambah", args=[angkatan.pk]), {"tanggal": f"2022-06-{hari}"})
    staf_client.get(url_grid(angkatan))

    with django_assert_max_num_queries(jumlah_query):
        response = staf_client.get(url_grid(angkatan))
    assert response.content.decode().count('<tr id="baris-') == 26
    assert "Kam 30/6" in response.content.decode()


def test_midway_someone_present_every_day_so_far_is_not_shown_as_failing(staf_client, angkatan):
    # Five days, minimum 80%: after two days, two present of five is 40%, yet all five are still possible.
    presensi_hari_siapkan(angkatan=angkatan)
    rajin = PendaftaranFactory(angkatan=angkatan, status=MENGIKUTI, peserta=PesertaFactory(nama="Ani Rajin"))
    bolos = PendaftaranFactory(angkatan=angkatan, status=MENGIKUTI, peserta=PesertaFactory(nama="Budi Bolos"))
    for n in (0, 1):
        presensi_set(pendaftaran=rajin, hari=hari_ke(angkatan, n), status="hadir")
        presensi_set(pendaftaran=bolos, hari=hari_ke(angkatan, n), status="alpa")

    html = staf_client.get(url_grid(angkatan)).content.decode()

    sel_rajin = html[html.index(f'id="persen-{rajin.pk}"') :][:900]
    sel_bolos = html[html.index(f'id="persen-{bolos.pk}"') :][:900]
    assert "masih dapat tercapai" in sel_rajin
    assert "text-bg-danger" not in sel_rajin
    # Two days missed of five: 60% at best, below the minimum whatever comes.
    assert "di bawah batas minimal" in sel_bolos
    assert "text-bg-danger" in sel_bolos
