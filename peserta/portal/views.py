"""The participant's home: their trainings, newest first, and what higher floors add to each."""

import logging
from collections.abc import Mapping

from django.views.generic import TemplateView

from diklat.signals import portal_pendaftaran
from peserta.models import Pendaftaran
from peserta.portal.akses import PortalPesertaMixin
from peserta.portal.selectors import pelatihan_untuk_peserta

logger = logging.getLogger(__name__)


def bagian_tambahan(request, pendaftaran_list: list[Pendaftaran]) -> dict[int, list[str]]:
    """Return, by enrolment pk, the HTML the receivers of ``portal_pendaftaran`` give (the certificate, say).

    The signal is sent once for all the enrolments, so that a receiver reads them all in one query.
    """
    bagian: dict[int, list[str]] = {}
    if not pendaftaran_list:
        return bagian
    for receiver, jawaban in portal_pendaftaran.send_robust(
        sender=Pendaftaran, pendaftaran_list=pendaftaran_list, request=request
    ):
        if isinstance(jawaban, Exception):
            # One part failing must not take the participant's page down; the details go to the log.
            logger.error("portal_pendaftaran receiver %r failed", receiver, exc_info=jawaban)
        elif jawaban is not None and not isinstance(jawaban, Mapping):
            logger.error("portal_pendaftaran receiver %r answered %s, not a dict", receiver, type(jawaban).__name__)
        elif jawaban:
            for pendaftaran in pendaftaran_list:
                if html := jawaban.get(pendaftaran.pk):
                    bagian.setdefault(pendaftaran.pk, []).append(html)
    return bagian


class BerandaPesertaView(PortalPesertaMixin, TemplateView):
    """The logged-in participant's own trainings; nothing in the URL, so nobody else's can be asked for."""

    template_name = "peserta/portal/beranda.html"

    def get_context_data(self, **kwargs):
        peserta = self.peserta
        pelatihan = pelatihan_untuk_peserta(peserta) if peserta else []
        tambahan = bagian_tambahan(self.request, [satu.pendaftaran for satu in pelatihan])
        for satu in pelatihan:
            satu.bagian_tambahan = tambahan.get(satu.pendaftaran.pk, [])
        return super().get_context_data(peserta=peserta, pelatihan=pelatihan, **kwargs)
