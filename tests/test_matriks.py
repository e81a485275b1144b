"""The permission matrix: every address of the site × who asks → the answer they get.

Five people ask: nobody (``anon``), participant A (``peserta``, A's own things), participant B
(``peserta_lain``, asking for A's things), staff (``staf``, the Staf BPSDM role) and an admin (``admin``,
the Admin BPSDM role). Every address is built with the real ids of one world (an angkatan, A and B each
with an account, an enrolment and a ready certificate, a training day, a correction request, import
sessions and jobs of every kind, some made by another staff user or admin) and asked by GET, then by a
POST with no data. ``MATRIKS`` says what each of them gets; ``DILEWATI`` names what is left out, and why.

A URL the resolver knows and the table does not fails ``test_every_url_of_the_site_has_a_row``, as
does a row whose URL is gone. No answer is ever a 500.
"""

from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.files.base import ContentFile
from django.db import transaction
from django.templatetags.static import static
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from angkatan.models import Angkatan, HariPelatihan
from angkatan.tests.factories import AngkatanFactory
from diklat.access import StaffPermissionRequiredMixin
from diklat.models import Tugas
from diklat.tests.factories import MataPelatihanFactory, UserFactory, admin_user, peserta_user, staf_user
from peserta.akun.services import tautan_aktivasi
from peserta.ekspor.lintas import JENIS as JENIS_EKSPOR_LINTAS
from peserta.models import Pendaftaran, PermintaanPerbaikanData, SesiImpor, TugasEkspor
from peserta.tests.factories import PendaftaranFactory, PesertaFactory
from sertifikat.models import Sertifikat, TugasSertifikat
from sertifikat.services import sertifikat_issue
from sertifikat.siasn import JENIS as JENIS_SIASN
from sertifikat.siasn import JENIS_LINTAS as JENIS_SIASN_LINTAS
from sertifikat.tests.factories import SertifikatFactory, tugas_sertifikat

pytestmark = pytest.mark.django_db

PERAN = ("anon", "peserta", "peserta_lain", "staf", "admin")

# The answers ----------------------------------------------------------------------------------------------------------

# Sent to the login page, with the address asked for as ``?next=``.
MASUK = "masuk"


@dataclass(frozen=True)
class Ke:
    """A redirect that is the page's normal answer (not a refusal): to the page of this URL name.

    With ``isi`` (parameter → key of the world) the whole path must match; without, the page's name. A
    ``tujuan`` that starts with "/" is a path, matched as it is.
    """

    tujuan: str
    isi: dict = field(default_factory=dict)
    status: int = 302

    def __repr__(self):
        return f"{self.status}→{self.tujuan}"


ANGKATAN = {"pk": "angkatan"}


@dataclass(frozen=True)
class Baris:
    """One address of the site, how its parameters are filled, and what each of ``PERAN`` gets.

    ``get`` and ``post`` hold one answer per role: a status, ``MASUK`` or a ``Ke``; ``isi`` names what of
    the world fills each parameter of the URL (parameter → key of ``Dunia.nilai``). A view that takes POST
    says what an empty POST gets; for one that does not, the POST answer is the GET's when that is a
    refusal made before the method is looked at (``MASUK``, 403), else 405, unless ``post`` says otherwise.
    """

    nama: str
    get: tuple
    post: tuple | None = None
    isi: dict = field(default_factory=dict)
    varian: str = ""
    # What the page must say when the GET's status is the key: why a link or a code is refused.
    pesan: dict = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.nama}[{self.varian}]" if self.varian else self.nama

    def jawaban_post(self) -> tuple:
        if self.post is not None:
            return self.post
        return tuple(j if j in (MASUK, 403) else 405 for j in self.get)


def _semua(jawaban) -> tuple:
    return (jawaban,) * len(PERAN)


# Staff and admins; participants are refused, nobody is sent to log in.
STAF = (MASUK, 403, 403, 200, 200)
# Admins only.
ADMIN = (MASUK, 403, 403, 403, 200)
# A staff action that takes POST only, opened by GET.
AKSI_STAF = (MASUK, 403, 403, 405, 405)
AKSI_ADMIN = (MASUK, 403, 403, 403, 405)
# A participant's page of their own enrolment (A's ids): B and staff find nothing, as for a missing id.
MILIK_A = (MASUK, 200, 404, 404, 404)


def _staf_post(ke) -> tuple:
    return (MASUK, 403, 403, ke, ke)


def _admin_post(ke) -> tuple:
    return (MASUK, 403, 403, 403, ke)


KE_ANGKATAN = Ke("angkatan:detail", ANGKATAN)
KE_SERTIFIKAT = Ke("sertifikat:angkatan", ANGKATAN)
KE_PRESENSI = Ke("peserta:presensi", ANGKATAN)
KE_NILAI = Ke("peserta:nilai", ANGKATAN)
HARI = {"pk": "angkatan", "hari_pk": "hari"}
PERMINTAAN = {"pk": "angkatan", "permintaan_pk": "permintaan"}

MATRIKS = [
    # The site's own pages: the front door, logging in and out, passwords.
    Baris(
        "beranda",
        get=(MASUK, Ke("peserta:portal"), Ke("peserta:portal"), Ke("dasbor:index"), Ke("dasbor:index")),
        post=(MASUK, Ke("peserta:portal"), Ke("peserta:portal"), Ke("dasbor:index"), Ke("dasbor:index")),
    ),
    Baris("password_change", get=(MASUK, 200, 200, 200, 200), post=(MASUK, 200, 200, 200, 200)),
    Baris("login", get=(200, *(Ke("beranda"),) * 4), post=(200, *(Ke("beranda"),) * 4)),
    Baris("logout", get=_semua(405), post=_semua(Ke("login"))),
    Baris("password_reset", get=_semua(200), post=_semua(200)),
    Baris("password_reset_done", get=_semua(200)),
    Baris("password_reset_complete", get=_semua(200)),
    Baris(
        "password_reset_confirm",
        varian="tautan-asli",
        isi={"uidb64": "uid_reset", "token": "token_reset"},
        get=_semua(Ke("password_reset_confirm", {"uidb64": "uid_reset", "token": "set_password"})),
        post=_semua(Ke("password_reset_confirm", {"uidb64": "uid_reset", "token": "set_password"})),
    ),
    Baris(
        "password_reset_confirm",
        varian="tautan-palsu",
        isi={"uidb64": "uid_reset", "token": "token_palsu"},
        get=_semua(200),
        post=_semua(200),
        pesan={200: "Tautan sudah dipakai atau kedaluwarsa"},
    ),
    Baris(
        "favicon",
        get=_semua(Ke(static("favicon.svg"), status=301)),
        post=_semua(Ke(static("favicon.svg"), status=301)),
    ),
    # Without a language or an address to go back to, home.
    Baris("set_language", get=_semua(Ke("beranda")), post=_semua(Ke("beranda"))),
    # Staff pages of the ground floor: the dashboard, programs, jobs.
    Baris("dasbor:index", get=STAF),
    Baris("diklat:program-list", get=STAF),
    Baris("diklat:program-create", get=STAF, post=STAF),
    Baris("diklat:program-detail", isi={"pk": "program"}, get=STAF),
    Baris("diklat:program-update", isi={"pk": "program"}, get=STAF, post=STAF),
    Baris("diklat:program-logo", isi={"pk": "program"}, get=STAF),
    # A certificate job, whoever started it, is seen by everyone who may see certificate jobs.
    *(
        Baris("tugas:detail", varian=jenis, isi={"pk": f"tugas_{jenis}"}, get=STAF)
        for jenis in ("buat", "zip", "gabung")
    ),
    # An export job (an angkatan's SIASN ZIP, an export across angkatan) is its maker's only: anyone else,
    # even an admin, finds nothing.
    Baris(
        "tugas:detail",
        varian="siasn-staf-lain",
        isi={"pk": "tugas_siasn_staf_lain"},
        get=(MASUK, 403, 403, 404, 404),
        post=(MASUK, 403, 403, 404, 404),
    ),
    Baris(
        "tugas:detail",
        varian="siasn-sendiri",
        isi={"pk": "tugas_siasn_staf"},
        get=(MASUK, 403, 403, 200, 404),
        post=(MASUK, 403, 403, 405, 404),
    ),
    Baris(
        "tugas:detail",
        varian="ekspor-admin-lain",
        isi={"pk": "tugas_ekspor_admin_lain"},
        get=(MASUK, 403, 403, 404, 404),
        post=(MASUK, 403, 403, 404, 404),
    ),
    Baris(
        "tugas:detail",
        varian="ekspor-sendiri",
        isi={"pk": "tugas_ekspor_admin"},
        get=(MASUK, 403, 403, 404, 200),
        post=(MASUK, 403, 403, 404, 405),
    ),
    Baris(
        "tugas:detail",
        varian="siasn-lintas-admin-lain",
        isi={"pk": "tugas_siasn_lintas_admin_lain"},
        get=(MASUK, 403, 403, 404, 404),
        post=(MASUK, 403, 403, 404, 404),
    ),
    Baris("tugas:unduh", varian="zip", isi={"pk": "tugas_zip"}, get=STAF),
    # A render keeps no file: nothing to download, for anyone.
    Baris("tugas:unduh", varian="buat", isi={"pk": "tugas_buat"}, get=(MASUK, 403, 403, 404, 404)),
    Baris(
        "tugas:unduh",
        varian="ekspor-admin-lain",
        isi={"pk": "tugas_ekspor_admin_lain"},
        get=(MASUK, 403, 403, 404, 404),
        post=(MASUK, 403, 403, 404, 404),
    ),
    Baris(
        "tugas:unduh",
        varian="ekspor-sendiri",
        isi={"pk": "tugas_ekspor_admin"},
        get=(MASUK, 403, 403, 404, 200),
        post=(MASUK, 403, 403, 404, 405),
    ),
    # Angkatan and venues.
    Baris("angkatan:list", get=STAF),
    Baris("angkatan:create", get=STAF, post=STAF),
    Baris("angkatan:detail", isi=ANGKATAN, get=STAF),
    Baris("angkatan:update", isi=ANGKATAN, get=STAF, post=STAF),
    Baris("angkatan:status", isi=ANGKATAN, get=AKSI_STAF, post=_staf_post(KE_ANGKATAN)),
    Baris("angkatan:venue-list", get=STAF),
    Baris("angkatan:venue-create", get=STAF, post=STAF),
    Baris("angkatan:venue-update", isi={"pk": "venue"}, get=STAF, post=STAF),
    # People in an angkatan: enrolling, a person's pages, the import.
    Baris("peserta:tambah", isi=ANGKATAN, get=STAF, post=STAF),
    Baris("peserta:aksi-massal", isi=ANGKATAN, get=AKSI_STAF, post=_staf_post(KE_ANGKATAN)),
    # Without the move to make (?ke=), back to the roster.
    Baris(
        "peserta:status",
        isi={"pk": "angkatan", "pendaftaran_pk": "pendaftaran_a"},
        get=_staf_post(KE_ANGKATAN),
        post=_staf_post(KE_ANGKATAN),
    ),
    Baris("peserta:detail", isi={"pk": "peserta_a"}, get=STAF),
    Baris("peserta:kabkota-pilihan", get=STAF),
    Baris("peserta:cari", get=STAF),
    Baris("peserta:ubah", isi={"pk": "peserta_a"}, get=STAF, post=STAF),
    Baris("peserta:ubah-nip", isi={"pk": "peserta_a"}, get=ADMIN, post=ADMIN),
    Baris("peserta:akun", isi={"pk": "peserta_a"}, get=STAF, post=_staf_post(Ke("peserta:akun", {"pk": "peserta_a"}))),
    Baris("peserta:impor", isi=ANGKATAN, get=STAF, post=STAF),
    Baris("peserta:impor-templat", isi=ANGKATAN, get=STAF),
    # An import session is its uploader's only: anyone else, even an admin, finds nothing.
    Baris(
        "peserta:impor-pratinjau",
        varian="sendiri",
        isi={"pk": "angkatan", "sesi": "sesi_staf"},
        get=(MASUK, 403, 403, 200, 404),
    ),
    Baris(
        "peserta:impor-pratinjau",
        varian="staf-lain",
        isi={"pk": "angkatan", "sesi": "sesi_staf_lain"},
        get=(MASUK, 403, 403, 404, 404),
    ),
    Baris(
        "peserta:impor-konfirmasi",
        varian="sendiri",
        isi={"pk": "angkatan", "sesi": "sesi_staf"},
        get=AKSI_STAF,
        post=(MASUK, 403, 403, Ke("peserta:impor-pratinjau", {"pk": "angkatan", "sesi": "sesi_staf"}), 404),
    ),
    Baris(
        "peserta:impor-konfirmasi",
        varian="staf-lain",
        isi={"pk": "angkatan", "sesi": "sesi_staf_lain"},
        get=AKSI_STAF,
        post=(MASUK, 403, 403, 404, 404),
    ),
    Baris(
        "peserta:impor-batal",
        varian="sendiri",
        isi={"pk": "angkatan", "sesi": "sesi_staf"},
        get=AKSI_STAF,
        post=(MASUK, 403, 403, Ke("peserta:impor", ANGKATAN), 404),
    ),
    Baris(
        "peserta:impor-batal",
        varian="staf-lain",
        isi={"pk": "angkatan", "sesi": "sesi_staf_lain"},
        get=AKSI_STAF,
        post=(MASUK, 403, 403, 404, 404),
    ),
    # Attendance and scores.
    Baris("peserta:presensi", isi=ANGKATAN, get=STAF),
    Baris(
        "peserta:presensi-sel",
        isi={"pk": "angkatan", "pendaftaran_pk": "pendaftaran_a", "hari_pk": "hari"},
        get=AKSI_STAF,
        post=_staf_post(KE_PRESENSI),
    ),
    Baris("peserta:presensi-semua-hadir", isi=HARI, get=AKSI_STAF, post=_staf_post(KE_PRESENSI)),
    Baris("peserta:presensi-hari-siapkan", isi=ANGKATAN, get=AKSI_STAF, post=_staf_post(KE_PRESENSI)),
    Baris("peserta:presensi-hari-tambah", isi=ANGKATAN, get=AKSI_STAF, post=STAF),
    Baris("peserta:presensi-hari-ubah", isi=HARI, get=AKSI_STAF, post=_staf_post(KE_PRESENSI)),
    Baris("peserta:presensi-hari-hapus", isi=HARI, get=STAF, post=_staf_post(KE_PRESENSI)),
    Baris("peserta:daftar-hadir", isi=HARI, get=STAF),
    # An empty save draws the grid again.
    Baris("peserta:nilai", isi=ANGKATAN, get=STAF, post=STAF),
    Baris("peserta:nilai-finalisasi", isi=ANGKATAN, get=AKSI_STAF, post=_staf_post(KE_NILAI)),
    Baris("peserta:nilai-buka-kunci", isi=ANGKATAN, get=AKSI_ADMIN, post=_admin_post(KE_NILAI)),
    # Correction requests: the angkatan's tab, one request, its answers.
    Baris("peserta:perbaikan-data", isi=ANGKATAN, get=STAF),
    Baris("peserta:perbaikan-data-permintaan", isi=PERMINTAAN, get=STAF),
    Baris("peserta:perbaikan-data-terapkan", isi=PERMINTAAN, get=AKSI_STAF, post=STAF),
    Baris("peserta:perbaikan-data-tolak", isi=PERMINTAAN, get=AKSI_STAF, post=STAF),
    # The participant's portal: their own things only; staff have no portal of their own.
    Baris("peserta:portal", get=(MASUK, 200, 200, 200, 200)),
    Baris(
        "peserta:portal-pelatihan",
        isi={"pk": "pendaftaran_a"},
        get=MILIK_A,
        # Staff are no participant: refused before the method is looked at.
        post=(MASUK, 405, 405, 404, 404),
    ),
    Baris(
        "peserta:portal-data",
        isi={"pk": "pendaftaran_a"},
        get=MILIK_A,
        post=(MASUK, Ke("peserta:portal-data", {"pk": "pendaftaran_a"}), 404, 404, 404),
    ),
    Baris(
        "peserta:portal-data-perbaikan",
        isi={"pk": "pendaftaran_a"},
        get=(MASUK, Ke("peserta:portal-data", {"pk": "pendaftaran_a"}), 404, 404, 404),
        post=MILIK_A,
    ),
    Baris("peserta:portal-akun", get=(MASUK, 200, 200, 404, 404), post=(MASUK, 200, 200, 404, 404)),
    # Opening an account: anyone may ask for a link; a link is its own key.
    Baris("peserta:aktivasi-minta", get=_semua(200), post=_semua(200)),
    Baris(
        "peserta:aktivasi",
        varian="tautan-asli",
        isi={"uidb64": "uid_calon", "token": "token_calon"},
        get=_semua(200),
        post=_semua(200),
    ),
    Baris(
        "peserta:aktivasi",
        varian="tautan-palsu",
        isi={"uidb64": "uid_calon", "token": "token_palsu"},
        get=_semua(410),
        post=_semua(410),
        pesan={410: "Tautan ini tidak dikenali."},
    ),
    # Exports and sheets.
    Baris("peserta:ekspor-roster", isi=ANGKATAN, get=STAF, post=(MASUK, 403, 403, 400, 400)),
    Baris("peserta:lembar-tanda-terima", isi=ANGKATAN, get=STAF),
    Baris("peserta:lembar-papan-nama", isi=ANGKATAN, get=STAF),
    Baris("peserta:lembar-papan-meja", isi=ANGKATAN, get=STAF),
    Baris("peserta:ekspor-lintas", get=ADMIN, post=(MASUK, 403, 403, 403, 400)),
    Baris("peserta:ekspor-lintas-hitung", get=AKSI_ADMIN, post=ADMIN),
    Baris("peserta:statistik", get=STAF),
    # Certificates: the angkatan's tab, its jobs, one certificate.
    Baris("sertifikat:angkatan", isi=ANGKATAN, get=STAF),
    # Naming nobody is the button for every graduate: with every certificate made, a job done at once.
    Baris("sertifikat:buat", isi=ANGKATAN, get=AKSI_STAF, post=_staf_post(Ke("tugas:detail"))),
    Baris("sertifikat:terbit-ulang-semua", isi=ANGKATAN, get=AKSI_ADMIN, post=_admin_post(KE_SERTIFIKAT)),
    Baris("sertifikat:cabut-semua", isi=ANGKATAN, get=AKSI_ADMIN, post=_admin_post(KE_SERTIFIKAT)),
    Baris(
        "sertifikat:arsip",
        isi={"pk": "angkatan", "jenis": "arsip_zip"},
        get=AKSI_STAF,
        post=_staf_post(Ke("tugas:detail")),
    ),
    Baris("sertifikat:tugas-lama", isi={"pk": "tugas_zip"}, get=_staf_post(Ke("tugas:detail", {"pk": "tugas_zip"}))),
    Baris("sertifikat:tugas-unduh", isi={"pk": "tugas_zip"}, get=_staf_post(Ke("tugas:unduh", {"pk": "tugas_zip"}))),
    # A's certificate: A and staff download it; B finds nothing. A revoked one, A is told it no longer holds.
    Baris("sertifikat:unduh", isi={"pk": "sertifikat_a"}, get=(MASUK, 200, 404, 200, 200)),
    Baris(
        "sertifikat:unduh",
        varian="dicabut",
        isi={"pk": "sertifikat_a_dicabut"},
        get=(MASUK, 403, 404, 200, 200),
        post=(MASUK, 405, 405, 405, 405),
        pesan={403: "Sertifikat ini tidak berlaku lagi."},
    ),
    Baris("sertifikat:ulangi", isi={"pk": "sertifikat_a"}, get=AKSI_STAF, post=_staf_post(KE_SERTIFIKAT)),
    Baris("sertifikat:cabut", isi={"pk": "sertifikat_a"}, get=AKSI_ADMIN, post=_admin_post(KE_SERTIFIKAT)),
    Baris("sertifikat:terbit-ulang", isi={"pk": "sertifikat_a"}, get=AKSI_ADMIN, post=_admin_post(KE_SERTIFIKAT)),
    Baris("sertifikat:siasn", isi={"pk": "angkatan", "format": "format_csv"}, get=STAF),
    Baris("sertifikat:siasn-zip", isi=ANGKATAN, get=AKSI_STAF, post=_staf_post(Ke("tugas:detail"))),
    Baris("sertifikat:siasn-lintas", get=AKSI_ADMIN, post=(MASUK, 403, 403, 403, 400)),
    # The public verification: anyone, logged in or not.
    Baris("sertifikat:verifikasi-unggah", get=_semua(200), post=_semua(200)),
    Baris(
        "sertifikat:verifikasi",
        varian="kode-asli",
        isi={"kode": "kode_a"},
        get=_semua(200),
        pesan={200: "Sertifikat ini sah"},
    ),
    Baris(
        "sertifikat:verifikasi",
        varian="kode-dicabut",
        isi={"kode": "kode_a_dicabut"},
        get=_semua(200),
        pesan={200: "Sertifikat ini telah dicabut dan tidak berlaku lagi."},
    ),
    Baris(
        "sertifikat:verifikasi",
        varian="kode-palsu",
        isi={"kode": "kode_palsu"},
        get=_semua(404),
        pesan={404: "Kami tidak menemukan sertifikat dengan kode ini."},
    ),
    Baris(
        "sertifikat:verifikasi-lain",
        isi={"kode": "kode_bergaris"},
        get=_semua(404),
        pesan={404: "Kami tidak menemukan sertifikat dengan kode ini."},
    ),
    # The Django admin stands here by its front page (the rest: DILEWATI). Staff without the admin role
    # get its login page, which says they may not enter; participants get 403.
    Baris(
        "admin:index",
        get=(Ke("admin:login"), 403, 403, Ke("admin:login"), 200),
        post=(Ke("admin:login"), 403, 403, Ke("admin:login"), 200),
    ),
]

# What the walk finds and the matrix leaves out, each with the reason.
DILEWATI = {
    "admin": "Django's admin pages: its site lets in the Admin BPSDM role as a whole (diklat/adminsite.py), "
    "which admin:index above and tests/test_akses.py check; each model page's permissions are Django's own.",
}


# The world ------------------------------------------------------------------------------------------------------------

NAMA_A = "Budi Santoso"


@dataclass
class Dunia:
    """The objects the addresses name (``nilai``: key → id or text) and who asks as each role (``akun``)."""

    nilai: dict
    akun: dict
    # A's and B's full name and NIP, by their role.
    orang: dict
    media: object = None


def _orang(angkatan, nama: str) -> dict:
    """A participant with an open account, graduated from the angkatan, with a ready certificate on file."""
    peserta = PesertaFactory(nama=nama)
    peserta.user = peserta_user(username=peserta.nip)
    peserta.save()
    pendaftaran = PendaftaranFactory(
        peserta=peserta, angkatan=angkatan, status=Pendaftaran.Status.LULUS, predikat="Memuaskan"
    )
    sertifikat = sertifikat_issue(pendaftaran=pendaftaran)
    sertifikat.berkas.save("sertifikat.pdf", ContentFile(b"%PDF-1.7\n% uji matriks\n%%EOF\n"), save=False)
    sertifikat.status = Sertifikat.Status.READY
    sertifikat.diterbitkan_pada = timezone.now()
    sertifikat.save()
    return {"peserta": peserta, "pendaftaran": pendaftaran, "sertifikat": sertifikat}


def _tugas_ekspor(jenis: str, *, oleh, parameter: dict, berkas: str = "") -> Tugas:
    """An export job (across angkatan, or a SIASN ZIP) made by ``oleh``; done with its file when ``berkas`` is named."""
    tugas = Tugas.objects.create(jenis=jenis, dibuat_oleh=oleh, total=2)
    TugasEkspor.objects.create(tugas=tugas, parameter={**parameter, "ringkasan": "Semua pendaftaran"})
    if berkas:
        tugas.berkas.save(berkas, ContentFile(b"Nama,NIP\n"), save=False)
        tugas.status = Tugas.Status.SELESAI
        tugas.save()
    return tugas


def _tautan(path: str) -> tuple[str, str]:
    """Return the uidb64 and token of a one-time link's path."""
    *_awal, uidb64, token = urlsplit(path).path.rstrip("/").split("/")
    return uidb64, token


def _bangun_dunia() -> Dunia:
    angkatan = AngkatanFactory(status=Angkatan.Status.RUNNING, nilai_dikunci_pada=timezone.now())
    MataPelatihanFactory(program=angkatan.program)
    # The program's logo, shown to staff through the site's own page.
    angkatan.program.logo.save("logo.svg", ContentFile(b'<svg xmlns="http://www.w3.org/2000/svg"/>'))
    hari = HariPelatihan.objects.create(angkatan=angkatan, tanggal=angkatan.tanggal_mulai)
    a, b = _orang(angkatan, NAMA_A), _orang(angkatan, "Sari Rahayu")
    # A's certificate of an earlier angkatan, revoked.
    dicabut = SertifikatFactory(
        pendaftaran=PendaftaranFactory(
            peserta=a["peserta"],
            angkatan=AngkatanFactory(program=angkatan.program, tahun=2021),
            status=Pendaftaran.Status.LULUS,
            predikat="Memuaskan",
        ),
        dicabut=True,
    )
    dicabut.berkas.save("dicabut.pdf", ContentFile(b"%PDF-1.7\n%%EOF\n"))
    staf, staf_lain = staf_user(), staf_user()
    admin, admin_lain = admin_user(), admin_user()
    # Someone whose account is not open yet: their activation link is real.
    calon = PesertaFactory()
    calon.user = UserFactory(username=calon.nip, password=None)
    calon.user.set_unusable_password()
    calon.user.save()
    calon.save()
    permintaan = PermintaanPerbaikanData.objects.create(pendaftaran=a["pendaftaran"], isian={"nama": "Budi Santosa"})
    sesi = {
        oleh: SesiImpor.objects.create(
            angkatan=angkatan, dibuat_oleh=akun, nama_berkas="usulan.xlsx", sha256="0" * 64, baris=[]
        ).pk
        for oleh, akun in (("staf", staf), ("staf_lain", staf_lain))
    }
    tugas = {
        jenis: tugas_sertifikat(angkatan=angkatan, jenis=jenis, dibuat_oleh=staf_lain, total=2)
        for jenis in TugasSertifikat.Jenis.values
    }
    tugas["zip"].berkas.save("sertifikat.zip", ContentFile(b"PK\x05\x06" + b"\0" * 18), save=False)
    tugas["zip"].status = Tugas.Status.SELESAI
    tugas["zip"].save()
    siasn = {"angkatan": [angkatan.pk]}
    uid_calon, token_calon = _tautan(tautan_aktivasi(calon.user))
    nilai = {
        "angkatan": angkatan.pk,
        "program": angkatan.program_id,
        "venue": angkatan.venue_id,
        "hari": hari.pk,
        "peserta_a": a["peserta"].pk,
        "pendaftaran_a": a["pendaftaran"].pk,
        "sertifikat_a": a["sertifikat"].pk,
        "kode_a": a["sertifikat"].kode_verifikasi,
        "sertifikat_a_dicabut": dicabut.pk,
        "kode_a_dicabut": dicabut.kode_verifikasi,
        "kode_palsu": "bukan-kode-sertifikat-0000",
        "kode_bergaris": "abc/def",
        "permintaan": permintaan.pk,
        "sesi_staf": sesi["staf"],
        "sesi_staf_lain": sesi["staf_lain"],
        **{f"tugas_{jenis}": t.pk for jenis, t in tugas.items()},
        "tugas_siasn_staf_lain": _tugas_ekspor(JENIS_SIASN, oleh=staf_lain, parameter=siasn).pk,
        "tugas_siasn_staf": _tugas_ekspor(JENIS_SIASN, oleh=staf, parameter=siasn).pk,
        "tugas_ekspor_admin_lain": _tugas_ekspor(
            JENIS_EKSPOR_LINTAS, oleh=admin_lain, parameter={"filter": {}}, berkas="ekspor.csv"
        ).pk,
        "tugas_ekspor_admin": _tugas_ekspor(
            JENIS_EKSPOR_LINTAS, oleh=admin, parameter={"filter": {}}, berkas="ekspor.csv"
        ).pk,
        "tugas_siasn_lintas_admin_lain": _tugas_ekspor(
            JENIS_SIASN_LINTAS, oleh=admin_lain, parameter={"filter": {}}
        ).pk,
        "arsip_zip": TugasSertifikat.Jenis.ZIP.value,
        "format_csv": "csv",
        # A password reset link of someone who never logs in during these tests (a login would void it).
        "uid_reset": urlsafe_base64_encode(force_bytes(staf_lain.pk)),
        "token_reset": default_token_generator.make_token(staf_lain),
        "set_password": "set-password",
        "uid_calon": uid_calon,
        "token_calon": token_calon,
        "token_palsu": "tautan-palsu",
    }
    akun = {
        "anon": None,
        "peserta": a["peserta"].user,
        "peserta_lain": b["peserta"].user,
        "staf": staf,
        "admin": admin,
    }
    orang = {peran: (o["peserta"].nama, o["peserta"].nip) for peran, o in (("peserta", a), ("peserta_lain", b))}
    return Dunia(nilai=nilai, akun=akun, orang=orang)


@pytest.fixture(scope="module")
def dunia(django_db_setup, django_db_blocker, tmp_path_factory):
    """Build the world once for the module, in a transaction rolled back at its end.

    Each test runs inside it (pytest-django's transaction becomes a savepoint), so what a POST changes is
    undone before the next test. Nothing is committed: no job is ever sent to a worker.
    """
    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=media,
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            SERTIFIKAT_KUNCI_P12="",
        ),
        transaction.atomic(),
    ):
        dunia = _bangun_dunia()
        dunia.media = media
        yield dunia
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _media_dunia(_test_settings, settings, dunia):
    # The world's files are in the module's folder, not in the one conftest gives each test.
    settings.MEDIA_ROOT = dunia.media


# The walk -------------------------------------------------------------------------------------------------------------


def _pola(patterns=None, namespace: str = ""):
    """Yield (full URL name, pattern) of every pattern the resolver knows; an unnamed one by its route."""
    for pola in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pola, URLResolver):
            ns = f"{namespace}:{pola.namespace}" if namespace and pola.namespace else (pola.namespace or namespace)
            yield from _pola(pola.url_patterns, ns)
        elif isinstance(pola, URLPattern):
            nama = pola.name or f"<tanpa nama: {pola.pattern}>"
            yield (f"{namespace}:{nama}" if namespace else nama), pola


POLA = dict(_pola())


def _dilewati(nama: str) -> bool:
    return nama.split(":", 1)[0] in DILEWATI and ":" in nama


def _alamat(baris: Baris, nilai: dict, *, ganti_id=None) -> str:
    kwargs = {param: nilai[kunci] for param, kunci in baris.isi.items()}
    if ganti_id is not None:
        konverter = POLA[baris.nama].pattern.converters
        kwargs = {k: ganti_id if type(konverter[k]).__name__ == "IntConverter" else v for k, v in kwargs.items()}
    return reverse(baris.nama, kwargs=kwargs)


# The tests ------------------------------------------------------------------------------------------------------------


def test_every_url_of_the_site_has_a_row():
    di_tabel = {baris.nama for baris in MATRIKS}
    tanpa_baris = sorted(nama for nama in POLA if nama not in di_tabel and not _dilewati(nama))
    hilang = sorted(di_tabel - set(POLA))
    assert tanpa_baris == [], f"URLs without a row in MATRIKS (say who gets what): {tanpa_baris}"
    assert hilang == [], f"rows of MATRIKS whose URL is gone: {hilang}"
    assert all(any(nama.startswith(f"{ns}:") for nama in POLA) for ns in DILEWATI), "DILEWATI names what is gone"


def test_each_row_fills_every_parameter_and_answers_for_every_role():
    for baris in MATRIKS:
        pola = POLA[baris.nama]
        assert set(baris.isi) == set(pola.pattern.converters), (
            f"{baris.id}: fill exactly {set(pola.pattern.converters)}"
        )
        assert len(baris.get) == len(PERAN) and len(baris.jawaban_post()) == len(PERAN), baris.id
        kelas = getattr(pola.callback, "view_class", None)
        # What an empty POST gets is said for every view that takes POST (and for plain functions, which take any).
        if kelas is None or hasattr(kelas, "post"):
            assert baris.post is not None, f"{baris.id} takes POST: say what an empty POST gets"
    assert len({baris.id for baris in MATRIKS}) == len(MATRIKS), "two rows with one id: name their variants"


# Whose data each role must never read: the participants' (A is ``peserta``, B ``peserta_lain``).
ORANG_LAIN = {"anon": ("peserta", "peserta_lain"), "peserta": ("peserta_lain",), "peserta_lain": ("peserta",)}
KASUS = [(baris, peran) for baris in MATRIKS for peran in PERAN]


def _isi(response) -> str:
    # Reading a streamed answer to its end closes it, as a server would (the test client's own wrapper, which
    # keeps the test's database connection open: ``response.close()`` here would close it).
    isi = b"".join(response.streaming_content) if response.streaming else response.content
    return isi.decode(errors="replace")


def _periksa(response, harapan, alamat: str, dunia: Dunia, konteks: str) -> None:
    assert response.status_code < 500, konteks
    if harapan == MASUK:
        assert response.status_code == 302, konteks
        lokasi = urlsplit(response["Location"])
        assert lokasi.path == reverse("login") and lokasi.query == f"next={quote(alamat, safe='/')}", konteks
    elif isinstance(harapan, Ke):
        assert response.status_code == harapan.status, konteks
        lokasi = urlsplit(response["Location"]).path
        if harapan.tujuan.startswith("/"):
            assert lokasi == harapan.tujuan, konteks
        elif harapan.isi:
            kwargs = {param: dunia.nilai[kunci] for param, kunci in harapan.isi.items()}
            assert lokasi == reverse(harapan.tujuan, kwargs=kwargs), konteks
        else:
            assert resolve(lokasi).view_name == harapan.tujuan, konteks
    else:
        assert response.status_code == harapan, konteks


@pytest.mark.parametrize("baris, peran", KASUS, ids=[f"{baris.id}-{peran}" for baris, peran in KASUS])
def test_matriks(client, dunia, baris, peran):
    i = PERAN.index(peran)
    if dunia.akun[peran] is not None:
        client.force_login(dunia.akun[peran])
    alamat = _alamat(baris, dunia.nilai)

    for metode, harapan in (("GET", baris.get[i]), ("POST", baris.jawaban_post()[i])):
        konteks = f"{metode} {alamat} as {peran}"
        kirim = client.get if metode == "GET" else client.post
        response = kirim(alamat)
        _periksa(response, harapan, alamat, dunia, konteks)
        isi = _isi(response)
        if metode == "GET" and response.status_code in baris.pesan:
            assert baris.pesan[response.status_code] in isi, konteks
        for pemilik in ORANG_LAIN.get(peran, ()):
            # A participant's NIP is shown to them and to staff only, their name also where their certificate
            # is verified.
            nama, nip = dunia.orang[pemilik]
            assert nip not in isi.replace(" ", ""), f"{konteks}: shows the NIP of {pemilik}"
            if not (baris.nama == "sertifikat:verifikasi" and pemilik == "peserta"):
                assert nama not in isi, f"{konteks}: shows the name of {pemilik}"
        if harapan == MASUK or (harapan == 403 and 403 not in baris.pesan):
            # Refused before anything is looked up: an id that does not exist gets the same answer. (A 403 that
            # says why is about the thing itself, told to its owner.)
            lain = _alamat(baris, dunia.nilai, ganti_id=10**9)
            if lain != alamat:
                _periksa(kirim(lain), harapan, lain, dunia, f"{metode} {lain} as {peran}")


def _izin_tetap(pola) -> tuple[str, ...] | None:
    """The permissions a staff page asks for, when its class names them once for all (not per request)."""
    kelas = getattr(pola.callback, "view_class", None)
    if not (isinstance(kelas, type) and issubclass(kelas, StaffPermissionRequiredMixin)):
        return None
    if kelas.get_permission_required is not StaffPermissionRequiredMixin.get_permission_required:
        return None
    if kelas.has_permission is not StaffPermissionRequiredMixin.has_permission:
        return None
    izin = getattr(kelas, "permission_required", None)
    if not izin:
        return None
    return (izin,) if isinstance(izin, str) else tuple(izin)


def test_the_matrix_gives_each_role_the_staff_pages_its_permissions_open():
    # The table is written by hand; the roles' permissions are granted by migrations. Where a page names its
    # permissions once for all, the two must agree: a role is refused (403) exactly where it lacks one.
    staf, admin = staf_user(), admin_user()
    berizin = [(baris, _izin_tetap(POLA[baris.nama])) for baris in MATRIKS]
    berizin = [(baris, izin) for baris, izin in berizin if izin]
    halaman_staf = [
        b
        for b in MATRIKS
        if issubclass(getattr(POLA[b.nama].callback, "view_class", object), StaffPermissionRequiredMixin)
    ]
    # Nearly every staff page names them once; the few that decide per request are checked in their own tests.
    assert len({b.nama for b, _ in berizin}) >= len({b.nama for b in halaman_staf}) - 8
    salah = []
    for baris, izin in berizin:
        for peran, akun in (("staf", staf), ("admin", admin)):
            ditolak = baris.get[PERAN.index(peran)] == 403
            if ditolak == akun.has_perms(izin):
                salah.append(f"{baris.id} as {peran} (needs {izin}): the table says {baris.get[PERAN.index(peran)]}")
    assert salah == []
