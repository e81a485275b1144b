"""Graduate the demo's Angkatan III (March 2022, Hotel Grand Kemang) and make its certificates."""

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from angkatan.models import Angkatan
from diklat.models import User
from peserta.demo import PROGRAM_KODE
from peserta.demo_hasil import angkatan_demo_selesaikan
from peserta.models import Pendaftaran
from sertifikat.models import Sertifikat
from sertifikat.services import sertifikat_issue_many, sertifikat_render


class Command(BaseCommand):
    help = gettext_lazy(
        "Menyelesaikan Angkatan III data demo (presensi, nilai, kelulusan) dan membuat sertifikatnya. "
        "Aman diulang: yang sudah ada tidak dibuat lagi."
    )

    def handle(self, *args, **options):
        angkatan = (
            Angkatan.objects.select_related("program").filter(program__kode=PROGRAM_KODE, tahun=2022, nomor=3).first()
        )
        staf = User.objects.filter(username="staf").first()
        if angkatan is None or staf is None:
            raise CommandError(_("Data demo belum dimuat: jalankan dulu `manage.py muat_demo`."))
        if angkatan.nilai_dikunci_pada is None:
            angkatan_demo_selesaikan(angkatan=angkatan, user=staf)
        lulusan = Pendaftaran.objects.filter(angkatan=angkatan, status=Pendaftaran.Status.LULUS).order_by(
            "peserta__nama", "peserta__nip"
        )
        pks = list(lulusan.values_list("pk", flat=True))
        ids = [s.pk for s in sertifikat_issue_many(angkatan=angkatan, pendaftaran_ids=pks)]
        dibuat = sertifikat_render(sertifikat_ids=ids)
        siap = Sertifikat.objects.filter(pk__in=ids, status=Sertifikat.Status.READY)
        if options["verbosity"] >= 1:
            self.stdout.write(
                _("Sertifikat demo %(angkatan)s: %(siap)s dari %(total)s lulusan siap (%(baru)s baru dibuat).")
                % {"angkatan": angkatan, "siap": siap.count(), "total": len(ids), "baru": dibuat}
            )
            contoh = siap.order_by("urut").first()
            if contoh:
                url = reverse("sertifikat:verifikasi", args=[contoh.kode_verifikasi])
                self.stdout.write("  " + _("Contoh halaman verifikasi: %(url)s") % {"url": url})
