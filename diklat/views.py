from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, PasswordChangeView, PasswordResetConfirmView, PasswordResetView
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q, Sum
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, View

from diklat.access import StaffPermissionRequiredMixin, halaman_khusus_staf
from diklat.auth import percobaan_masuk_hapus
from diklat.batas import batas_tautan
from diklat.forms import (
    KomponenNilaiFormSet,
    LoginForm,
    LupaSandiForm,
    MataPelatihanFormSet,
    PredikatFormSet,
    ProgramForm,
)
from diklat.halaman import HalamanTerdekatMixin
from diklat.models import DEFAULT_KOMPONEN_NILAI, DEFAULT_PREDIKAT, MataPelatihan, Program
from diklat.pencarian import teks_cari
from diklat.roles import adalah_peserta
from diklat.services import program_save


@login_required
def beranda(request, halaman_staf: str = "", halaman_peserta: str = ""):
    """Send staff to their pages and everyone else to the participant's home; the root URLconf names both."""
    if halaman_staf and request.user.has_perm("angkatan.view_angkatan"):
        return redirect(halaman_staf)
    if halaman_peserta:
        return redirect(halaman_peserta)
    return render(request, "diklat/beranda.html")


class MasukView(LoginView):
    """Django's login page with our form; a participant is never sent on to a staff page they cannot open."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_success_url(self):
        tujuan = self.get_redirect_url()
        if tujuan and adalah_peserta(self.request.user) and halaman_khusus_staf(tujuan):
            # A link to a staff page (a forwarded e-mail, an old bookmark) would end in a 403: go home instead.
            tujuan = ""
        return tujuan or self.get_default_redirect_url()


class LupaSandiView(PasswordResetView):
    """Django's password reset by e-mail, with our form (NIP or address) and the site's outbox.

    The answer is the "sent" page whether or not an account was found. So many asks an hour from one
    address, and for one account, are answered; beyond them a 429 page says when to try again, and
    nothing is looked up or sent.
    """

    form_class = LupaSandiForm
    subject_template_name = "registration/surel/lupa_sandi_subjek.txt"
    # Its HTML twin, lupa_sandi.html, is rendered with it by the outbox (LupaSandiForm.send_mail).
    email_template_name = "registration/surel/lupa_sandi.txt"

    def post(self, request, *args, **kwargs):
        terlalu_banyak = batas_tautan(request, lingkup="lupa_sandi")
        if terlalu_banyak is not None:
            return terlalu_banyak
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        terlalu_banyak = batas_tautan(self.request, lingkup="lupa_sandi", isian=form.cleaned_data["email"])
        if terlalu_banyak is not None:
            return terlalu_banyak
        return super().form_valid(form)


class AturSandiView(PasswordResetConfirmView):
    """Django's page behind the e-mailed link; a new password also lifts a lock after failed logins."""

    def form_valid(self, form):
        response = super().form_valid(form)
        # Whoever holds the link holds the account's mailbox: no need to wait out the lock.
        percobaan_masuk_hapus(username=form.user.get_username())
        return response


class GantiSandiView(PasswordChangeView):
    """Change one's own password (the old one first); the session stays logged in, others are logged out."""

    template_name = "registration/ganti_sandi.html"
    success_url = reverse_lazy("beranda")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Kata sandi Anda sudah diganti."))
        return response


def favicon(request):
    """Answer browsers that ask /favicon.ico by habit with the site's icon, instead of a 404 in every log."""
    return redirect(static("favicon.svg"), permanent=True)


class ProgramListView(StaffPermissionRequiredMixin, HalamanTerdekatMixin, ListView):
    permission_required = "diklat.view_program"
    template_name = "diklat/program_list.html"
    context_object_name = "programs"
    paginate_by = 25

    def get_queryset(self):
        queryset = Program.objects.annotate(
            jumlah_mata_pelatihan=Count("mata_pelatihan", distinct=True),
            total_jp_sum=Sum("mata_pelatihan__jp"),
            jumlah_angkatan=Count("angkatan", distinct=True),
        ).order_by("nama")
        self.q = teks_cari(self.request.GET.get("q"))
        if self.q:
            queryset = queryset.filter(Q(nama__icontains=self.q) | Q(kode__icontains=self.q))
        return queryset

    def get_context_data(self, **kwargs):
        return super().get_context_data(q=self.q, **kwargs)


class ProgramDetailView(StaffPermissionRequiredMixin, DetailView):
    permission_required = "diklat.view_program"
    template_name = "diklat/program_detail.html"
    context_object_name = "program"

    def get_queryset(self):
        return Program.objects.prefetch_related(
            Prefetch("mata_pelatihan", queryset=MataPelatihan.objects.order_by("urutan")), "predikat", "komponen_nilai"
        )

    def get_context_data(self, **kwargs):
        jumlah_bobot = sum(k.bobot for k in self.object.komponen_nilai.all())
        tahun = timezone.localdate().year
        try:
            contoh = self.object.contoh_nomor_sertifikat(tahun=tahun)
        except (KeyError, IndexError, ValueError):
            # A pattern stored before it was checked: the page still shows it, without an example.
            contoh = ""
        return super().get_context_data(jumlah_bobot=jumlah_bobot, contoh_nomor=contoh, tahun_contoh=tahun, **kwargs)


class ProgramLogoView(StaffPermissionRequiredMixin, View):
    """Show a program's stored logo to staff, read through the storage API (the form's "Saat ini" link)."""

    permission_required = "diklat.view_program"

    def get(self, request, pk):
        program = get_object_or_404(Program.objects.only("pk", "logo"), pk=pk)
        if not program.logo:
            raise Http404
        try:
            berkas = program.logo.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        nama = program.logo.name.rsplit("/", 1)[-1]
        # An SVG opened on the site's own address could carry a script: it is downloaded, not shown.
        return FileResponse(berkas, as_attachment=nama.lower().endswith(".svg"), filename=nama)


class ProgramEditView(StaffPermissionRequiredMixin, View):
    """Create or change a program, its curriculum, predikat bands and score components on one page."""

    template_name = "diklat/program_form.html"

    def get_permission_required(self):
        return ["diklat.change_program"] if "pk" in self.kwargs else ["diklat.add_program"]

    def get_program(self):
        if "pk" in self.kwargs:
            return get_object_or_404(Program, pk=self.kwargs["pk"])
        return Program()

    def render_form(self, form, mata_pelatihan, predikat, komponen):
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "mata_pelatihan": mata_pelatihan,
                "predikat": predikat,
                "komponen": komponen,
                "program": form.instance,
            },
        )

    def get(self, request, pk=None):
        program = self.get_program()
        initial_predikat, initial_komponen = [], []
        if program.pk is None:
            initial_predikat = [{"nama": nama, "nilai_minimal": nilai} for nama, nilai in DEFAULT_PREDIKAT]
            initial_komponen = [
                {"urutan": urutan, "nama": nama, "bobot": bobot}
                for urutan, (nama, bobot) in enumerate(DEFAULT_KOMPONEN_NILAI, start=1)
            ]
        mata_pelatihan = MataPelatihanFormSet(instance=program, prefix="mp")
        if program.pk is None:
            mata_pelatihan.extra = 10  # room for a whole curriculum in one save
        predikat = PredikatFormSet(instance=program, prefix="predikat", initial=initial_predikat)
        if initial_predikat:
            predikat.extra = len(initial_predikat)
        komponen = KomponenNilaiFormSet(instance=program, prefix="komponen", initial=initial_komponen)
        if initial_komponen:
            komponen.extra = len(initial_komponen)
        return self.render_form(
            ProgramForm(instance=program),
            mata_pelatihan,
            predikat,
            komponen,
        )

    def post(self, request, pk=None):
        program = self.get_program()
        form = ProgramForm(request.POST, request.FILES, instance=program)
        form_valid = form.is_valid()
        mata_pelatihan = MataPelatihanFormSet(request.POST, instance=form.instance, prefix="mp")
        predikat = PredikatFormSet(request.POST, instance=form.instance, prefix="predikat")
        komponen = KomponenNilaiFormSet(request.POST, instance=form.instance, prefix="komponen")
        formsets_valid = all([mata_pelatihan.is_valid(), predikat.is_valid(), komponen.is_valid()])
        if form_valid and formsets_valid:
            try:
                program = program_save(
                    form=form,
                    mata_pelatihan_formset=mata_pelatihan,
                    predikat_formset=predikat,
                    komponen_formset=komponen,
                )
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
                return self.render_form(form, mata_pelatihan, predikat, komponen)
            messages.success(request, _("Program “%(nama)s” tersimpan.") % {"nama": program.nama})
            return redirect("diklat:program-detail", pk=program.pk)
        messages.error(request, _("Periksa kembali isian yang ditandai."))
        return self.render_form(form, mata_pelatihan, predikat, komponen)
