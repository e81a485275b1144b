"""Where every portal page starts: the logged-in person, and only what is theirs.

A portal view never looks a participant's row up by an id from the URL alone. It asks
``pendaftaran_saya()`` (or ``get_pendaftaran``) for the enrolments of the person logged in, so an id
of somebody else's enrolment finds nothing and answers 404, the same as an id that does not exist:
nothing tells a curious participant which ids are taken.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from peserta.models import Pendaftaran, Peserta


def peserta_dari_user(user) -> Peserta | None:
    """Return the participant an account belongs to, or None (staff, or an account not linked yet)."""
    if not user.is_authenticated:
        return None
    return Peserta.objects.filter(user=user).select_related("pangkat", "provinsi", "kabupaten_kota").first()


def pendaftaran_milik(user) -> QuerySet[Pendaftaran]:
    """Return the enrolments of the person logged in as ``user``: none for staff or a stranger."""
    if not user.is_authenticated:
        return Pendaftaran.objects.none()
    return Pendaftaran.objects.filter(peserta__user=user)


class PortalPesertaMixin(LoginRequiredMixin):
    """Require a login and read the asker's own ``Peserta`` before anything else.

    ``self.peserta`` is None for an account that is not a participant's; a view that needs one sets
    ``peserta_wajib`` and answers such an account 404.
    """

    peserta_wajib = False

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.peserta = peserta_dari_user(request.user)
        if self.peserta is None and self.peserta_wajib:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        if self.peserta is not None:
            # A participant's account is never staff's (peserta.akun): the menu needs no permissions read.
            kwargs.setdefault("is_staf", False)
        return super().get_context_data(**kwargs)

    def pendaftaran_saya(self) -> QuerySet[Pendaftaran]:
        return pendaftaran_milik(self.request.user)

    def get_pendaftaran(self, pk) -> Pendaftaran:
        """Return one of the asker's own enrolments, or raise 404 whoever else's it is."""
        return get_object_or_404(
            self.pendaftaran_saya().select_related(
                "peserta", "angkatan", "angkatan__program", "angkatan__venue", "peserta__pangkat"
            ),
            pk=pk,
        )
