"""Signals through which a higher floor adds its part to a page of a lower one.

Modelled on pretix's ``pretix/base/signals.py``: the app that owns a page sends a documented signal
while building it, and each app above that has something to add connects a receiver in its
``AppConfig.ready``. The page thus shows what a higher floor provides without importing it or
reversing its URLs, and works unchanged when that floor is absent.
"""

from django.dispatch import Signal

portal_pendaftaran = Signal()
"""
Arguments: ``pendaftaran``, ``request``.

Sent by the participant's home page (``peserta.portal``) once for each of the requesting participant's
own enrolments, with ``sender`` the ``Pendaftaran`` model. ``pendaftaran`` comes with its ``peserta``
and its ``angkatan`` (with ``program`` and ``venue``) loaded.

A receiver returns HTML to show in that enrolment's card, below its result (a ``SafeString``, as
``render_to_string`` gives; plain text is escaped), or ``None`` to add nothing. It must show nothing
but that participant's own data, and link only to pages that check who asks. The page sends it
with ``send_robust``: a receiver that fails is logged and left out, and the page still shows.

Example: ``sertifikat`` answers with the certificate's number and its download link.
"""
