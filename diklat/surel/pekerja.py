"""What a worker does with the outbox: send a waiting message once, and say in words why it could not."""

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from diklat.models import Surel
from diklat.tugas.services import pesan_galat

logger = logging.getLogger(__name__)

# Errors of a send that may pass: the mail server away, slow or busy (OSError covers refused and reset
# connections and socket timeouts; SMTPException is one). The task retries them; a 5xx answer is final.
GALAT_SUREL_SEMENTARA = (smtplib.SMTPException, OSError)


def _kode_smtp(error: BaseException) -> int | None:
    """Return the SMTP reply code of a refusal, if the server answered with one."""
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code
    if isinstance(error, smtplib.SMTPRecipientsRefused) and error.recipients:
        return max(kode for kode, _pesan in error.recipients.values())
    return None


def galat_permanen(error: BaseException) -> bool:
    """Whether the server refused for good (a 5xx reply): sending the same message again cannot help."""
    kode = _kode_smtp(error)
    return kode is not None and 500 <= kode < 600


def pesan_galat_surel(error: BaseException) -> str:
    """Say in Indonesian why a message could not be sent; the server's own words go to the log."""
    kode = _kode_smtp(error)
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return _("Server surel menolak login situs ini (kode %(kode)s); admin perlu memeriksa EMAIL_URL.") % {
            "kode": kode
        }
    if kode is not None and kode < 500:
        return _("Server surel sedang menunda pesan ini (kode %(kode)s).") % {"kode": kode}
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return _("Server surel menolak alamat penerima (kode %(kode)s).") % {"kode": kode}
    if kode is not None:
        return _("Server surel menolak pesan ini (kode %(kode)s).") % {"kode": kode}
    if isinstance(error, smtplib.SMTPServerDisconnected) or not isinstance(error, smtplib.SMTPException):
        return _("Server surel tidak dapat dihubungi atau memutus sambungan.")
    return _("Pengiriman ke server surel gagal (%(jenis)s); rinciannya tercatat di log server.") % {
        "jenis": type(error).__name__
    }


def _pesan(surel: Surel) -> EmailMultiAlternatives:
    pesan = EmailMultiAlternatives(
        subject=surel.subjek,
        body=surel.isi_teks,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[surel.kepada],
        # Sent by a machine (RFC 3834): vacation replies and auto-responders stay quiet.
        headers={"Auto-Submitted": "auto-generated"},
    )
    pesan.attach_alternative(surel.isi_html, "text/html")
    return pesan


def surel_antar(*, surel_id: int) -> None:
    """Send one waiting message through Django's mail backend; one sent, or given up, is left as it is.

    The row stays locked while it is sent, and a second worker handed the same message skips it
    (``skip_locked``), so two workers never send it twice. A permanent refusal (a 5xx reply: no such
    mailbox, not allowed) fails it at once; an error that may pass is recorded and raised again, for
    the task to retry later. Every attempt is counted.
    """
    sementara = None
    with transaction.atomic():
        surel = (
            Surel.objects.select_for_update(skip_locked=True).filter(pk=surel_id, status=Surel.Status.MENUNGGU).first()
        )
        if surel is None:
            return
        surel.percobaan += 1
        try:
            _pesan(surel).send()
        except GALAT_SUREL_SEMENTARA as error:
            logger.warning("Sending e-mail %s (attempt %s) failed", surel.pk, surel.percobaan, exc_info=True)
            with translation.override(settings.LANGUAGE_CODE):
                surel.galat = pesan_galat_surel(error)
            if galat_permanen(error):
                surel.status = Surel.Status.GAGAL
            else:
                sementara = error
        else:
            surel.status, surel.terkirim_pada, surel.galat = Surel.Status.TERKIRIM, timezone.now(), ""
        surel.save(update_fields=["percobaan", "status", "terkirim_pada", "galat", "updated_at"])
    if sementara is not None:
        raise sementara


def surel_gagal(*, surel_id: int, error: BaseException) -> None:
    """Mark a message still waiting as failed, when its task gives up (its retries spent), with why."""
    surel = Surel.objects.filter(pk=surel_id, status=Surel.Status.MENUNGGU).first()
    if surel is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        if isinstance(error, GALAT_SUREL_SEMENTARA):
            pesan = _("Tidak terkirim setelah %(jumlah)s kali mencoba. %(sebab)s") % {
                "jumlah": surel.percobaan,
                "sebab": pesan_galat_surel(error),
            }
        else:
            pesan = pesan_galat(error)
    Surel.objects.filter(pk=surel_id, status=Surel.Status.MENUNGGU).update(
        status=Surel.Status.GAGAL, galat=pesan, updated_at=timezone.now()
    )
