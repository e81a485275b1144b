"""Render a Django template to PDF bytes with WeasyPrint (sign-in sheets, certificates).

Images and stylesheets the template links under ``STATIC_URL`` or ``MEDIA_URL`` are read through
Django's finders and the storage API (a folder or an object store), never fetched over HTTP: a PDF
rendered in a request to the development server would otherwise wait for that same single-threaded
server. Link a stored file with ``url_berkas``, not its ``.url``, which an object store signs for its
own host. ``data:`` URLs (a QR
code, say) work as they are; any other address is refused, so a value in the document cannot make
the server fetch something.

Fonts: the templates name "DejaVu Sans" (Debian's fonts-dejavu-core), which fontconfig finds; an
``@font-face`` rule with ``src: local(...)`` works too, since a ``FontConfiguration`` is passed.
"""

import logging
import mimetypes
import re
from functools import cache
from urllib.parse import quote, unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

# WeasyPrint reports every step of every document at INFO, which the site's console log would print.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

# Where relative links in the document point; only its path matters to the fetcher below.
BASE_URL = "http://diklat.invalid/"


# The content hash ManifestStaticFilesStorage puts before a static file's extension: 12 hex digits.
_SIDIK_STATIK = re.compile(r"\.[0-9a-f]{12}(?=\.[^./]+$)")


def _tanpa_sidik(nama: str) -> str:
    """Return a static file's name without the content hash collectstatic gave it (``sttp.css``)."""
    return _SIDIK_STATIK.sub("", nama, count=1)


@cache
def _django_url_fetcher_class():
    # WeasyPrint is imported on first use, not when the URLconf loads this module: importing it
    # parses its stylesheets, which every manage.py command would otherwise pay for.
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class DjangoURLFetcher(URLFetcher):
        """Serve static files, stored files (through the storage API) and ``data:`` URLs; refuse the rest."""

        def fetch(self, url, headers=None):
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme in ("http", "https"):
                path = unquote(urlsplit(url).path)
                static_prefix = urlsplit(settings.STATIC_URL).path
                media_prefix = urlsplit(settings.MEDIA_URL).path
                if static_prefix and path.startswith(static_prefix):
                    return self._static(url, path.removeprefix(static_prefix))
                if media_prefix and path.startswith(media_prefix):
                    return self._media(url, path.removeprefix(media_prefix))
            raise ValueError(f"Alamat tidak diizinkan dalam PDF: {url}")

        @staticmethod
        def _response(url, name, file_obj):
            mime_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, file_obj, {"Content-Type": mime_type})

        def _static(self, url, name):
            # In production the templates name the hashed copy collectstatic makes (``sttp.dae3939583fe.css``);
            # a worker host need not have run collectstatic: the source file of that name serves.
            path = finders.find(name) or finders.find(_tanpa_sidik(name))
            if not path:
                raise FileNotFoundError(name)
            return self._response(url, name, open(path, "rb"))  # WeasyPrint closes it

        def _media(self, url, name):
            return self._response(url, name, default_storage.open(name, "rb"))

    return DjangoURLFetcher


def url_fetcher():
    """Return the fetcher that serves static and stored files and refuses other addresses."""
    return _django_url_fetcher_class()()


def url_berkas(nama: str) -> str:
    """Return the address under which a PDF template links a stored file (a program's logo, say).

    The fetcher reads it back through the storage API, so it holds whether the files live in a folder or
    in an object store, whose own address (signed, on another host) the fetcher would refuse.
    """
    return BASE_URL.rstrip("/") + urlsplit(settings.MEDIA_URL).path + quote(nama)


def html_to_pdf(html: str) -> bytes:
    """Return the PDF of an HTML document."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=url_fetcher())
    return document.write_pdf(font_config=font_config)


def render_pdf(template_name: str, context: dict | None = None, request=None) -> bytes:
    """Render a template to PDF bytes. Link static files with ``{% static %}`` as in any page."""
    return html_to_pdf(render_to_string(template_name, context or {}, request=request))


def css_string(value: str) -> SafeString:
    """Return ``value`` as a quoted CSS string for ``content:``, safe to print inside a ``<style>`` element.

    Quotes, backslashes and ``<>&`` become CSS escapes, so a name cannot end the string or the element.
    """
    escaped = []
    for char in str(value):
        if char in '\\"<>&' or ord(char) < 0x20:
            escaped.append(f"\\{ord(char):x} ")
        else:
            escaped.append(char)
    return mark_safe('"' + "".join(escaped) + '"')  # every special character is escaped above
