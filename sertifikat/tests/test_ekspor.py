"""The certificate columns of the roster export: the newest version's number and status, in one query."""

import csv
import io

import pytest
from django.urls import reverse

from peserta.tests.factories import PendaftaranFactory
from sertifikat.tests.factories import SertifikatFactory

pytestmark = pytest.mark.django_db


def baris_csv(client, angkatan) -> list[list[str]]:
    response = client.post(
        reverse("peserta:ekspor-roster", args=[angkatan.pk]),
        {"kolom": ["nama", "nomor_sertifikat", "status_sertifikat"], "urut": "nama", "format": "csv"},
    )
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def test_a_replaced_certificate_shows_its_newest_version_and_a_revoked_one_says_so(staf_client):
    lama = SertifikatFactory(diganti=True, pendaftaran__peserta__nama="Andi Wijaya")
    angkatan = lama.pendaftaran.angkatan
    SertifikatFactory(pendaftaran=lama.pendaftaran, versi=2, urut=lama.urut, nomor=lama.nomor + "-R")
    SertifikatFactory(dicabut=True, pendaftaran__angkatan=angkatan, pendaftaran__peserta__nama="Bambang Sutrisno")
    PendaftaranFactory(angkatan=angkatan, peserta__nama="Citra Dewi")

    baris = baris_csv(staf_client, angkatan)

    assert baris[1][1:] == ["Andi Wijaya", lama.nomor + "-R", "Siap"]
    assert baris[2][1] == "Bambang Sutrisno" and baris[2][3] == "Dicabut"
    assert baris[3][1:] == ["Citra Dewi", "", ""]
