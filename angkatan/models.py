"""Batches and venues: when and where a program is held, and for how many."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from diklat.models import Program, Provinsi, TimeStampedModel
from diklat.nip import format_nip, validate_nip
from diklat.roman import to_roman
from diklat.telepon import format_telepon
from diklat.validators import validate_bukan_rumus


class Venue(TimeStampedModel):
    nama = models.CharField(_("nama tempat"), max_length=200, validators=[validate_bukan_rumus])
    alamat = models.TextField(_("alamat"), max_length=500, blank=True, validators=[validate_bukan_rumus])
    kota = models.CharField(_("kota"), max_length=100, validators=[validate_bukan_rumus])
    provinsi = models.ForeignKey(Provinsi, on_delete=models.PROTECT, related_name="+", verbose_name=_("provinsi"))
    kapasitas = models.PositiveIntegerField(
        _("kapasitas"), null=True, blank=True, validators=[MinValueValidator(1)], help_text=_("Jumlah orang.")
    )
    kontak_nama = models.CharField(_("narahubung"), max_length=150, blank=True, validators=[validate_bukan_rumus])
    kontak_telepon = models.CharField(_("telepon narahubung"), max_length=20, blank=True)

    class Meta:
        ordering = ["nama"]
        verbose_name = _("tempat")
        verbose_name_plural = _("tempat")
        constraints = [
            models.UniqueConstraint(
                fields=["nama", "kota"],
                name="venue_nama_kota_unik",
                violation_error_message=_("Tempat dengan nama ini sudah ada di kota yang sama."),
            ),
            models.CheckConstraint(
                condition=Q(kapasitas__isnull=True) | Q(kapasitas__gt=0), name="venue_kapasitas_positif"
            ),
        ]

    def __str__(self):
        return f"{self.nama}, {self.kota}"

    def get_absolute_url(self):
        return reverse("angkatan:venue-update", args=[self.pk])

    @property
    def kontak_telepon_tampil(self) -> str:
        return format_telepon(self.kontak_telepon)


# Even the longest training (leadership programmes run for months) fits in a year.
MAKS_LAMA_HARI = 366


class StatusAngkatan(models.TextChoices):
    DRAFT = "draft", _("Draf")
    OPEN = "open", _("Pendaftaran dibuka")
    RUNNING = "running", _("Berlangsung")
    FINISHED = "finished", _("Selesai")
    CLOSED = "closed", _("Ditutup")


class Angkatan(TimeStampedModel):
    Status = StatusAngkatan

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="angkatan", verbose_name=_("program"))
    nomor = models.PositiveSmallIntegerField(
        _("nomor angkatan"),
        validators=[MinValueValidator(1), MaxValueValidator(3999)],
        help_text=_("Angka biasa; ditampilkan sebagai angka Romawi (3 → III)."),
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    tanggal_mulai = models.DateField(_("tanggal mulai"))
    tanggal_selesai = models.DateField(_("tanggal selesai"))
    venue = models.ForeignKey(
        Venue, on_delete=models.PROTECT, related_name="angkatan", verbose_name=_("tempat"), null=True, blank=True
    )
    kuota = models.PositiveIntegerField(_("kuota"), validators=[MinValueValidator(1)])
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)

    penandatangan_nama = models.CharField(
        _("nama penandatangan"), max_length=200, blank=True, validators=[validate_bukan_rumus]
    )
    penandatangan_nip = models.CharField(_("NIP penandatangan"), max_length=18, blank=True, validators=[validate_nip])
    penandatangan_jabatan = models.CharField(
        _("jabatan penandatangan"),
        max_length=200,
        blank=True,
        validators=[validate_bukan_rumus],
        help_text=_("Mis. Sekretaris Badan."),
    )
    nilai_dikunci_pada = models.DateTimeField(
        _("hasil difinalisasi pada"),
        null=True,
        blank=True,
        help_text=_("Setelah hasil difinalisasi, nilai terkunci; hanya admin yang dapat membukanya."),
    )
    penandatangan_atas_nama = models.CharField(
        _("baris a.n."),
        max_length=200,
        blank=True,
        validators=[validate_bukan_rumus],
        help_text=_("Isi bila menandatangani atas nama, mis. Kepala BPSDM Kementerian Dalam Negeri."),
    )
    kota_terbit = models.CharField(
        _("kota penerbitan sertifikat"),
        max_length=100,
        default="Jakarta",
        validators=[validate_bukan_rumus],
        help_text=_("Mis. Jakarta."),
    )
    tanggal_terbit = models.DateField(
        _("tanggal penerbitan sertifikat"),
        null=True,
        blank=True,
        help_text=_("Kosongkan untuk memakai tanggal selesai."),
    )

    class Meta:
        # No default ordering: it would join the program to every query; lists order explicitly.
        permissions = [
            ("reopen_angkatan", _("Dapat membuka kembali angkatan (status mundur)")),
            ("unlock_nilai_angkatan", _("Dapat membuka kunci nilai yang sudah difinalisasi")),
        ]
        verbose_name = _("angkatan")
        verbose_name_plural = _("angkatan")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "tahun", "nomor"],
                name="angkatan_nomor_unik_per_program_tahun",
                violation_error_message=_("Nomor angkatan ini sudah dipakai untuk program dan tahun yang sama."),
            ),
            models.CheckConstraint(
                condition=Q(tanggal_selesai__gte=F("tanggal_mulai")),
                name="angkatan_selesai_tidak_sebelum_mulai",
                violation_error_message=_("Tanggal selesai tidak boleh sebelum tanggal mulai."),
            ),
            models.CheckConstraint(
                condition=Q(kuota__gt=0),
                name="angkatan_kuota_positif",
                violation_error_message=_("Kuota harus lebih dari nol."),
            ),
            models.CheckConstraint(condition=Q(nomor__gte=1) & Q(nomor__lte=3999), name="angkatan_nomor_1_3999"),
            models.CheckConstraint(condition=Q(tahun__gte=2000) & Q(tahun__lte=2100), name="angkatan_tahun_2000_2100"),
            models.CheckConstraint(
                condition=Q(status__in=StatusAngkatan.values),
                name="angkatan_status_valid",
            ),
        ]

    def __str__(self):
        return gettext("%(program)s Angkatan %(nomor)s Tahun %(tahun)s") % {
            "program": self.program,
            "nomor": self.nomor_romawi,
            "tahun": self.tahun,
        }

    def get_absolute_url(self):
        return reverse("angkatan:detail", args=[self.pk])

    @property
    def hasil_final(self) -> bool:
        """Whether the results are final: scores locked, lulus / tidak lulus decided, certificates may be made."""
        return self.nilai_dikunci_pada is not None

    @property
    def nomor_romawi(self) -> str:
        return to_roman(self.nomor)

    @property
    def penandatangan_nip_tampil(self) -> str:
        return format_nip(self.penandatangan_nip)

    @property
    def tanggal_sertifikat(self) -> datetime.date:
        """Return the date of issue printed on the certificates: as set, else the last day."""
        return self.tanggal_terbit or self.tanggal_selesai

    @property
    def lama_hari(self) -> int:
        return (self.tanggal_selesai - self.tanggal_mulai).days + 1

    @property
    def tanggal_pelaksanaan(self) -> list[datetime.date]:
        """Return every calendar day from the first to the last."""
        return [self.tanggal_mulai + datetime.timedelta(days=i) for i in range(self.lama_hari)]

    def clean(self):
        errors = {}
        if self.tanggal_mulai and self.tanggal_selesai and self.tanggal_selesai < self.tanggal_mulai:
            errors["tanggal_selesai"] = ValidationError(
                _("Tanggal selesai tidak boleh sebelum tanggal mulai."), code="tanggal_terbalik"
            )
        elif self.tanggal_mulai and self.tanggal_selesai and self.lama_hari > MAKS_LAMA_HARI:
            errors["tanggal_selesai"] = ValidationError(
                _("Satu angkatan paling lama %(hari)s hari; periksa tanggal selesai."),
                code="terlalu_lama",
                params={"hari": MAKS_LAMA_HARI},
            )
        if self.tanggal_mulai and self.tahun and self.tanggal_mulai.year != self.tahun:
            errors["tahun"] = ValidationError(
                _("Tahun angkatan harus sama dengan tahun tanggal mulai (%(tahun)s)."),
                code="tahun_tidak_cocok",
                params={"tahun": self.tanggal_mulai.year},
            )
        if errors:
            raise ValidationError(errors)


class HariPelatihan(models.Model):
    """A day on which the angkatan meets: a column of the attendance grid and one sign-in sheet."""

    angkatan = models.ForeignKey(
        Angkatan, on_delete=models.CASCADE, related_name="hari_pelatihan", verbose_name=_("angkatan")
    )
    tanggal = models.DateField(_("tanggal"))
    keterangan = models.CharField(
        _("keterangan"),
        max_length=200,
        blank=True,
        validators=[validate_bukan_rumus],
        help_text=_("Mis. sesi atau pengajar."),
    )

    class Meta:
        ordering = ["angkatan_id", "tanggal"]
        verbose_name = _("hari pelatihan")
        verbose_name_plural = _("hari pelatihan")
        constraints = [
            models.UniqueConstraint(
                fields=["angkatan", "tanggal"],
                name="hari_pelatihan_unik_per_angkatan",
                violation_error_message=_("Tanggal ini sudah menjadi hari pelatihan angkatan ini."),
            ),
        ]

    def __str__(self):
        return f"{self.angkatan} — {self.tanggal:%Y-%m-%d}"
