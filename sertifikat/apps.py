from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SertifikatConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sertifikat"
    verbose_name = _("Sertifikat")

    def ready(self):
        from diklat.signals import portal_pendaftaran
        from diklat.tugas.jenis import jenis_tugas_daftarkan
        from peserta.nilai import BUKA_KUNCI_CHECKS
        from sertifikat.portal import sertifikat_di_portal
        from sertifikat.services import tanpa_sertifikat_sedang_dibuat
        from sertifikat.tugas import JENIS

        if tanpa_sertifikat_sedang_dibuat not in BUKA_KUNCI_CHECKS:
            BUKA_KUNCI_CHECKS.append(tanpa_sertifikat_sedang_dibuat)
        # The participant's home shows each training's certificate: its number and download link.
        portal_pendaftaran.connect(sertifikat_di_portal, dispatch_uid="sertifikat.portal")
        # The site's job page shows the certificate jobs: framed by the angkatan's Sertifikat tab.
        for jenis in JENIS:
            jenis_tugas_daftarkan(jenis)
