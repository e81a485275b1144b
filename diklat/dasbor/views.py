"""The staff dashboard page."""

from django.views.generic import TemplateView

from diklat.access import StaffPermissionRequiredMixin
from diklat.dasbor.widget import widget_dasbor_kumpulkan


class DasborView(StaffPermissionRequiredMixin, TemplateView):
    """The first page staff see: what needs them today, as the floors above tell it through their widgets."""

    # Whoever may see the angkatan is staff (as ``diklat.context_processors.roles`` says); each widget then
    # checks the permissions of what it shows.
    permission_required = "angkatan.view_angkatan"
    template_name = "diklat/dasbor/dasbor.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(widget=widget_dasbor_kumpulkan(self.request), **kwargs)
