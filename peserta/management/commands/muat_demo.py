"""``manage.py muat_demo``: load the real events of the seed articles as demo data, and a batch running now.

The program PTSPD, its two Jakarta venues, Angkatan III, IV and V of 2022 as they happened (everyone
present, scored and graduated, the results final; ``muat_demo_sertifikat`` makes the certificates),
Angkatan VI running now with its attendance up to today, and three demo logins.

Safe to repeat. Rows are looked up by their natural keys and only created when missing, never updated
(changed passwords stay). A 2022 batch is taken through its history only while it is as a load of the
demo left it (open, everyone proposed), so a batch staff have changed is left alone. The running batch
gets its dates on the first load and keeps them; each later load records the attendance of the training
days passed since, on days that hold no attendance yet.
"""

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
