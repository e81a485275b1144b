"""The Django admin as the power tool of the Admin BPSDM role."""

from functools import update_wrapper

from django.contrib.admin import AdminSite, ModelAdmin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from diklat.forms import LoginForm
from diklat.pencarian import CariAdminMixin
from diklat.roles import ADMIN, adalah_peserta


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

    def admin_view(self, view, cacheable=False):
        """Wrap every admin page as Django does, answering a logged-in participant with 403.

        Staff without the admin role keep Django's answer (the admin's login page, saying they may not
        enter); a participant has no business with the admin at all, not even its login page.
        """
        halaman = super().admin_view(view, cacheable)

        def bukan_untuk_peserta(request, *args, **kwargs):
            if adalah_peserta(request.user):
                raise PermissionDenied
            return halaman(request, *args, **kwargs)

        return update_wrapper(bukan_untuk_peserta, halaman)

    def login(self, request, extra_context=None):
        if adalah_peserta(request.user):
            raise PermissionDenied
        return super().login(request, extra_context)

    def register(self, model_or_iterable, admin_class=None, **options):
        """Register as Django does, with the admin's search cut as every search box of the site is (``CariAdminMixin``).

        Done here, once, rather than in each ModelAdmin: the admins that libraries register on this site
        (auth's Group, auditlog's LogEntry) and any admin added later are cut too, with nothing to remember.
        Django itself builds a subclass of the given admin here when it is passed options.
        """
        admin_class = admin_class or ModelAdmin
        if not issubclass(admin_class, CariAdminMixin):
            admin_class = type(
                admin_class.__name__,
                (CariAdminMixin, admin_class),
                {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
            )
        return super().register(model_or_iterable, admin_class, **options)
