"""``manage.py muat_demo``: load the real events of the seed articles as demo data.

The program PTSPD, its two Jakarta venues, Angkatan III, IV and V of 2022 with their generated
participants, and three demo logins. Rows are looked up by their natural keys and only created when
missing, never updated, so running the command again changes nothing (and keeps changed passwords).
"""

from collections import Counter

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from angkatan.models import Angkatan, Venue
from diklat.models import KabupatenKota, PangkatGolongan, Program, Provinsi, User
from diklat.roles import ADMIN, PESERTA, STAF
from diklat.services import program_create
from diklat.telepon import normalize_telepon
from peserta import demo
from peserta.models import Pendaftaran, Peserta

# (username, password, role, user fields). The participant's username is their NIP; their name comes from Peserta.
AKUN_DEMO = [
    (
        "admin",
        "demo-admin",
        ADMIN,
        {
            "first_name": "Administrator",
            "last_name": "BPSDM",
            "is_staff": True,
            "is_superuser": True,
            "email": "admin@example.com",
        },
    ),
    ("staf", "demo-staf", STAF, {"first_name": "Dewi", "last_name": "Puspitasari", "email": "staf@example.com"}),
    (demo.PESERTA_DEMO_NIP, "demo-peserta", PESERTA, {}),
]

LABEL = ["Program", "Tempat", "Angkatan", "Peserta", "Pendaftaran", "Pengguna"]


def _simpan(obj):
    """Validate a new row like a form would, then store it."""
    obj.full_clean()
    obj.save()
    return obj


class Command(BaseCommand):
    help = (
        "Muat data demo dari berita BPSDM: program PTSPD, Angkatan III, IV dan V tahun 2022 beserta pesertanya, "
        "dan akun demo (admin, staf, peserta). Aman dijalankan berulang kali."
    )

    def handle(self, *args, **options):
        self.hitung = Counter()
        with transaction.atomic():
            program = self.program()
            venues = {v.nama: self.venue(v) for v in demo.VENUES}
            angkatan = {a.nomor: self.angkatan(program, venues[a.venue.nama], a) for a in demo.ANGKATAN}
            orang_per_angkatan = demo.peserta_demo()
            peserta = self.peserta([o for orang in orang_per_angkatan.values() for o in orang])
            self.pendaftaran(
                [(peserta[o.nip], angkatan[nomor]) for nomor, orang in orang_per_angkatan.items() for o in orang]
            )
            self.akun(peserta[demo.PESERTA_DEMO_NIP])
        if options["verbosity"] >= 1:
            self.laporan(program, angkatan)

    def catat(self, label: str, dibuat: bool) -> None:
        self.hitung[label, dibuat] += 1

    def program(self) -> Program:
        program = Program.objects.filter(kode=demo.PROGRAM_KODE).first()
        self.catat("Program", program is None)
        if program is None:
            program = program_create(
                nama=demo.PROGRAM_NAMA,
                kode=demo.PROGRAM_KODE,
                deskripsi=demo.PROGRAM_DESKRIPSI,
                mata_pelatihan=demo.KURIKULUM,
            )
        return program

    def venue(self, data: demo.VenueDemo) -> Venue:
        venue = Venue.objects.filter(nama=data.nama, kota=data.kota).first()
        self.catat("Tempat", venue is None)
        if venue is None:
            venue = _simpan(
                Venue(
                    nama=data.nama,
                    alamat=data.alamat,
                    kota=data.kota,
                    provinsi_id=data.provinsi_kode,
                    kapasitas=data.kapasitas,
                    kontak_nama=data.kontak_nama,
                    kontak_telepon=normalize_telepon(data.kontak_telepon),
                )
            )
        return venue

    def angkatan(self, program: Program, venue: Venue, data: demo.AngkatanDemo) -> Angkatan:
        angkatan = Angkatan.objects.filter(program=program, tahun=data.tahun, nomor=data.nomor).first()
        self.catat("Angkatan", angkatan is None)
        if angkatan is None:
            angkatan = _simpan(
                Angkatan(
                    program=program,
                    nomor=data.nomor,
                    tahun=data.tahun,
                    tanggal_mulai=data.tanggal_mulai,
                    tanggal_selesai=data.tanggal_selesai,
                    venue=venue,
                    kuota=data.kuota,
                    status=Angkatan.Status.OPEN,
                    **data.penandatangan,
                )
            )
        return angkatan

    def peserta(self, orang: list[demo.OrangDemo]) -> dict[str, Peserta]:
        """Create the people not stored yet; return everyone by NIP."""
        ada = {p.nip: p for p in Peserta.objects.filter(nip__in=[o.nip for o in orang])}
        pangkat = {p.golongan: p for p in PangkatGolongan.objects.all()}
        provinsi = Provinsi.objects.in_bulk({o.provinsi_kode for o in orang})
        kabupaten_kota = KabupatenKota.objects.in_bulk({o.kabupaten_kota_kode for o in orang} - {None})
        for o in orang:
            self.catat("Peserta", o.nip not in ada)
            if o.nip in ada:
                continue
            ada[o.nip] = _simpan(
                Peserta(
                    nip=o.nip,
                    nama=o.nama,
                    gelar_depan=o.gelar_depan,
                    gelar_belakang=o.gelar_belakang,
                    tempat_lahir=o.tempat_lahir,
                    tanggal_lahir=o.tanggal_lahir,
                    pangkat=pangkat[o.golongan],
                    jabatan=o.jabatan,
                    kategori_jabatan=o.kategori_jabatan,
                    instansi=o.instansi,
                    provinsi=provinsi[o.provinsi_kode],
                    kabupaten_kota=kabupaten_kota.get(o.kabupaten_kota_kode),
                    email=o.email,
                    telepon=o.telepon,
                )
            )
        return ada

    def pendaftaran(self, pasangan: list[tuple[Peserta, Angkatan]]) -> None:
        """Enrol each person in their angkatan, as proposed by their pemda."""
        ada = set(
            Pendaftaran.objects.filter(angkatan__in={a.pk for _, a in pasangan}).values_list(
                "peserta_id", "angkatan_id"
            )
        )
        for peserta, angkatan in pasangan:
            baru = (peserta.pk, angkatan.pk) not in ada
            self.catat("Pendaftaran", baru)
            if baru:
                _simpan(Pendaftaran(peserta=peserta, angkatan=angkatan, status=Pendaftaran.Status.DIUSULKAN))

    def akun(self, peserta_demo: Peserta) -> None:
        """Create the demo logins that are missing and link the participant's to their Peserta."""
        groups = {g.name: g for g in Group.objects.filter(name__in=[ADMIN, STAF, PESERTA])}
        for username, password, role, fields in AKUN_DEMO:
            if role not in groups:
                raise CommandError(f"Grup “{role}” belum ada: jalankan dulu `manage.py migrate`.")
            user = User.objects.filter(username=username).first()
            self.catat("Pengguna", user is None)
            if user is None:
                if role == PESERTA:
                    fields = {"first_name": peserta_demo.nama, "email": peserta_demo.email}
                user = User(username=username, **fields)
                user.set_password(password)
                _simpan(user)
            if not user.groups.filter(pk=groups[role].pk).exists():
                user.groups.add(groups[role])
            if role == PESERTA and peserta_demo.user_id is None and not Peserta.objects.filter(user=user).exists():
                peserta_demo.user = user
                peserta_demo.save(update_fields=["user", "updated_at"])

    def laporan(self, program: Program, angkatan: dict[int, Angkatan]) -> None:
        self.stdout.write("Data demo (baru / sudah ada):")
        for label in LABEL:
            self.stdout.write(f"  {label:<12} {self.hitung[label, True]:>3} / {self.hitung[label, False]}")
        self.stdout.write(
            f"  {program.kode}: {program.mata_pelatihan.count()} mata pelatihan, {program.total_jp} JP; "
            + ", ".join(f"Angkatan {a.nomor_romawi} ({a.pendaftaran.count()} peserta)" for a in angkatan.values())
        )
        logins = " · ".join(f"{username} / {password}" for username, password, _, _ in AKUN_DEMO)
        self.stdout.write(self.style.SUCCESS(f"Login demo: {logins}"))
        if self.hitung["Pengguna", False]:
            self.stdout.write("  (kata sandi akun yang sudah ada tidak diubah)")
