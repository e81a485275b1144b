"""An export reads only the fields its columns name: the same cells as reading everything, in one query."""

import dataclasses

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from diklat.models import KabupatenKota, PangkatGolongan
from peserta.ekspor.lintas import kolom_lintas
from peserta.ekspor.selectors import baris_ekspor, pendaftaran_lintas
from peserta.models import Pendaftaran
from peserta.tests.factories import PendaftaranFactory
from sertifikat.tests.factories import SertifikatFactory

pytestmark = pytest.mark.django_db


def isi(jumlah: int) -> None:
    kab = KabupatenKota.objects.select_related("provinsi").get(kode="32.73")
    pangkat = PangkatGolongan.objects.first()
    for n in range(jumlah):
        pendaftaran = PendaftaranFactory(
            peserta__gelar_depan="Drs." if n % 2 else "",
            peserta__gelar_belakang="M.Si.",
            peserta__pangkat=pangkat,
            peserta__kabupaten_kota=kab if n % 3 else None,
            peserta__telepon="+6281234567890",
            status=Pendaftaran.Status.LULUS,
            predikat="Memuaskan",
        )
        if n % 2:
            SertifikatFactory(pendaftaran=pendaftaran)


def baris(kolom) -> tuple[list[dict], int]:
    with CaptureQueriesContext(connection) as kueri:
        hasil = list(baris_ekspor(pendaftaran_lintas(), kolom))
    return hasil, len(kueri)


def test_every_column_names_what_it_reads_so_the_export_is_one_query_whatever_its_size():
    kolom = kolom_lintas()
    assert all(k.bidang is not None for k in kolom), [k.kunci for k in kolom if k.bidang is None]
    isi(3)
    _, sedikit = baris(kolom)
    isi(12)
    hasil, banyak = baris(kolom)
    assert len(hasil) == 15
    # A field a column reads but does not name would be fetched again for every row.
    assert banyak == sedikit


def test_reading_only_the_named_fields_gives_the_same_cells_as_reading_everything():
    isi(6)
    kolom = kolom_lintas()
    semua = [dataclasses.replace(k, bidang=None) for k in kolom]

    hemat, _ = baris(kolom)
    lengkap, _ = baris(semua)

    assert hemat == lengkap
    assert {b["pemda"] for b in hemat} >= {"Kota Bandung"} and any(b["nomor_sertifikat"] for b in hemat)
