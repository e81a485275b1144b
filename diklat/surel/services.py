"""Send an e-mail of the site: render it, keep it in the outbox, hand it to the workers after commit."""

import re
from functools import partial

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from diklat.models import Surel
from diklat.surel import tasks
from diklat.tugas.services import tugas_kirim_setelah_commit

_BARIS_KOSONG_BERLEBIH = re.compile(r"\n{3,}")


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
) -> Surel:
    """Render ``<template>.txt`` and ``<template>.html``, keep the message and send it once the transaction commits.

    Both bodies are rendered now, in ``bahasa`` or else the language active for the caller, so the
    worker sends (and staff later read) exactly what was meant; the templates extend
    ``diklat/surel/_dasar.txt`` / ``_dasar.html`` and get ``nama_situs``, ``url_situs`` and
    ``subjek`` besides ``konteks``. A message never carries an attachment: it links to the site.
    Should the queue be unreachable, the message stays waiting with why, and the caller's request
    goes on.
    """
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
    surel = Surel(kepada=kepada.strip(), user=user, jenis=jenis, subjek=subjek, isi_teks=isi_teks, isi_html=isi_html)
    surel.full_clean(exclude=["user"])
    surel.save()
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
