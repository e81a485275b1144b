"""Who may see a page: view mixins that send strangers to the login page."""

from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin


class StaffPermissionRequiredMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """Require a login and the listed permissions.

    Anonymous visitors go to the login page; a logged-in user without the
    permission (a participant, say) gets 403 instead of a login loop.
    """

    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            self.raise_exception = True
        return super().handle_no_permission()
