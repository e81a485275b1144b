"""Graduates with certificate records, as the certificate tests need them."""

from decimal import Decimal

import pytest
from django.utils import timezone

from angkatan.tests.factories import AngkatanFactory
from diklat.services import program_create
from peserta.demo.isi import KURIKULUM
from peserta.models import Pendaftaran
from peserta.tests.factories import PendaftaranFactory
from sertifikat.services import sertifikat_issue


@pytest.fixture
def program_ptspd(db):
    return program_create(
        nama="Pelatihan Penguatan Tugas-Tugas Sekretaris Perangkat Daerah",
        kode="PTSPD",
        mata_pelatihan=KURIKULUM,
    )


@pytest.fixture
def angkatan_lulus(program_ptspd):
    """Angkatan III 2022 at a Jakarta hotel, signed on behalf of the head of BPSDM."""
    return AngkatanFactory(
        program=program_ptspd,
        nomor=3,
        venue__nama="Hotel Grand Kemang",
        venue__kota="Jakarta Selatan",
        penandatangan_nama="Drs. Bambang Kuncoro Adi, M.Si.",
        penandatangan_nip="196903141995031002",
        penandatangan_jabatan="Sekretaris Badan Pengembangan Sumber Daya Manusia",
        penandatangan_atas_nama="Kepala BPSDM Kementerian Dalam Negeri",
    )


@pytest.fixture
def lulusan(angkatan_lulus):
    """Return a function that enrols a graduate and issues their certificate record."""

    def buat(**peserta):
        pendaftaran = PendaftaranFactory(
            angkatan=angkatan_lulus,
            status=Pendaftaran.Status.LULUS,
            nilai_akhir=Decimal("91.25"),
            predikat="Sangat Memuaskan",
            persen_kehadiran=Decimal("100"),
            **{f"peserta__{k}": v for k, v in peserta.items()},
        )
        return sertifikat_issue(pendaftaran=pendaftaran)

    return buat


@pytest.fixture
def final(angkatan_lulus):
    """Angkatan III with its results finalised: certificates may be made."""
    angkatan_lulus.nilai_dikunci_pada = timezone.now()
    angkatan_lulus.save()
    return angkatan_lulus


@pytest.fixture
def eager(monkeypatch):
    """Run the queued tasks in this process instead of sending them to a broker."""
    from sertifikat import tasks

    monkeypatch.setattr(tasks.render_sertifikat, "delay", lambda ids: tasks.render_sertifikat(ids))
    monkeypatch.setattr(tasks.bangun_arsip, "delay", lambda pk: tasks.bangun_arsip(pk))


@pytest.fixture
def lewat_celery(monkeypatch):
    """Run the queued tasks in this process through Celery's own machinery: retries and giving up too."""
    from sertifikat import tasks

    monkeypatch.setattr(tasks.render_sertifikat, "delay", lambda ids: tasks.render_sertifikat.apply(args=[ids]))
    monkeypatch.setattr(tasks.bangun_arsip, "delay", lambda pk: tasks.bangun_arsip.apply(args=[pk]))
