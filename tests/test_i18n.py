"""The English translation: the footer's language switch, the pages it changes, a complete catalogue.

The UI is written in Bahasa Indonesia (the default); English comes from
``locale/en/LC_MESSAGES/django.po``. The ``.mo`` file is generated and
git-ignored, so this module compiles it once before its tests run.
"""

import fcntl
import gettext
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real
from pytest_django.asserts import assertContains, assertNotContains

from angkatan.tests.factories import AngkatanFactory
from diklat.tests.factories import ProgramFactory

PO_FILE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _forget_loaded_catalogues():
    """Drop catalogues this process may have read before the ``.mo`` was (re)compiled.

    Django keeps one catalogue per language for the life of the process, and the
    standard library's ``gettext`` caches every ``.mo`` it opened by path.
    """
    gettext._translations.clear()
    trans_real._translations = {}
    trans_real._default = None
    for cached in ("translation_catalog_exists", "check_for_language"):  # the name varies across 5.2.x
        getattr(getattr(trans_real, cached, None), "cache_clear", lambda: None)()


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogue():
    """Compile the ``.po`` files once, so the tests pass even when the ``.mo`` is missing or stale."""
    if shutil.which("msgfmt") is None:
        pytest.fail("gettext is not installed (msgfmt not found): `apt-get install gettext`.")
    # Parallel workers (pytest -n) must not write the same .mo at the same time.
    with open(Path(tempfile.gettempdir()) / "diklat-compilemessages.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        call_command("compilemessages", ignore_patterns=[".venv", "var", ".git", "node_modules"], verbosity=0)
    _forget_loaded_catalogues()


@pytest.fixture(autouse=True)
def _back_to_default_language():
    """LocaleMiddleware leaves the last request's language active in the thread; leave none behind."""
    yield
    translation.deactivate()


def choose_language(client, language):
    """Submit the footer's language switch, as a user does."""
    response = client.post(reverse("set_language"), {"language": language, "next": "/"})
    assert response.status_code == 302
    assert response.url == "/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == language
    return response


# English ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_angkatan_list_in_english(staf_client):
    AngkatanFactory(nomor=3)
    choose_language(staf_client, "en")

    response = staf_client.get(reverse("angkatan:list"))

    assertContains(response, '<html lang="en">')
    assertContains(response, "<h1>Batches</h1>", html=True)
    assertContains(response, "New batch")
    assertContains(response, "Batch III")  # Roman numerals stay
    assertContains(response, "All years")
    assertContains(response, "Registration open")  # a status choice in the filter
    assertContains(response, "Draft")  # the status badge of the batch
    assertContains(response, "Venue")
    assertContains(response, "Log out")
    assertNotContains(response, "Angkatan baru")
    assertNotContains(response, "Semua tahun")


@pytest.mark.django_db
def test_program_list_in_english(staf_client):
    ProgramFactory()
    choose_language(staf_client, "en")

    response = staf_client.get(reverse("diklat:program-list"))

    assertContains(response, '<html lang="en">')
    assertContains(response, "<h1>Training programs</h1>", html=True)
    assertContains(response, "New program")
    assertContains(response, "Course subject")
    assertContains(response, "Search by program name or code")
    assertNotContains(response, "Program diklat")
    assertNotContains(response, "Program baru")


@pytest.mark.django_db
def test_empty_program_list_in_english(staf_client):
    choose_language(staf_client, "en")

    assertContains(staf_client.get(reverse("diklat:program-list")), "No programs yet.")


@pytest.mark.django_db
def test_login_page_in_english(client):
    choose_language(client, "en")

    response = client.get(reverse("login"))

    assertContains(response, '<html lang="en">')
    assertContains(response, '<h1 class="h4 mb-1">Log in</h1>', html=True)
    assertContains(response, "Username or NIP")
    assertContains(response, "Password")
    assertNotContains(response, "Masuk")


@pytest.mark.django_db
def test_login_error_in_english(client):
    choose_language(client, "en")

    response = client.post(reverse("login"), {"username": "tidak-ada", "password": "salah-sandi-1"})

    assertContains(response, "Incorrect username or password.")


# Indonesian, the default ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_angkatan_list_in_indonesian_by_default(staf_client):
    response = staf_client.get(reverse("angkatan:list"))

    assertContains(response, '<html lang="id">')
    assertContains(response, "<h1>Angkatan</h1>", html=True)
    assertContains(response, "Angkatan baru")
    assertNotContains(response, "New batch")


@pytest.mark.django_db
def test_program_list_in_indonesian_by_default(staf_client):
    response = staf_client.get(reverse("diklat:program-list"))

    assertContains(response, '<html lang="id">')
    assertContains(response, "<h1>Program diklat</h1>", html=True)
    assertContains(response, "Program baru")
    assertNotContains(response, "New program")


@pytest.mark.django_db
def test_login_page_in_indonesian_by_default(client):
    response = client.get(reverse("login"))

    assertContains(response, '<html lang="id">')
    assertContains(response, '<h1 class="h4 mb-1">Masuk</h1>', html=True)
    assertNotContains(response, "Log in")


@pytest.mark.django_db
def test_switching_back_to_indonesian(staf_client):
    choose_language(staf_client, "en")
    assertContains(staf_client.get(reverse("angkatan:list")), "New batch")

    choose_language(staf_client, "id")

    response = staf_client.get(reverse("angkatan:list"))
    assertContains(response, '<html lang="id">')
    assertContains(response, "Angkatan baru")
    assertNotContains(response, "New batch")


# The catalogue ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("option", ["--untranslated", "--only-fuzzy"])
def test_catalogue_has_no_untranslated_or_fuzzy_entry(option):
    result = subprocess.run(
        ["msgattrib", option, "--no-obsolete", str(PO_FILE)], capture_output=True, text=True, check=True
    )
    assert result.stdout == "", f"entries left to translate (msgattrib {option}):\n{result.stdout}"


def test_catalogue_keeps_every_placeholder():
    """msgfmt checks %(name)s, {seq:04d} and plural forms against each msgid."""
    result = subprocess.run(
        ["msgfmt", "--check-format", "-o", "/dev/null", str(PO_FILE)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_a_browser_set_to_english_still_gets_indonesian_until_the_switch_is_used(client):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="id"' in page
    assert "Masuk" in page
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert 'lang="en"' in client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="id").content.decode()
