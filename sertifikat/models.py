"""Certificates (STTP): their numbers, versions, files and verification codes."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from angkatan.models import Angkatan
from diklat.models import Program, TimeStampedModel, Tugas
from diklat.validators import validate_bukan_rumus
from peserta.models import Pendaftaran


def kode_verifikasi_baru() -> str:
    """Return a random, unguessable code for the public verification page (128 bits, URL-safe)."""
    return secrets.token_urlsafe(16)


def lokasi_berkas_sertifikat(sertifikat: "Sertifikat", filename: str) -> str:
    """Store each file under a fresh random name: never the number or the NIP, never overwritten."""
    return f"sertifikat/{sertifikat.tahun}/{secrets.token_hex(16)}.pdf"


def lokasi_berkas_tugas(tugas, filename: str) -> str:
    """Where the archives of the certificate jobs went before the jobs moved to ``diklat.Tugas`` (migration 0003)."""
    return f"sertifikat/unduhan/{secrets.token_hex(16)}/{filename}"


class PenomoranSertifikat(models.Model):
    """The last sequence number given out for a program in a year; taken under a row lock."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+", verbose_name=_("program"))
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    terakhir = models.PositiveIntegerField(_("nomor urut terakhir"), default=0)

    class Meta:
        verbose_name = _("penomoran sertifikat")
        verbose_name_plural = _("penomoran sertifikat")
        constraints = [
            models.UniqueConstraint(fields=["program", "tahun"], name="penomoran_unik_per_program_tahun"),
        ]

    def __str__(self):
        return f"{self.program.kode} {self.tahun}: {self.terakhir}"


class StatusSertifikat(models.TextChoices):
    PENDING = "pending", _("Menunggu")
    RENDERING = "rendering", _("Sedang dibuat")
    READY = "ready", _("Siap")
    FAILED = "failed", _("Gagal")
    REVOKED = "revoked", _("Dicabut")
    REPLACED = "replaced", _("Diganti")


class Sertifikat(TimeStampedModel):
    """One version of a participant's certificate.

    A corrected re-issue keeps the number and becomes a new version; the old
    version stays (status *diganti*) so its file's hash is still known.
    """

    Status = StatusSertifikat

    pendaftaran = models.ForeignKey(
        Pendaftaran, on_delete=models.PROTECT, related_name="sertifikat", verbose_name=_("pendaftaran")
    )
    versi = models.PositiveSmallIntegerField(_("versi"), default=1)
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+", verbose_name=_("program"))
    tahun = models.PositiveSmallIntegerField(_("tahun penomoran"))
    urut = models.PositiveIntegerField(_("nomor urut"))
    nomor = models.CharField(_("nomor sertifikat"), max_length=120)
    kode_verifikasi = models.CharField(
        _("kode verifikasi"), max_length=32, unique=True, default=kode_verifikasi_baru, editable=False
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    galat = models.TextField(_("galat"), blank=True)
    berkas = models.FileField(_("berkas PDF"), upload_to=lokasi_berkas_sertifikat, blank=True, max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, db_index=True)
    ditandatangani = models.BooleanField(_("ditandatangani secara elektronik"), default=False)
    diterbitkan_pada = models.DateTimeField(_("diterbitkan pada"), null=True, blank=True)
    # What the PDF printed, kept when it was made: the public page shows these, so a title added to
    # the person years later does not make an old certificate look altered.
    data_cetak = models.JSONField(_("data tercetak"), default=dict, blank=True, editable=False)
    alasan_pencabutan = models.TextField(_("alasan pencabutan"), blank=True, validators=[validate_bukan_rumus])
    dicabut_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dicabut_pada = models.DateTimeField(_("dicabut pada"), null=True, blank=True)
    # The jobs that made or packed this certificate; from a job, ``tugas.sertifikat`` are those it covers.
    tugas = models.ManyToManyField(Tugas, related_name="sertifikat", blank=True, verbose_name=_("tugas"))

    class Meta:
        ordering = ["program_id", "tahun", "urut", "versi"]
        permissions = [
            ("revoke_sertifikat", _("Dapat mencabut sertifikat")),
            ("reissue_sertifikat", _("Dapat menerbitkan ulang sertifikat yang dikoreksi")),
        ]
        verbose_name = _("sertifikat")
        verbose_name_plural = _("sertifikat")
        constraints = [
            # A number, once issued, belongs to one participant; versions share it.
            models.UniqueConstraint(fields=["program", "tahun", "urut", "versi"], name="sertifikat_urut_versi_unik"),
            models.UniqueConstraint(fields=["nomor", "versi"], name="sertifikat_nomor_versi_unik"),
            models.UniqueConstraint(fields=["pendaftaran", "versi"], name="sertifikat_versi_unik_per_pendaftaran"),
            models.CheckConstraint(
                condition=Q(status__in=StatusSertifikat.values),
                name="sertifikat_status_valid",
            ),
            models.CheckConstraint(condition=Q(urut__gte=1) & Q(versi__gte=1), name="sertifikat_urut_versi_positif"),
        ]
        indexes = [
            # The periodic sweep's look for claims gone silent and work waiting long: few rows of many.
            models.Index(
                fields=["updated_at"],
                condition=Q(status__in=["pending", "rendering"]),
                name="sertifikat_belum_jadi",
            ),
        ]

    def __str__(self):
        return f"{self.nomor} (v{self.versi})"

    @property
    def berlaku(self) -> bool:
        return self.status == self.Status.READY


class TugasSertifikat(models.Model):
    """What a job over an angkatan's certificates adds to the site's job (``diklat.Tugas``): its angkatan.

    The job itself (status, counts, result file) is the ``Tugas`` sharing this row's key; the
    certificates it covers are ``tugas.sertifikat``. For *buat* the progress is read off those
    certificates (ready / failed), so a job repeated or retried never counts anything twice. The ZIP
    and the merged PDF count what they have packed in ``Tugas.diproses`` and keep their result in
    ``Tugas.berkas``. The model also carries the permissions to start and see certificate jobs.
    """

    class Jenis(models.TextChoices):
        BUAT = "buat", _("Pembuatan sertifikat")
        ZIP = "zip", _("Arsip ZIP")
        GABUNG = "gabung", _("PDF gabungan untuk dicetak")

    tugas = models.OneToOneField(
        Tugas, on_delete=models.CASCADE, primary_key=True, related_name="tugas_sertifikat", verbose_name=_("tugas")
    )
    angkatan = models.ForeignKey(
        Angkatan, on_delete=models.CASCADE, related_name="tugas_sertifikat", verbose_name=_("angkatan")
    )

    class Meta:
        verbose_name = _("tugas sertifikat")
        verbose_name_plural = _("tugas sertifikat")

    def __str__(self):
        return f"{self.Jenis(self.tugas.jenis).label} — {self.angkatan}"
