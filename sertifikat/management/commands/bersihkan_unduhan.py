"""``manage.py bersihkan_unduhan``: delete old ZIPs and print PDFs of certificates (run daily)."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sertifikat.arsip import tugas_arsip_purge


class Command(BaseCommand):
    help = gettext_lazy(
        "Hapus berkas ZIP dan PDF cetak sertifikat yang disusun lebih dari N hari lalu (baku 7); "
        "sertifikatnya sendiri tetap tersimpan."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hari", type=int, default=7, help=gettext_lazy("Umur berkas yang dihapus, dalam hari."))

    def handle(self, *args, hari, **options):
        jumlah = tugas_arsip_purge(lebih_dari=timedelta(days=hari))
        self.stdout.write(_("%(jumlah)s berkas unduhan sertifikat dihapus.") % {"jumlah": jumlah})
