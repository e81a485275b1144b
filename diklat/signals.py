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

pendaftaran_bersertifikat = Signal()
"""
Arguments: ``pendaftaran_ids``.

Sent by ``peserta`` when it needs to know which enrolments already have a certificate, with ``sender``
the ``Pendaftaran`` model and ``pendaftaran_ids`` a set of enrolment pks: the participant's check of
their printed data before printing (``peserta.perbaikan``) closes once a certificate exists, since
what it would correct is printed already (correcting it then is a re-issue, which staff start).

A receiver answers, in one query, with the set of those pks that have a certificate in any state
(being made, ready, failed, revoked, replaced); an enrolment it leaves out has none as far as that
floor knows. The sender counts an enrolment as having a certificate when any receiver names it, and
uses ``send``: a receiver that fails fails the page, rather than opening a correction that would
no longer reach the printed certificate.

Example: ``sertifikat`` answers with the enrolments that have a ``Sertifikat`` row.
"""


# Checks -------------------------------------------------------------------------------------------------------------
#
# A check signal asks the floors above whether a write may go ahead. Each receiver returns
# nothing when it agrees and raises ``ValidationError`` (with a code, in words staff understand)
# when it refuses; the sender uses ``send``, so the refusal reaches the sender's caller as any
# validation error would, and nothing is written. A floor with several reasons raises them
# together in one ``ValidationError``, so staff see them at once.

periksa_angkatan_form = Signal()
"""
Arguments: ``form``.

Sent by ``angkatan.forms.AngkatanForm.clean`` after the form's own checks, with ``sender`` the
``Angkatan`` model and ``form`` the bound form (``form.instance`` is the angkatan as stored, unsaved
for a new one; ``form.cleaned_data`` what was typed). A receiver refuses with a ``ValidationError``
whose ``error_dict`` names the fields (``ValidationError({"kuota": ...})``), which the form shows
beside them; the first receiver to refuse stops the others, so a floor raises all its reasons at once.

Example: ``peserta`` refuses a kuota below the people enrolled, and a change of program once
people are enrolled.
"""

periksa_buka_kunci_nilai = Signal()
"""
Arguments: ``angkatan``.

Sent by ``peserta``'s unlocking of final results, with ``sender`` the ``Angkatan`` model, after the
angkatan row is locked and before anything is changed. A receiver refuses with a
``ValidationError``; the unlock is then refused with that message (the first receiver to refuse
stops the others), and nothing changes.

Example: ``sertifikat`` refuses while a worker is printing the angkatan's certificates.
"""


# What the pages of the angkatan show ----------------------------------------------------------------------------

tab_angkatan = Signal()
"""
Arguments: ``angkatan``, ``request``.

Sent by the frame of every page of an angkatan (``angkatan.tabs.tab_angkatan_list``) to build
its tab bar, with ``sender`` the ``Angkatan`` model. A receiver answers with a list of
``angkatan.tabs.Tab`` (key, label, URL, order, and an optional badge count) for the pages its
floor adds, only those the requesting user may open; the frame sorts all tabs by their order
and marks the one whose key the page names as active, or else the one that links to the
angkatan's own page. Orders so far: 10, 20, 30, 35 (peserta), 40 (sertifikat).

Example: ``peserta`` adds Peserta, Presensi, Nilai and Perbaikan data (with the count of open
requests as its badge); ``sertifikat`` adds Sertifikat.
"""

isi_halaman_angkatan = Signal()
"""
Arguments: ``angkatan``, ``request``.

Sent by the angkatan's own page (``angkatan:detail``), with ``sender`` the ``Angkatan`` model, for
what it shows below its tab bar. A receiver answers with HTML (a ``SafeString``, as
``render_to_string`` gives; plain text is escaped) built with ``request`` for the requesting user,
or an empty string to show nothing; the answers are shown in the order the receivers connected.

Example: ``peserta`` answers with the roster, narrowed by the page's query string.
"""

# The dashboard and the statistics ------------------------------------------------------------------------------

widget_dasbor = Signal()
"""
Arguments: ``request``.

Sent by the staff dashboard (``dasbor:index``, the first page staff see after logging in), with
``sender`` None, to collect its widgets. A receiver answers with a list of ``(order, html)`` pairs: the
HTML of one card each (a ``SafeString``, as ``render_to_string`` gives; plain text is escaped), best by
extending ``diklat/dasbor/_widget.html``, built in a fixed number of queries however many rows there
are, showing only what ``request.user`` may see and linking only to pages that check who asks; an empty
list to show nothing. The dashboard shows the cards sorted by their order. It sends the signal with
``send_robust``: a receiver that fails, or answers with anything but such pairs, is logged and its
widgets left out, and the page still shows. Orders so far: 10, 20, 30 (peserta), 40, 50 (sertifikat).

Example: ``peserta`` adds the angkatan running now and next with their fill, the enrolments waiting
for verification and the correction requests waiting; ``sertifikat`` adds the certificate jobs that
failed and the graduates still without a certificate.
"""

angka_statistik = Signal()
"""
Arguments: ``tahun`` (a year, or None for all years), ``request``.

Sent once by the statistics page (``peserta:statistik``), with ``sender`` the ``Pendaftaran`` model, for
the figures a higher floor keeps about the enrolments. A receiver answers with a list of
``peserta.statistik.angka.BagianAngka`` (a titled group of counts, each a
``peserta.statistik.angka.Angka``), counted over the enrolments of the angkatan of that year (of every
year when None) with aggregate queries, a fixed number of them however many rows there are; an empty
list when ``request.user`` may not see them. The page shows each group as a card beside its own figures
and puts its counts in the summary CSV. It sends the signal with ``send_robust``: a receiver that fails,
or answers with anything but such groups, is logged and left out, and the page still shows.

Example: ``sertifikat`` answers with the certificates issued, valid, revoked and replaced.
"""

# The exports --------------------------------------------------------------------------------------------------

kolom_ekspor = Signal()
"""
Arguments: ``daftar`` (the name of the export, e.g. ``"roster"``).

Sent by an export when it lists the columns staff may tick, with ``sender`` the ``Pendaftaran``
model. A receiver answers with a list of columns it adds to that export, each a
``peserta.ekspor.kolom.KolomPendaftaran``: a ``diklat.ekspor.kolom.Kolom`` (key, label, kind), a
function from an enrolment of the export's queryset to the cell's value, and a ``prefetch`` of related
names or ``Prefetch`` objects so the export stays at a fixed number of queries. The export sends it
with ``send_robust``: a failing receiver, or a column that is not one, is logged and left out.
"""

aksi_ekspor_lintas = Signal()
"""
Arguments: ``request``.

Sent by the export across angkatan (``peserta:ekspor-lintas``, admins), with ``sender`` the ``Pendaftaran``
model, for the other exports a higher floor makes of the same selection. A receiver answers with the HTML
(a ``SafeString``, as ``render_to_string`` gives) of submit buttons, each posting the page's form to a view
of its own with ``formaction``; that view reads the filters with ``peserta.ekspor.forms.FilterLintasForm``
and checks who asks itself. It answers only for users allowed to use it, else with an empty string. The
page sends it with ``send_robust``: a failing receiver is logged and left out.

Example: ``sertifikat`` offers the graduates' national training record (SIASN *riwayat kursus*).
"""
