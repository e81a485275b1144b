"""Headless Chromium (Debian's, at /usr/bin/chromium) driven by Playwright against the live server."""

import os
import shutil
from pathlib import Path

import pytest
from django.db import connections

# Playwright's sync API runs an event loop in this thread; Django's ORM would
# otherwise refuse to run beside it. The live server itself runs in its own thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("DIKLAT_CHROMIUM", "/usr/bin/chromium")
# Without these flags Chromium calls home at start, and this closed network refuses it.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(os.environ.get("DIKLAT_SCREENSHOTS", Path(__file__).resolve().parents[2] / "var" / "screenshots"))


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def browser():
    """Start Chromium for one test.

    Not session-wide: while Playwright's event loop runs, pytest-django cannot
    restore the migrations' reference data between transactional tests.
    """
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test`, which installs Debian's chromium.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        pelanggaran = awasi_csp(browser)
        yield browser
        browser.close()
    # Every page of every context obeys the Content-Security-Policy: nothing inline, nothing from elsewhere.
    assert not pelanggaran, "Content-Security-Policy violations:\n" + "\n".join(pelanggaran)


def awasi_csp(browser) -> list[str]:
    """Have every page the test opens report what the Content-Security-Policy refused; return that list."""
    pelanggaran: list[str] = []
    buat_konteks = browser.new_context

    def dengar(halaman) -> None:
        halaman.on(
            "console",
            lambda pesan: (
                pelanggaran.append(f"{halaman.url}: {pesan.text}") if "Content Security Policy" in pesan.text else None
            ),
        )

    def new_context(*args, **kwargs):
        konteks = buat_konteks(*args, **kwargs)
        konteks.on("page", dengar)
        return konteks

    browser.new_context = new_context
    return pelanggaran


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="id-ID", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()
    # The test body's own queries, made beside Playwright's event loop, leave a connection that
    # pytest-django does not close; left open, it keeps the test database from being dropped at the end.
    connections.close_all()


@pytest.fixture
def screenshot(page, request):
    """Save a screenshot under var/screenshots/ to look at what the user saw."""

    def take(name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{request.node.name}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def login(page, username: str, password: str) -> None:
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
