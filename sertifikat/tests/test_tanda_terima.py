"""The certificate numbers on the receipt sheet (peserta's ``lembar-tanda-terima``), given through
``kolom_ekspor``: the newest version's number, none for a revoked certificate."""

import subprocess

import pytest
from django.urls import reverse

from angkatan.tests.factories import AngkatanFactory
from peserta.models import Pendaftaran
from peserta.tests.factories import PendaftaranFactory
from sertifikat.tests.factories import SertifikatFactory

pytestmark = pytest.mark.django_db

RUMUS = '=HYPERLINK("http://x","klik")'


def teks_pdf(pdf: bytes) -> str:
    keluaran = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(keluaran.stdout.decode().split())


def test_the_receipt_sheet_prints_each_graduates_valid_certificate_number(staf_client):
    angkatan = AngkatanFactory(nomor=4, program__kode="PTSPD")
    lulus = {"angkatan": angkatan, "status": Pendaftaran.Status.LULUS}
    siap = SertifikatFactory(
        pendaftaran=PendaftaranFactory(**lulus, peserta__nama="Budi Santoso", peserta__instansi=RUMUS), urut=7
    )
    lama = SertifikatFactory(pendaftaran=PendaftaranFactory(**lulus, peserta__nama="Citra Dewi"), urut=8, diganti=True)
    SertifikatFactory(pendaftaran=lama.pendaftaran, versi=2, urut=lama.urut, nomor=lama.nomor)
    dicabut = SertifikatFactory(
        pendaftaran=PendaftaranFactory(**lulus, peserta__nama="Eko Prasetyo"), urut=9, dicabut=True
    )
    PendaftaranFactory(**lulus, peserta__nama="Fajar Nugroho")  # graduated, no certificate made yet
    lain = SertifikatFactory(pendaftaran__angkatan=AngkatanFactory(nomor=5), urut=10)

    teks = teks_pdf(staf_client.get(reverse("peserta:lembar-tanda-terima", args=[angkatan.pk])).content)

    assert siap.nomor == "0007/STTP/PTSPD-IV/BPSDM/2022"
    assert siap.nomor in teks.replace(" ", "")
    assert lama.nomor in teks.replace(" ", "")
    # A revoked certificate is not handed over: its holder is listed, its number is not.
    assert "Eko Prasetyo" in teks and dicabut.nomor not in teks.replace(" ", "")
    assert "Fajar Nugroho" in teks
    assert lain.nomor not in teks.replace(" ", "")
    assert RUMUS in teks.replace(" ", "")
    assert "4 lembar" in teks


def test_the_roster_export_still_shows_a_revoked_certificates_number(staf_client):
    sertifikat = SertifikatFactory(dicabut=True)
    response = staf_client.post(
        reverse("peserta:ekspor-roster", args=[sertifikat.pendaftaran.angkatan.pk]),
        {"kolom": ["nomor_sertifikat", "status_sertifikat"], "urut": "nama", "format": "csv"},
    )

    isi = b"".join(response.streaming_content).decode("utf-8-sig")
    assert sertifikat.nomor in isi and "Dicabut" in isi
