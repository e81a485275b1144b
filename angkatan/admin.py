from django.contrib import admin

from angkatan.forms import AngkatanForm, VenueForm
from angkatan.models import Angkatan, Venue


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    form = VenueForm
    list_display = ("nama", "kota", "provinsi", "kapasitas")
    list_filter = ("provinsi",)
    list_select_related = ("provinsi",)
    search_fields = ("nama", "kota", "alamat")


@admin.register(Angkatan)
class AngkatanAdmin(admin.ModelAdmin):
    form = AngkatanForm
    list_display = ("__str__", "tahun", "tanggal_mulai", "tanggal_selesai", "venue", "kuota", "status")
    list_filter = ("program", "tahun", "status")
    list_select_related = ("program", "venue")
    search_fields = ("program__nama", "program__kode", "venue__nama")
    date_hierarchy = "tanggal_mulai"
    ordering = ("-tahun", "program__nama", "-nomor")
    fields = AngkatanForm.Meta.fields + ["status"]
    # The status moves only through the service (one step at a time, under a row lock).
    readonly_fields = ["status"]
