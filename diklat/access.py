"""Who may see a page: view mixins that send strangers to the login page."""

from urllib.parse import urlsplit

from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.urls import Resolver404, resolve


class StaffPermissionRequiredMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """Require a login and the listed permissions, before anything is looked up.

    Anonymous visitors go to the login page; a logged-in user without the
    permission (a participant, say) gets 403 instead of a login loop. Objects
    named in the URL are fetched in ``load_objects`` only after that check, so
    a stranger cannot tell from a 404 which ids exist.
    """

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated or not self.has_permission():
            return self.handle_no_permission()
        self.load_objects(**kwargs)
        return super(PermissionRequiredMixin, self).dispatch(request, *args, **kwargs)

    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            self.raise_exception = True
        return super().handle_no_permission()

    def load_objects(self, **kwargs) -> None:
        """Fetch what the URL names (after the access check); override in views that need it."""


def halaman_khusus_staf(url: str) -> bool:
    """Tell whether a local address is a staff page (one behind ``StaffPermissionRequiredMixin``) or the admin.

    A participant sent there after login would only meet a 403; the login page sends them home instead.
    """
    try:
        cocok = resolve(urlsplit(url).path)
    except Resolver404:
        return False
    if "admin" in cocok.app_names:
        return True
    kelas = getattr(cocok.func, "view_class", None)
    return isinstance(kelas, type) and issubclass(kelas, StaffPermissionRequiredMixin)
