"""Enrolling people one by one, moving enrolments through the workflow, and a person's page for staff."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from angkatan.models import Angkatan
from diklat.access import StaffPermissionRequiredMixin
from diklat.nip import parse_nip
from diklat.surel.selectors import surel_untuk_user
from peserta.data.forms import PesertaForm, galat_ke_form, kabupaten_kota_choices, kode_provinsi
from peserta.models import Pendaftaran, Peserta
from peserta.pendaftaran.forms import NipCariForm, StatusForm
from peserta.pendaftaran.selectors import (
    FilterRoster,
    audit_trail_for_peserta,
    pendaftaran_for_peserta,
    peserta_for_detail,
)
from peserta.pendaftaran.services import (
    STATUS_AKSI_STAF,
    STATUS_PERLU_ALASAN,
    TRANSITIONS,
    kuota_sisa,
    pastikan_angkatan_terima_peserta,
    pendaftaran_bulk_transition,
    pendaftaran_enrol,
    pendaftaran_transition,
)

Status = Pendaftaran.Status

# The messages a person's page lists, the newest first; older ones are in the admin's outbox.
SUREL_DITAMPILKAN = 50


def _angkatan(pk: int) -> Angkatan:
    return get_object_or_404(Angkatan.objects.select_related("program", "venue"), pk=pk)


def _kembali_ke_roster(angkatan: Angkatan, data=None) -> HttpResponseRedirect:
    """Go back to the angkatan page, keeping the roster's filters, search and page the request carried."""
    saringan = FilterRoster.dari(data) if data is not None else FilterRoster()
    return HttpResponseRedirect(saringan.alamat(angkatan))


class PendaftaranTambahView(StaffPermissionRequiredMixin, View):
    """Enrol one person: step 1 the NIP, step 2 their data (filled in when known), then save.

    Without JavaScript step 1 is a GET form that reloads the page with step 2;
    with htmx, typing the NIP loads step 2 in place (``_langkah_data.html``).
    """

    permission_required = ("peserta.add_pendaftaran", "peserta.add_peserta", "peserta.change_peserta")
    template_name = "peserta/pendaftaran/tambah.html"
    fragment_name = "peserta/pendaftaran/_langkah_data.html"

    def load_objects(self, **kwargs):
        self.angkatan = _angkatan(kwargs["pk"])

    def _context(self, **kwargs):
        angkatan = self.angkatan
        try:
            pastikan_angkatan_terima_peserta(angkatan)
            tertutup = ""
        except ValidationError as error:
            tertutup = error.messages[0]
        context = {
            "angkatan": angkatan,
            "tab": "peserta",
            "kuota_sisa": kuota_sisa(angkatan),
            "tertutup": tertutup,
            "url_tambah": reverse("peserta:tambah", args=[angkatan.pk]),
        }
        context.update(kwargs)
        return context

    def _render(self, request, **kwargs):
        context = self._context(**kwargs)
        if request.htmx and not request.htmx.boosted:
            return render(request, self.fragment_name, context)
        context.setdefault("cari_form", NipCariForm(auto_id="cari_%s", initial={"nip": context.get("nip", "")}))
        return render(request, self.template_name, context)

    def _langkah_data(self, request, digits: str, form: PesertaForm | None = None):
        """Render step 2 for a valid NIP, or say why this person cannot be enrolled here."""
        peserta = Peserta.objects.select_related("pangkat", "provinsi", "kabupaten_kota").filter(nip=digits).first()
        terdaftar = None
        if peserta is not None:
            terdaftar = Pendaftaran.objects.filter(angkatan=self.angkatan, peserta=peserta).first()
        if form is None and terdaftar is None:
            instance = peserta or Peserta(nip=digits, tanggal_lahir=parse_nip(digits).tanggal_lahir)
            form = PesertaForm(instance=instance, initial={"nip": digits})
        return self._render(
            request,
            nip=digits,
            nip_info=parse_nip(digits),
            peserta=peserta,
            terdaftar=terdaftar,
            form=form,
            cari_form=NipCariForm(auto_id="cari_%s", initial={"nip": digits}),
        )

    def get(self, request, pk):
        if "nip" not in request.GET:
            return self._render(request)
        cari_form = NipCariForm(request.GET, auto_id="cari_%s")
        if not cari_form.is_valid():
            ketik = bool(request.htmx) and _sedang_mengetik(request.GET.get("nip", ""), cari_form)
            return self._render(request, cari_form=cari_form, sedang_mengetik=ketik)
        return self._langkah_data(request, cari_form.cleaned_data["nip"])

    def post(self, request, pk):
        cari_form = NipCariForm(request.POST, auto_id="cari_%s")
        if not cari_form.is_valid():
            return self._render(request, cari_form=cari_form)
        digits = cari_form.cleaned_data["nip"]
        peserta = Peserta.objects.filter(nip=digits).first()
        instance = peserta or Peserta(nip=digits, tanggal_lahir=parse_nip(digits).tanggal_lahir)
        form = PesertaForm(request.POST, instance=instance)
        if form.is_valid():
            try:
                pendaftaran = pendaftaran_enrol(
                    angkatan=self.angkatan, nip=digits, data=form.data_peserta(), user=request.user
                )
            except ValidationError as error:
                galat_ke_form(form, error)
            else:
                messages.success(
                    request,
                    _("%(nama)s terdaftar di angkatan ini dengan status “%(status)s”.")
                    % {"nama": pendaftaran.peserta.nama_lengkap, "status": pendaftaran.get_status_display()},
                )
                if request.POST.get("lanjut") == "tambah-lagi":
                    return redirect("peserta:tambah", pk=self.angkatan.pk)
                return _kembali_ke_roster(self.angkatan)
        return self._langkah_data(request, digits, form=form)


def _sedang_mengetik(nilai: str, form: NipCariForm) -> bool:
    """Tell whether a NIP is only unfinished (fewer than 18 digits so far), so htmx shows a hint, not an error."""
    digits = "".join(c for c in nilai if c.isascii() and c.isdigit())
    codes = {e.code for e in form.errors.as_data().get("nip", [])}
    return len(digits) < 18 and codes <= {"nip_panjang", "nip_kosong", "required"}


class KabupatenKotaPilihanView(StaffPermissionRequiredMixin, View):
    """Return the kab/kota ``<option>``s of one province (htmx), keeping the chosen one if it belongs there."""

    permission_required = "peserta.view_peserta"

    def get(self, request):
        provinsi = kode_provinsi(request.GET.get("provinsi"))
        kosong, *pilihan = kabupaten_kota_choices(provinsi)
        # In a filter (the export across angkatan), no kab/kota means all of them, not the provincial government.
        if request.GET.get("untuk") == "filter":
            kosong = ("", _("Semua kabupaten/kota"))
        return render(
            request,
            "peserta/pendaftaran/_kabkota_pilihan.html",
            {
                "kosong": kosong[1],
                "options": pilihan if provinsi else [],
                "groups": [] if provinsi else pilihan,
                "terpilih": request.GET.get("kabupaten_kota", ""),
            },
        )


class PendaftaranStatusView(StaffPermissionRequiredMixin, View):
    """Move one enrolment one step: verify, mark attending, reject or withdraw (with a reason), propose again."""

    permission_required = "peserta.change_pendaftaran"
    template_name = "peserta/pendaftaran/status.html"

    def load_objects(self, **kwargs):
        self.angkatan = _angkatan(kwargs["pk"])
        self.pendaftaran = get_object_or_404(
            Pendaftaran.objects.select_related("peserta", "peserta__pangkat"),
            pk=kwargs["pendaftaran_pk"],
            angkatan=self.angkatan,
        )

    def _ke(self, data) -> str | None:
        ke = data.get("ke", "")
        return ke if ke in STATUS_AKSI_STAF else None

    def _tolak_aksi(self, request, ke_mentah: str):
        if ke_mentah in STATUS_AKSI_STAF:
            messages.error(
                request,
                _("%(nama)s berstatus “%(dari)s” dan tidak dapat diubah menjadi “%(ke)s”.")
                % {
                    "nama": self.pendaftaran.peserta.nama_lengkap,
                    "dari": self.pendaftaran.get_status_display(),
                    "ke": Status(ke_mentah).label,
                },
            )
        else:
            messages.error(request, _("Aksi status tidak dikenal; tidak ada yang diubah."))
        return _kembali_ke_roster(self.angkatan, request.POST if request.method == "POST" else request.GET)

    def _render(self, request, ke: str, form: StatusForm):
        saringan = FilterRoster.dari(request.POST if request.method == "POST" else request.GET)
        return render(
            request,
            self.template_name,
            {
                "angkatan": self.angkatan,
                "tab": "peserta",
                "pendaftaran": self.pendaftaran,
                "ke": ke,
                "ke_label": Status(ke).label,
                "perlu_alasan": ke in STATUS_PERLU_ALASAN,
                "form": form,
                "saringan": saringan,
                "url_roster": saringan.alamat(self.angkatan),
            },
        )

    def get(self, request, pk, pendaftaran_pk):
        ke = self._ke(request.GET)
        if ke is None or ke not in TRANSITIONS[self.pendaftaran.status]:
            return self._tolak_aksi(request, request.GET.get("ke", ""))
        return self._render(request, ke, StatusForm(perlu_alasan=ke in STATUS_PERLU_ALASAN))

    def post(self, request, pk, pendaftaran_pk):
        ke = self._ke(request.POST)
        if ke is None:
            return self._tolak_aksi(request, request.POST.get("ke", ""))
        form = StatusForm(request.POST, perlu_alasan=ke in STATUS_PERLU_ALASAN)
        if form.is_valid():
            dari = self.pendaftaran.get_status_display()
            try:
                pendaftaran = pendaftaran_transition(
                    pendaftaran=self.pendaftaran, ke=ke, user=request.user, alasan=form.cleaned_data["alasan"]
                )
            except ValidationError as error:
                if getattr(error, "code", None) == "alasan_wajib":
                    form.add_error("alasan", error)
                else:
                    for message in error.messages:
                        messages.error(request, message)
                    return _kembali_ke_roster(self.angkatan, request.POST)
            else:
                messages.success(
                    request,
                    _("%(nama)s: %(dari)s → %(ke)s.")
                    % {"nama": pendaftaran.peserta.nama_lengkap, "dari": dari, "ke": pendaftaran.get_status_display()},
                )
                return _kembali_ke_roster(self.angkatan, request.POST)
        return self._render(request, ke, form)


class PendaftaranAksiMassalView(StaffPermissionRequiredMixin, View):
    """Apply one move to the rows selected on the roster; each row moves if it may, the rest are named."""

    permission_required = "peserta.change_pendaftaran"

    def post(self, request, pk):
        angkatan = _angkatan(pk)
        try:
            hasil = pendaftaran_bulk_transition(
                angkatan=angkatan,
                pks=request.POST.getlist("pilih"),
                ke=request.POST.get("aksi", ""),
                user=request.user,
                alasan=request.POST.get("alasan", "")[:2000],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            (messages.success if hasil.dipindah else messages.warning)(request, hasil.ringkasan)
        return _kembali_ke_roster(angkatan, request.POST)


class PesertaDetailView(StaffPermissionRequiredMixin, TemplateView):
    """A person as staff see them: data, enrolments with their history, e-mails sent to them, the audit trail.

    The e-mails are listed to those who may read the outbox (``diklat.view_surel``).
    """

    permission_required = ("peserta.view_peserta", "peserta.view_pendaftaran")
    template_name = "peserta/pendaftaran/peserta_detail.html"

    def get_context_data(self, **kwargs):
        try:
            peserta = peserta_for_detail(kwargs["pk"])
        except Peserta.DoesNotExist:
            raise Http404 from None
        pendaftaran = pendaftaran_for_peserta(peserta)
        surel = None
        if self.request.user.has_perm("diklat.view_surel"):
            # What the site wrote to them: when, what, where to, and whether it went (never the bodies,
            # which hold one-time links). One query, the newest first.
            surel = list(surel_untuk_user(user=peserta.user, alamat=peserta.email)[:SUREL_DITAMPILKAN])
        return super().get_context_data(
            peserta=peserta,
            pendaftaran_list=pendaftaran,
            audit=audit_trail_for_peserta(peserta, pendaftaran),
            surel_list=surel,
            surel_batas=SUREL_DITAMPILKAN,
            **kwargs,
        )
