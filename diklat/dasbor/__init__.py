"""The staff dashboard: the first page staff see after logging in, made of the widgets each floor gives.

The page belongs to the ground floor and knows nothing of what it shows: every card comes from a
receiver of ``diklat.signals.widget_dasbor`` in a floor above (``peserta``: the angkatan running now and
next, the enrolments and the correction requests waiting; ``sertifikat``: the certificate jobs that
failed, the graduates still without a certificate).
"""
