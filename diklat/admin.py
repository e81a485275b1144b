from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from diklat.models import (
    KabupatenKota,
    MataPelatihan,
    PangkatGolongan,
    Predikat,
    Program,
    Provinsi,
    Surel,
    User,
    WorkerHeartbeat,
)
from diklat.surel.services import JENIS_BERTAUTAN_RAHASIA


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "get_full_name", "email", "is_active", "is_staff", "peran")
    list_filter = ("groups", "is_active", "is_staff", "is_superuser")

    @admin.display(description=_("peran"))
    def peran(self, user):
        return ", ".join(group.name for group in user.groups.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")


class MataPelatihanInline(admin.TabularInline):
    model = MataPelatihan
    extra = 0
    ordering = ["urutan"]


class PredikatInline(admin.TabularInline):
    model = Predikat
    extra = 0


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ("nama", "kode", "dengan_evaluasi", "min_kehadiran_persen", "updated_at")
    search_fields = ("nama", "kode")
    inlines = [MataPelatihanInline, PredikatInline]


@admin.register(Provinsi)
class ProvinsiAdmin(admin.ModelAdmin):
    list_display = ("kode", "nama")
    search_fields = ("kode", "nama")


@admin.register(KabupatenKota)
class KabupatenKotaAdmin(admin.ModelAdmin):
    list_display = ("kode", "nama", "jenis", "provinsi")
    list_filter = ("jenis", "provinsi")
    list_select_related = ("provinsi",)
    search_fields = ("kode", "nama")


@admin.register(PangkatGolongan)
class PangkatGolonganAdmin(admin.ModelAdmin):
    list_display = ("golongan", "pangkat", "urutan")


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ("hostname", "last_seen")


@admin.register(Surel)
class SurelAdmin(admin.ModelAdmin):
    """The outbox, read-only: what the site sent to whom, when, and why a message failed."""

    list_display = ("created_at", "kepada", "jenis", "subjek", "status", "percobaan")
    list_filter = ("status", "jenis")
    search_fields = ("kepada", "subjek")
    date_hierarchy = "created_at"
    fields = (
        "kepada",
        "user",
        "jenis",
        "subjek",
        "status",
        "percobaan",
        "galat",
        "created_at",
        "terkirim_pada",
        "isi_teks",
        "isi_html",
    )
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_fields(self, request, obj=None):
        # A body that holds a one-time link (an activation, a password reset) would hand whoever reads
        # it the account: the admin shows that such a message was sent, not what it said.
        if obj is not None and obj.jenis in JENIS_BERTAUTAN_RAHASIA:
            return tuple(f for f in self.fields if f not in ("isi_teks", "isi_html"))
        return self.fields
