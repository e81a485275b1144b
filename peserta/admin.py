from django import forms
from django.contrib import admin

from diklat.fields import NipField, TeleponField
from peserta.models import Pendaftaran, Peserta


class PesertaAdminForm(forms.ModelForm):
    nip = NipField(label="NIP")
    telepon = TeleponField(required=False)

    class Meta:
        model = Peserta
        fields = [
            "nip",
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
            "user",
        ]


class PendaftaranInline(admin.TabularInline):
    model = Pendaftaran
    extra = 0
    autocomplete_fields = ["angkatan"]


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


@admin.register(Pendaftaran)
class PendaftaranAdmin(admin.ModelAdmin):
    list_display = ("peserta", "angkatan", "status", "updated_at")
    list_filter = ("status", "angkatan__program", "angkatan__tahun")
    list_select_related = ("peserta", "angkatan", "angkatan__program")
    search_fields = ("peserta__nama", "peserta__nip")
    autocomplete_fields = ["peserta", "angkatan"]
