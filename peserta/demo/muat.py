"""Loading the demo (``manage.py muat_demo``): load the real events of the seed articles as demo data, and a batch running now.

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
from collections import Counter
from collections.abc import Callable

from auditlog.models import LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from angkatan.hari_pelatihan import rentang_tanggal, tanggal_panjang
from angkatan.models import Angkatan, HariPelatihan, Venue
from angkatan.services import angkatan_status_advance
from diklat.models import KabupatenKota, PangkatGolongan, Program, Provinsi, User
from diklat.roles import ADMIN, PESERTA, STAF
from diklat.services import program_create
from diklat.telepon import normalize_telepon
from peserta.demo import isi as demo
from peserta.demo.hasil import angkatan_demo_selesaikan
from peserta.models import Pendaftaran, Peserta, Presensi, RiwayatStatus
from peserta.pendaftaran.services import pendaftaran_bulk_transition
from peserta.presensi.services import STATUS_PRESENSI, presensi_hari_siapkan, presensi_semua_hadir, presensi_set

Status = Pendaftaran.Status

# (username, password, role, user fields). The participant's username is their NIP; their name comes from Peserta.
PESERTA_DEMO_SANDI = "demo-peserta"
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
    (demo.PESERTA_DEMO_NIP, PESERTA_DEMO_SANDI, PESERTA, {}),
]

LABEL = ["Program", "Tempat", "Angkatan", "Peserta", "Pendaftaran", "Pengguna"]


def _simpan(obj):
    """Validate a new row like a form would, then store it."""
    obj.full_clean()
    obj.save()
    return obj


def _pukul(tanggal: datetime.date, jam: int) -> datetime.datetime:
    """Return a time on a date in the site's time zone: when something of a batch happened."""
    return timezone.make_aware(datetime.datetime.combine(tanggal, datetime.time(jam)))


def _seperti_dimuat(angkatan: Angkatan) -> bool:
    """Tell whether a 2022 batch is as an earlier load of the demo left it: open, everyone proposed, no days."""
    return (
        angkatan.status == Angkatan.Status.OPEN
        and not angkatan.hasil_final
        and not angkatan.hari_pelatihan.exists()
        and angkatan.pendaftaran.exists()
        and not angkatan.pendaftaran.exclude(status=Status.DIUSULKAN).exists()
    )


def _riwayat_pada(angkatan: Angkatan, *, diverifikasi, mengikuti, hasil=None) -> None:
    """Date the status history of a batch loaded today as it would have happened around its dates."""
    riwayat = RiwayatStatus.objects.filter(pendaftaran__angkatan=angkatan)
    # Proposed by the regions a fortnight before staff verified them.
    riwayat.filter(ke=Status.DIUSULKAN).update(pada=diverifikasi - datetime.timedelta(days=14))
    riwayat.filter(ke=Status.DIVERIFIKASI).update(pada=diverifikasi)
    riwayat.filter(ke=Status.MENGIKUTI).update(pada=mengikuti)
    if hasil:
        riwayat.filter(ke__in=[Status.LULUS, Status.TIDAK_LULUS]).update(pada=hasil)


class MuatDemo:
    """One load of the demo: what it made or found (``hitung``), and notes for the report."""

    def __init__(self, *, hari_ini: datetime.date):
        self.hari_ini = hari_ini
        self.hitung = Counter()
        self.catatan: list[str] = []

    def muat(self) -> None:
        """Load everything in one transaction: a failed load leaves nothing half made."""
        hari_ini = self.hari_ini
        with transaction.atomic():
            program = self.program()
            venues = {v.nama: self.venue(v) for v in demo.VENUES}
            angkatan = {a.nomor: self.angkatan(program, venues[a.venue.nama], a) for a in demo.ANGKATAN}
            orang_per_angkatan = demo.peserta_demo()
            peserta = self.peserta([o for orang in orang_per_angkatan.values() for o in orang])
            self.pendaftaran(
                [(peserta[o.nip], angkatan[nomor]) for nomor in angkatan for o in orang_per_angkatan[nomor]]
            )
            akun = self.akun(peserta[demo.PESERTA_DEMO_NIP])
            for nomor in demo.AKUN_PESERTA_ANGKATAN:
                self.akun_peserta(peserta[orang_per_angkatan[nomor][0].nip], PESERTA_DEMO_SANDI)
            for satu in angkatan.values():
                self.riwayat_2022(satu, user=akun["staf"])
            orang_berjalan = [peserta[o.nip] for o in orang_per_angkatan[demo.ANGKATAN_BERJALAN_NOMOR]]
            berjalan = self.angkatan_berjalan(
                program,
                venues[demo.ANGKATAN_BERJALAN_VENUE.nama],
                orang_berjalan + [peserta[demo.PESERTA_DEMO_NIP]],
                user=akun["staf"],
                hari_ini=hari_ini,
            )
            self.presensi_berjalan(berjalan, user=akun["staf"], hari_ini=hari_ini)
        self.hasil_program = program
        self.hasil_angkatan = [*angkatan.values(), berjalan]

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
                    kota_terbit=data.kota_terbit,
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
                _simpan(Pendaftaran(peserta=peserta, angkatan=angkatan, status=Status.DIUSULKAN))

    def akun(self, peserta_demo: Peserta) -> dict[str, User]:
        """Create the demo logins that are missing and link the participant's to their Peserta."""
        groups = {g.name: g for g in Group.objects.filter(name__in=[ADMIN, STAF, PESERTA])}
        akun = {}
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
            akun[username] = user
        return akun

    def akun_peserta(self, peserta: Peserta, password: str) -> User:
        """Give a demo participant an open account (made before their verification, which then keeps it)."""
        user = peserta.user or User.objects.filter(username=peserta.nip).first()
        self.catat("Pengguna", user is None)
        if user is None:
            user = User(username=peserta.nip, first_name=peserta.nama, email=peserta.email)
            user.set_password(password)
            _simpan(user)
            user.groups.add(Group.objects.get(name=PESERTA))
        if peserta.user_id is None and not Peserta.objects.filter(user=user).exists():
            peserta.user = user
            peserta.save(update_fields=["user", "updated_at"])
        return user

    def riwayat_2022(self, angkatan: Angkatan, *, user: User) -> None:
        """Take a 2022 batch through what happened to it: present every day, scored, graduated, finished."""
        if not _seperti_dimuat(angkatan):
            return
        angkatan_demo_selesaikan(angkatan=angkatan, user=user)
        # Done by the services today; dated as it happened, so the pages tell the batch's real story.
        selesai = _pukul(angkatan.tanggal_selesai, 15)
        _riwayat_pada(
            angkatan,
            diverifikasi=_pukul(angkatan.tanggal_mulai - datetime.timedelta(days=14), 10),
            mengikuti=_pukul(angkatan.tanggal_mulai, 8),
            hasil=selesai,
        )
        Angkatan.objects.filter(pk=angkatan.pk).update(nilai_dikunci_pada=selesai)
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Angkatan), object_id=angkatan.pk
        ).update(timestamp=selesai)
        angkatan.refresh_from_db()
        self.catatan.append(f"Angkatan {angkatan.nomor_romawi} {angkatan.tahun}: riwayat 2022 dicatat (selesai).")

    def angkatan_berjalan(
        self, program: Program, venue: Venue, orang: list[Peserta], *, user: User, hari_ini: datetime.date
    ) -> Angkatan:
        """Return the batch running now; on the first load, create it around today with everyone attending."""
        angkatan = (
            Angkatan.objects.filter(program=program, nomor=demo.ANGKATAN_BERJALAN_NOMOR, tahun__gt=demo.TAHUN_ACUAN)
            .order_by("-tahun")
            .first()
        )
        self.catat("Angkatan", angkatan is None)
        if angkatan is not None:
            self.hitung["Pendaftaran", False] += len(orang)
            return angkatan
        mulai, selesai = demo.jadwal_angkatan_berjalan(hari_ini)
        angkatan = _simpan(
            Angkatan(
                program=program,
                nomor=demo.ANGKATAN_BERJALAN_NOMOR,
                tahun=mulai.year,
                tanggal_mulai=mulai,
                tanggal_selesai=selesai,
                venue=venue,
                kuota=demo.ANGKATAN_BERJALAN_KUOTA,
                status=Angkatan.Status.OPEN,
                **demo.ANGKATAN_BERJALAN_PENANDATANGAN,
            )
        )
        pks = []
        for peserta in orang:
            self.catat("Pendaftaran", True)
            pks.append(_simpan(Pendaftaran(peserta=peserta, angkatan=angkatan, status=Status.DIUSULKAN)).pk)
        for ke in (Status.DIVERIFIKASI, Status.MENGIKUTI):
            pendaftaran_bulk_transition(angkatan=angkatan, pks=pks, ke=ke, user=user)
        angkatan = angkatan_status_advance(angkatan=angkatan, to=Angkatan.Status.RUNNING, user=user)
        presensi_hari_siapkan(angkatan=angkatan)
        _riwayat_pada(
            angkatan,
            diverifikasi=_pukul(mulai - datetime.timedelta(days=7), 10),
            mengikuti=_pukul(mulai, 8),
        )
        return angkatan

    def presensi_berjalan(self, angkatan: Angkatan, *, user: User, hari_ini: datetime.date) -> None:
        """Record the attendance of the training days up to today that hold none yet (mostly present)."""
        if angkatan.status != Angkatan.Status.RUNNING or angkatan.hasil_final:
            return
        hari = list(HariPelatihan.objects.filter(angkatan=angkatan).order_by("tanggal"))
        tercatat = set(Presensi.objects.filter(hari__in=hari).values_list("hari_id", flat=True).distinct())
        roster = list(
            Pendaftaran.objects.filter(angkatan=angkatan, status__in=STATUS_PRESENSI)
            .select_related("peserta", "angkatan")
            .order_by("peserta__nip")
        )
        for hari_ke, satu in enumerate(hari):
            if satu.tanggal > hari_ini or satu.pk in tercatat:
                continue
            for urutan, pendaftaran in enumerate(roster):
                status = demo.status_presensi_berjalan(urutan, hari_ke)
                # The demo login is always present: their page shows a full record.
                if status != Presensi.Status.HADIR and pendaftaran.peserta.nip != demo.PESERTA_DEMO_NIP:
                    presensi_set(pendaftaran=pendaftaran, hari=satu, status=status)
            presensi_semua_hadir(hari=satu)
            self.catat("Hari presensi", True)

    def laporan(self, tulis: Callable[[str], object], *, sorot: Callable[[str], str] = str) -> None:
        """Write what was made and what was there, batch by batch, and the demo logins, line by line through ``tulis``."""
        program, semua_angkatan, hari_ini = self.hasil_program, self.hasil_angkatan, self.hari_ini
        tulis("Data demo (baru / sudah ada):")
        for label in LABEL:
            tulis(f"  {label:<12} {self.hitung[label, True]:>3} / {self.hitung[label, False]}")
        tulis(f"  {program.kode}: {program.mata_pelatihan.count()} mata pelatihan, {program.total_jp} JP")
        for angkatan in semua_angkatan:
            jumlah = Counter(angkatan.pendaftaran.values_list("status", flat=True))
            baris = (
                f"  Angkatan {angkatan.nomor_romawi} Tahun {angkatan.tahun} "
                f"({rentang_tanggal(angkatan.tanggal_mulai, angkatan.tanggal_selesai)}): "
                f"{sum(jumlah.values())} peserta, {angkatan.get_status_display()}"
            )
            if angkatan.hasil_final:
                baris += f", {jumlah[Status.LULUS]} lulus"
            hari = angkatan.hari_pelatihan.order_by("tanggal")
            if angkatan.status == Angkatan.Status.RUNNING and hari:
                terisi = hari.filter(presensi__isnull=False).distinct().count()
                baris += f"; presensi {terisi} dari {hari.count()} hari tercatat"
                if self.hitung["Hari presensi", True]:
                    baris += f" ({self.hitung['Hari presensi', True]} hari baru, s.d. {tanggal_panjang(hari_ini)})"
            tulis(baris)
        for catatan in self.catatan:
            tulis(f"  {catatan}")
        logins = " · ".join(f"{username} / {password}" for username, password, _, _ in AKUN_DEMO)
        tulis(sorot(f"Login demo: {logins}"))
        if self.hitung["Pengguna", False]:
            tulis("  (kata sandi akun yang sudah ada tidak diubah)")


def demo_muat(*, hari_ini: datetime.date) -> MuatDemo:
    """Load the demo as of ``hari_ini``; safe to repeat. Return the load, whose ``laporan`` reports it."""
    pemuat = MuatDemo(hari_ini=hari_ini)
    pemuat.muat()
    return pemuat
