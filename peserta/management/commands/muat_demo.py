"""``manage.py muat_demo``: load the demo data; what it loads and how it repeats safely is told in ``peserta.demo.muat``."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from peserta.demo.muat import demo_muat


class Command(BaseCommand):
    help = (
        "Muat data demo dari berita BPSDM: program PTSPD, Angkatan III, IV dan V tahun 2022 (sudah selesai, "
        "semua lulus), Angkatan VI yang sedang berlangsung dengan presensi sampai hari ini, dan akun demo "
        "(admin, staf, peserta). Aman dijalankan berulang kali."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hari-ini",
            type=datetime.date.fromisoformat,
            metavar="YYYY-MM-DD",
            help="Tanggal yang dianggap hari ini (bawaan: hari ini menurut zona waktu situs).",
        )

    def handle(self, *args, **options):
        pemuat = demo_muat(hari_ini=options["hari_ini"] or timezone.localdate())
        if options["verbosity"] >= 1:
            pemuat.laporan(self.stdout.write, sorot=self.style.SUCCESS)
