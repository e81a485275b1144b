from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from sertifikat.models import PenomoranSertifikat, Sertifikat, TugasSertifikat


@admin.register(Sertifikat)
class SertifikatAdmin(admin.ModelAdmin):
    list_display = ("nomor", "versi", "pendaftaran", "status", "ditandatangani", "updated_at", "verifikasi")
    list_filter = ("status", "ditandatangani", "program", "tahun")
    list_select_related = ("pendaftaran__peserta", "pendaftaran__angkatan__program")
    search_fields = ("nomor", "pendaftaran__peserta__nama", "pendaftaran__peserta__nip", "sha256")
    ordering = ("program__nama", "tahun", "urut", "versi")
    # A number, once issued, never changes; statuses move through the services (revoking and
    # re-issuing on the angkatan's Sertifikat tab, where the reason is asked for).
    readonly_fields = [f.name for f in Sertifikat._meta.fields] + ["verifikasi"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Every certificate, once issued, stays verifiable for ever.
        return False

    @admin.display(description=_("halaman verifikasi"))
    def verifikasi(self, obj):
        url = reverse("sertifikat:verifikasi", args=[obj.kode_verifikasi])
        return format_html('<a href="{}">{}</a>', url, _("buka"))


@admin.register(TugasSertifikat)
class TugasSertifikatAdmin(admin.ModelAdmin):
    # The job's own fields are diklat.Tugas's, shown through the link that shares its key.
    list_display = (
        "__str__",
        "tugas__jenis",
        "tugas__status",
        "tugas__total",
        "tugas__dibuat_oleh",
        "tugas__created_at",
        "tugas__selesai_pada",
    )
    list_filter = ("tugas__jenis", "tugas__status")
    list_select_related = ("angkatan__program", "tugas__dibuat_oleh")
    readonly_fields = [f.name for f in TugasSertifikat._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(PenomoranSertifikat)
class PenomoranSertifikatAdmin(admin.ModelAdmin):
    list_display = ("program", "tahun", "terakhir")
    readonly_fields = ("program", "tahun", "terakhir")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Deleting a counter would hand out its numbers again.
        return False
