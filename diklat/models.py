"""The site's users and the catalogue: programs, curriculum, pass rules, reference data; the site's jobs."""

import secrets
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from diklat.nomor_sertifikat import nomor_sertifikat_format
from diklat.validators import validate_bukan_rumus, validate_logo, validate_pola_nomor


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        abstract = True


class User(AbstractUser):
    """A login: staff, admins and participants alike; the role is the group."""

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")


# Stored files ----------------------------------------------------------------


class BerkasLogo(FieldFile):
    """A program's stored logo, linked through the site's own page (``diklat:program-logo``).

    The storage's own address is nothing to link: a folder's is served by nothing in production, an
    object store's is signed for a private bucket on another host.
    """

    @property
    def url(self) -> str:
        self._require_file()
        return reverse("diklat:program-logo", args=[self.instance.pk])


class LogoField(models.FileField):
    attr_class = BerkasLogo

    def deconstruct(self):
        # The link is no column: migrations keep seeing the plain FileField the table has.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.FileField", args, kwargs


# Reference data -------------------------------------------------------------


class Provinsi(models.Model):
    kode = models.CharField(_("kode Kemendagri"), max_length=2, primary_key=True)
    nama = models.CharField(_("nama"), max_length=100)

    class Meta:
        ordering = ["kode"]
        verbose_name = _("provinsi")
        verbose_name_plural = _("provinsi")
        constraints = [
            models.CheckConstraint(condition=Q(kode__regex=r"^[0-9]{2}$"), name="provinsi_kode_dua_digit"),
        ]

    def __str__(self):
        return self.nama


class KabupatenKota(models.Model):
    class Jenis(models.TextChoices):
        KABUPATEN = "kabupaten", _("Kabupaten")
        KOTA = "kota", _("Kota")

    kode = models.CharField(_("kode Kemendagri"), max_length=5, primary_key=True)
    provinsi = models.ForeignKey(
        Provinsi, on_delete=models.PROTECT, related_name="kabupaten_kota", verbose_name=_("provinsi")
    )
    nama = models.CharField(_("nama"), max_length=100, help_text=_("Nama lengkap, mis. Kabupaten Bogor."))
    jenis = models.CharField(_("jenis"), max_length=10, choices=Jenis.choices)

    class Meta:
        ordering = ["kode"]
        verbose_name = _("kabupaten/kota")
        verbose_name_plural = _("kabupaten/kota")
        constraints = [
            models.CheckConstraint(
                condition=Q(kode__regex=r"^[0-9]{2}\.[0-9]{2}$"), name="kabupaten_kota_kode_format"
            ),
            # Kemendagri numbers kabupaten 01–69 and kota 71–99.
            models.CheckConstraint(
                condition=Q(jenis="kabupaten", kode__regex=r"\.(0[1-9]|[1-6][0-9])$")
                | Q(jenis="kota", kode__regex=r"\.(7[1-9]|[89][0-9])$"),
                name="kabupaten_kota_kode_sesuai_jenis",
            ),
        ]

    def __str__(self):
        return self.nama


class PangkatGolongan(models.Model):
    """One of the 17 ranks of a PNS, from I/a Juru Muda to IV/e Pembina Utama."""

    golongan = models.CharField(_("golongan/ruang"), max_length=5, unique=True)
    pangkat = models.CharField(_("pangkat"), max_length=50, unique=True)
    urutan = models.PositiveSmallIntegerField(_("urutan"), unique=True)

    class Meta:
        ordering = ["urutan"]
        verbose_name = _("pangkat/golongan")
        verbose_name_plural = _("pangkat/golongan")

    def __str__(self):
        return f"{self.pangkat} ({self.golongan})"


# Catalogue --------------------------------------------------------------------

DEFAULT_POLA_NOMOR = "{seq:04d}/STTP/{program}-{angkatan}/BPSDM/{year}"
DEFAULT_NAMA_INSTANSI = "KEMENTERIAN DALAM NEGERI\nBADAN PENGEMBANGAN SUMBER DAYA MANUSIA"


class Program(TimeStampedModel):
    nama = models.CharField(_("nama program"), max_length=255, unique=True, validators=[validate_bukan_rumus])
    kode = models.CharField(
        _("kode singkat"),
        max_length=20,
        unique=True,
        validators=[
            RegexValidator(
                r"^[A-Z0-9][A-Z0-9-]*$",
                _("Kode hanya boleh berisi huruf kapital, angka dan tanda hubung, mis. PTSPD."),
                code="kode_tidak_valid",
            )
        ],
        help_text=_("Dipakai dalam nomor sertifikat, mis. PTSPD."),
    )
    deskripsi = models.TextField(_("deskripsi"), blank=True, validators=[validate_bukan_rumus])
    dengan_evaluasi = models.BooleanField(
        _("dengan evaluasi"),
        default=True,
        help_text=_("Tanpa evaluasi, sertifikat mencetak TELAH MENGIKUTI alih-alih predikat."),
    )
    min_kehadiran_persen = models.DecimalField(
        _("kehadiran minimal (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("90"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    pola_nomor_sertifikat = models.CharField(
        _("pola nomor sertifikat"),
        max_length=120,
        default=DEFAULT_POLA_NOMOR,
        validators=[validate_pola_nomor, validate_bukan_rumus],
        help_text=_(
            "Penanda yang tersedia: {seq:04d} (nomor urut per tahun), {program} (kode singkat), "
            "{angkatan} (angka Romawi), {year}."
        ),
    )
    nama_instansi = models.CharField(
        _("nama instansi pada sertifikat"),
        max_length=200,
        default=DEFAULT_NAMA_INSTANSI,
        validators=[validate_bukan_rumus],
        help_text=_("Dicetak di kepala sertifikat; baris baru memisahkan baris kepala."),
    )
    logo = LogoField(
        _("logo instansi"),
        upload_to="program/logo/",
        blank=True,
        validators=[validate_logo],
        help_text=_("PNG, JPEG atau SVG, paling besar 1 MB. Kosongkan untuk memakai logo netral bawaan."),
    )
    kotak_foto = models.BooleanField(
        _("kotak foto 3×4 pada sertifikat"),
        default=False,
        help_text=_("Sebagian instansi menempelkan pas foto di samping tanda tangan."),
    )

    class Meta:
        ordering = ["nama"]
        verbose_name = _("program")
        verbose_name_plural = _("program")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_kehadiran_persen__gte=0) & Q(min_kehadiran_persen__lte=100),
                name="program_min_kehadiran_0_100",
            ),
            models.CheckConstraint(condition=Q(kode__regex=r"^[A-Z0-9][A-Z0-9-]*$"), name="program_kode_format"),
        ]

    def __str__(self):
        return self.nama

    def contoh_nomor_sertifikat(self, *, tahun: int, angkatan_romawi: str = "I") -> str:
        """Return the first number the pattern would give in ``tahun``, e.g. ``0001/STTP/PTSPD-I/BPSDM/2026``."""
        return nomor_sertifikat_format(
            pola=self.pola_nomor_sertifikat,
            urut=1,
            kode_program=self.kode,
            angkatan_romawi=angkatan_romawi,
            tahun=tahun,
        )

    @property
    def total_jp(self) -> int:
        return sum(mp.jp for mp in self.mata_pelatihan.all())


class MataPelatihan(TimeStampedModel):
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="mata_pelatihan", verbose_name=_("program")
    )
    urutan = models.PositiveSmallIntegerField(_("urutan"))
    nama = models.CharField(_("mata pelatihan"), max_length=255, validators=[validate_bukan_rumus])
    jp = models.PositiveSmallIntegerField(
        _("JP"), validators=[MinValueValidator(1)], help_text=_("Jam pelajaran (1 JP = 45 menit).")
    )

    class Meta:
        ordering = ["program_id", "urutan"]
        verbose_name = _("mata pelatihan")
        verbose_name_plural = _("mata pelatihan")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "nama"],
                name="mata_pelatihan_unik_per_program",
                # Checked at commit, so that two rows can swap names in one save.
                deferrable=models.Deferrable.DEFERRED,
                violation_error_message=_("Mata pelatihan ini sudah ada dalam kurikulum program."),
            ),
            models.CheckConstraint(condition=Q(jp__gt=0), name="mata_pelatihan_jp_positif"),
        ]

    def __str__(self):
        return self.nama


DEFAULT_PREDIKAT = [
    ("Sangat Memuaskan", Decimal("90.01")),
    ("Memuaskan", Decimal("80.01")),
    ("Cukup Memuaskan", Decimal("70.01")),
]


class Predikat(models.Model):
    """A grade band: a final score at or above ``nilai_minimal`` earns this predikat.

    Scores below the lowest band do not pass.
    """

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="predikat", verbose_name=_("program"))
    nama = models.CharField(_("predikat"), max_length=50, validators=[validate_bukan_rumus])
    nilai_minimal = models.DecimalField(
        _("nilai minimal"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    class Meta:
        ordering = ["program_id", "-nilai_minimal"]
        verbose_name = _("predikat")
        verbose_name_plural = _("predikat")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "nama"],
                name="predikat_nama_unik_per_program",
                # Checked at commit, so that two rows can swap names in one save.
                deferrable=models.Deferrable.DEFERRED,
                violation_error_message=_("Predikat dengan nama ini sudah ada."),
            ),
            models.UniqueConstraint(
                fields=["program", "nilai_minimal"],
                name="predikat_batas_unik_per_program",
                # Checked at commit, so that two rows can swap names in one save.
                deferrable=models.Deferrable.DEFERRED,
                violation_error_message=_("Dua predikat tidak boleh memiliki batas nilai yang sama."),
            ),
            models.CheckConstraint(
                condition=Q(nilai_minimal__gte=0) & Q(nilai_minimal__lte=100), name="predikat_batas_0_100"
            ),
        ]

    def __str__(self):
        return f"{self.nama} (≥ {self.nilai_minimal})"


class KomponenNilai(models.Model):
    """A part of the final score, e.g. sikap/perilaku 20, tugas 30, ujian 50; a program's weights sum to 100."""

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="komponen_nilai", verbose_name=_("program")
    )
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=1)
    nama = models.CharField(_("komponen nilai"), max_length=100, validators=[validate_bukan_rumus])
    bobot = models.PositiveSmallIntegerField(_("bobot (%)"), validators=[MinValueValidator(1), MaxValueValidator(100)])

    class Meta:
        ordering = ["program_id", "urutan", "pk"]
        verbose_name = _("komponen nilai")
        verbose_name_plural = _("komponen nilai")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "nama"],
                name="komponen_nilai_unik_per_program",
                deferrable=models.Deferrable.DEFERRED,
                violation_error_message=_("Komponen nilai dengan nama ini sudah ada."),
            ),
            models.CheckConstraint(condition=Q(bobot__gte=1) & Q(bobot__lte=100), name="komponen_nilai_bobot_1_100"),
        ]

    def __str__(self):
        return f"{self.nama} ({self.bobot}%)"


DEFAULT_KOMPONEN_NILAI = [("Sikap dan perilaku", 20), ("Tugas", 30), ("Ujian", 50)]


# Operations -------------------------------------------------------------------


class WorkerHeartbeat(models.Model):
    """When a Celery worker last ran a job: the status page shows whether jobs run at all."""

    hostname = models.CharField(_("worker"), max_length=255, primary_key=True)
    last_seen = models.DateTimeField(_("terakhir aktif"))

    class Meta:
        ordering = ["-last_seen"]
        verbose_name = _("detak worker")
        verbose_name_plural = _("detak worker")

    def __str__(self):
        return self.hostname


def lokasi_berkas_tugas(tugas: "Tugas", filename: str) -> str:
    """Store a job's result under a fresh random folder, keeping the file name the download is saved under."""
    return f"unduhan/{secrets.token_hex(16)}/{filename}"


class StatusTugas(models.TextChoices):
    MENUNGGU = "menunggu", _("Menunggu")
    BERJALAN = "berjalan", _("Berjalan")
    SELESAI = "selesai", _("Selesai")
    GAGAL = "gagal", _("Gagal")


class Tugas(TimeStampedModel):
    """A background job of the site; its progress lives here, not in the broker, so a page can show it.

    What the job works on belongs to the floor that starts it, which links its own rows to the job
    (``sertifikat``: the certificates a render covers, the angkatan of a certificate job) and
    describes its kind to the job page through ``diklat.tugas.jenis``. A job waits until a worker
    claims it (``diklaim_pada``) and keeps the claim alive with a heartbeat; a claim whose heartbeat
    stopped for ``TUGAS_KLAIM_BASI`` may be taken again, and the periodic sweep sends it again.
    """

    Status = StatusTugas

    jenis = models.CharField(_("jenis"), max_length=40)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.MENUNGGU)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("oleh")
    )
    total = models.PositiveIntegerField(_("jumlah"), default=0)
    diproses = models.PositiveIntegerField(_("diproses"), default=0)
    berkas = models.FileField(_("berkas hasil"), upload_to=lokasi_berkas_tugas, blank=True, max_length=200)
    galat = models.TextField(_("galat"), blank=True)
    # The task could not be handed to the workers (the queue away): the job never started, whatever
    # its parts say; ``galat`` says why.
    tidak_terkirim = models.BooleanField(_("tidak terkirim ke antrean"), default=False)
    # How many times a worker stopped in the middle (its heartbeat ceased) and the sweep gave its work to another.
    diambil_ulang = models.PositiveIntegerField(_("diambil ulang"), default=0)
    diklaim_pada = models.DateTimeField(_("diklaim pada"), null=True, blank=True)
    selesai_pada = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("tugas")
        verbose_name_plural = _("tugas")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=StatusTugas.values), name="diklat_tugas_status_valid"),
            models.CheckConstraint(condition=~Q(jenis=""), name="diklat_tugas_jenis_terisi"),
        ]
        indexes = [
            # The periodic sweep's look at unfinished jobs, every few seconds, among years of finished ones.
            models.Index(
                fields=["jenis", "updated_at"],
                condition=Q(status__in=["menunggu", "berjalan"]),
                name="diklat_tugas_aktif",
            ),
        ]

    # Not finished yet: waiting for a worker, or being worked on.
    AKTIF = (Status.MENUNGGU, Status.BERJALAN)

    def __str__(self):
        return f"{self.jenis} #{self.pk}"

    @property
    def aktif(self) -> bool:
        return self.status in self.AKTIF


class StatusSurel(models.TextChoices):
    MENUNGGU = "menunggu", _("Menunggu")
    TERKIRIM = "terkirim", _("Terkirim")
    GAGAL = "gagal", _("Gagal")


class Surel(TimeStampedModel):
    """One e-mail of the site, kept as it was sent: to whom, what, when, and sent or failed and why.

    Written by ``diklat.surel.services.surel_kirim`` with both bodies already rendered, so what a
    worker sends (and what staff read later) is what the caller meant, in the caller's language.
    """

    Status = StatusSurel

    kepada = models.EmailField(_("kepada"))
    # The person the message concerns, so their page can list it; the record outlives the account.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="surel",
        verbose_name=_("pengguna"),
    )
    # Set by the caller, e.g. "aktivasi" or "pendaftaran_diverifikasi".
    jenis = models.CharField(_("jenis"), max_length=40)
    subjek = models.CharField(_("subjek"), max_length=255)
    isi_teks = models.TextField(_("isi teks"))
    isi_html = models.TextField(_("isi HTML"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.MENUNGGU)
    percobaan = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    # Why the last attempt failed, in words for staff; the details are in the log.
    galat = models.TextField(_("galat"), blank=True)
    terkirim_pada = models.DateTimeField(_("terkirim pada"), null=True, blank=True)
    # Given by a caller whose message must go out once only, however often its work runs (a task
    # retried or delivered twice), e.g. "sertifikat_siap:41": a second message with the key is not made.
    kunci = models.CharField(_("kunci"), max_length=100, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("surel")
        verbose_name_plural = _("surel")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="diklat_surel_user_baru"),
            # A person's page finds the messages sent to their address (any case) without an account.
            models.Index(Upper("kepada"), name="diklat_surel_kepada_upper"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["kunci"], condition=~Q(kunci=""), name="diklat_surel_kunci_unik"),
            models.CheckConstraint(condition=Q(status__in=StatusSurel.values), name="diklat_surel_status_valid"),
            models.CheckConstraint(condition=~Q(jenis=""), name="diklat_surel_jenis_terisi"),
            models.CheckConstraint(
                condition=Q(status=StatusSurel.TERKIRIM, terkirim_pada__isnull=False)
                | (~Q(status=StatusSurel.TERKIRIM) & Q(terkirim_pada__isnull=True)),
                name="diklat_surel_terkirim_bertanggal",
            ),
        ]

    def __str__(self):
        return f"{self.jenis} → {self.kepada}"
