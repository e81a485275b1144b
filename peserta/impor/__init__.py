"""Bulk import of participants from the spreadsheets regions send (XLSX or CSV).

``reading`` finds the table in a file, ``values`` reads the cells, ``rows``
turns rows into records with their errors, ``plan`` decides what each record
does to the database, ``services`` keeps, confirms or cancels an import, and
``template`` builds the XLSX template; ``forms``, ``views`` and ``urls`` are the upload, preview
and confirm pages, and ``tests/`` holds their tests with the hostile files (``bom``) and a messy
regional list (``berkas_daerah``) that other apps' tests and the benches borrow.
"""
