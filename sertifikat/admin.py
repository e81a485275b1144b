from django.contrib import admin

from sertifikat.models import PenomoranSertifikat, Sertifikat


@admin.register(Sertifikat)
class SertifikatAdmin(admin.ModelAdmin):
    list_display = ("nomor", "versi", "pendaftaran", "status", "updated_at")
    list_filter = ("status", "program", "tahun")
    list_select_related = ("pendaftaran__peserta", "pendaftaran__angkatan__program")
    search_fields = ("nomor", "pendaftaran__peserta__nama", "pendaftaran__peserta__nip")
    # A number, once issued, never changes; statuses move through the services.
    readonly_fields = [f.name for f in Sertifikat._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(PenomoranSertifikat)
class PenomoranSertifikatAdmin(admin.ModelAdmin):
    list_display = ("program", "tahun", "terakhir")
    readonly_fields = ("program", "tahun", "terakhir")

    def has_add_permission(self, request):
        return False
