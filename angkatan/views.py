from django.contrib import messages
from django.contrib.messages.views import SuccessMessageMixin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DetailView, UpdateView, View
from django_filters.views import FilterView

from angkatan.filters import AngkatanFilter, VenueFilter
from angkatan.forms import AngkatanForm, VenueForm
from angkatan.models import Angkatan, Venue
from angkatan.services import STATUS_ORDER, angkatan_reopen, angkatan_status_advance, status_next
from diklat.access import StaffPermissionRequiredMixin
from diklat.halaman import HalamanTerdekatMixin


class AngkatanListView(StaffPermissionRequiredMixin, HalamanTerdekatMixin, FilterView):
    permission_required = "angkatan.view_angkatan"
    filterset_class = AngkatanFilter
    strict = False  # a malformed filter is reported next to its field and ignored
    template_name = "angkatan/angkatan_list.html"
    context_object_name = "angkatan_list"
    paginate_by = 25

    def get_queryset(self):
        return Angkatan.objects.select_related("program", "venue").order_by("-tahun", "-tanggal_mulai", "-nomor")


class AngkatanDetailView(StaffPermissionRequiredMixin, DetailView):
    permission_required = "angkatan.view_angkatan"
    template_name = "angkatan/angkatan_detail.html"
    context_object_name = "angkatan"

    def get_queryset(self):
        return Angkatan.objects.select_related("program", "venue", "venue__provinsi").annotate(
            jumlah_hari_pelatihan=Count("hari_pelatihan")
        )

    def get_context_data(self, **kwargs):
        angkatan = self.object
        earlier = STATUS_ORDER[: STATUS_ORDER.index(angkatan.status)]
        return super().get_context_data(
            status_berikut=status_next(angkatan.status),
            status_sebelumnya=[(status, Angkatan.Status(status).label) for status in earlier],
            status_order=[(status, Angkatan.Status(status).label) for status in STATUS_ORDER],
            **kwargs,
        )


class AngkatanCreateView(StaffPermissionRequiredMixin, SuccessMessageMixin, CreateView):
    permission_required = "angkatan.add_angkatan"
    model = Angkatan
    form_class = AngkatanForm
    template_name = "angkatan/angkatan_form.html"
    success_message = gettext_lazy("%(angkatan)s tersimpan.")

    def get_context_data(self, **kwargs):
        if self.object:
            heading, cancel_url = _("Ubah angkatan"), self.object.get_absolute_url()
        else:
            heading, cancel_url = _("Angkatan baru"), reverse("angkatan:list")
        return super().get_context_data(heading=heading, cancel_url=cancel_url, **kwargs)

    def get_initial(self):
        program = self.request.GET.get("program")
        return {"program": program} if program and program.isdigit() else {}

    def get_success_message(self, cleaned_data):
        return self.success_message % {"angkatan": self.object}


class AngkatanUpdateView(AngkatanCreateView, UpdateView):
    permission_required = "angkatan.change_angkatan"


class AngkatanStatusView(StaffPermissionRequiredMixin, View):
    """Move an angkatan forward (staff) or back (admins) in its life."""

    permission_required = "angkatan.change_angkatan"

    def post(self, request, pk):
        angkatan = get_object_or_404(Angkatan, pk=pk)
        to = request.POST.get("status", "")
        service = angkatan_reopen if request.POST.get("mundur") else angkatan_status_advance
        try:
            angkatan = service(angkatan=angkatan, to=to, user=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request, _("Status angkatan kini “%(status)s”.") % {"status": angkatan.get_status_display()}
            )
        return redirect(angkatan)


class VenueListView(StaffPermissionRequiredMixin, HalamanTerdekatMixin, FilterView):
    permission_required = "angkatan.view_venue"
    filterset_class = VenueFilter
    strict = False
    template_name = "angkatan/venue_list.html"
    context_object_name = "venues"
    paginate_by = 25

    def get_queryset(self):
        return Venue.objects.select_related("provinsi").order_by("nama")


class VenueCreateView(StaffPermissionRequiredMixin, SuccessMessageMixin, CreateView):
    permission_required = "angkatan.add_venue"
    model = Venue
    form_class = VenueForm
    template_name = "form_page.html"
    success_message = gettext_lazy("Tempat “%(nama)s” tersimpan.")

    def get_context_data(self, **kwargs):
        heading = _("Ubah tempat") if self.object else _("Tempat baru")
        return super().get_context_data(heading=heading, cancel_url=reverse("angkatan:venue-list"), **kwargs)

    def get_success_url(self):
        nxt = self.request.GET.get("next", "")
        # Only follow our own pages, never an address someone put in a link.
        if url_has_allowed_host_and_scheme(nxt, allowed_hosts={self.request.get_host()}):
            return nxt
        return reverse("angkatan:venue-list")


class VenueUpdateView(VenueCreateView, UpdateView):
    permission_required = "angkatan.change_venue"
