from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SertifikatConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sertifikat"
    verbose_name = _("Sertifikat")

    def ready(self):
        from angkatan.models import Angkatan
        from diklat.signals import (
            aksi_ekspor_lintas,
            kolom_ekspor,
            pendaftaran_bersertifikat,
            periksa_buka_kunci_nilai,
            portal_pendaftaran,
            tab_angkatan,
        )
        from diklat.tugas.jenis import jenis_tugas_daftarkan
        from peserta.models import Pendaftaran
        from sertifikat.ekspor import kolom_sertifikat
        from sertifikat.penerima import (
            pastikan_tidak_ada_sertifikat_sedang_dibuat,
            pendaftaran_dengan_sertifikat,
            tab_sertifikat,
            tombol_siasn_lintas,
        )
        from sertifikat.portal import sertifikat_di_portal
        from sertifikat.tugas import JENIS

        kolom_ekspor.connect(kolom_sertifikat, sender=Pendaftaran, dispatch_uid="sertifikat.kolom_ekspor")
        # The export across angkatan offers the graduates' SIASN record of the same selection.
        aksi_ekspor_lintas.connect(tombol_siasn_lintas, sender=Pendaftaran, dispatch_uid="sertifikat.siasn_lintas")
        periksa_buka_kunci_nilai.connect(
            pastikan_tidak_ada_sertifikat_sedang_dibuat, sender=Angkatan, dispatch_uid="sertifikat.buka_kunci"
        )
        # The participant's home shows each training's certificate: its number and download link.
        portal_pendaftaran.connect(sertifikat_di_portal, dispatch_uid="sertifikat.portal")
        tab_angkatan.connect(tab_sertifikat, sender=Angkatan, dispatch_uid="sertifikat.tab")
        # The participant's check of their printed data closes once their certificate exists.
        pendaftaran_bersertifikat.connect(
            pendaftaran_dengan_sertifikat, sender=Pendaftaran, dispatch_uid="sertifikat.bersertifikat"
        )
        # The site's job page shows the certificate jobs: framed by the angkatan's Sertifikat tab.
        for jenis in JENIS:
            jenis_tugas_daftarkan(jenis)
