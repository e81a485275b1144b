"""A person's data (*data peserta*): the search across angkatan, corrections, and the change of a NIP.

``services`` creates or updates a person by NIP (``peserta_upsert``, used by enrolment and the import),
corrects their data through the audited ``peserta_update``, and changes a NIP (admins, with a reason);
``selectors`` holds the one search rule for people; ``forms`` the person's form, also used to enrol;
``views`` and ``urls`` the search, the correction page and the NIP change.
"""
