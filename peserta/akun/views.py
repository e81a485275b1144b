"""Opening an account with its activation link, and asking for a new link."""

import segno
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.forms import SetPasswordForm
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from diklat.access import StaffPermissionRequiredMixin
from diklat.batas import batas_tautan
from peserta.akun.forms import MintaTautanForm
from peserta.akun.services import (
    akun_aktif,
    akun_tautan_kirim,
    akun_tautan_minta,
    berlaku_sampai,
    tautan_aktivasi,
    tautan_periksa,
)
from peserta.models import Peserta

# The backend that checks passwords; the account was just given one.
_BACKEND = "django.contrib.auth.backends.ModelBackend"


@method_decorator([sensitive_post_parameters(), never_cache], name="dispatch")
class AktivasiView(View):
    """Choose a password with a one-time link; then the participant is logged in and sent to the portal."""

    template_name = "peserta/akun/aktivasi.html"

    def dispatch(self, request, uidb64: str, token: str):
        self.hasil = tautan_periksa(uidb64, token)
        if not self.hasil.sah:
            return render(request, "peserta/akun/aktivasi_gagal.html", {"alasan": self.hasil.alasan}, status=410)
        return super().dispatch(request, uidb64, token)

    def get(self, request, uidb64: str, token: str):
        return render(request, self.template_name, {"form": SetPasswordForm(self.hasil.user), "user": self.hasil.user})

    def post(self, request, uidb64: str, token: str):
        with transaction.atomic():
            # Two submits of one link at once: the second waits here, then finds the link used.
            get_user_model().objects.select_for_update().filter(pk=self.hasil.user.pk).exists()
            hasil = tautan_periksa(uidb64, token)
            if not hasil.sah:
                return render(request, "peserta/akun/aktivasi_gagal.html", {"alasan": hasil.alasan}, status=410)
            form = SetPasswordForm(hasil.user, request.POST)
            if not form.is_valid():
                return render(request, self.template_name, {"form": form, "user": hasil.user})
            user = form.save()
        login(request, user, backend=_BACKEND)
        return redirect("peserta:portal")


@method_decorator(never_cache, name="dispatch")
class MintaTautanView(View):
    """Ask for a new activation link by NIP or e-mail; the answer never says whether the account exists.

    So many asks an hour from one address, and for one account, are answered; beyond them, a 429 page.
    """

    template_name = "peserta/akun/minta_tautan.html"

    def get(self, request):
        return render(request, self.template_name, {"form": MintaTautanForm()})

    def post(self, request):
        # Limited per client address and per account named, before anything is looked up or sent.
        terlalu_banyak = batas_tautan(request, lingkup="aktivasi")
        if terlalu_banyak is not None:
            return terlalu_banyak
        form = MintaTautanForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form})
        isian = form.cleaned_data["nip_atau_email"]
        terlalu_banyak = batas_tautan(request, lingkup="aktivasi", isian=isian)
        if terlalu_banyak is not None:
            return terlalu_banyak
        akun_tautan_minta(isian=isian)
        return render(request, self.template_name, {"terkirim": True})


class AkunPesertaView(StaffPermissionRequiredMixin, View):
    """Staff hand a participant their activation link: by e-mail, as a link to copy, or on a slip with its QR code."""

    permission_required = ("peserta.view_peserta", "peserta.change_peserta")
    template_name = "peserta/akun/staf.html"

    def load_objects(self, **kwargs):
        self.peserta = get_object_or_404(Peserta.objects.select_related("user"), pk=kwargs["pk"])

    def _halaman(self, request, *, slip: bool = False):
        user = self.peserta.user
        konteks = {"peserta": self.peserta, "akun": user, "aktif": akun_aktif(user)}
        if user is not None and not konteks["aktif"]:
            tautan = tautan_aktivasi(user)
            konteks.update(
                tautan=tautan, qr=segno.make(tautan, error="m").svg_data_uri(scale=4), berlaku=berlaku_sampai()
            )
        return render(request, "peserta/akun/slip.html" if slip else self.template_name, konteks)

    def get(self, request, pk):
        return self._halaman(request, slip=request.GET.get("cetak") == "1")

    def post(self, request, pk):
        user = self.peserta.user
        if user is None:
            messages.error(
                request, _("Peserta ini belum memiliki akun: akun dibuat saat pendaftarannya diverifikasi.")
            )
        elif akun_aktif(user):
            messages.info(request, _("Akun ini sudah aktif; tidak ada tautan yang perlu dikirim."))
        elif akun_tautan_kirim(user=user):
            messages.success(request, _("Tautan aktivasi dikirim ke %(email)s.") % {"email": user.email})
        else:
            messages.error(request, _("Peserta ini tidak memiliki alamat e-mail; salin tautannya atau cetak slipnya."))
        # Sent from the roster's row: back to the same page of the roster.
        kembali = request.POST.get("kembali", "")
        if kembali and url_has_allowed_host_and_scheme(kembali, allowed_hosts={request.get_host()}):
            return redirect(kembali)
        return redirect("peserta:akun", pk=self.peserta.pk)
