"""``manage.py bersihkan_impor``: drop the personal data of import previews nobody confirmed."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from peserta.impor.services import sesi_impor_purge


class Command(BaseCommand):
    help = "Batalkan pratinjau impor yang tidak dikonfirmasi lebih dari N hari (baku 7) dan hapus baris datanya."

    def add_arguments(self, parser):
        parser.add_argument("--hari", type=int, default=7, help="Umur pratinjau yang dibersihkan, dalam hari.")

    def handle(self, *args, hari, **options):
        jumlah = sesi_impor_purge(lebih_dari=timedelta(days=hari))
        self.stdout.write(f"{jumlah} pratinjau impor dibatalkan dan datanya dihapus.")
