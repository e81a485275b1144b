"""Writes of the participant's check of their printed data: confirming it, asking for a correction, and staff's
answer (applying the correction to the person's data, or rejecting it with a reason), each e-mailed to them.

Not to be confused with correcting a certificate already made (a re-issue, ``sertifikat``): this comes before
any certificate exists, and it closes once one does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from diklat.jejak import jejak_sebagai
from diklat.surel.services import surel_kirim, tautan_mutlak
from diklat.validators import validate_bukan_rumus
from peserta.akun.services import BAHASA_PESERTA
from peserta.data.cetak import blok_data_cetak, blok_nilai, blok_sidik
from peserta.data.services import peserta_nip_ubah, peserta_update
from peserta.models import (
    CATATAN_PERBAIKAN_MAKS,
    ISIAN_PERBAIKAN,
    KonfirmasiDataCetak,
    Pendaftaran,
    PermintaanPerbaikanData,
    Peserta,
)
from peserta.perbaikan.selectors import STATUS_PERIKSA, pendaftaran_bersertifikat_ids

StatusPermintaan = PermintaanPerbaikanData.Status

# What staff may change of a person when applying a request: the printed fields the correction page has.
# The NIP has its own guarded change (and the birth date follows it).
DATA_DITERAPKAN = ("gelar_depan", "nama", "gelar_belakang", "tempat_lahir", "pangkat", "jabatan", "instansi")
IZIN_UBAH_NIP = "peserta.ubah_nip_peserta"
# Who sees the requests (the tab and its pages), and who answers them: applying one changes the
# person's data, as the correction page does.
IZIN_LIHAT = ("peserta.view_peserta", "peserta.view_permintaanperbaikandata")
IZIN_PUTUS = (*IZIN_LIHAT, "peserta.change_peserta")
# The angkatan page's tab of the requests.
TAB = "perbaikan-data"


def _pendaftaran_terkunci(pendaftaran: Pendaftaran) -> Pendaftaran:
    """Lock the enrolment's row, so that two clicks of the same participant write one after the other."""
    return (
        Pendaftaran.objects.select_for_update(of=("self",)).select_related("peserta__pangkat").get(pk=pendaftaran.pk)
    )


def pastikan_data_dapat_diperiksa(pendaftaran: Pendaftaran) -> None:
    """Refuse a confirmation or a request once the enrolment's certificate exists, or while it is not taken part in."""
    if pendaftaran_bersertifikat_ids([pendaftaran.pk]):
        raise ValidationError(
            _(
                "Sertifikat pelatihan ini sudah dibuat, sehingga datanya tidak dapat diperiksa lagi di sini. "
                "Bila ada yang salah, hubungi penyelenggara pelatihan."
            ),
            code="sudah_bersertifikat",
        )
    if pendaftaran.status not in STATUS_PERIKSA:
        raise ValidationError(
            _("Data cetak dapat diperiksa setelah pendaftaran Anda diverifikasi, sampai sertifikat dibuat."),
            code="status_tidak_diperiksa",
        )


def _pastikan_tanpa_permintaan_terbuka(pendaftaran: Pendaftaran) -> None:
    if PermintaanPerbaikanData.objects.filter(pendaftaran=pendaftaran, status=StatusPermintaan.TERBUKA).exists():
        raise ValidationError(
            _(
                "Permintaan perbaikan data Anda sebelumnya masih menunggu tindak lanjut penyelenggara; "
                "tunggu jawabannya (dikirim lewat e-mail dan tampil di halaman ini)."
            ),
            code="permintaan_masih_terbuka",
        )


@transaction.atomic
def data_cetak_konfirmasi(*, pendaftaran: Pendaftaran, sidik: str) -> KonfirmasiDataCetak:
    """Record that the participant finds their printed data right, as it was shown to them (``sidik``).

    Refused when the data changed between showing and confirming (they are shown the new data), while a
    request of theirs is open, and once the certificate exists. Confirming again replaces the earlier one.
    """
    pendaftaran = _pendaftaran_terkunci(pendaftaran)
    pastikan_data_dapat_diperiksa(pendaftaran)
    _pastikan_tanpa_permintaan_terbuka(pendaftaran)
    blok = blok_data_cetak(pendaftaran.peserta)
    if sidik != blok_sidik(blok):
        raise ValidationError(
            _("Data Anda baru saja diubah penyelenggara. Periksa lagi data di bawah ini, lalu konfirmasi."),
            code="data_berubah",
        )
    konfirmasi, _created = KonfirmasiDataCetak.objects.update_or_create(
        pendaftaran=pendaftaran, defaults={"blok": blok_nilai(blok), "dikonfirmasi_pada": timezone.now()}
    )
    return konfirmasi


@transaction.atomic
def permintaan_perbaikan_create(
    *, pendaftaran: Pendaftaran, isian: Mapping[str, Any], catatan: str = "", user=None
) -> PermintaanPerbaikanData:
    """Ask staff to correct the printed data: free text per field (``ISIAN_PERBAIKAN``), at least one, and a note.

    An earlier confirmation no longer stands: the participant has said something is wrong.
    """
    asing = set(isian) - set(ISIAN_PERBAIKAN)
    if asing:
        raise TypeError(f"Unknown fields of a correction: {sorted(asing)}")
    pendaftaran = _pendaftaran_terkunci(pendaftaran)
    pastikan_data_dapat_diperiksa(pendaftaran)
    _pastikan_tanpa_permintaan_terbuka(pendaftaran)
    permintaan = PermintaanPerbaikanData(
        pendaftaran=pendaftaran,
        isian={kunci: str(nilai).strip() for kunci, nilai in isian.items() if nilai and str(nilai).strip()},
        catatan=(catatan or "").strip(),
    )
    permintaan.full_clean()
    with jejak_sebagai(user):
        permintaan.save()
    KonfirmasiDataCetak.objects.filter(pendaftaran=pendaftaran).delete()
    return permintaan


def _permintaan_terkunci(permintaan: PermintaanPerbaikanData) -> PermintaanPerbaikanData:
    permintaan = (
        PermintaanPerbaikanData.objects.select_for_update(of=("self",))
        .select_related("pendaftaran__peserta__user", "pendaftaran__angkatan__program")
        .get(pk=permintaan.pk)
    )
    if not permintaan.terbuka:
        raise ValidationError(
            _("Permintaan ini sudah ditindaklanjuti (%(status)s); muat ulang halaman."),
            code="sudah_diputus",
            params={"status": permintaan.get_status_display().lower()},
        )
    return permintaan


def _putus(permintaan: PermintaanPerbaikanData, *, status: str, user, alasan: str = "") -> None:
    permintaan.status = status
    permintaan.alasan_tolak = alasan
    permintaan.diputus_oleh = user if getattr(user, "is_authenticated", False) else None
    permintaan.diputus_pada = timezone.now()
    permintaan.full_clean()
    with jejak_sebagai(user):
        permintaan.save(update_fields=["status", "alasan_tolak", "diputus_oleh", "diputus_pada", "updated_at"])


@transaction.atomic
def permintaan_perbaikan_terapkan(
    *,
    permintaan: PermintaanPerbaikanData,
    data: Mapping[str, Any],
    user,
    nip_baru: str | None = None,
    tanggal_lahir_ikut: bool = False,
    versi=None,
) -> list[str]:
    """Apply a request: change the person's data as staff typed it, mark the request applied, e-mail the person.

    ``data`` holds fields of ``DATA_DITERAPKAN``, saved through ``peserta_update`` (audited; ``versi`` refuses
    a save over a change made since the form was drawn). A new NIP goes through ``peserta_nip_ubah`` (audited,
    with the request as its reason), which needs the permission to change NIPs; the birth date follows the
    NIP when ``tanggal_lahir_ikut``. Return the labels of what changed (none: the data was right already,
    or corrected by other means). Everything or nothing is stored; the e-mail leaves after the commit.
    """
    asing = set(data) - set(DATA_DITERAPKAN)
    if asing:
        raise TypeError(f"Fields not applied here: {sorted(asing)}")
    permintaan = _permintaan_terkunci(permintaan)
    peserta = permintaan.pendaftaran.peserta
    _peserta, berubah = peserta_update(peserta=peserta, data=data, user=user, versi=versi)
    if nip_baru and nip_baru != peserta.nip:
        if not user.has_perm(IZIN_UBAH_NIP):
            raise ValidationError(
                {"nip_baru": _("NIP hanya dapat diubah oleh admin; minta admin menerapkan permintaan ini.")},
                code="nip_bukan_wewenang",
            )
        try:
            peserta_nip_ubah(
                peserta=peserta,
                nip_baru=nip_baru,
                alasan=_("Permintaan perbaikan data dari peserta (nomor %(nomor)s).") % {"nomor": permintaan.pk},
                user=user,
                tanggal_lahir_ikut=tanggal_lahir_ikut,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                raise
            # The NIP change's refusals speak of the NIP: put them by its field.
            raise ValidationError({"nip_baru": error.error_list}) from None
        berubah.append(str(Peserta._meta.get_field("nip").verbose_name))
    _putus(permintaan, status=StatusPermintaan.DITERAPKAN, user=user)
    peserta.refresh_from_db()
    _surel_jawaban(permintaan, peserta=peserta, template="peserta/perbaikan/surel/diterapkan", user=user)
    return berubah


@transaction.atomic
def permintaan_perbaikan_tolak(*, permintaan: PermintaanPerbaikanData, alasan: str, user) -> PermintaanPerbaikanData:
    """Reject a request with a reason, which the participant reads on their page and in the e-mail sent them."""
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError(
            {"alasan_tolak": _("Alasan penolakan wajib diisi: peserta membacanya.")}, code="alasan_wajib"
        )
    if len(alasan) > CATATAN_PERBAIKAN_MAKS:
        raise ValidationError(
            {
                "alasan_tolak": _("Alasan penolakan paling banyak %(maks)s karakter.")
                % {"maks": CATATAN_PERBAIKAN_MAKS}
            },
            code="alasan_terlalu_panjang",
        )
    try:
        validate_bukan_rumus(alasan)
    except ValidationError as error:
        raise ValidationError({"alasan_tolak": error}) from None
    permintaan = _permintaan_terkunci(permintaan)
    _putus(permintaan, status=StatusPermintaan.DITOLAK, user=user, alasan=alasan)
    _surel_jawaban(
        permintaan, peserta=permintaan.pendaftaran.peserta, template="peserta/perbaikan/surel/ditolak", user=user
    )
    return permintaan


def url_periksa_data(pendaftaran: Pendaftaran) -> str:
    """Return the absolute address of the participant's page to check their data (for an e-mail)."""
    return tautan_mutlak(reverse("peserta:portal-data", args=[pendaftaran.pk]))


def _surel_jawaban(permintaan: PermintaanPerbaikanData, *, peserta: Peserta, template: str, user) -> None:
    """E-mail the participant staff's answer (in Indonesian), when they have an address."""
    if not peserta.email:
        return
    pendaftaran = permintaan.pendaftaran
    angkatan = pendaftaran.angkatan
    diterapkan = permintaan.status == StatusPermintaan.DITERAPKAN
    with translation.override(BAHASA_PESERTA):
        subjek = (
            _("Perbaikan data Anda untuk sertifikat telah diterapkan")
            if diterapkan
            else _("Permintaan perbaikan data Anda untuk sertifikat ditolak")
        )
    surel_kirim(
        kepada=peserta.email,
        jenis="perbaikan_data",
        subjek=subjek,
        template=template,
        konteks={
            "nama": peserta.nama_lengkap,
            "pelatihan": angkatan.program.nama,
            "angkatan": angkatan.nomor_romawi,
            "tahun": angkatan.tahun,
            "permintaan": permintaan,
            "blok": blok_data_cetak(peserta),
            "tautan": url_periksa_data(pendaftaran),
        },
        user=peserta.user,
        # Written for the participant, whatever language the staff member works in.
        bahasa=BAHASA_PESERTA,
    )
