"""Random input never gives a 500: the score parser, the import reader (random bytes, random XLSX cells, through
the upload page too) and the public verification page (random codes, random uploads).

Each property says what a user would notice: an answer in words (a ``ValidationError``, a 4xx page), never a
server error. The NIP parser has its own properties in ``diklat/tests/test_nip.py``.
"""

import datetime
import io
import string
from decimal import Decimal
from urllib.parse import quote

import openpyxl
import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from angkatan.tests.factories import AngkatanFactory
from diklat.tests.factories import staf_user
from peserta.impor.reading import baca_berkas
from peserta.impor.services import sesi_impor_create, sesi_impor_plan
from peserta.impor.template import _kolom
from peserta.nilai.aturan import nilai_parse

# No .hypothesis/ folder in the working tree; the examples are cheap to find again.
CEPAT = settings(max_examples=150, deadline=None, database=None)
# A test's database and client are shared by its examples: each example leaves the data as it found it.
DENGAN_DB = settings(
    max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# Text as it comes from people and spreadsheets: any letter, control characters, formula signs, long runs.
TEKS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)
NILAI_SEL = st.one_of(
    st.none(),
    TEKS,
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2200, 12, 31)),
)


# The score parser ---------------------------------------------------------------------------------------------


@CEPAT
@given(teks=st.one_of(st.none(), TEKS, st.from_regex(r"\s*-?[0-9]{0,4}([.,][0-9]{0,4})?\s*", fullmatch=True)))
def test_a_score_is_read_between_0_and_100_or_refused_in_words(teks):
    try:
        nilai = nilai_parse(teks)
    except ValidationError as galat:
        assert galat.messages and all(pesan.strip() for pesan in galat.messages)
        return
    assert nilai is None or (isinstance(nilai, Decimal) and 0 <= nilai <= 100)


# The import reader --------------------------------------------------------------------------------------------


def _dibaca_atau_ditolak(nama: str, isi: bytes) -> None:
    try:
        baca_berkas(nama, isi)
    except ValidationError as galat:
        assert all(pesan.strip() for pesan in galat.messages)


@CEPAT
@given(isi=st.binary(max_size=2000), nama=st.sampled_from(["peserta.xlsx", "peserta.csv", "peserta.xls", "data"]))
def test_random_bytes_are_read_or_refused_in_words(isi, nama):
    _dibaca_atau_ditolak(nama, isi)


@CEPAT
@given(ekor=st.binary(max_size=2000), awal=st.sampled_from([b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\xef\xbb\xbf", b""]))
def test_bytes_that_claim_a_format_are_read_or_refused_in_words(awal, ekor):
    _dibaca_atau_ditolak("peserta.xlsx", awal + ekor)


@CEPAT
@given(baris=st.lists(st.lists(TEKS, max_size=8), max_size=12), pemisah=st.sampled_from([",", ";", "\t", "|"]))
def test_random_csv_text_is_read_or_refused_in_words(baris, pemisah):
    teks = "\r\n".join(pemisah.join(sel) for sel in baris)
    _dibaca_atau_ditolak("peserta.csv", teks.encode("utf-8"))


def xlsx_acak(baris: list[list[object]]) -> bytes:
    """The import template's header over rows of random cells."""
    buku = openpyxl.Workbook()
    lembar = buku.active
    lembar.append([kolom[0] for kolom in _kolom()])
    for satu in baris:
        # openpyxl itself refuses control characters and treats "=…" as a formula: as Excel would save them.
        lembar.append([openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE.sub("", s) if isinstance(s, str) else s for s in satu])
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


@pytest.fixture
def angkatan(db):
    return AngkatanFactory(kuota=500)


@pytest.fixture
def staf(db):
    return staf_user(username="staf-fuzz")


@DENGAN_DB
@given(baris=st.lists(st.lists(NILAI_SEL, min_size=1, max_size=len(_kolom())), min_size=1, max_size=6))
def test_random_cells_under_the_templates_header_are_previewed_or_refused_in_words(angkatan, staf, baris):
    try:
        sesi = sesi_impor_create(angkatan=angkatan, user=staf, nama_berkas="acak.xlsx", isi=xlsx_acak(baris))
    except ValidationError as galat:
        assert all(pesan.strip() for pesan in galat.messages)
        return
    rencana = sesi_impor_plan(sesi)
    assert rencana is not None
    sesi.delete()


@DENGAN_DB
@given(
    isi=st.one_of(
        st.binary(max_size=1500),
        st.builds(lambda awal, ekor: awal + ekor, st.just(b"PK\x03\x04"), st.binary(max_size=1500)),
    )
)
def test_the_upload_page_answers_any_file_in_words(client, angkatan, staf, isi):
    client.force_login(staf)
    berkas = SimpleUploadedFile("peserta.xlsx", isi, content_type="application/octet-stream")
    response = client.post(reverse("peserta:impor", args=[angkatan.pk]), {"berkas": berkas})
    assert response.status_code in (200, 302, 400), response.status_code


# The public verification page ------------------------------------------------------------------------------------


@pytest.fixture
def tanpa_batas(db, settings):
    # The limit per address is tested elsewhere; here every example is a new visitor's first look.
    settings.VERIFIKASI_BATAS_PER_MENIT = 10**6
    cache.clear()


@DENGAN_DB
@given(
    kode=st.one_of(
        TEKS.filter(lambda k: k.strip("/")), st.text(string.ascii_uppercase + string.digits + "-", max_size=40)
    )
)
def test_any_code_in_the_verification_address_is_answered_in_words(client, tanpa_batas, kode):
    response = client.get(f"/verifikasi/{quote(kode, safe='')}/")
    assert response.status_code in (200, 301, 302, 400, 404), response.status_code


@DENGAN_DB
@given(isi=st.binary(max_size=3000), awal=st.sampled_from([b"", b"%PDF-1.7\n", b"PK\x03\x04"]))
def test_any_uploaded_file_is_checked_or_refused_in_words(client, tanpa_batas, isi, awal):
    berkas = SimpleUploadedFile("sertifikat.pdf", awal + isi, content_type="application/pdf")
    response = client.post(reverse("sertifikat:verifikasi-unggah"), {"berkas": berkas})
    assert response.status_code in (200, 400), response.status_code
    assert b"Traceback" not in response.content
