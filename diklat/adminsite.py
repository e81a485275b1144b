"""The Django admin as the power tool of the Admin BPSDM role."""

from django.contrib.admin import AdminSite
from django.utils.translation import gettext_lazy as _

from diklat.forms import LoginForm
from diklat.roles import ADMIN


class DiklatAdminSite(AdminSite):
    """The Django admin, open to active users of the Admin BPSDM role (and superusers)."""

    site_header = _("Administrasi Diklat BPSDM")
    site_title = _("Diklat BPSDM")
    index_title = _("Administrasi")
    # Our login form: the admins of the role need no is_staff flag to sign in here.
    login_form = LoginForm

    def has_permission(self, request):
        user = request.user
        return user.is_active and (user.is_superuser or user.groups.filter(name=ADMIN).exists())
