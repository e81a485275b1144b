"""Graduate the demo's Angkatan III (March 2022, Hotel Grand Kemang) and make its certificates."""

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from angkatan.models import Angkatan
from diklat.models import User
from peserta.demo import PROGRAM_KODE
from peserta.demo_hasil import angkatan_demo_selesaikan
from peserta.models import Pendaftaran
from sertifikat.models import Sertifikat
from sertifikat.services import sertifikat_issue, sertifikat_render


class Command(BaseCommand):
    help = (
        "Menyelesaikan Angkatan III data demo (presensi, nilai, kelulusan) dan membuat sertifikatnya. "
        "Aman diulang: yang sudah ada tidak dibuat lagi."
    )

    def handle(self, *args, **options):
        angkatan = (
            Angkatan.objects.select_related("program").filter(program__kode=PROGRAM_KODE, tahun=2022, nomor=3).first()
        )
        staf = User.objects.filter(username="staf").first()
        if angkatan is None or staf is None:
            raise CommandError("Data demo belum dimuat: jalankan dulu `manage.py muat_demo`.")
        if angkatan.nilai_dikunci_pada is None:
            angkatan_demo_selesaikan(angkatan=angkatan, user=staf)
        lulusan = Pendaftaran.objects.filter(angkatan=angkatan, status=Pendaftaran.Status.LULUS).order_by(
            "peserta__nama", "peserta__nip"
        )
        ids = [sertifikat_issue(pendaftaran=p).pk for p in lulusan]
        dibuat = sertifikat_render(sertifikat_ids=ids)
        siap = Sertifikat.objects.filter(pk__in=ids, status=Sertifikat.Status.READY)
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"Sertifikat demo {angkatan}: {siap.count()} dari {len(ids)} lulusan siap ({dibuat} baru dibuat)."
            )
            contoh = siap.order_by("urut").first()
            if contoh:
                url = reverse("sertifikat:verifikasi", args=[contoh.kode_verifikasi])
                self.stdout.write(f"  Contoh halaman verifikasi: {url}")
