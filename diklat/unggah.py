"""Request bodies refused by the size the client declares, before a byte of them is read.

Django reads a multipart body whole as soon as anything asks for ``request.POST`` (the CSRF check does,
before any view), spooling its files to disk whatever their size: a gigabyte sent to the login page would
be written to the server's temporary folder before the page could say no. ``BatasBadanMiddleware`` refuses
any body declared larger than ``PERMINTAAN_MAKS_BYTE`` first. A view with a smaller limit of its own and a
better answer (the import's form, the PDF check) weighs the body itself, before its CSRF check, and is
marked with ``timbang_badan_sendiri``. Without a Content-Length (a chunked body) Django reads nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat

# What a multipart form adds around its file (boundaries, part headers, the CSRF token and other fields).
BATAS_BUNGKUS_FORMULIR = 64 * 1024


def panjang_badan(request) -> int:
    """Return the length of the request's body as the client declared it; 0 when it declared none or nonsense."""
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


def timbang_badan_sendiri(view):
    """Mark a view that refuses an oversized body itself, before anything reads it (see the module)."""
    view.timbang_badan_sendiri = True
    return view


class BatasBadanMiddleware:
    """Answer 413 to a request whose declared body is larger than any form of the site may send.

    Runs as a view hook before the CSRF middleware's, so nothing has read the body yet; the answer still
    passes every middleware on its way out (security headers, the content security policy).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "timbang_badan_sendiri", False):
            return None
        panjang = panjang_badan(request)
        if panjang <= settings.PERMINTAAN_MAKS_BYTE:
            return None
        konteks = {"ukuran": filesizeformat(panjang), "maks": filesizeformat(settings.PERMINTAAN_MAKS_BYTE)}
        return render(request, "413.html", konteks, status=413)
