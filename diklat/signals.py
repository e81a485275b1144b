"""Signals through which a higher floor adds its part to a page of a lower one.

Modelled on pretix's ``pretix/base/signals.py``: the app that owns a page sends a documented signal
while building it, and each app above that has something to add connects a receiver in its
``AppConfig.ready``. The page thus shows what a higher floor provides without importing it or
reversing its URLs, and works unchanged when that floor is absent.
"""

from django.dispatch import Signal

portal_pendaftaran = Signal()
"""
Arguments: ``pendaftaran_list``, ``request``.

Sent once by the participant's home page (``peserta.portal``) with all of the requesting participant's
own enrolments, with ``sender`` the ``Pendaftaran`` model. Each enrolment comes with its ``peserta``
and its ``angkatan`` (with ``program`` and ``venue``) loaded.

A receiver answers for all of them at once (in a fixed number of queries, however many there are)
with a dict from an enrolment's pk to the HTML to show in that enrolment's card, below its result (a
``SafeString``, as ``render_to_string`` gives; plain text is escaped); an enrolment it leaves out gets
nothing from it. It must show nothing but that participant's own data, checking that each enrolment
is theirs, and link only to pages that check who asks. The page sends it with ``send_robust``: a
receiver that fails, or answers with anything but a dict, is logged and left out, and the page still
shows.

Example: ``sertifikat`` answers with each certificate's number and its download link.
"""
