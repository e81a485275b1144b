"""Reads of the outbox."""

from django.db.models import QuerySet

from diklat.models import Surel


def surel_untuk_user(*, user) -> QuerySet[Surel]:
    """Return the messages about this person, newest first (their page lists them)."""
    return Surel.objects.filter(user=user).order_by("-created_at", "-pk")
