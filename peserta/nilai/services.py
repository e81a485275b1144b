"""Writes of scores and graduation: saving the grid, finalising results, and unlocking them.

- ``nilai_grid_save`` stores the scores typed into the grid, refused once results are final;
- ``hasil_finalisasi`` finalises in three steps: ``pastikan_hasil_siap_difinalisasi`` refuses while
  anything is missing, ``aturan.hasil_putuskan`` decides *lulus* / *tidak lulus* without the database,
  and the decisions are written, audited and the scores locked;
- ``hasil_buka_kunci`` lets an admin reopen them, with a reason kept in the audit log.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from angkatan.kunci import angkatan_terkunci, pastikan_hasil_belum_final
from angkatan.models import Angkatan, HariPelatihan
from diklat.jejak import Aksi, entri_jejak, jejak_simpan
from diklat.models import KomponenNilai, Predikat, Program
from diklat.signals import periksa_buka_kunci_nilai
from peserta.models import Nilai, Pendaftaran, Presensi
from peserta.nilai.aturan import Keputusan, hasil_putuskan, nilai_parse
from peserta.pendaftaran.services import pendaftaran_transition

Status = Pendaftaran.Status

# Who appears in the score grid: those attending, and after finalisation their result.
STATUS_DINILAI = [Status.MENGIKUTI, Status.LULUS, Status.TIDAK_LULUS]
STATUS_HASIL = [Status.LULUS, Status.TIDAK_LULUS]

# Marks what a log entry on an angkatan records, so the score page can list them.
PERISTIWA_FINALISASI = "nilai_finalisasi"
PERISTIWA_BUKA_KUNCI = "nilai_buka_kunci"

# Checked above against this angkatan in one query each; full_clean() would ask again for every cell.
_SUDAH_DIPERIKSA = ["pendaftaran", "komponen"]


# Writing scores --------------------------------------------------------------------------------------------------


def _pastikan_dengan_evaluasi(program: Program) -> None:
    if not program.dengan_evaluasi:
        raise ValidationError(
            _("Program “%(program)s” tanpa evaluasi: pesertanya tidak diberi nilai."),
            code="program_tanpa_evaluasi",
            params={"program": program.nama},
        )


@dataclass
class HasilSimpan:
    """What one save of the grid did."""

    disimpan: int = 0
    dihapus: int = 0
    tidak_berubah: int = 0
    kosong: bool = False


class IsianNilaiSalah(ValidationError):
    """Some cells of a save could not be read; ``per_isian`` maps (pendaftaran id, komponen id) to messages."""

    def __init__(self, per_isian: dict[tuple[int, int], list[str]]):
        self.per_isian = per_isian
        super().__init__(
            _("Tidak ada nilai yang disimpan: %(jumlah)s isian salah.") % {"jumlah": len(per_isian)},
            code="isian_nilai_salah",
        )


@transaction.atomic
def nilai_grid_save(*, angkatan: Angkatan, isian: Mapping[tuple[int, int], str], user) -> HasilSimpan:
    """Store the scores typed into the grid, all or nothing.

    ``isian`` maps (pendaftaran id, komponen id) to the text typed; pass only
    the cells that were changed, so that two people entering different
    components at once do not overwrite each other. An id that does not
    belong to this angkatan, its program, or an attending participant refuses
    the whole save; a cell that cannot be read raises ``IsianNilaiSalah``
    naming each cell, and nothing is stored.
    """
    angkatan = angkatan_terkunci(angkatan)
    _pastikan_dengan_evaluasi(angkatan.program)
    pastikan_hasil_belum_final(angkatan)
    if not isian:
        return HasilSimpan()

    pendaftaran_ids = {pid for pid, _kid in isian}
    komponen_ids = {kid for _pid, kid in isian}
    pendaftaran = {
        p.pk: p
        for p in Pendaftaran.objects.filter(angkatan=angkatan, pk__in=pendaftaran_ids).select_related("peserta")
    }
    komponen = {k.pk: k for k in KomponenNilai.objects.filter(program=angkatan.program, pk__in=komponen_ids)}
    if set(pendaftaran) != pendaftaran_ids or set(komponen) != komponen_ids:
        raise ValidationError(
            _(
                "Isian nilai tidak dikenal: peserta atau komponen itu bukan bagian dari angkatan ini. Muat ulang halaman."
            ),
            code="isian_tidak_dikenal",
        )
    bukan_peserta_aktif = sorted(p.peserta.nama_lengkap for p in pendaftaran.values() if p.status != Status.MENGIKUTI)
    if bukan_peserta_aktif:
        raise ValidationError(
            _("Nilai hanya untuk peserta berstatus Mengikuti; tidak untuk: %(nama)s"),
            code="bukan_peserta_mengikuti",
            params={"nama": ", ".join(bukan_peserta_aktif)},
        )

    baru: dict[tuple[int, int], Decimal | None] = {}
    salah: dict[tuple[int, int], list[str]] = {}
    for kunci, teks in isian.items():
        try:
            baru[kunci] = nilai_parse(teks)
        except ValidationError as error:
            salah[kunci] = error.messages
    if salah:
        raise IsianNilaiSalah(salah)

    tersimpan = {
        (n.pendaftaran_id, n.komponen_id): n
        for n in Nilai.objects.filter(pendaftaran_id__in=pendaftaran_ids, komponen_id__in=komponen_ids)
    }
    hasil = HasilSimpan()
    dibuat, diubah, dihapus = [], [], []
    jejak = []  # (action, Nilai, old, new) for the audit log
    for (pid, kid), nilai in baru.items():
        lama = tersimpan.get((pid, kid))
        if lama is not None:
            # The rows are known already; spare the audit log a query per row.
            lama.pendaftaran, lama.komponen = pendaftaran[pid], komponen[kid]
        if nilai is None:
            if lama is None:
                hasil.tidak_berubah += 1
            else:
                dihapus.append(lama)
                jejak.append((Aksi.DELETE, lama, lama.nilai, None))
            continue
        if lama is None:
            objek = Nilai(pendaftaran=pendaftaran[pid], komponen=komponen[kid], nilai=nilai)
            objek.full_clean(exclude=_SUDAH_DIPERIKSA, validate_unique=False, validate_constraints=False)
            dibuat.append(objek)
            jejak.append((Aksi.CREATE, objek, None, nilai))
        elif lama.nilai != nilai:
            jejak.append((Aksi.UPDATE, lama, lama.nilai, nilai))
            lama.nilai = nilai
            lama.full_clean(exclude=_SUDAH_DIPERIKSA, validate_unique=False, validate_constraints=False)
            diubah.append(lama)
        else:
            hasil.tidak_berubah += 1
    # Bulk writes: a save costs the same few queries for 3 cells or 300.
    now = timezone.now()
    for objek in dibuat + diubah:
        objek.updated_at = now
    Nilai.objects.bulk_create(dibuat)
    Nilai.objects.bulk_update(diubah, ["nilai", "updated_at"])
    if dihapus:
        Nilai.objects.filter(pk__in=[n.pk for n in dihapus]).delete()
    _catat_nilai_di_log(jejak, angkatan=angkatan, user=user)
    hasil.disimpan = len(dibuat) + len(diubah)
    hasil.dihapus = len(dihapus)
    hasil.kosong = all(nilai is None for nilai in baru.values())
    return hasil


def _catat_nilai_di_log(jejak, *, angkatan: Angkatan, user) -> None:
    """Keep every score change in the audit log: who changed which score, from what to what."""

    def teks(nilai: Decimal | None) -> str:
        return str(nilai) if nilai is not None else "None"

    jejak_simpan(
        entri_jejak(
            nilai,
            aksi=aksi,
            perubahan={"nilai": [teks(lama), teks(baru)]},
            user=user,
            nama=f"{nilai.pendaftaran.peserta} {nilai.komponen.nama}",
            tambahan={"angkatan": angkatan.pk, "pendaftaran": nilai.pendaftaran_id},
        )
        for aksi, nilai, lama, baru in jejak
    )


# Finalising and unlocking ----------------------------------------------------------------------------------------


@dataclass
class RingkasanHasil:
    lulus: int = 0
    tidak_lulus: int = 0


@dataclass
class BahanFinalisasi:
    """What finalising reads: the attending enrolments (by name), their scores, and the program's rules."""

    program: Program
    peserta: list[Pendaftaran]
    nilai: dict[int, dict[int, Decimal]]
    komponen: list[KomponenNilai]
    bands: list[Predikat]


def bahan_finalisasi(angkatan: Angkatan) -> BahanFinalisasi:
    """Load the enrolments with status *mengikuti*, their scores and, with an evaluation, the components and bands."""
    program = angkatan.program
    peserta = list(
        Pendaftaran.objects.filter(angkatan=angkatan, status=Status.MENGIKUTI)
        .select_related("peserta")
        .prefetch_related("nilai")
        .order_by("peserta__nama", "peserta__nip")
    )
    nilai = {p.pk: {n.komponen_id: n.nilai for n in p.nilai.all()} for p in peserta}
    komponen: list[KomponenNilai] = []
    bands: list[Predikat] = []
    if program.dengan_evaluasi and peserta:
        komponen = list(program.komponen_nilai.all())
        bands = list(program.predikat.all())
    return BahanFinalisasi(program=program, peserta=peserta, nilai=nilai, komponen=komponen, bands=bands)


def pastikan_hasil_siap_difinalisasi(angkatan: Angkatan, bahan: BahanFinalisasi) -> None:
    """Refuse, with every name and what is missing, unless the results can be decided.

    Each participant with status *mengikuti* needs a score for each component and a recorded
    attendance on each training day: a result decided on missing data would be wrong and hard to
    take back. The program needs its components (weighing 100 in all) and its predikat bands.
    """
    program, peserta, komponen, bands = bahan.program, bahan.peserta, bahan.komponen, bahan.bands
    if not peserta:
        raise ValidationError(
            _("Belum ada peserta berstatus Mengikuti di angkatan ini; tidak ada hasil yang dapat difinalisasi."),
            code="tanpa_peserta",
        )
    masalah: list[str] = []
    if program.dengan_evaluasi:
        if not komponen:
            raise ValidationError(
                _("Program ini belum memiliki komponen nilai. Lengkapi di halaman program."), code="tanpa_komponen"
            )
        jumlah_bobot = sum(k.bobot for k in komponen)
        if jumlah_bobot != 100:
            raise ValidationError(
                _("Bobot komponen nilai program ini berjumlah %(jumlah)s, bukan 100. Perbaiki di halaman program."),
                code="bobot_bukan_100",
                params={"jumlah": jumlah_bobot},
            )
        if not bands:
            raise ValidationError(
                _("Program ini belum memiliki predikat kelulusan. Lengkapi di halaman program."), code="tanpa_predikat"
            )
        for p in peserta:
            ada = bahan.nilai.get(p.pk, {})
            kurang = [k.nama for k in komponen if k.pk not in ada]
            if kurang:
                masalah.append(
                    _("%(nama)s: nilai %(komponen)s belum diisi")
                    % {"nama": p.peserta.nama_lengkap, "komponen": ", ".join(kurang)}
                )

    tanpa_presensi = [p for p in peserta if p.persen_kehadiran is None]
    if len(tanpa_presensi) == len(peserta):
        masalah.insert(0, _("Presensi angkatan ini belum dicatat sama sekali."))
    else:
        masalah.extend(
            _("%(nama)s: kehadiran belum tercatat") % {"nama": p.peserta.nama_lengkap} for p in tanpa_presensi
        )
        masalah.extend(_presensi_kosong(angkatan, peserta))
    if masalah:
        raise ValidationError(
            [_("Hasil belum dapat difinalisasi; lengkapi dulu:")] + masalah, code="hasil_belum_lengkap"
        )


def _presensi_kosong(angkatan: Angkatan, peserta: Sequence[Pendaftaran]) -> list[str]:
    """Name each participant and training day without a recorded attendance.

    An empty cell would otherwise count as absent, and an angkatan whose
    attendance was only half entered would fail most of its participants.
    """
    hari = list(HariPelatihan.objects.filter(angkatan=angkatan).order_by("tanggal"))
    tercatat = set(
        Presensi.objects.filter(pendaftaran__in=peserta, hari__in=hari).values_list("pendaftaran_id", "hari_id")
    )
    masalah = []
    for p in peserta:
        kosong = [h for h in hari if (p.pk, h.pk) not in tercatat]
        if kosong:
            masalah.append(
                _("%(nama)s: presensi %(tanggal)s belum diisi")
                % {
                    "nama": p.peserta.nama_lengkap,
                    "tanggal": ", ".join(formats.date_format(h.tanggal, "j M") for h in kosong),
                }
            )
    return masalah


@transaction.atomic
def hasil_finalisasi(*, angkatan: Angkatan, user) -> RingkasanHasil:
    """Decide every attending participant's result and lock the scores: check ready, decide, write.

    Refused, with every name and what is missing, while a score or an attendance is missing (see
    ``pastikan_hasil_siap_difinalisasi``); the rules of passing are ``aturan.hasil_putuskan``'s. Without
    an evaluation, attendance alone decides (the certificate prints TELAH MENGIKUTI).
    """
    angkatan = angkatan_terkunci(angkatan)
    pastikan_hasil_belum_final(angkatan)
    bahan = bahan_finalisasi(angkatan)
    pastikan_hasil_siap_difinalisasi(angkatan, bahan)
    keputusan = hasil_putuskan(
        program=bahan.program, peserta=bahan.peserta, nilai=bahan.nilai, komponen=bahan.komponen, bands=bahan.bands
    )
    return _keputusan_tulis(angkatan=angkatan, keputusan=keputusan, user=user)


def _keputusan_tulis(*, angkatan: Angkatan, keputusan: Sequence[Keputusan], user) -> RingkasanHasil:
    """Move each enrolment to its result with its final score and predikat, lock the scores, and audit it."""
    ringkasan = RingkasanHasil()
    for k in keputusan:
        alasan = "; ".join(k.alasan)
        p = pendaftaran_transition(
            pendaftaran=k.pendaftaran, ke=Status.LULUS if k.lulus else Status.TIDAK_LULUS, user=user, alasan=alasan
        )
        p.nilai_akhir = k.nilai_akhir
        p.predikat = k.predikat
        p.alasan = alasan
        p.save(update_fields=["nilai_akhir", "predikat", "alasan", "updated_at"])
        if k.lulus:
            ringkasan.lulus += 1
        else:
            ringkasan.tidak_lulus += 1

    angkatan.nilai_dikunci_pada = timezone.now()
    angkatan.save(update_fields=["nilai_dikunci_pada", "updated_at"])
    _catat_di_log(
        angkatan,
        user=user,
        peristiwa=PERISTIWA_FINALISASI,
        changes={"nilai_dikunci_pada": ["None", str(angkatan.nilai_dikunci_pada)]},
        lulus=ringkasan.lulus,
        tidak_lulus=ringkasan.tidak_lulus,
    )
    return ringkasan


def _catat_di_log(angkatan: Angkatan, *, user, peristiwa: str, changes: dict, **data) -> None:
    # Angkatan is not registered with auditlog (the angkatan app owns it); the
    # entry is written here, so the admin's audit trail shows it beside the
    # enrolments' own entries.
    jejak_simpan(
        [
            entri_jejak(
                angkatan, aksi=Aksi.UPDATE, perubahan=changes, user=user, tambahan={"peristiwa": peristiwa, **data}
            )
        ]
    )


@transaction.atomic
def hasil_buka_kunci(*, angkatan: Angkatan, user, alasan: str) -> int:
    """Unlock finalised results (admins only), with a reason kept in the audit log.

    Every *lulus* / *tidak lulus* enrolment goes back to *mengikuti* and loses
    its stored final score and predikat, so the result is decided again by
    the next finalisation rather than left standing beside changed scores.
    Returns how many results were reopened.
    """
    if not user.has_perm("angkatan.unlock_nilai_angkatan"):
        raise PermissionDenied(_("Hanya admin yang dapat membuka kunci nilai."))
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError(_("Alasan membuka kunci wajib diisi."), code="alasan_wajib")
    angkatan = angkatan_terkunci(angkatan)
    if not angkatan.hasil_final:
        raise ValidationError(_("Nilai angkatan ini tidak sedang terkunci."), code="tidak_terkunci")
    # What the floors above refuse (sertifikat: certificates being printed right now).
    periksa_buka_kunci_nilai.send(sender=Angkatan, angkatan=angkatan)

    # Unlock first: results may leave lulus / tidak lulus only while the angkatan is unlocked.
    dikunci_pada = angkatan.nilai_dikunci_pada
    angkatan.nilai_dikunci_pada = None
    angkatan.save(update_fields=["nilai_dikunci_pada", "updated_at"])

    dibuka = []
    hasil = Pendaftaran.objects.filter(angkatan=angkatan, status__in=STATUS_HASIL).order_by("pk")
    for p in hasil:
        dibuka.append(
            {"pendaftaran": p.pk, "status": p.status, "nilai_akhir": str(p.nilai_akhir or ""), "predikat": p.predikat}
        )
        p = pendaftaran_transition(
            pendaftaran=p,
            ke=Status.MENGIKUTI,
            user=user,
            alasan=_("Kunci nilai dibuka: %(alasan)s") % {"alasan": alasan},
        )
        p.nilai_akhir = None
        p.predikat = ""
        p.alasan = ""
        p.save(update_fields=["nilai_akhir", "predikat", "alasan", "updated_at"])

    _catat_di_log(
        angkatan,
        user=user,
        peristiwa=PERISTIWA_BUKA_KUNCI,
        changes={"nilai_dikunci_pada": [str(dikunci_pada), "None"]},
        alasan=alasan,
        hasil_dibuka=dibuka,
    )
    return len(dibuka)
