from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PesertaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "peserta"
    verbose_name = _("Peserta")

    def ready(self):
        from auditlog.registry import auditlog

        from angkatan.models import Angkatan
        from diklat.signals import isi_halaman_angkatan, periksa_angkatan_form, tab_angkatan
        from peserta.models import Pendaftaran, Peserta
        from peserta.pendaftaran.halaman_angkatan import (
            pastikan_angkatan_form_sah,
            roster_di_halaman_angkatan,
            tab_peserta,
        )

        periksa_angkatan_form.connect(
            pastikan_angkatan_form_sah, sender=Angkatan, dispatch_uid="peserta.angkatan_form"
        )
        tab_angkatan.connect(tab_peserta, sender=Angkatan, dispatch_uid="peserta.tab")
        isi_halaman_angkatan.connect(roster_di_halaman_angkatan, sender=Angkatan, dispatch_uid="peserta.roster")

        # Every change to a person or an enrolment is kept: who, when, old → new.
        # The link to the login (``user``) is the account's business, not a change of the person's data.
        auditlog.register(Peserta, exclude_fields=["created_at", "updated_at", "pendaftaran", "user"])
        auditlog.register(
            Pendaftaran, exclude_fields=["created_at", "updated_at", "presensi", "riwayat_status", "nilai"]
        )
