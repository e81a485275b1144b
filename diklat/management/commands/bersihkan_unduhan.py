"""``manage.py bersihkan_unduhan``: delete the result files of jobs past their time (run daily)."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from diklat.tugas.services import tugas_berkas_purge


class Command(BaseCommand):
    help = gettext_lazy(
        "Hapus berkas hasil tugas yang masa simpannya habis (baku 7 hari): ZIP dan PDF cetak sertifikat, "
        "berkas ekspor. Sertifikatnya sendiri tetap tersimpan."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hari",
            type=int,
            default=None,
            help=gettext_lazy("Umur berkas yang dihapus, dalam hari (baku: masa simpan tiap jenis tugas)."),
        )

    def handle(self, *args, hari, **options):
        jumlah = tugas_berkas_purge(lebih_dari=timedelta(days=hari) if hari is not None else None)
        self.stdout.write(_("%(jumlah)s berkas unduhan dihapus.") % {"jumlah": jumlah})
