"""The migration that moved certificate jobs into the site's jobs keeps every job of a database in use."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from diklat.models import Tugas
from sertifikat.models import TugasSertifikat
from sertifikat.tests.factories import SertifikatFactory

SEBELUM = [("sertifikat", "0007_alasan_bukan_rumus")]
SESUDAH = [("sertifikat", "0008_tugas_situs")]


def _migrasi(ke):
    executor = MigrationExecutor(connection)
    executor.migrate(ke)
    return executor.loader.project_state(ke).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_certificate_jobs_become_site_jobs_under_the_same_id():
    pertama, kedua = SertifikatFactory(), SertifikatFactory()
    angkatan_id = pertama.pendaftaran.angkatan_id
    apps = _migrasi(SEBELUM)
    try:
        Lama = apps.get_model("sertifikat", "TugasSertifikat")
        lama = timezone.now() - datetime.timedelta(days=3)

        def buat(**kolom):
            tugas = Lama.objects.create(angkatan_id=angkatan_id, **kolom)
            Lama.objects.filter(pk=tugas.pk).update(created_at=lama, updated_at=lama)
            return tugas

        render = buat(jenis="buat", status="berjalan", total=2, tidak_terkirim=True, galat="Antrean hilang.")
        render.sertifikat.set([pertama.pk, kedua.pk])
        disusun = buat(jenis="zip", status="berjalan", total=1, berkas="-")
        menunggu = buat(jenis="gabung", status="berjalan", total=1)
        selesai = buat(
            jenis="zip",
            status="selesai",
            total=2,
            diproses=1,
            berkas="sertifikat/unduhan/ab/STTP.zip",
            galat="1 hilang",
        )
        selesai.sertifikat.set([pertama.pk])
    finally:
        _migrasi(SESUDAH)

    jobs = {t.pk: t for t in Tugas.objects.all()}
    assert set(jobs) == {render.pk, disusun.pk, menunggu.pk, selesai.pk}
    t = jobs[render.pk]
    assert (t.jenis, t.status, t.total, t.tidak_terkirim, t.galat) == ("buat", "berjalan", 2, True, "Antrean hilang.")
    assert set(t.sertifikat.values_list("pk", flat=True)) == {pertama.pk, kedua.pk}
    assert t.created_at == lama and t.updated_at == lama
    # An archive being built held "-" as its claim: now it is running, claimed when it last moved.
    t = jobs[disusun.pk]
    assert (t.status, t.berkas.name, t.diklaim_pada) == ("berjalan", "", lama)
    assert jobs[menunggu.pk].status == "menunggu" and jobs[menunggu.pk].diklaim_pada is None
    t = jobs[selesai.pk]
    assert (t.status, t.diproses, t.berkas.name, t.galat) == (
        "selesai",
        1,
        "sertifikat/unduhan/ab/STTP.zip",
        "1 hilang",
    )
    assert list(t.sertifikat.values_list("pk", flat=True)) == [pertama.pk]
    # Each keeps its angkatan, and a new job takes an id none of them has.
    assert set(TugasSertifikat.objects.values_list("pk", "angkatan_id")) == {(pk, angkatan_id) for pk in jobs}
    assert Tugas.objects.create(jenis="zip").pk > max(jobs)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_unapplying_and_applying_again_keeps_the_jobs():
    """A rollback of a deployment, then the deployment again: the jobs go back and return, ids and all."""
    sertifikat = SertifikatFactory()
    angkatan_id = sertifikat.pendaftaran.angkatan_id
    apps = _migrasi(SEBELUM)
    try:
        Lama = apps.get_model("sertifikat", "TugasSertifikat")
        render = Lama.objects.create(angkatan_id=angkatan_id, jenis="buat", status="selesai", total=1)
        render.sertifikat.set([sertifikat.pk])
        _migrasi(SESUDAH)
        apps = _migrasi(SEBELUM)
        Lama = apps.get_model("sertifikat", "TugasSertifikat")
        kembali = Lama.objects.get(pk=render.pk)
        assert (kembali.jenis, kembali.status, kembali.total) == ("buat", "selesai", 1)
        assert list(kembali.sertifikat.values_list("pk", flat=True)) == [sertifikat.pk]
    finally:
        _migrasi(SESUDAH)

    tugas = Tugas.objects.get()
    assert (tugas.pk, tugas.jenis, tugas.status) == (render.pk, "buat", "selesai")
    assert list(tugas.sertifikat.values_list("pk", flat=True)) == [sertifikat.pk]
