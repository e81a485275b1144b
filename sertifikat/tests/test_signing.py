import io
import os
import shutil
import stat
import subprocess

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import SignatureCoverageLevel, validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from sertifikat import signing
from sertifikat.signing import pdf_sign, penanda_tangan_aktif

PDFSIG = "/usr/bin/pdfsig"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(autouse=True)
def _signer_cache_clear():
    signing._penanda_tangan_load.cache_clear()
    yield
    signing._penanda_tangan_load.cache_clear()


@pytest.fixture(scope="module")
def kunci_dev(tmp_path_factory):
    # One key for the module: an RSA key takes a noticeable moment to generate.
    path = tmp_path_factory.mktemp("kunci") / "sertifikat-dev.p12"
    call_command("buat_kunci_dev", keluaran=path, sandi="rahasia", stdout=io.StringIO())
    return path


@pytest.fixture
def kunci_aktif(settings, kunci_dev):
    settings.SERTIFIKAT_KUNCI_P12 = str(kunci_dev)
    settings.SERTIFIKAT_KUNCI_SANDI = "rahasia"
    return kunci_dev


@pytest.fixture
def pdf_sertifikat(lulusan):
    """Return a real certificate as the batch pipeline makes it (WeasyPrint layers stamped by pikepdf), unsigned."""
    from sertifikat.rendering import render_batch, sertifikat_queryset

    sertifikat = lulusan(nama="Siti Aminah")
    return render_batch(list(sertifikat_queryset().filter(pk=sertifikat.pk)))[sertifikat.pk]


def _pyhanko_status(data, signer):
    tanda_tangan = PdfFileReader(io.BytesIO(data)).embedded_signatures
    assert len(tanda_tangan) == 1
    konteks = ValidationContext(trust_roots=[signer.signing_cert])
    return tanda_tangan[0], validate_pdf_signature(tanda_tangan[0], signer_validation_context=konteks)


def _pdfsig(tmp_path, data):
    if not shutil.which(PDFSIG):
        if IN_CI:
            pytest.fail("pdfsig (poppler-utils) is missing")
        pytest.skip("pdfsig (poppler-utils) is not installed")
    path = tmp_path / "bertanda-tangan.pdf"
    path.write_bytes(data)
    return subprocess.run([PDFSIG, str(path)], capture_output=True, text=True, timeout=30).stdout


def test_signature_is_pades_valid_and_covers_the_whole_document(kunci_aktif, pdf_sertifikat):
    signer = penanda_tangan_aktif()

    signed = pdf_sign(pdf_sertifikat)

    # Incremental update: the original bytes come first, unchanged.
    assert signed.startswith(pdf_sertifikat)
    tanda_tangan, status = _pyhanko_status(signed, signer)
    assert status.intact and status.valid and status.trusted and status.bottom_line
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert tanda_tangan.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    assert tanda_tangan.field_name == "Sertifikat"
    assert status.signing_cert.subject.native["common_name"] == "diklat — kunci pengembangan (bukan BSrE)"


def test_pdfsig_reports_the_signature_valid(kunci_aktif, pdf_sertifikat, tmp_path):
    laporan = _pdfsig(tmp_path, pdf_sign(pdf_sertifikat))

    assert "Signature is Valid." in laporan
    assert "Total document signed" in laporan
    assert "ETSI.CAdES.detached" in laporan


def test_a_changed_byte_in_the_signed_range_invalidates_the_signature(kunci_aktif, pdf_sertifikat, tmp_path):
    signer = penanda_tangan_aktif()
    signed = bytearray(pdf_sign(pdf_sertifikat))
    tanda_tangan, _ = _pyhanko_status(bytes(signed), signer)
    awal_contents = tanda_tangan.sig_object["/ByteRange"][1]
    # The binary-marker comment on the file's second line: covered by the signature, yet changing it
    # leaves the PDF readable, so only the signature check can notice.
    posisi = signed.index(b"\n") + 2
    assert posisi < awal_contents
    signed[posisi] ^= 0x01

    _, status = _pyhanko_status(bytes(signed), signer)
    # pyHanko's `valid` speaks of the signed attributes only; the document's digest is `intact`.
    assert not status.intact
    assert not status.bottom_line
    laporan = _pdfsig(tmp_path, bytes(signed))
    assert "Signature is Valid." not in laporan
    assert "Signature is Invalid." in laporan or "Digest Mismatch." in laporan


def test_no_signer_without_a_configured_key(settings):
    settings.SERTIFIKAT_KUNCI_P12 = ""

    assert penanda_tangan_aktif() is None
    with pytest.raises(ImproperlyConfigured):
        pdf_sign(b"%PDF-1.7")


def test_a_wrong_passphrase_is_a_configuration_error(settings, kunci_dev):
    settings.SERTIFIKAT_KUNCI_P12 = str(kunci_dev)
    settings.SERTIFIKAT_KUNCI_SANDI = "salah"

    with pytest.raises(ImproperlyConfigured, match="kata sandi"):
        penanda_tangan_aktif()


def test_a_missing_key_file_is_a_configuration_error(settings, tmp_path):
    settings.SERTIFIKAT_KUNCI_P12 = str(tmp_path / "tidak-ada.p12")

    with pytest.raises(ImproperlyConfigured, match="tidak dapat dibaca"):
        penanda_tangan_aktif()


def test_the_signer_is_loaded_once_per_key(kunci_aktif, settings):
    assert penanda_tangan_aktif() is penanda_tangan_aktif()

    settings.SERTIFIKAT_KUNCI_SANDI = "salah"
    with pytest.raises(ImproperlyConfigured):
        penanda_tangan_aktif()


def test_command_keeps_an_existing_key_unless_asked_to_replace_it(tmp_path):
    path = tmp_path / "baru" / "kunci.p12"

    call_command("buat_kunci_dev", keluaran=path, stdout=io.StringIO())
    pertama = path.read_bytes()
    keluaran = io.StringIO()
    call_command("buat_kunci_dev", keluaran=path, stdout=keluaran)

    assert path.read_bytes() == pertama
    assert "sudah ada" in keluaran.getvalue()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600

    call_command("buat_kunci_dev", keluaran=path, ganti=True, stdout=io.StringIO())

    assert path.read_bytes() != pertama
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert list(path.parent.iterdir()) == [path]


def test_command_default_key_is_usable_with_the_default_passphrase(settings, tmp_path, pdf_sertifikat):
    settings.SERTIFIKAT_KUNCI_DEV = tmp_path / "var" / "kunci" / "sertifikat-dev.p12"
    call_command("buat_kunci_dev", stdout=io.StringIO())
    settings.SERTIFIKAT_KUNCI_P12 = str(settings.SERTIFIKAT_KUNCI_DEV)
    settings.SERTIFIKAT_KUNCI_SANDI = "diklat-dev"

    _, status = _pyhanko_status(pdf_sign(pdf_sertifikat), penanda_tangan_aktif())

    assert status.intact and status.valid
