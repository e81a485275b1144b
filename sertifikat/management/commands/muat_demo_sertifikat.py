"""Make the certificates of the demo's 2022 graduates: Angkatan III, IV and V, as the seed articles tell."""

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from angkatan.models import Angkatan
from peserta.demo.isi import ANGKATAN, PROGRAM_KODE
from peserta.models import Pendaftaran
from sertifikat.models import Sertifikat
from sertifikat.pekerja import sertifikat_render
from sertifikat.services import sertifikat_issue_many


class Command(BaseCommand):
    help = gettext_lazy(
        "Membuat sertifikat lulusan Angkatan III, IV dan V tahun 2022 data demo (jalankan sesudah muat_demo). "
        "Aman diulang: yang sudah ada tidak dibuat lagi."
    )

    def handle(self, *args, **options):
        semua = list(
            Angkatan.objects.select_related("program")
            .filter(program__kode=PROGRAM_KODE, tahun=2022, nomor__in=[a.nomor for a in ANGKATAN])
            .order_by("nomor")
        )
        if len(semua) != len(ANGKATAN):
            raise CommandError(_("Data demo belum dimuat: jalankan dulu `manage.py muat_demo`."))
        for angkatan in semua:
            self.buat(angkatan, verbosity=options["verbosity"])

    def buat(self, angkatan: Angkatan, *, verbosity: int) -> None:
        """Issue and render the certificates of one batch's graduates that are still missing."""
        if not angkatan.hasil_final:
            # muat_demo finalises the 2022 batches; results reopened since are the staff's to finish.
            if verbosity >= 1:
                self.stdout.write(
                    _("%(angkatan)s: hasilnya belum final; sertifikatnya tidak dibuat.") % {"angkatan": angkatan}
                )
            return
        lulusan = Pendaftaran.objects.filter(angkatan=angkatan, status=Pendaftaran.Status.LULUS).order_by(
            "peserta__nama", "peserta__nip"
        )
        pks = list(lulusan.values_list("pk", flat=True))
        ids = [s.pk for s in sertifikat_issue_many(angkatan=angkatan, pendaftaran_ids=pks)]
        dibuat = sertifikat_render(sertifikat_ids=ids)
        siap = Sertifikat.objects.filter(pk__in=ids, status=Sertifikat.Status.READY)
        if verbosity >= 1:
            self.stdout.write(
                _("Sertifikat demo %(angkatan)s: %(siap)s dari %(total)s lulusan siap (%(baru)s baru dibuat).")
                % {"angkatan": angkatan, "siap": siap.count(), "total": len(ids), "baru": dibuat}
            )
            contoh = siap.order_by("urut").first()
            if contoh:
                url = reverse("sertifikat:verifikasi", args=[contoh.kode_verifikasi])
                self.stdout.write("  " + _("Contoh halaman verifikasi: %(url)s") % {"url": url})
