from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from diklat.fields import NipField, TeleponField
from diklat.roles import PESERTA
from peserta.models import PESERTA_ISIAN, Pendaftaran, PermintaanPerbaikanData, Peserta, RiwayatStatus


class PesertaAdminForm(forms.ModelForm):
    nip = NipField(label="NIP")
    telepon = TeleponField(required=False)

    class Meta:
        model = Peserta
        fields = ["nip", *PESERTA_ISIAN, "user"]

    def clean_user(self):
        """Link only a participant's account: never a staff member's or an admin's."""
        user = self.cleaned_data.get("user")
        if user and (
            user.is_superuser
            or not user.groups.filter(name=PESERTA).exists()
            or user.has_perm("angkatan.view_angkatan")
        ):
            raise forms.ValidationError(
                _("Hanya akun berperan Peserta yang dapat dihubungkan dengan data peserta."), code="akun_bukan_peserta"
            )
        return user


class PendaftaranInline(admin.TabularInline):
    # Read only: enrolling and status moves go through the services behind the staff pages, which enforce
    # the kuota and the workflow and record the status history.
    model = Pendaftaran
    extra = 0
    fields = ("angkatan", "status", "alasan", "nilai_akhir", "predikat")
    readonly_fields = fields
    show_change_link = True
    # A person's batches as the angkatan list orders them: newest year first, by program, then by number.
    ordering = ("-angkatan__tahun", "angkatan__program__nama", "-angkatan__nomor")

    def has_add_permission(self, request, obj=None):
        return False


class RiwayatStatusInline(admin.TabularInline):
    model = RiwayatStatus
    extra = 0
    fields = ("pada", "dari", "ke", "alasan", "oleh")
    readonly_fields = fields
    verbose_name_plural = _("riwayat status")

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Peserta)
class PesertaAdmin(admin.ModelAdmin):
    form = PesertaAdminForm
    list_display = ("nama_lengkap", "nip_tampil", "jabatan", "instansi", "pangkat", "provinsi")
    list_filter = ("kategori_jabatan", "pangkat", "provinsi")
    list_select_related = ("pangkat", "provinsi")
    search_fields = ("nip", "nama", "instansi", "jabatan")
    autocomplete_fields = ["kabupaten_kota", "user"]
    readonly_fields = ("jenis_kelamin", "created_at", "updated_at")
    inlines = [PendaftaranInline]

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is None:
            return fields
        awal = ["nip", "ubah_nip", "tanggal_lahir"]
        return [*awal, *(f for f in fields if f not in awal)]

    def get_readonly_fields(self, request, obj=None):
        # Once stored, the NIP (the key) and the birth date it holds change only through the guarded page,
        # which asks for the NIP twice and a reason, refuses one that is taken, and renames the account.
        if obj is None:
            return self.readonly_fields
        return ("nip", "tanggal_lahir", "ubah_nip", *self.readonly_fields)

    @admin.display(description=_("ubah NIP"))
    def ubah_nip(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("peserta:ubah-nip", args=[obj.pk]), _("Ubah NIP (dengan alasan)…")
        )


@admin.register(Pendaftaran)
class PendaftaranAdmin(admin.ModelAdmin):
    list_display = ("peserta", "angkatan", "status", "updated_at")
    # By batch (newest year first, by program, then by number), then by name within it.
    ordering = ("-angkatan__tahun", "angkatan__program__nama", "-angkatan__nomor", "peserta__nama")
    list_filter = ("status", "angkatan__program", "angkatan__tahun")
    list_select_related = ("peserta", "angkatan", "angkatan__program")
    search_fields = ("peserta__nama", "peserta__nip")
    # The status moves only through the workflow (peserta.pendaftaran.services), never by editing the row.
    # Results and attendance come from the score and attendance pages (and their lock), never typed here.
    readonly_fields = (
        "peserta",
        "angkatan",
        "status",
        "alasan",
        "nilai_akhir",
        "predikat",
        "persen_kehadiran",
        "created_at",
        "updated_at",
    )
    inlines = [RiwayatStatusInline]

    def has_add_permission(self, request):
        # Adding here would skip the kuota check; enrol from the angkatan page instead.
        return False


@admin.register(PermintaanPerbaikanData)
class PermintaanPerbaikanDataAdmin(admin.ModelAdmin):
    """Read only: participants ask on their portal, and staff answer on the angkatan's Perbaikan data tab,
    which changes the person's data through the audited services and e-mails the participant."""

    list_display = ("pendaftaran", "status", "created_at", "diputus_oleh", "diputus_pada")
    list_filter = ("status", "pendaftaran__angkatan__program", "pendaftaran__angkatan__tahun")
    list_select_related = ("pendaftaran__peserta", "pendaftaran__angkatan__program", "diputus_oleh")
    search_fields = ("pendaftaran__peserta__nama", "pendaftaran__peserta__nip")
    ordering = ("-created_at",)
    fields = (
        "pendaftaran",
        "isian",
        "catatan",
        "status",
        "alasan_tolak",
        "diputus_oleh",
        "diputus_pada",
        "created_at",
        "updated_at",
    )
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
