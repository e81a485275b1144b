from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PesertaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "peserta"
    verbose_name = _("Peserta")

    def ready(self):
        from auditlog.registry import auditlog

        from angkatan.forms import ANGKATAN_FORM_CHECKS
        from peserta.angkatan_checks import kuota_not_below_enrolled, program_fixed_once_enrolled
        from peserta.models import Pendaftaran, Peserta

        ANGKATAN_FORM_CHECKS.extend([kuota_not_below_enrolled, program_fixed_once_enrolled])

        # Every change to a person or an enrolment is kept: who, when, old → new.
        auditlog.register(Peserta, exclude_fields=["created_at", "updated_at", "pendaftaran"])
        auditlog.register(
            Pendaftaran, exclude_fields=["created_at", "updated_at", "presensi", "riwayat_status", "nilai"]
        )
