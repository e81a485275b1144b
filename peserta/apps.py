from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PesertaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "peserta"
    verbose_name = _("Peserta")

    def ready(self):
        from auditlog.registry import auditlog

        from angkatan.models import Angkatan
        from diklat.signals import isi_halaman_angkatan, periksa_angkatan_form, tab_angkatan, widget_dasbor
        from diklat.tugas.jenis import jenis_tugas_daftarkan
        from peserta.ekspor.tugas import JenisTugasEksporLintas
        from peserta.models import Pendaftaran, PermintaanPerbaikanData, Peserta
        from peserta.pendaftaran.dasbor import widget_angkatan, widget_verifikasi
        from peserta.pendaftaran.halaman_angkatan import (
            pastikan_angkatan_form_sah,
            roster_di_halaman_angkatan,
            tab_peserta,
        )
        from peserta.perbaikan.dasbor import widget_perbaikan_data
        from peserta.perbaikan.halaman_angkatan import tab_perbaikan_data

        periksa_angkatan_form.connect(
            pastikan_angkatan_form_sah, sender=Angkatan, dispatch_uid="peserta.angkatan_form"
        )
        tab_angkatan.connect(tab_peserta, sender=Angkatan, dispatch_uid="peserta.tab")
        tab_angkatan.connect(tab_perbaikan_data, sender=Angkatan, dispatch_uid="peserta.tab_perbaikan_data")
        isi_halaman_angkatan.connect(roster_di_halaman_angkatan, sender=Angkatan, dispatch_uid="peserta.roster")
        # The staff dashboard: the angkatan running and next with their fill, and what waits for staff.
        widget_dasbor.connect(widget_angkatan, dispatch_uid="peserta.dasbor_angkatan")
        widget_dasbor.connect(widget_verifikasi, dispatch_uid="peserta.dasbor_verifikasi")
        widget_dasbor.connect(widget_perbaikan_data, dispatch_uid="peserta.dasbor_perbaikan_data")
        # The site's job page shows an export across angkatan built in the background, and sweeps its file.
        jenis_tugas_daftarkan(JenisTugasEksporLintas())

        # Every change to a person or an enrolment is kept: who, when, old → new.
        # The link to the login (``user``) is the account's business, not a change of the person's data.
        auditlog.register(Peserta, exclude_fields=["created_at", "updated_at", "pendaftaran", "user"])
        auditlog.register(
            Pendaftaran,
            exclude_fields=[
                "created_at",
                "updated_at",
                "presensi",
                "riwayat_status",
                "nilai",
                "konfirmasi_data",
                "permintaan_perbaikan",
            ],
        )
        # A participant's request to correct their printed data, and who applied or rejected it, and why.
        auditlog.register(PermintaanPerbaikanData, exclude_fields=["created_at", "updated_at"])
