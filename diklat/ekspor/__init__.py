"""One list exporter for every floor: a header (``Kolom``) and rows become CSV, XLSX or PDF.

In the manner of pretix's list exporters: the caller says what the columns are and hands over the
rows (a mapping keyed by ``Kolom.kunci`` or a sequence in column order); this package knows the
formats, keeps every text cell formula-safe and NIP-like columns as text.
"""
