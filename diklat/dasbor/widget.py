"""Collecting the dashboard's widgets from the floors above (``diklat.signals.widget_dasbor``)."""

import logging
from numbers import Real

from django.http import HttpRequest
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString

from diklat.signals import widget_dasbor

logger = logging.getLogger(__name__)


def widget_dasbor_kumpulkan(request: HttpRequest) -> list[SafeString]:
    """Return the HTML of every widget the receivers give for this user, sorted by their order.

    A receiver that fails, or answers with something else than ``(order, html)`` pairs, is logged and
    left out: one floor's card never takes the dashboard down.
    """
    kartu: list[tuple[float, int, SafeString]] = []
    for receiver, jawaban in widget_dasbor.send_robust(sender=None, request=request):
        if isinstance(jawaban, Exception):
            logger.error("widget_dasbor receiver %r failed", receiver, exc_info=jawaban)
            continue
        try:
            pasangan = [(urutan, html) for urutan, html in (jawaban or [])]
        except (TypeError, ValueError):
            logger.error("widget_dasbor receiver %r answered %r, not (order, html) pairs", receiver, jawaban)
            continue
        for urutan, html in pasangan:
            if not isinstance(urutan, Real) or isinstance(urutan, bool) or not isinstance(html, str):
                logger.error("widget_dasbor receiver %r gave an unusable widget %r", receiver, (urutan, html))
                continue
            # Plain text is shown as text: only what a template rendered (a SafeString) is HTML.
            kartu.append((urutan, len(kartu), conditional_escape(html)))
    return [html for _urutan, _n, html in sorted(kartu, key=lambda k: (k[0], k[1]))]
