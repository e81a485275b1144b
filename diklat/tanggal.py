"""Dates as documents print them: a line may break around a date, never inside it."""

from django.utils.formats import date_format

# Binds a date's day, month and year.
NBSP = "\u00a0"


def tanggal_utuh(tanggal) -> str:
    """Return a date as the certificate prints it, ``24 Juni 2022``, that no line break splits."""
    return date_format(tanggal, "j F Y").replace(" ", NBSP)
