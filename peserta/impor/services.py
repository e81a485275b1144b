"""Writes of an import: keep an uploaded file's rows for the preview, apply them on confirmation, or cancel.

The confirmation is one transaction that first locks the angkatan
(``angkatan.kunci.angkatan_terkunci``), plans the import again against the database of that
moment, and writes only if the plan is the one the preview showed. People and
enrolments are written in bulk, so the number of queries does not grow with
the number of rows; ``bulk_create``/``bulk_update`` send no signals, so the
audit-log entries that django-auditlog would have made are made here, in bulk,
with the library's own diff.
"""

from __future__ import annotations

import copy
import hashlib
from datetime import timedelta

from auditlog.diff import model_instance_diff
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from angkatan.kunci import angkatan_terkunci
from angkatan.models import Angkatan
from diklat.jejak import Aksi, entri_jejak, jejak_simpan
from peserta.impor.plan import BARU, LAMA, TERDAFTAR, Rencana, rencanakan
from peserta.impor.reading import baca_berkas
from peserta.impor.rows import pesan, urai_tabel
from peserta.impor.values import Referensi
from peserta.models import Pendaftaran, Peserta, RiwayatStatus, SesiImpor
from peserta.pendaftaran.services import kuota_sisa, pastikan_angkatan_terima_peserta

# Foreign keys point at rows loaded or locked by the import; checking each one would cost a query per row.
_TANPA_PERIKSA_FK = {
    Peserta: ["pangkat", "provinsi", "kabupaten_kota", "user"],
    Pendaftaran: ["peserta", "angkatan"],
}


def sesi_impor_create(*, angkatan: Angkatan, user, nama_berkas: str, isi: bytes) -> SesiImpor:
    """Read an uploaded file and keep its rows for the preview; nothing about people is written yet."""
    # The import follows the same rule as enrolling one by one.
    pastikan_angkatan_terima_peserta(angkatan)
    tabel = baca_berkas(nama_berkas, isi)
    ref = Referensi.muat()
    rekaman, catatan = urai_tabel(tabel, ref)
    if not rekaman:
        raise ValidationError(
            _("Tidak ada baris data di bawah baris judul (baris %(baris)s)."),
            code="tanpa_data",
            params={"baris": tabel.baris_judul},
        )
    kolom = {}
    for k in tabel.kolom:
        kolom.setdefault(k.kunci, {"judul": k.judul, "huruf": k.huruf})
    sesi = SesiImpor(
        angkatan=angkatan,
        dibuat_oleh=user,
        nama_berkas=nama_berkas[:255],
        sha256=hashlib.sha256(isi).hexdigest(),
        baris=rekaman,
        ringkasan={
            "jenis": tabel.jenis,
            "lembar": tabel.lembar,
            "baris_judul": tabel.baris_judul,
            "kolom": kolom,
            "kolom_diabaikan": tabel.diabaikan,
            "catatan": catatan,
        },
    )
    sesi.full_clean()
    sesi.save()
    return sesi


def sesi_impor_plan(sesi: SesiImpor, *, sisa: int | None = None, ref: Referensi | None = None) -> Rencana:
    """Plan the session's rows against the database as it is now (the preview)."""
    return rencanakan(
        angkatan=sesi.angkatan,
        rekaman=sesi.baris,
        kolom_berkas=sesi.ringkasan.get("kolom", {}),
        ref=ref or Referensi.muat(),
        sisa=sisa,
    )


def _sesi_terkunci(sesi: SesiImpor) -> SesiImpor:
    sesi = SesiImpor.objects.select_for_update().get(pk=sesi.pk)
    if sesi.status == SesiImpor.Status.DIIMPOR:
        raise ValidationError(_("Berkas ini sudah diimpor; tidak ada yang diubah lagi."), code="sudah_diimpor")
    if sesi.status == SesiImpor.Status.DIBATALKAN:
        raise ValidationError(_("Impor ini sudah dibatalkan."), code="sudah_dibatalkan")
    return sesi


@transaction.atomic
def sesi_impor_confirm(*, sesi: SesiImpor, user, sidik: str) -> Rencana:
    """Apply the rows without errors, if the import still does what the preview (``sidik``) showed.

    Rows with errors are left out; a changed database since the preview (someone enrolled, kuota filled,
    a person edited) refuses the whole confirmation so that staff look at the new preview first.
    """
    sesi = _sesi_terkunci(sesi)
    # Locked before anything is checked, as when enrolling one by one: a second confirmation, or an
    # enrolment, into the same angkatan waits here until this one has committed.
    angkatan = angkatan_terkunci(sesi.angkatan_id)
    # The import follows the same rule as enrolling one by one.
    pastikan_angkatan_terima_peserta(angkatan)
    sisa = kuota_sisa(angkatan)
    sesi.angkatan = angkatan
    ref = Referensi.muat()
    rencana = sesi_impor_plan(sesi, sisa=sisa, ref=ref)
    if rencana.sidik != sidik:
        raise ValidationError(
            _(
                "Data berubah sejak pratinjau dibuat (misalnya peserta lain sudah didaftarkan atau datanya diubah). "
                "Periksa pratinjau yang baru, lalu konfirmasi lagi."
            ),
            code="pratinjau_berubah",
        )
    if not rencana.jumlah_benar:
        raise ValidationError(_("Tidak ada baris yang benar untuk diimpor."), code="tanpa_baris_benar")
    try:
        with transaction.atomic():
            _tulis(rencana=rencana, angkatan=angkatan, user=user, ref=ref, nama_berkas=sesi.nama_berkas)
    except IntegrityError:
        # Someone stored the same NIP between our read and our write: nothing of ours is kept.
        raise ValidationError(
            _("Data berubah saat impor berjalan (NIP yang sama baru saja disimpan orang lain). Coba lagi."),
            code="bentrok",
        ) from None
    sesi.status = SesiImpor.Status.DIIMPOR
    # The people are stored now; the file's copy of their personal data is not kept.
    sesi.baris = []
    sesi.ringkasan = {**sesi.ringkasan, "hasil": rencana.ringkasan(), "diimpor_pada": timezone.now().isoformat()}
    sesi.save(update_fields=["status", "baris", "ringkasan", "updated_at"])
    return rencana


def sesi_impor_purge(*, lebih_dari: timedelta) -> int:
    """Cancel previews left unconfirmed for longer than ``lebih_dari``; return how many.

    A preview holds the uploaded rows (NIP, birth date, phone): they are not
    kept beyond the time someone could still mean to confirm them.
    """
    batas = timezone.now() - lebih_dari
    return SesiImpor.objects.filter(status=SesiImpor.Status.PRATINJAU, updated_at__lt=batas).update(
        status=SesiImpor.Status.DIBATALKAN, baris=[]
    )


@transaction.atomic
def sesi_impor_cancel(*, sesi: SesiImpor, user) -> SesiImpor:
    """Cancel an import before its confirmation; its rows (personal data) are not kept."""
    sesi = _sesi_terkunci(sesi)
    sesi.status = SesiImpor.Status.DIBATALKAN
    sesi.baris = []
    sesi.ringkasan = {**sesi.ringkasan, "dibatalkan_pada": timezone.now().isoformat()}
    sesi.save(update_fields=["status", "baris", "ringkasan", "updated_at"])
    return sesi


# Writing -----------------------------------------------------------------------------------------------------------


def _pastikan_baris_sah(objek, baris: int) -> None:
    """Run the model's own checks that need no query; name the row if one fails."""
    try:
        objek.full_clean(exclude=_TANPA_PERIKSA_FK[type(objek)], validate_unique=False, validate_constraints=False)
    except ValidationError as galat:
        raise ValidationError(
            _("Baris %(baris)s: %(pesan)s"), code="baris_tidak_sah", params={"baris": baris, "pesan": pesan(galat)}
        ) from None


def _tulis(*, rencana: Rencana, angkatan: Angkatan, user, ref: Referensi, nama_berkas: str) -> None:
    sekarang = timezone.now()
    baru = []
    for b in rencana.baris:
        if b.aksi != BARU:
            continue
        peserta = Peserta(nip=b.rekaman["nip"], **b.nilai)
        _pastikan_baris_sah(peserta, b.baris)
        baru.append(peserta)
        b.peserta = peserta
    Peserta.objects.bulk_create(baru)
    if any(p.pk is None for p in baru):
        # Backends that cannot return ids from a bulk insert.
        ids = Peserta.objects.in_bulk([p.nip for p in baru], field_name="nip")
        for p in baru:
            p.pk = ids[p.nip].pk

    diubah, kolom_diubah = [], set()
    for b in rencana.baris:
        if b.aksi not in (LAMA, TERDAFTAR) or not b.perubahan:
            continue
        peserta = b.peserta
        if peserta.kabupaten_kota_id:
            # clean() reads the kab/kota's province: give it the loaded object instead of a query.
            peserta.kabupaten_kota = ref.kabupaten_kota[peserta.kabupaten_kota_id]
        sebelum = copy.copy(peserta)
        kolom = [p.kolom for p in b.perubahan]
        for k in kolom:
            setattr(peserta, k, b.nilai[k])
        peserta.updated_at = sekarang
        _pastikan_baris_sah(peserta, b.baris)
        diubah.append((sebelum, peserta, kolom))
        kolom_diubah.update(kolom)
    if diubah:
        Peserta.objects.bulk_update([p for _, p, _ in diubah], fields=[*sorted(kolom_diubah), "updated_at"])

    pendaftaran = []
    for b in rencana.baris:
        if b.aksi not in (BARU, LAMA):
            continue
        daftar = Pendaftaran(peserta=b.peserta, angkatan=angkatan, status=Pendaftaran.Status.DIUSULKAN)
        _pastikan_baris_sah(daftar, b.baris)
        pendaftaran.append(daftar)
    Pendaftaran.objects.bulk_create(pendaftaran)
    if any(d.pk is None for d in pendaftaran):
        ids = {
            d.peserta_id: d.pk
            for d in Pendaftaran.objects.filter(angkatan=angkatan, peserta__in=[d.peserta for d in pendaftaran])
        }
        for d in pendaftaran:
            d.pk = ids[d.peserta_id]
    alasan = _("Diimpor dari berkas “%(nama)s”.") % {"nama": nama_berkas}
    RiwayatStatus.objects.bulk_create(
        [
            RiwayatStatus(pendaftaran=d, dari="", ke=Pendaftaran.Status.DIUSULKAN, alasan=alasan, oleh=user)
            for d in pendaftaran
        ]
    )

    entri = [entri_jejak(p, aksi=Aksi.CREATE, perubahan=model_instance_diff(None, p), user=user) for p in baru]
    entri += [
        entri_jejak(p, aksi=Aksi.UPDATE, perubahan=model_instance_diff(sebelum, p, fields_to_check=kolom), user=user)
        for sebelum, p, kolom in diubah
    ]
    entri += [entri_jejak(d, aksi=Aksi.CREATE, perubahan=model_instance_diff(None, d), user=user) for d in pendaftaran]
    jejak_simpan(entri)
