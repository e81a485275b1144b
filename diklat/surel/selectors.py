"""Reads of the outbox."""

from django.db.models import Q, QuerySet

from diklat.models import Surel


def surel_untuk_user(*, user, alamat: str = "") -> QuerySet[Surel]:
    """Return the messages about this person, newest first (their page lists them).

    Those made for their account, and, given their ``alamat``, those sent to that address (any case)
    for no account at all: a notice to someone who has none yet. A message to the same address for
    another account is that account's.
    """
    syarat = Q(pk__in=[])
    if user is not None:
        syarat |= Q(user=user)
    alamat = (alamat or "").strip()
    if alamat:
        syarat |= Q(user__isnull=True, kepada__iexact=alamat)
    return Surel.objects.filter(syarat).order_by("-created_at", "-pk")
