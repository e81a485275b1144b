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
            angka_statistik,
            kolom_ekspor,
            pendaftaran_bersertifikat,
            periksa_buka_kunci_nilai,
            portal_pendaftaran,
            tab_angkatan,
            widget_dasbor,
        )
        from diklat.tugas.jenis import jenis_tugas_daftarkan
        from peserta.models import Pendaftaran
        from sertifikat.dasbor import widget_belum_dibuat, widget_tugas_gagal
        from sertifikat.ekspor import kolom_sertifikat
        from sertifikat.penerima import (
            pastikan_tidak_ada_sertifikat_sedang_dibuat,
            pendaftaran_dengan_sertifikat,
            tab_sertifikat,
            tombol_siasn_lintas,
        )
        from sertifikat.portal import sertifikat_di_portal
        from sertifikat.statistik import angka_sertifikat
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
        # The staff dashboard: the certificate jobs that failed, the graduates still without a certificate.
        widget_dasbor.connect(widget_tugas_gagal, dispatch_uid="sertifikat.dasbor_tugas_gagal")
        widget_dasbor.connect(widget_belum_dibuat, dispatch_uid="sertifikat.dasbor_belum_dibuat")
        # The statistics page: certificates issued, valid, revoked and replaced.
        angka_statistik.connect(angka_sertifikat, sender=Pendaftaran, dispatch_uid="sertifikat.statistik")
        # The site's job page shows the certificate jobs: framed by the angkatan's Sertifikat tab.
        for jenis in JENIS:
            jenis_tugas_daftarkan(jenis)
