"""People (keyed by NIP) and their enrolment in an angkatan."""

import operator
from functools import reduce

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from angkatan.models import Angkatan, HariPelatihan
from diklat.models import KabupatenKota, KomponenNilai, PangkatGolongan, Provinsi, TimeStampedModel, Tugas
from diklat.nip import birth_date_matches, format_nip, normalize_nip, parse_nip, validate_nip
from diklat.tanggal import tanggal_utuh
from diklat.telepon import format_telepon, normalize_telepon
from diklat.validators import validate_bukan_rumus


class KategoriJabatan(models.TextChoices):
    SEKRETARIS_DINAS = "sekretaris_dinas", _("Sekretaris Dinas")
    SEKRETARIS_BADAN = "sekretaris_badan", _("Sekretaris Badan")
    SEKRETARIS_INSPEKTORAT = "sekretaris_inspektorat", _("Sekretaris Inspektorat")
    SEKRETARIS_KECAMATAN = "sekretaris_kecamatan", _("Sekretaris Kecamatan")
    CAMAT = "camat", _("Camat")
    KEPALA_SEKSI = "kepala_seksi", _("Kepala Seksi")
    LAINNYA = "lainnya", _("Lainnya")


# The person's fields that people type (enrolment form, import, admin); the NIP is the key, and the
# gender (from the NIP) and the account are not typed.
PESERTA_ISIAN = (
    "gelar_depan",
    "nama",
    "gelar_belakang",
    "tempat_lahir",
    "tanggal_lahir",
    "pangkat",
    "jabatan",
    "kategori_jabatan",
    "instansi",
    "provinsi",
    "kabupaten_kota",
    "email",
    "telepon",
)

# What staff correct on a person's page (and fill in when enrolling one by one). The NIP is the key and has its
# own guarded action; the birth date is a part of the NIP and follows it.
PESERTA_UBAH = tuple(name for name in PESERTA_ISIAN if name != "tanggal_lahir")

# What the certificate prints of a person but enrolment does not need: most regional lists send NIP, name,
# agency and region only. A person missing any of these is *belum lengkap*; certificates wait for them.
PESERTA_CETAK = ("tempat_lahir", "pangkat", "jabatan")


class PesertaQuerySet(models.QuerySet):
    def belum_lengkap(self):
        """Return the people whose printed data (``PESERTA_CETAK``) is not complete."""
        return self.filter(q_belum_lengkap())


def _q_kosong(nama: str, prefix: str = "") -> Q:
    """Return the condition "field ``nama`` of the person is empty": a text field is "", a foreign key null."""
    if Peserta._meta.get_field(nama).is_relation:
        return Q(**{f"{prefix}{nama}__isnull": True})
    return Q(**{f"{prefix}{nama}": ""})


def q_belum_lengkap(prefix: str = "") -> Q:
    """Return the condition "printed data incomplete", on a relation to the person when ``prefix`` is given."""
    return reduce(operator.or_, (_q_kosong(nama, prefix) for nama in PESERTA_CETAK))


class JenisKelamin(models.TextChoices):
    LAKI_LAKI = "L", _("Laki-laki")
    PEREMPUAN = "P", _("Perempuan")


class StatusPendaftaran(models.TextChoices):
    DIUSULKAN = "diusulkan", _("Diusulkan")
    DIVERIFIKASI = "diverifikasi", _("Diverifikasi")
    DITOLAK = "ditolak", _("Ditolak")
    MENGIKUTI = "mengikuti", _("Mengikuti")
    LULUS = "lulus", _("Lulus")
    TIDAK_LULUS = "tidak_lulus", _("Tidak lulus")
    MENGUNDURKAN_DIRI = "mengundurkan_diri", _("Mengundurkan diri")


class StatusPresensi(models.TextChoices):
    HADIR = "hadir", _("Hadir")
    ALPA = "alpa", _("Tidak hadir")
    IZIN = "izin", _("Izin")
    SAKIT = "sakit", _("Sakit")


class Peserta(TimeStampedModel):
    """A civil servant (ASN), who may join many angkatan over the years."""

    JenisKelamin = JenisKelamin

    nip = models.CharField(_("NIP"), max_length=18, unique=True, validators=[validate_nip])
    nama = models.CharField(_("nama"), max_length=200, validators=[validate_bukan_rumus], help_text=_("Tanpa gelar."))
    gelar_depan = models.CharField(
        _("gelar depan"),
        max_length=50,
        blank=True,
        validators=[validate_bukan_rumus],
        help_text=_("Mis. Dr., Ir., Drs."),
    )
    gelar_belakang = models.CharField(
        _("gelar belakang"),
        max_length=100,
        blank=True,
        validators=[validate_bukan_rumus],
        help_text=_("Mis. S.Sos., M.Si."),
    )
    tempat_lahir = models.CharField(_("tempat lahir"), max_length=100, blank=True, validators=[validate_bukan_rumus])
    tanggal_lahir = models.DateField(_("tanggal lahir"))
    # Derived from the NIP on save; kept as a column to filter and count by.
    jenis_kelamin = models.CharField(_("jenis kelamin"), max_length=1, choices=JenisKelamin.choices, editable=False)
    pangkat = models.ForeignKey(
        PangkatGolongan,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("pangkat/golongan"),
    )
    jabatan = models.CharField(_("jabatan"), max_length=255, blank=True, validators=[validate_bukan_rumus])
    kategori_jabatan = models.CharField(
        _("kategori jabatan"), max_length=30, choices=KategoriJabatan.choices, default=KategoriJabatan.LAINNYA
    )
    instansi = models.CharField(
        _("instansi"),
        max_length=255,
        validators=[validate_bukan_rumus],
        help_text=_("Perangkat daerah, mis. Dinas Kesehatan."),
    )
    provinsi = models.ForeignKey(Provinsi, on_delete=models.PROTECT, related_name="+", verbose_name=_("provinsi"))
    kabupaten_kota = models.ForeignKey(
        KabupatenKota,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("kabupaten/kota"),
        help_text=_("Kosongkan bila pemdanya pemerintah provinsi."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    telepon = models.CharField(_("telepon"), max_length=20, blank=True, help_text=_("Disimpan dalam bentuk +62."))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="peserta",
        verbose_name=_("akun"),
    )

    objects = PesertaQuerySet.as_manager()

    class Meta:
        ordering = ["nama"]
        verbose_name = _("peserta")
        verbose_name_plural = _("peserta")
        # The NIP is the key by which a person is found, enrolled and printed: changing it is an admin's act.
        permissions = [("ubah_nip_peserta", _("Dapat mengubah NIP peserta"))]
        constraints = [
            models.CheckConstraint(condition=Q(nip__regex=r"^[0-9]{18}$"), name="peserta_nip_18_digit"),
            models.CheckConstraint(
                condition=Q(jenis_kelamin__in=JenisKelamin.values), name="peserta_jenis_kelamin_valid"
            ),
            models.CheckConstraint(
                condition=Q(telepon="") | Q(telepon__regex=r"^\+62[0-9]{6,13}$"), name="peserta_telepon_e164"
            ),
        ]
        indexes = [models.Index(fields=["nama"], name="peserta_nama_idx")]

    def __str__(self):
        return f"{self.nama_lengkap} ({self.nip_tampil})"

    @property
    def nama_lengkap(self) -> str:
        """Return the name with titles as it is printed: ``Dr. Budi Santoso, S.Sos., M.Si.``."""
        nama = f"{self.gelar_depan} {self.nama}".strip()
        return f"{nama}, {self.gelar_belakang}" if self.gelar_belakang else nama

    @property
    def nip_tampil(self) -> str:
        return format_nip(self.nip)

    @property
    def data_cetak_kurang(self) -> list[str]:
        """Return the labels of the printed fields still empty (``["tempat lahir", "jabatan"]``), in form order."""
        kurang = []
        for nama in PESERTA_CETAK:
            field = self._meta.get_field(nama)
            # A text field is empty when "", a foreign key when null (as in q_belum_lengkap).
            if getattr(self, field.attname) in (None, ""):
                kurang.append(str(field.verbose_name))
        return kurang

    @property
    def belum_lengkap(self) -> bool:
        return bool(self.data_cetak_kurang)

    @property
    def tempat_tanggal_lahir(self) -> str:
        """Return the birth place and date as the certificate prints them: ``Sukoharjo, 1 Agustus 1966``.

        The date's spaces do not break (``diklat.tanggal.tanggal_utuh``): a line may end after the comma only.
        """
        return f"{self.tempat_lahir}, {tanggal_utuh(self.tanggal_lahir)}"

    @property
    def telepon_tampil(self) -> str:
        return format_telepon(self.telepon)

    @property
    def pemda(self):
        return self.kabupaten_kota or self.provinsi

    def get_additional_data(self) -> dict | None:
        """Return what auditlog keeps beside this save's changes: the reason, when the service gave one."""
        alasan = getattr(self, "_alasan_audit", "")
        return {"alasan": alasan} if alasan else None

    def clean_fields(self, exclude=None):
        # People type NIPs and phone numbers in many ways; store one form. A value
        # that cannot be read stays as typed, and clean() says why.
        for field, normalize in (("nip", normalize_nip), ("telepon", normalize_telepon)):
            try:
                setattr(self, field, normalize(getattr(self, field)))
            except ValidationError:
                pass
        super().clean_fields(exclude=exclude)

    def clean(self):
        errors = {}
        try:
            nip = parse_nip(self.nip)
        except ValidationError as error:
            errors["nip"] = error
        else:
            self.jenis_kelamin = nip.jenis_kelamin
            if self.tanggal_lahir and not birth_date_matches(nip, self.tanggal_lahir):
                errors["tanggal_lahir"] = ValidationError(
                    _("Tanggal lahir tidak sesuai dengan NIP (menurut NIP: %(tanggal)s)."),
                    code="tanggal_lahir_tidak_sesuai_nip",
                    params={"tanggal": nip.tanggal_lahir.strftime("%d-%m-%Y")},
                )
        try:
            self.telepon = normalize_telepon(self.telepon)
        except ValidationError as error:
            errors["telepon"] = error
        if self.kabupaten_kota_id and self.provinsi_id and self.kabupaten_kota.provinsi_id != self.provinsi_id:
            errors["kabupaten_kota"] = ValidationError(
                _("%(kabkota)s tidak berada di provinsi yang dipilih."),
                code="kabupaten_kota_beda_provinsi",
                params={"kabkota": self.kabupaten_kota},
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # The gender is a fact of the NIP; keep the column in step with it.
        if self.nip and len(self.nip) == 18 and self.nip[14] in "12":
            self.jenis_kelamin = "L" if self.nip[14] == "1" else "P"
        super().save(*args, **kwargs)


class Pendaftaran(TimeStampedModel):
    """A peserta's enrolment in one angkatan: status, and later attendance, scores, result."""

    Status = StatusPendaftaran

    peserta = models.ForeignKey(
        Peserta, on_delete=models.PROTECT, related_name="pendaftaran", verbose_name=_("peserta")
    )
    angkatan = models.ForeignKey(
        Angkatan, on_delete=models.PROTECT, related_name="pendaftaran", verbose_name=_("angkatan")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DIUSULKAN)
    alasan = models.TextField(
        _("alasan"),
        blank=True,
        validators=[validate_bukan_rumus],
        help_text=_("Alasan penolakan atau pengunduran diri, bila ada."),
    )
    nilai_akhir = models.DecimalField(
        _("nilai akhir"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    predikat = models.CharField(_("predikat"), max_length=50, blank=True)
    persen_kehadiran = models.DecimalField(_("kehadiran (%)"), max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("pendaftaran")
        verbose_name_plural = _("pendaftaran")
        constraints = [
            models.UniqueConstraint(
                fields=["peserta", "angkatan"],
                name="pendaftaran_unik_per_peserta_angkatan",
                violation_error_message=_("Peserta ini sudah terdaftar di angkatan ini."),
            ),
            models.CheckConstraint(
                condition=Q(nilai_akhir__isnull=True) | (Q(nilai_akhir__gte=0) & Q(nilai_akhir__lte=100)),
                name="pendaftaran_nilai_akhir_0_100",
            ),
            models.CheckConstraint(
                condition=Q(status__in=StatusPendaftaran.values),
                name="pendaftaran_status_valid",
            ),
        ]
        indexes = [
            # The dashboard counts the enrolments waiting for verification per angkatan: a few among all the
            # years' enrolments, read off this small index instead of a scan that grows with the history.
            models.Index(
                fields=["angkatan", "created_at"],
                condition=Q(status="diusulkan"),
                name="pendaftaran_diusulkan_idx",
            ),
        ]

    def __str__(self):
        return f"{self.peserta} — {self.angkatan}"

    def get_status_display(self) -> str:
        """Return the status's label, as Django's own method would, at a fraction of its cost.

        Django's builds a dict of every choice, translating each label, on every call; a roster page
        asks twice a row, which was a sixth of its rendering.
        """
        try:
            return str(self.Status(self.status).label)
        except ValueError:
            return self.status


class RiwayatStatus(models.Model):
    """One move of an enrolment's status: who, when, from what to what, and why."""

    pendaftaran = models.ForeignKey(
        Pendaftaran, on_delete=models.CASCADE, related_name="riwayat_status", verbose_name=_("pendaftaran")
    )
    dari = models.CharField(_("dari"), max_length=20, choices=Pendaftaran.Status.choices, blank=True)
    ke = models.CharField(_("menjadi"), max_length=20, choices=Pendaftaran.Status.choices)
    alasan = models.TextField(_("alasan"), blank=True, validators=[validate_bukan_rumus])
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("oleh")
    )
    pada = models.DateTimeField(_("pada"), auto_now_add=True)

    class Meta:
        ordering = ["pendaftaran_id", "pada", "pk"]
        verbose_name = _("riwayat status")
        verbose_name_plural = _("riwayat status")

    def __str__(self):
        return f"{self.pendaftaran}: {self.dari or '—'} → {self.ke}"


class Presensi(models.Model):
    """Whether a participant was there on one training day."""

    Status = StatusPresensi

    pendaftaran = models.ForeignKey(
        Pendaftaran, on_delete=models.CASCADE, related_name="presensi", verbose_name=_("pendaftaran")
    )
    hari = models.ForeignKey(
        HariPelatihan, on_delete=models.CASCADE, related_name="presensi", verbose_name=_("hari pelatihan")
    )
    status = models.CharField(_("kehadiran"), max_length=5, choices=Status.choices)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("presensi")
        verbose_name_plural = _("presensi")
        constraints = [
            models.UniqueConstraint(fields=["pendaftaran", "hari"], name="presensi_unik_per_hari"),
            models.CheckConstraint(condition=Q(status__in=StatusPresensi.values), name="presensi_status_valid"),
        ]

    def __str__(self):
        return f"{self.pendaftaran.peserta} {self.hari.tanggal:%Y-%m-%d}: {self.status}"


class Nilai(models.Model):
    """A participant's score in one component of the program's evaluation."""

    pendaftaran = models.ForeignKey(
        Pendaftaran, on_delete=models.CASCADE, related_name="nilai", verbose_name=_("pendaftaran")
    )
    komponen = models.ForeignKey(
        KomponenNilai, on_delete=models.PROTECT, related_name="+", verbose_name=_("komponen nilai")
    )
    nilai = models.DecimalField(
        _("nilai"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("nilai")
        verbose_name_plural = _("nilai")
        constraints = [
            models.UniqueConstraint(fields=["pendaftaran", "komponen"], name="nilai_unik_per_komponen"),
            models.CheckConstraint(condition=Q(nilai__gte=0) & Q(nilai__lte=100), name="nilai_0_100"),
        ]

    def __str__(self):
        return f"{self.pendaftaran.peserta} {self.komponen.nama}: {self.nilai}"


class SesiImpor(TimeStampedModel):
    """An uploaded spreadsheet between its preview and its confirmation.

    The parsed rows are kept, not the file: confirming applies exactly what the
    preview showed, checked again against the database of that moment.
    """

    class Status(models.TextChoices):
        PRATINJAU = "pratinjau", _("Pratinjau")
        DIIMPOR = "diimpor", _("Diimpor")
        DIBATALKAN = "dibatalkan", _("Dibatalkan")

    angkatan = models.ForeignKey(
        Angkatan, on_delete=models.CASCADE, related_name="sesi_impor", verbose_name=_("angkatan")
    )
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("oleh")
    )
    nama_berkas = models.CharField(_("nama berkas"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    baris = models.JSONField(_("baris"), default=list)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PRATINJAU)
    ringkasan = models.JSONField(_("ringkasan"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("sesi impor")
        verbose_name_plural = _("sesi impor")

    def __str__(self):
        return f"{self.nama_berkas} → {self.angkatan}"


# The participant's check of their data before printing ---------------------------------------------------------------

# What a participant may ask staff to correct, one free text each: (label, longest text). Free text, since
# what is wrong is theirs to say and staff's to type into the person's data (a rank as "III/c Penata", a
# birth date as they write it); the limits leave room beyond each field's own length for that.
ISIAN_PERBAIKAN = {
    "gelar_depan": (_("Gelar depan"), 50),
    "nama": (_("Nama (tanpa gelar)"), 200),
    "gelar_belakang": (_("Gelar belakang"), 100),
    "nip": (_("NIP"), 30),
    "tempat_lahir": (_("Tempat lahir"), 100),
    "tanggal_lahir": (_("Tanggal lahir"), 30),
    "pangkat": (_("Pangkat/golongan"), 100),
    "jabatan": (_("Jabatan"), 255),
    "instansi": (_("Instansi"), 255),
}
CATATAN_PERBAIKAN_MAKS = 1000


class KonfirmasiDataCetak(TimeStampedModel):
    """A participant's word, for one enrolment, that their certificate's data block is right.

    It keeps the block as it was confirmed (``blok``: ``{key: text}``, ``peserta.data.cetak.blok_nilai``)
    and holds only while the block printed now is that one: once the data changes, the participant is
    asked again.
    """

    pendaftaran = models.OneToOneField(
        Pendaftaran, on_delete=models.CASCADE, related_name="konfirmasi_data", verbose_name=_("pendaftaran")
    )
    blok = models.JSONField(_("data yang dikonfirmasi"), default=dict)
    dikonfirmasi_pada = models.DateTimeField(_("dikonfirmasi pada"))

    class Meta:
        verbose_name = _("konfirmasi data cetak")
        verbose_name_plural = _("konfirmasi data cetak")

    def __str__(self):
        return f"{self.pendaftaran_id}: {self.dikonfirmasi_pada:%Y-%m-%d %H:%M}"


class StatusPermintaanPerbaikan(models.TextChoices):
    TERBUKA = "terbuka", _("Terbuka")
    DITERAPKAN = "diterapkan", _("Diterapkan")
    DITOLAK = "ditolak", _("Ditolak")


class PermintaanPerbaikanData(TimeStampedModel):
    """A participant's request to correct the data their certificate will print, and what staff decided.

    Not to be confused with re-issuing a certificate already made (*terbitkan ulang*): this comes before
    any certificate exists, from the participant, and staff apply it to the person's data.
    """

    Status = StatusPermintaanPerbaikan

    pendaftaran = models.ForeignKey(
        Pendaftaran, on_delete=models.CASCADE, related_name="permintaan_perbaikan", verbose_name=_("pendaftaran")
    )
    # {key of ISIAN_PERBAIKAN: the text typed}; only the fields filled in.
    isian = models.JSONField(_("perbaikan yang diminta"), default=dict)
    catatan = models.TextField(
        _("catatan"), blank=True, max_length=CATATAN_PERBAIKAN_MAKS, validators=[validate_bukan_rumus]
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.TERBUKA)
    alasan_tolak = models.TextField(
        _("alasan penolakan"), blank=True, max_length=CATATAN_PERBAIKAN_MAKS, validators=[validate_bukan_rumus]
    )
    diputus_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ditindaklanjuti oleh"),
    )
    diputus_pada = models.DateTimeField(_("ditindaklanjuti pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("permintaan perbaikan data")
        verbose_name_plural = _("permintaan perbaikan data")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=StatusPermintaanPerbaikan.values), name="permintaan_perbaikan_status_valid"
            ),
            # Staff answer one request at a time; the participant adds to it by asking again once it is answered.
            models.UniqueConstraint(
                fields=["pendaftaran"],
                condition=Q(status="terbuka"),
                name="permintaan_perbaikan_satu_terbuka",
                violation_error_message=_("Masih ada permintaan perbaikan data yang menunggu tindak lanjut."),
            ),
            models.CheckConstraint(
                condition=~Q(status="ditolak") | ~Q(alasan_tolak=""), name="permintaan_perbaikan_tolak_beralasan"
            ),
            models.CheckConstraint(
                condition=Q(status="terbuka") | Q(diputus_pada__isnull=False), name="permintaan_perbaikan_diputus_pada"
            ),
        ]

    def __str__(self):
        return f"{self.pendaftaran_id}: {self.get_status_display()} ({self.created_at:%Y-%m-%d})"

    @property
    def terbuka(self) -> bool:
        return self.status == self.Status.TERBUKA

    @property
    def isian_tampil(self) -> list[tuple[str, str, str]]:
        """Return the fields asked for as ``(key, label, text)``, in the form's order."""
        return [
            (kunci, str(label), self.isian[kunci])
            for kunci, (label, _maks) in ISIAN_PERBAIKAN.items()
            if self.isian.get(kunci)
        ]

    def clean(self):
        """Refuse a request that asks nothing, names an unknown field, or holds text too long or like a formula."""
        if not isinstance(self.isian, dict) or not any(str(v).strip() for v in self.isian.values()):
            raise ValidationError(
                {"isian": _("Isi sedikitnya satu data yang perlu diperbaiki.")}, code="perbaikan_kosong"
            )
        galat = []
        for kunci, nilai in self.isian.items():
            if kunci not in ISIAN_PERBAIKAN or not isinstance(nilai, str):
                galat.append(ValidationError(_("Isian perbaikan tidak dikenal."), code="isian_tidak_dikenal"))
                continue
            label, maks = ISIAN_PERBAIKAN[kunci]
            if len(nilai) > maks:
                galat.append(
                    ValidationError(
                        _("%(label)s: paling banyak %(maks)s karakter."),
                        code="terlalu_panjang",
                        params={"label": label, "maks": maks},
                    )
                )
            try:
                validate_bukan_rumus(nilai)
            except ValidationError as error:
                galat.append(ValidationError(f"{label}: {error.messages[0]}", code="berisi_rumus"))
        if galat:
            raise ValidationError({"isian": galat})


class PilihanEkspor(models.Model):
    """What a user last chose on an export's page (columns, order, status, format), offered again next time."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    daftar = models.CharField(_("daftar"), max_length=30)
    pilihan = models.JSONField(_("pilihan"), default=dict)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "daftar"], name="pilihan_ekspor_unik_per_user")]
        verbose_name = _("pilihan ekspor")
        verbose_name_plural = _("pilihan ekspor")

    def __str__(self):
        return f"{self.user} · {self.daftar}"


class TugasEkspor(models.Model):
    """What an export run as a background job adds to the site's job (``diklat.Tugas``): what it exports.

    ``parameter`` keeps the choices as the form took them (filters, columns, order, format, language), so
    the task reads the same selection again and a job can be re-run; the job itself (status, counts,
    result file) is the ``Tugas`` sharing this row's key. The model also carries the permission to
    export enrolments across angkatan, which admins hold and staff do not.
    """

    tugas = models.OneToOneField(
        Tugas, on_delete=models.CASCADE, primary_key=True, related_name="tugas_ekspor", verbose_name=_("tugas")
    )
    parameter = models.JSONField(_("parameter"), default=dict)

    class Meta:
        verbose_name = _("tugas ekspor")
        verbose_name_plural = _("tugas ekspor")
        permissions = [("ekspor_lintas", _("Dapat mengekspor data peserta lintas angkatan"))]

    def __str__(self):
        return str(self.tugas)
