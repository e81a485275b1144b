"""What the PDFs' fetcher reads: static files under their source or their hashed name, and nothing else."""

import pytest
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation

from diklat.pdf import BASE_URL, url_fetcher


def baca(url: str) -> bytes:
    jawaban = url_fetcher()(url)
    try:
        return jawaban.read()
    finally:
        jawaban.close()


def test_a_static_file_is_read_by_its_name_or_by_the_hashed_name_collectstatic_gives_it(settings):
    asli = open(finders.find("sertifikat/sttp.css"), "rb").read()

    assert baca(f"{BASE_URL}static/sertifikat/sttp.css") == asli
    # A production page names the manifest's copy; a worker host that never ran collectstatic reads the source.
    assert baca(f"{BASE_URL}static/sertifikat/sttp.dae3939583fe.css") == asli


@pytest.mark.parametrize(
    "url",
    [
        f"{BASE_URL}static/sertifikat/tidak-ada.0123456789ab.css",
        f"{BASE_URL}static/../settings.py",
    ],
)
def test_a_static_file_that_does_not_exist_is_not_read(url):
    with pytest.raises((FileNotFoundError, SuspiciousFileOperation)):
        baca(url)


def test_an_address_outside_the_site_is_refused():
    with pytest.raises(ValueError, match="Alamat tidak diizinkan"):
        baca("http://169.254.169.254/latest/meta-data/")
