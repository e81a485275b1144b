"""Enrolment (*pendaftaran*): enrolling people in an angkatan, the status workflow, the roster, a person's page.

``services`` enrols (the kuota under a row lock), moves enrolments one by one or in bulk, and holds the
workflow (``TRANSITIONS``) and ``pastikan_angkatan_terima_peserta``; ``selectors`` reads the roster
(filtered, paged, with its counts) and a person's page with its audit trail; ``forms``, ``views`` and
``urls`` are the pages.
"""
