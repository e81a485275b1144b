"""The Sertifikat tab of an angkatan's pages (a receiver of ``diklat.signals.tab_angkatan``)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from angkatan.tabs import Tab


def tab_sertifikat(sender, *, angkatan, request, **kwargs) -> list[Tab]:
    """Shown to those who may see certificates."""
    if request is None or not request.user.has_perm("sertifikat.view_sertifikat"):
        return []
    return [Tab("sertifikat", _("Sertifikat"), reverse("sertifikat:angkatan", args=[angkatan.pk]), 40)]
