"""The audit trail (django-auditlog), written the one way the house writes it.

auditlog writes an entry for each ``save()`` and ``delete()`` of a registered model by itself.
Two things it does not see, and this module covers:

- **bulk writes** (``bulk_create`` / ``bulk_update`` / ``QuerySet.update``), which send no
  signals: build one entry per row with ``entri_jejak`` and write them all with
  ``jejak_simpan`` in one insert;
- **events on a model auditlog does not watch** (finalising an angkatan's results): the same
  two calls with ``aksi=UPDATE`` and ``tambahan={"peristiwa": ...}``.

Entries built here have the shape auditlog's own ``LogEntry.objects.log_create`` gives them,
including the actor, address and correlation id that its middleware's context supplies;
``diklat/tests/test_jejak.py`` pins that shape against the library, so an upgrade of auditlog
that changes it fails there first. ``jejak_sebagai`` names the actor of what is saved inside it.
"""

import contextlib
from collections.abc import Iterable, Iterator

from auditlog.cid import get_cid
from auditlog.context import auditlog_value, set_actor
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.encoding import smart_str

Aksi = LogEntry.Action


def _pelaku(user):
    return user if getattr(user, "is_authenticated", False) else None


def entri_jejak(
    objek: models.Model,
    *,
    aksi: int,
    perubahan: dict | None,
    user=None,
    nama: str | None = None,
    tambahan: dict | None = None,
) -> LogEntry:
    """Return an unsaved audit entry for one change of ``objek``, as auditlog would write it.

    ``perubahan`` is auditlog's ``{field: [before, after]}`` (``auditlog.diff.model_instance_diff``
    builds it from two instances); ``user`` is the actor (none when anonymous or in a command),
    and within that user's request the entry carries the request's address, as auditlog's do; ``nama`` replaces ``str(objek)``
    where that would cost a query per row; ``tambahan`` replaces the model's
    ``get_additional_data()``.
    """
    pelaku = _pelaku(user)
    konteks = auditlog_value.get(None) or {}
    if pelaku is None or konteks.get("actor") != pelaku:
        # The request's address belongs to the request's user; a context left by someone else (or
        # by a block that has ended) lends nothing.
        konteks = {}
    if tambahan is None:
        get_additional_data = getattr(objek, "get_additional_data", None)
        tambahan = get_additional_data() if callable(get_additional_data) else None
    # None of the house's registered models asks auditlog to serialise whole rows
    # (``serialize_data``); entries written here would lack that copy, so refuse loudly.
    if auditlog.contains(type(objek)) and auditlog.get_serialize_options(type(objek))["serialize_data"]:
        raise NotImplementedError(f"{type(objek).__name__} is registered with serialize_data")
    return LogEntry(
        content_type=ContentType.objects.get_for_model(objek),
        object_pk=str(objek.pk),
        object_id=objek.pk if isinstance(objek.pk, int) else None,
        object_repr=nama if nama is not None else smart_str(objek),
        action=aksi,
        changes=perubahan,
        actor=pelaku,
        actor_email=getattr(pelaku, "email", None),
        cid=get_cid(),
        remote_addr=konteks.get("remote_addr"),
        remote_port=konteks.get("remote_port"),
        additional_data=tambahan,
    )


def jejak_simpan(entri: Iterable[LogEntry]) -> list[LogEntry]:
    """Write audit entries built by ``entri_jejak``, all in one insert."""
    return LogEntry.objects.bulk_create(list(entri))


@contextlib.contextmanager
def jejak_sebagai(user) -> Iterator[None]:
    """Record ``user`` as the actor of the audit entries auditlog writes inside the block.

    auditlog's ``set_actor`` does not restore the context it replaces; inside a
    request that would leave the middleware's own receiver unmatched for the
    rest of the request, so the previous context is put back afterwards.
    """
    if _pelaku(user) is None:
        yield
        return
    sebelumnya = auditlog_value.get(None)
    try:
        with set_actor(user):
            yield
    finally:
        if sebelumnya is not None:
            auditlog_value.set(sebelumnya)
