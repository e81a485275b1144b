from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SertifikatConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sertifikat"
    verbose_name = _("Sertifikat")

    def ready(self):
        from diklat.signals import portal_pendaftaran
        from peserta.nilai import BUKA_KUNCI_CHECKS
        from sertifikat.portal import sertifikat_di_portal
        from sertifikat.services import tanpa_sertifikat_sedang_dibuat

        if tanpa_sertifikat_sedang_dibuat not in BUKA_KUNCI_CHECKS:
            BUKA_KUNCI_CHECKS.append(tanpa_sertifikat_sedang_dibuat)
        # The participant's home shows each training's certificate: its number and download link.
        portal_pendaftaran.connect(sertifikat_di_portal, dispatch_uid="sertifikat.portal")
