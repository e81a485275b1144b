"""The participant's home: their trainings, newest first, and what higher floors add to each."""

import logging
from collections.abc import Mapping

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from diklat.signals import portal_pendaftaran
from peserta.models import Pendaftaran
from peserta.perbaikan.selectors import periksa_data_banyak
from peserta.portal.akses import PortalPesertaMixin
from peserta.portal.forms import KontakForm
from peserta.portal.selectors import pelatihan_untuk_peserta
from peserta.portal.services import kontak_saya_ubah

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


def _dengan_bagian_tambahan(request, pelatihan):
    """Add to each training the check of its printed data, while it is open, and what higher floors give (the certificate)."""
    daftar = [satu.pendaftaran for satu in pelatihan]
    tambahan = bagian_tambahan(request, daftar)
    periksa = periksa_data_banyak(daftar, hanya_terbuka=True)
    for satu in pelatihan:
        satu.bagian_tambahan = tambahan.get(satu.pendaftaran.pk, [])
        satu.periksa = periksa.get(satu.pendaftaran.pk)
    return pelatihan


class BerandaPesertaView(PortalPesertaMixin, TemplateView):
    """The logged-in participant's own trainings; nothing in the URL, so nobody else's can be asked for."""

    template_name = "peserta/portal/beranda.html"

    def get_context_data(self, **kwargs):
        peserta = self.peserta
        pelatihan = _dengan_bagian_tambahan(self.request, pelatihan_untuk_peserta(peserta) if peserta else [])
        return super().get_context_data(peserta=peserta, pelatihan=pelatihan, **kwargs)


class PelatihanSayaView(PortalPesertaMixin, TemplateView):
    """One of the participant's trainings on a page of its own: where the e-mails link to.

    The id is looked for among the asker's own enrolments only: anyone else's is a 404 like a missing one.
    """

    template_name = "peserta/portal/pelatihan.html"
    peserta_wajib = True

    def get_context_data(self, **kwargs):
        pelatihan = pelatihan_untuk_peserta(self.peserta, pk=self.kwargs["pk"])
        if not pelatihan:
            raise Http404
        (satu,) = _dengan_bagian_tambahan(self.request, pelatihan)
        return super().get_context_data(peserta=self.peserta, satu=satu, **kwargs)


class AkunSayaView(PortalPesertaMixin, FormView):
    """The participant's own account: how to reach them (theirs to change) and what only staff change."""

    template_name = "peserta/portal/akun.html"
    form_class = KontakForm
    peserta_wajib = True

    def get_initial(self):
        return {"email": self.peserta.email, "telepon": self.peserta.telepon}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "email_kini": self.peserta.email}

    def get_context_data(self, **kwargs):
        return super().get_context_data(peserta=self.peserta, **kwargs)

    def form_valid(self, form):
        try:
            berubah = kontak_saya_ubah(
                peserta=self.peserta,
                email=form.cleaned_data["email"],
                telepon=form.cleaned_data["telepon"],
                user=self.request.user,
            )
        except ValidationError as error:
            # Errors of the two fields go beside them; any other (the rest of the record) above the form.
            galat_per_isian = error.error_dict if hasattr(error, "error_dict") else {None: error.error_list}
            for nama, galat in galat_per_isian.items():
                form.add_error(nama if nama in form.fields else None, galat)
            return self.form_invalid(form)
        if berubah:
            messages.success(self.request, _("Data kontak Anda tersimpan."))
        else:
            messages.info(self.request, _("Tidak ada yang berubah."))
        return redirect("peserta:portal-akun")
