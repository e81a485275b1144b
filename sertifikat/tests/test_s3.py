"""Media in an S3-compatible object store: a real S3 server (moto's server mode) on loopback, started here.

The storage is the one the settings make from the ``DIKLAT_S3_*`` environment variables (read in a
fresh process, as a deployment reads them); each test gets a bucket of its own and a ``MEDIA_ROOT``
that must stay empty. Certificates, their downloads and verification, the ZIP, print PDF, SIASN and
export jobs, the program's logo, an import upload and the daily sweep all go through the bucket.
"""

import datetime
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import time
import uuid
import zipfile
from pathlib import Path

import boto3
import pikepdf
import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from angkatan.tests.factories import AngkatanFactory
from diklat.celery import app
from diklat.models import Tugas
from diklat.tests.factories import admin_user, peserta_user, staf_user
from diklat.tests.test_worker import WAIT_SECONDS, celery_worker, redis_url  # noqa: F401 (a fixture)
from peserta.ekspor import tasks as tasks_ekspor
from peserta.impor.tests.test_services import buat_xlsx, orang
from peserta.models import SesiImpor
from sertifikat import selectors, services, tasks
from sertifikat.models import Sertifikat, TugasSertifikat

pytestmark = [pytest.mark.s3, pytest.mark.django_db]

VENV_BIN = Path(sys.executable).parent
KUNCI = {"DIKLAT_S3_ACCESS_KEY_ID": "diklat-uji", "DIKLAT_S3_SECRET_ACCESS_KEY": "rahasia-uji-s3"}
WILAYAH = "us-east-1"
# The logo's size is its mark in the PDF: no other image of a certificate is 37 × 23 pixels.
LEBAR_LOGO, TINGGI_LOGO = 37, 23


@pytest.fixture(scope="module")
def server_s3(tmp_path_factory):
    """Run moto's S3 server on a free loopback port; return its address."""
    log_path = tmp_path_factory.mktemp("moto") / "moto.log"
    with open(log_path, "w+b") as log:
        process = subprocess.Popen(
            [str(VENV_BIN / "moto_server"), "-H", "127.0.0.1", "-p", "0"], stdout=log, stderr=subprocess.STDOUT
        )
        try:
            deadline = time.monotonic() + WAIT_SECONDS
            while not (cocok := re.search(rb"Running on (http://127\.0\.0\.1:\d+)", log_path.read_bytes())):
                if process.poll() is not None:
                    pytest.fail(f"moto's S3 server exited with {process.returncode}:\n{log_path.read_text()}")
                if time.monotonic() > deadline:
                    pytest.fail(f"moto's S3 server did not start in {WAIT_SECONDS} s:\n{log_path.read_text()}")
                time.sleep(0.1)
            yield cocok.group(1).decode()
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def env_s3(endpoint: str, bucket: str) -> dict:
    """Return the environment variables that put a deployment's media in ``bucket``."""
    return {"DIKLAT_S3_BUCKET": bucket, "DIKLAT_S3_ENDPOINT_URL": endpoint, "DIKLAT_S3_REGION": WILAYAH, **KUNCI}


def storage_dari_env(env: dict) -> dict:
    """Return ``STORAGES["default"]`` as the settings make it from ``env``, in a fresh process."""
    bersih = {k: v for k, v in os.environ.items() if not k.startswith("DIKLAT_S3_")}
    hasil = subprocess.run(
        [sys.executable, "-c", "import json; from django.conf import settings; print(json.dumps(settings.STORAGES))"],
        cwd=django_settings.BASE_DIR,
        env={**bersih, "DJANGO_SETTINGS_MODULE": "diklat.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(hasil.stdout.strip().splitlines()[-1])["default"]


def klien_s3(endpoint: str):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=WILAYAH,
        aws_access_key_id=KUNCI["DIKLAT_S3_ACCESS_KEY_ID"],
        aws_secret_access_key=KUNCI["DIKLAT_S3_SECRET_ACCESS_KEY"],
    )


class Bucket:
    """A fresh bucket on the server, read with boto3 directly (not through the site's storage)."""

    def __init__(self, endpoint: str):
        self.endpoint = endpoint
        self.nama = f"diklat-{uuid.uuid4().hex[:12]}"
        self.klien = klien_s3(endpoint)
        self.klien.create_bucket(Bucket=self.nama)

    def kunci(self) -> set[str]:
        halaman = self.klien.get_paginator("list_objects_v2").paginate(Bucket=self.nama)
        return {obj["Key"] for isi in halaman for obj in isi.get("Contents", [])}

    def baca(self, kunci: str) -> bytes:
        return self.klien.get_object(Bucket=self.nama, Key=kunci)["Body"].read()

    def hapus(self, kunci: str) -> None:
        self.klien.delete_object(Bucket=self.nama, Key=kunci)

    def publik(self, kunci: str) -> bool:
        hibah = self.klien.get_object_acl(Bucket=self.nama, Key=kunci)["Grants"]
        return any(h["Grantee"].get("URI", "").endswith(("/AllUsers", "/AuthenticatedUsers")) for h in hibah)


@pytest.fixture
def bucket(server_s3, settings):
    """Point the site's default storage at a fresh bucket, as the settings do from the environment."""
    ember = Bucket(server_s3)
    storage = storage_dari_env(env_s3(server_s3, ember.nama))
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    return ember


def folder_kosong(folder: Path) -> list[str]:
    """Return the files under ``folder`` (none, when nothing was written to the file system)."""
    return [str(p) for p in Path(folder).rglob("*") if p.is_file()] if Path(folder).exists() else []


def logo_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (LEBAR_LOGO, TINGGI_LOGO), "navy").save(buffer, "PNG")
    return buffer.getvalue()


def ada_logo(pdf: bytes) -> bool:
    """Return whether the PDF draws the program's logo (an image of its size, at any depth of forms)."""
    with pikepdf.open(io.BytesIO(pdf)) as dokumen:
        for obj in dokumen.objects:
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image":
                if (int(obj.get("/Width", 0)), int(obj.get("/Height", 0))) == (LEBAR_LOGO, TINGGI_LOGO):
                    return True
    return False


def isi(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def dibuat(bucket, final, lulusan, eager, django_capture_on_commit_callbacks):
    """Two certificates of Angkatan III, its program with a logo, rendered into the bucket."""
    final.program.logo.save("logo-bpsdm.png", ContentFile(logo_png()), save=True)
    daftar = [lulusan(nama="Siti Aminah"), lulusan(nama="Budi Santoso")]
    with django_capture_on_commit_callbacks(execute=True):
        services.tugas_buat_start(angkatan=final, user=None)
    for sertifikat in daftar:
        sertifikat.refresh_from_db()
        assert sertifikat.status == Sertifikat.Status.READY, sertifikat.galat
    return daftar


def test_the_settings_choose_the_object_store_from_the_environment_alone(server_s3):
    storage = storage_dari_env(env_s3(server_s3, "diklat-media"))

    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    opsi = storage["OPTIONS"]
    assert opsi["bucket_name"] == "diklat-media" and opsi["endpoint_url"] == server_s3
    assert opsi["region_name"] == WILAYAH and opsi["addressing_style"] == "path"
    assert (opsi["access_key"], opsi["secret_key"]) == ("diklat-uji", "rahasia-uji-s3")
    # Private: no public ACL, signed URLs only, an issued file never written over.
    assert opsi["default_acl"] is None and opsi["querystring_auth"] is True and opsi["file_overwrite"] is False
    # Without the bucket, the folder as before.
    assert storage_dari_env({})["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def test_certificates_are_rendered_into_the_bucket_downloaded_and_verified(client, bucket, dibuat, settings):
    siti, budi = dibuat
    kunci = bucket.kunci()
    assert {siti.berkas.name, budi.berkas.name, "program/logo/logo-bpsdm.png"} <= kunci
    pdf = bucket.baca(siti.berkas.name)
    assert hashlib.sha256(pdf).hexdigest() == siti.sha256
    # The logo, read back from the bucket by the PDF's fetcher, is printed (a refused fetch leaves it out).
    assert ada_logo(pdf)
    assert not bucket.publik(siti.berkas.name)

    # Staff and the owner download it through the site, the bytes the bucket holds.
    client.force_login(staf_user())
    response = client.get(reverse("sertifikat:unduh", args=[siti.pk]))
    assert response.status_code == 200 and isi(response) == pdf
    pemilik = peserta_user()
    siti.pendaftaran.peserta.user = pemilik
    siti.pendaftaran.peserta.save()
    client.force_login(pemilik)
    response = client.get(reverse("sertifikat:unduh", args=[siti.pk]))
    assert response.status_code == 200 and isi(response) == pdf
    assert 'filename="STTP-0001-2022-siti-aminah.pdf"' in response["Content-Disposition"]

    # Anyone verifies the downloaded PDF on the public page.
    client.logout()
    periksa = client.post(
        reverse("sertifikat:verifikasi-unggah"), {"berkas": ContentFile(pdf, name="sertifikat-siti.pdf")}
    )
    assert "Berkas ini adalah sertifikat asli yang diterbitkan, tidak diubah" in periksa.content.decode()

    # A file lost from the bucket is said in words, not a 500.
    bucket.hapus(budi.berkas.name)
    client.force_login(staf_user())
    hilang = client.get(reverse("sertifikat:unduh", args=[budi.pk]))
    assert hilang.status_code == 404 and "tidak ditemukan di penyimpanan" in hilang.content.decode()

    # The logo: staff see it through the site's page, and the program's form links that page, not the bucket.
    logo = client.get(reverse("diklat:program-logo", args=[siti.pendaftaran.angkatan.program_id]))
    assert logo.status_code == 200 and isi(logo) == logo_png()
    formulir = client.get(reverse("diklat:program-update", args=[siti.pendaftaran.angkatan.program_id]))
    halaman = formulir.content.decode()
    assert f'href="{reverse("diklat:program-logo", args=[siti.pendaftaran.angkatan.program_id])}"' in halaman
    assert bucket.endpoint not in halaman and bucket.nama not in halaman

    assert folder_kosong(settings.MEDIA_ROOT) == []


def test_the_jobs_files_go_to_the_bucket_are_downloaded_and_swept(
    client, bucket, dibuat, final, monkeypatch, settings, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(tasks.bangun_siasn, "delay", lambda pk: tasks.bangun_siasn.apply(args=[pk]))
    monkeypatch.setattr(
        tasks_ekspor.susun_ekspor_lintas, "delay", lambda pk: tasks_ekspor.susun_ekspor_lintas.apply(args=[pk])
    )
    settings.DIKLAT_EKSPOR_BATAS_LANGSUNG = 1
    sha = {s.sha256 for s in dibuat}
    admin = admin_user()
    client.force_login(admin)

    with django_capture_on_commit_callbacks(execute=True):
        tugas_zip = services.tugas_arsip_start(angkatan=final, user=admin, jenis=TugasSertifikat.Jenis.ZIP)
    with django_capture_on_commit_callbacks(execute=True):
        tugas_cetak = services.tugas_arsip_start(angkatan=final, user=admin, jenis=TugasSertifikat.Jenis.GABUNG)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("sertifikat:siasn-zip", args=[final.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        ekspor = client.post(
            reverse("peserta:ekspor-lintas"), {"kolom": ["nama", "nip"], "urut": "angkatan", "format": "csv"}
        )
    assert ekspor.status_code == 302
    tugas_siasn = Tugas.objects.get(jenis="siasn")
    tugas_ekspor = Tugas.objects.get(jenis="ekspor_lintas")
    semua = [tugas_zip, tugas_cetak, tugas_siasn, tugas_ekspor]
    for tugas in semua:
        tugas.refresh_from_db()
        assert tugas.status == Tugas.Status.SELESAI, tugas.galat
    assert {t.berkas.name for t in semua} <= bucket.kunci()

    def unduh(tugas) -> bytes:
        response = client.get(reverse("tugas:unduh", args=[tugas.pk]))
        assert response.status_code == 200
        return isi(response)

    with zipfile.ZipFile(io.BytesIO(unduh(tugas_zip))) as arsip:
        assert {hashlib.sha256(arsip.read(n)).hexdigest() for n in arsip.namelist()} == sha
    with pikepdf.open(io.BytesIO(unduh(tugas_cetak))) as cetak:
        assert len(cetak.pages) == 4
    with zipfile.ZipFile(io.BytesIO(unduh(tugas_siasn))) as arsip:
        pdf = [n for n in arsip.namelist() if n.endswith(".pdf")]
        assert {hashlib.sha256(arsip.read(n)).hexdigest() for n in pdf} == sha
        assert "siasn-riwayat-kursus.csv" in arsip.namelist()
    csv_teks = unduh(tugas_ekspor).decode("utf-8-sig")
    assert "Siti Aminah" in csv_teks and "Budi Santoso" in csv_teks

    # The daily sweep deletes the jobs' files past their time from the bucket; certificates and logo stay.
    Tugas.objects.filter(pk__in=[t.pk for t in semua]).update(created_at=timezone.now() - datetime.timedelta(days=8))
    call_command("bersihkan_unduhan", verbosity=0)
    kunci = bucket.kunci()
    assert not {t.berkas.name for t in semua} & kunci
    assert {s.berkas.name for s in dibuat} | {"program/logo/logo-bpsdm.png"} <= kunci
    for tugas in semua:
        tugas.refresh_from_db()
        assert not tugas.berkas

    assert folder_kosong(settings.MEDIA_ROOT) == []


def test_an_import_upload_is_read_and_kept_as_rows_writing_no_file(client, bucket, settings):
    angkatan = AngkatanFactory(kuota=30)
    # Above this size Django receives an upload into a temporary file (the system's, not MEDIA_ROOT).
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024
    client.force_login(staf_user())

    response = client.post(
        reverse("peserta:impor", args=[angkatan.pk]),
        {"berkas": ContentFile(buat_xlsx([orang(0), orang(1)]), name="usulan-bogor.xlsx")},
        follow=True,
    )

    assert response.status_code == 200
    assert SesiImpor.objects.get().nama_berkas == "usulan-bogor.xlsx"
    assert "Peserta baru" in response.content.decode()
    assert bucket.kunci() == set()
    assert folder_kosong(settings.MEDIA_ROOT) == []


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_process_configured_by_the_environment_alone_renders_into_the_bucket(
    redis_url,  # noqa: F811 (the fixture imported above)
    client,
    server_s3,
    bucket,
    final,
    lulusan,
    tmp_path,
    settings,
    monkeypatch,
):
    # The worker's folder for media, which it must never write to: its storage comes from DIKLAT_S3_*.
    media_pekerja = tmp_path / "media-pekerja"
    env = {**env_s3(server_s3, bucket.nama), "DJANGO_MEDIA_ROOT": str(media_pekerja)}
    daftar = [lulusan(nama=f"Peserta Nomor {i}") for i in range(3)]
    with celery_worker(redis_url, tmp_path, env) as running, app.connection_for_write(running["broker"]) as broker:
        monkeypatch.setattr(
            tasks.render_sertifikat,
            "delay",
            lambda ids: tasks.render_sertifikat.apply_async((ids,), queue=running["queue"], connection=broker),
        )
        tugas = services.tugas_buat_start(angkatan=final, user=None)
        deadline = time.monotonic() + 4 * WAIT_SECONDS
        while selectors.tugas_progres(tugas).berjalan and time.monotonic() < deadline:
            time.sleep(0.3)
        progres = selectors.tugas_progres(tugas)
        assert (progres.siap, progres.gagal) == (3, 0), running["log"].read_text()[-3000:]

    kunci = bucket.kunci()
    client.force_login(staf_user())
    for sertifikat in daftar:
        sertifikat.refresh_from_db()
        assert sertifikat.berkas.name in kunci
        response = client.get(reverse("sertifikat:unduh", args=[sertifikat.pk]))
        assert response.status_code == 200
        assert hashlib.sha256(isi(response)).hexdigest() == sertifikat.sha256
    assert folder_kosong(media_pekerja) == [] and folder_kosong(settings.MEDIA_ROOT) == []
