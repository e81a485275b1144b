from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SertifikatConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sertifikat"
    verbose_name = _("Sertifikat")

    def ready(self):
        from peserta.nilai import BUKA_KUNCI_CHECKS
        from sertifikat.services import tanpa_sertifikat_sedang_dibuat

        if tanpa_sertifikat_sedang_dibuat not in BUKA_KUNCI_CHECKS:
            BUKA_KUNCI_CHECKS.append(tanpa_sertifikat_sedang_dibuat)
