"""What certificates add to the statistics page: issued, valid, revoked and replaced, for a year or all."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from angkatan.tests.factories import AngkatanFactory
from diklat.tests.factories import UserFactory
from sertifikat.models import Sertifikat
from sertifikat.tests.factories import SertifikatFactory

pytestmark = pytest.mark.django_db

URL = reverse("peserta:statistik")


@pytest.fixture
def sertifikat():
    """2022: a valid one, a revoked one, one re-issued after a correction (v1 replaced, v2 valid), one failed;
    2023: one valid."""
    a2022 = AngkatanFactory(tahun=2022)
    SertifikatFactory(pendaftaran__angkatan=a2022)
    SertifikatFactory(pendaftaran__angkatan=a2022, dicabut=True)
    lama = SertifikatFactory(pendaftaran__angkatan=a2022, diganti=True)
    SertifikatFactory(pendaftaran=lama.pendaftaran, versi=2, urut=lama.urut, nomor=lama.nomor)
    SertifikatFactory(pendaftaran__angkatan=a2022, status=Sertifikat.Status.FAILED, diterbitkan_pada=None)
    SertifikatFactory(pendaftaran__angkatan=AngkatanFactory(tahun=2023))


def _angka(html: str, kunci: str) -> str:
    awal = html.index(f'data-kunci="{kunci}"')
    return " ".join(re.sub(r"<[^>]+>", " ", html[html.index("<dd", awal) : html.index("</dd>", awal)]).split())


def test_the_page_counts_the_certificates(staf_client, sertifikat):
    html = staf_client.get(URL).content.decode()

    # Each number once (the re-issue keeps it); the failed one was never issued.
    assert _angka(html, "sertifikat_terbit") == "4"
    assert _angka(html, "sertifikat_berlaku") == "3 dari 4 (75%)"
    assert _angka(html, "sertifikat_dicabut") == "1 dari 4 (25%)"
    assert _angka(html, "sertifikat_diganti") == "1"


def test_a_year_counts_its_angkatan_certificates_only(staf_client, sertifikat):
    html = staf_client.get(URL, {"tahun": 2023}).content.decode()

    assert _angka(html, "sertifikat_terbit") == "1"
    assert _angka(html, "sertifikat_dicabut") == "0 dari 1 (0%)"


def test_the_summary_csv_holds_the_certificates(staf_client, sertifikat):
    response = staf_client.get(URL, {"unduh": "ringkasan"})
    teks = b"".join(response.streaming_content).decode("utf-8").removeprefix("\ufeff")
    baris = {(b[0], b[1]): b[2:] for b in csv.reader(io.StringIO(teks))}

    assert baris[("Sertifikat", "Diterbitkan")] == ["4", "", ""]
    assert baris[("Sertifikat", "Berlaku")] == ["3", "4", "75.0"]
    assert baris[("Sertifikat", "Dicabut")] == ["1", "4", "25.0"]
    assert baris[("Sertifikat", "Diganti")] == ["1", "", ""]
    # The page's own figures come first.
    assert list(baris)[1][0] == "Peserta dan kelulusan"


def test_who_may_not_see_certificates_sees_the_rest_of_the_page(client, sertifikat):
    tanpa_sertifikat = UserFactory()
    tanpa_sertifikat.user_permissions.add(
        Permission.objects.get(codename="view_angkatan"), Permission.objects.get(codename="view_pendaftaran")
    )
    client.force_login(tanpa_sertifikat)

    html = client.get(URL).content.decode()

    assert "Peserta dan kelulusan" in html
    assert 'data-kunci="sertifikat_terbit"' not in html
