"""Attendance (*presensi*): the grid of an angkatan, its training days, and the daily sign-in sheet.

``services`` writes a cell, a whole day and the training days and keeps each enrolment's percentage;
``selectors`` reads the grid and a day's sign-in sheet (*daftar hadir*); ``forms``, ``views`` and ``urls``
are the pages.
"""
