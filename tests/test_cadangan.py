"""The restore drill: a backup (scripts/cadangkan.sh) restored into a fresh database and media folder
(scripts/pulihkan.sh) still verifies every certificate issued, on the public page and by its PDF.

Real certificates are made by the worker's own code in this process (rendered, signed, stored with their
hash), one of them revoked and one re-issued; the scripts run pg_dump and pg_restore against PostgreSQL; the
restored copy is then asked, in a process of its own pointed at it, what anyone holding a certificate asks.
"""

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from angkatan.tests.factories import AngkatanFactory
from diklat.services import program_create
from diklat.tests.test_worker import worker_database_url
from peserta.demo.isi import KURIKULUM
from peserta.models import Pendaftaran
from peserta.tests.factories import PendaftaranFactory
from sertifikat import services, signing, tasks
from sertifikat.models import Sertifikat

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
BASE_DIR = Path(settings.BASE_DIR)
Status = Sertifikat.Status

pytestmark = [
    pytest.mark.postgres,
    # The scripts read what this test wrote: it must be committed. serialized_rollback keeps the data
    # migrations' rows (regions, roles) for the tests after this one.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _alat_postgresql():
    for alat in ("pg_dump", "pg_restore", "psql"):
        if shutil.which(alat) is None:
            if IN_CI:
                pytest.fail(f"CI=true but {alat} (postgresql-client) is missing: the restore drill needs it.")
            pytest.skip(f"needs {alat} (postgresql-client)")


@pytest.fixture
def kunci(settings, tmp_path):
    """Sign the certificates with a key of this test's own, as production does with its PKCS#12."""
    jalur = tmp_path / "kunci" / "sertifikat.p12"
    call_command("buat_kunci_dev", keluaran=jalur, sandi="rahasia", stdout=io.StringIO())
    settings.SERTIFIKAT_KUNCI_P12, settings.SERTIFIKAT_KUNCI_SANDI = str(jalur), "rahasia"
    signing._penanda_tangan_load.cache_clear()
    yield jalur
    signing._penanda_tangan_load.cache_clear()


@pytest.fixture
def dikerjakan_di_sini(monkeypatch, surel_eager):
    """Render what a job queues in this process, through the worker's own functions; e-mails to locmem."""
    monkeypatch.setattr(tasks.render_sertifikat, "delay", lambda ids: tasks.render_sertifikat(ids))


@pytest.fixture
def basis_data_baru():
    """Return the DATABASE_URL of a fresh, empty database beside the test database; dropped afterwards."""
    nama = f"diklat_pulih_{uuid.uuid4().hex[:12]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{nama}"')
    try:
        yield worker_database_url().rsplit("/", 1)[0] + f"/{nama}"
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{nama}" WITH (FORCE)')


@pytest.fixture
def sertifikat_terbit(kunci, dikerjakan_di_sini) -> dict[str, Sertifikat]:
    """Issue four graduates' signed certificates; revoke one, re-issue another; return them by role."""
    program = program_create(
        nama="Pelatihan Penguatan Tugas-Tugas Sekretaris Perangkat Daerah", kode="PTSPD", mata_pelatihan=KURIKULUM
    )
    angkatan = AngkatanFactory(
        program=program,
        nomor=3,
        penandatangan_nama="Drs. Bambang Kuncoro Adi, M.Si.",
        penandatangan_nip="196903141995031002",
        penandatangan_jabatan="Sekretaris Badan Pengembangan Sumber Daya Manusia",
        penandatangan_atas_nama="Kepala BPSDM Kementerian Dalam Negeri",
        nilai_dikunci_pada=timezone.now(),
    )
    for nama in ("Ani Lestari", "Budi Santoso", "Citra Dewi", "Dedi Kurniawan"):
        PendaftaranFactory(
            angkatan=angkatan,
            status=Pendaftaran.Status.LULUS,
            nilai_akhir=Decimal("91.25"),
            predikat="Sangat Memuaskan",
            persen_kehadiran=Decimal("100"),
            peserta__nama=nama,
        )
    services.tugas_buat_start(angkatan=angkatan, user=None)
    ani, budi, citra, dedi = Sertifikat.objects.filter(pendaftaran__angkatan=angkatan).order_by("urut")
    services.sertifikat_revoke(sertifikat=budi, user=None, alasan="Peserta tidak memenuhi syarat kehadiran.")
    citra_v2 = services.sertifikat_reissue(sertifikat=citra, user=None)
    semua = {"sah": ani, "dicabut": budi, "diganti": citra, "pengganti": citra_v2, "sah_lain": dedi}
    for sertifikat in semua.values():
        sertifikat.refresh_from_db()
        assert sertifikat.ditandatangani and sertifikat.berkas.name, sertifikat
    assert [semua[k].status for k in ("sah", "dicabut", "diganti", "pengganti")] == [
        Status.READY,
        Status.REVOKED,
        Status.REPLACED,
        Status.READY,
    ]
    return semua


def jalankan(perintah: list[str], **env) -> subprocess.CompletedProcess:
    hasil = subprocess.run(
        perintah, cwd=BASE_DIR, env={**os.environ, **env}, capture_output=True, text=True, timeout=300
    )
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr
    return hasil


def isi_folder(folder: Path) -> dict[str, str]:
    """Return each file under a folder, by its path inside it, with the SHA-256 of its bytes."""
    return {
        str(jalur.relative_to(folder)): hashlib.sha256(jalur.read_bytes()).hexdigest()
        for jalur in sorted(folder.rglob("*"))
        if jalur.is_file()
    }


# Run against the restored copy: every issued certificate's page, then its stored PDF through the upload form.
PERIKSA = """
import hashlib, json
import django
django.setup()
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from sertifikat.models import Sertifikat
from sertifikat.verification import STATUS_TERBIT

client = Client(HTTP_HOST="127.0.0.1")
hasil = {}
for s in Sertifikat.objects.filter(status__in=STATUS_TERBIT):
    halaman = client.get(f"/verifikasi/{s.kode_verifikasi}/")
    teks = halaman.content.decode()
    with default_storage.open(s.berkas.name) as berkas:
        pdf = berkas.read()
    unggah = client.post("/verifikasi/", {"berkas": SimpleUploadedFile("sertifikat.pdf", pdf, "application/pdf")})
    teks_unggah = unggah.content.decode()
    hasil[s.kode_verifikasi] = {
        "halaman": halaman.status_code,
        "tanda": [t for t in ("Sertifikat ini sah", "DICABUT", "DIGANTI") if t in teks],
        "nomor_tampil": s.nomor in teks,
        "sha256_berkas": hashlib.sha256(pdf).hexdigest(),
        "unggah": unggah.status_code,
        "asli": "Berkas ini adalah sertifikat asli yang diterbitkan, tidak diubah." in teks_unggah,
        "tanda_unggah": [t for t in ("Sertifikat ini sah", "DICABUT", "DIGANTI") if t in teks_unggah],
    }
print(json.dumps(hasil))
"""


def test_a_restored_backup_still_verifies_every_certificate_by_page_and_by_pdf(
    sertifikat_terbit, basis_data_baru, tmp_path
):
    sertifikat = sertifikat_terbit
    media_asli = Path(settings.MEDIA_ROOT)
    asli = {"DATABASE_URL": worker_database_url(), "DJANGO_MEDIA_ROOT": str(media_asli)}

    dicadangkan = jalankan(["scripts/cadangkan.sh", str(tmp_path / "cadangan")], **asli)
    folder = Path(dicadangkan.stdout.strip().splitlines()[-1])
    assert folder.parent == tmp_path / "cadangan" and folder.name.startswith("diklat-")
    assert {p.name for p in folder.iterdir()} == {"basis-data.dump", "media.tar", "SHA256SUMS"}

    media_pulih = tmp_path / "media-pulih"
    pulih = {"DATABASE_URL": basis_data_baru, "DJANGO_MEDIA_ROOT": str(media_pulih), "DIKLAT_VERIFY_RATE": "1000"}
    jalankan(["scripts/pulihkan.sh", str(folder)], **pulih)

    # Every file comes back byte for byte, under the same name.
    assert isi_folder(media_pulih) == isi_folder(media_asli)
    assert len(isi_folder(media_asli)) == 5

    diperiksa = json.loads(jalankan([sys.executable, "-c", PERIKSA], **pulih).stdout.strip().splitlines()[-1])
    harapan = {
        "sah": "Sertifikat ini sah",
        "sah_lain": "Sertifikat ini sah",
        "pengganti": "Sertifikat ini sah",
        "dicabut": "DICABUT",
        "diganti": "DIGANTI",
    }
    assert set(diperiksa) == {s.kode_verifikasi for s in sertifikat.values()}
    for peran, s in sertifikat.items():
        hasil = diperiksa[s.kode_verifikasi]
        assert hasil["halaman"] == 200 and hasil["nomor_tampil"], (peran, hasil)
        assert hasil["tanda"] == [harapan[peran]], (peran, hasil)
        assert hasil["sha256_berkas"] == s.sha256, (peran, hasil)
        assert hasil["unggah"] == 200 and hasil["asli"], (peran, hasil)
        assert hasil["tanda_unggah"] == [harapan[peran]], (peran, hasil)


def test_the_restore_refuses_a_database_that_is_not_empty_and_leaves_it_as_it_was(basis_data_baru, tmp_path):
    kosong = {"DATABASE_URL": basis_data_baru, "DJANGO_MEDIA_ROOT": str(tmp_path / "media-kosong")}
    folder = Path(
        jalankan(["scripts/cadangkan.sh", str(tmp_path / "cadangan")], **kosong).stdout.strip().splitlines()[-1]
    )
    jalankan(
        [
            "psql",
            "-X",
            "-q",
            basis_data_baru,
            "-c",
            "CREATE TABLE milik_situs (isi text); INSERT INTO milik_situs VALUES ('tetap')",
        ]
    )

    ditolak = subprocess.run(
        ["scripts/pulihkan.sh", str(folder)],
        cwd=BASE_DIR,
        env={**os.environ, **kosong},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert ditolak.returncode != 0
    assert "tidak kosong (1 tabel)" in ditolak.stderr and "pulihkan hanya ke basis data baru" in ditolak.stderr
    tetap = jalankan(["psql", "-X", "-At", basis_data_baru, "-c", "SELECT isi FROM milik_situs"])
    assert tetap.stdout.strip() == "tetap"


def test_the_backup_refuses_a_database_that_is_not_postgresql(tmp_path):
    ditolak = subprocess.run(
        ["scripts/cadangkan.sh", str(tmp_path / "cadangan")],
        cwd=BASE_DIR,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'diklat.sqlite3'}"},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert ditolak.returncode != 0
    assert "DATABASE_URL bukan PostgreSQL" in ditolak.stderr and "pg_dump" in ditolak.stderr
    assert not any((tmp_path / "cadangan").iterdir())
