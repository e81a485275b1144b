"""The participant's home: their trainings, newest first, and what higher floors add to each."""

import logging

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from diklat.signals import portal_pendaftaran
from peserta.models import Pendaftaran, Peserta
from peserta.portal.selectors import pelatihan_untuk_peserta

logger = logging.getLogger(__name__)


def bagian_tambahan(request, pendaftaran: Pendaftaran) -> list[str]:
    """Return the HTML the receivers of ``portal_pendaftaran`` give for one enrolment (the certificate, say)."""
    bagian = []
    for receiver, jawaban in portal_pendaftaran.send_robust(
        sender=Pendaftaran, pendaftaran=pendaftaran, request=request
    ):
        if isinstance(jawaban, Exception):
            # One part failing must not take the participant's page down; the details go to the log.
            logger.error("portal_pendaftaran receiver %r failed", receiver, exc_info=jawaban)
        elif jawaban:
            bagian.append(jawaban)
    return bagian


class BerandaPesertaView(LoginRequiredMixin, TemplateView):
    """The logged-in participant's own trainings; nothing in the URL, so nobody else's can be asked for."""

    template_name = "peserta/portal/beranda.html"

    def get_context_data(self, **kwargs):
        peserta = Peserta.objects.filter(user=self.request.user).first()
        pelatihan = pelatihan_untuk_peserta(peserta) if peserta else []
        for satu in pelatihan:
            satu.bagian_tambahan = bagian_tambahan(self.request, satu.pendaftaran)
        return super().get_context_data(peserta=peserta, pelatihan=pelatihan, **kwargs)
