"""Send an e-mail of the site: render it, keep it in the outbox, hand it to the workers after commit."""

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from diklat.models import Surel
from diklat.surel import tasks
from diklat.tugas.services import GALAT_SEMENTARA, tugas_kirim_setelah_commit

logger = logging.getLogger(__name__)

_BARIS_KOSONG_BERLEBIH = re.compile(r"\n{3,}")

# Kinds of message whose body carries a one-time link that opens an account: the outbox keeps them to
# send, but nobody reads them back (the admin shows that they were sent, not what they said).
JENIS_BERTAUTAN_RAHASIA = frozenset({"aktivasi", "lupa_sandi"})


def tautan_mutlak(path: str) -> str:
    """Return an absolute link to a page of the site, on its public address (``DIKLAT_PUBLIC_URL``).

    Never on a request's host: a link with a one-time token, e-mailed or printed, must not go wherever
    a forged ``Host`` header points.
    """
    return settings.SERTIFIKAT_URL_DASAR.rstrip("/") + path


def _rapikan_teks(teks: str) -> str:
    """Drop the blank lines and trailing spaces that template tags leave in a plain-text body."""
    # "-- " (with its space) is how mail readers know the signature below it.
    baris = "\n".join(line.rstrip() if line.rstrip() != "--" else "-- " for line in teks.strip().splitlines())
    return _BARIS_KOSONG_BERLEBIH.sub("\n\n", baris) + "\n"


def surel_kirim(
    *,
    kepada: str,
    jenis: str,
    subjek: str,
    template: str,
    konteks: dict,
    user=None,
    bahasa: str | None = None,
    kunci: str = "",
) -> Surel:
    """Render ``<template>.txt`` and ``<template>.html``, keep the message and send it once the transaction commits.

    Both bodies are rendered now, in ``bahasa`` or else the language active for the caller, so the
    worker sends (and staff later read) exactly what was meant; the templates extend
    ``diklat/surel/_dasar.txt`` / ``_dasar.html`` and get ``nama_situs``, ``url_situs`` and
    ``subjek`` besides ``konteks``. A message never carries an attachment: it links to the site.
    Should the queue be unreachable, the message stays waiting with why, and the caller's request
    goes on. A message given a ``kunci`` is made once only: called again with the same key (a task
    run twice), it returns the message already made and queues nothing.
    """
    if kunci:
        ada = Surel.objects.filter(kunci=kunci).first()
        if ada is not None:
            return ada
    bahasa = bahasa or translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(bahasa):
        # One line: a line break in a subject would be a header of its own.
        subjek = " ".join(str(subjek).split())
        konteks = {
            "nama_situs": _("Diklat BPSDM"),
            "url_situs": settings.SERTIFIKAT_URL_DASAR,
            **konteks,
            "subjek": subjek,
        }
        isi_teks = _rapikan_teks(render_to_string(f"{template}.txt", konteks))
        isi_html = render_to_string(f"{template}.html", konteks).strip()
    surel = Surel(
        kepada=kepada.strip(),
        user=user,
        jenis=jenis,
        subjek=subjek,
        isi_teks=isi_teks,
        isi_html=isi_html,
        kunci=kunci,
    )
    # The key's uniqueness is the database's to hold: two workers may make the same message at once.
    surel.full_clean(exclude=["user", "kunci"])
    try:
        with transaction.atomic():
            surel.save()
    except IntegrityError:
        if not kunci:
            raise
        # The other one committed first: theirs is the message.
        return Surel.objects.get(kunci=kunci)
    tugas_kirim_setelah_commit(
        tasks.kirim_surel,
        surel.pk,
        nama="surel_kirim_ke_antrean",
        gagal=partial(surel_tidak_terkirim, surel_id=surel.pk),
    )
    return surel


def surel_tidak_terkirim(*, surel_id: int, pesan: str) -> None:
    """Record on a waiting message that it could not be handed to the workers, and why; it stays waiting."""
    Surel.objects.filter(pk=surel_id, status=Surel.Status.MENUNGGU).update(galat=pesan, updated_at=timezone.now())


@contextmanager
def surel_aman(apa: str) -> Iterator[None]:
    """Make the notices of a change already made inside this block, never letting them undo that change.

    A message that cannot even be made (a template that fails, an address the outbox refuses) is
    logged, whatever of it was written is undone (a savepoint), and the caller's change goes on;
    what happens once it is made (a server away, a refusal) the outbox records on the message.
    The database going away is not the message's fault: it reaches the caller, whose change cannot
    have been kept either (its transaction is lost with the connection), so that it is retried.
    """
    try:
        with transaction.atomic():
            yield
    except GALAT_SEMENTARA:
        raise
    except Exception:
        logger.exception("Making the e-mail of %s failed; the change itself stands", apa)
