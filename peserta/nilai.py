"""Scores and graduation: entering scores, the final score and predikat, finalising and unlocking results.

Services (writes) and selectors (reads) of one concern, in one module:

- ``nilai_parse`` reads a score as people type it (``85,5`` or ``85.5``);
- ``nilai_set`` / ``nilai_grid_save`` store scores, refused once results are final;
- ``nilai_akhir_hitung`` / ``predikat_untuk`` apply the program's rules;
- ``hasil_finalisasi`` decides *lulus* / *tidak lulus* and locks the scores;
- ``hasil_buka_kunci`` lets an admin reopen them, with a reason kept in the audit log;
- ``nilai_grid`` / ``riwayat_kunci`` give the score page everything it shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from angkatan.kunci import angkatan_terkunci, pastikan_hasil_belum_final
from angkatan.models import Angkatan, HariPelatihan
from diklat.angka import angka_tampil, desimal_tampil, persen_tampil
from diklat.jejak import Aksi, entri_jejak, jejak_simpan
from diklat.models import KomponenNilai, Predikat, Program
from diklat.signals import periksa_buka_kunci_nilai
from peserta.models import Nilai, Pendaftaran, Presensi
from peserta.services import pendaftaran_transition

Status = Pendaftaran.Status

NILAI_MIN = Decimal("0")
NILAI_MAX = Decimal("100")
SERATUS = Decimal("100")
DUA_DESIMAL = Decimal("0.01")

# Who appears in the score grid: those attending, and after finalisation their result.
STATUS_DINILAI = [Status.MENGIKUTI, Status.LULUS, Status.TIDAK_LULUS]
STATUS_HASIL = [Status.LULUS, Status.TIDAK_LULUS]

# Marks what a log entry on an angkatan records, so the score page can list them.
PERISTIWA_FINALISASI = "nilai_finalisasi"
PERISTIWA_BUKA_KUNCI = "nilai_buka_kunci"

_ANGKA = re.compile(r"[0-9]+(?:[.,][0-9]+)?")
_NEGATIF = re.compile(r"-\s*[0-9]+(?:[.,][0-9]+)?")
_TERLALU_PANJANG = 20
# Checked above against this angkatan in one query each; full_clean() would ask again for every cell.
_SUDAH_DIPERIKSA = ["pendaftaran", "komponen"]


# Reading and showing a score -------------------------------------------------------------------------------------


def nilai_parse(teks: str | None) -> Decimal | None:
    """Read a score as typed: ``85,5`` and ``85.5`` are both 85.5; empty means no score (``None``).

    A separator followed by exactly three digits (``1.000``, ``85,500``) is
    refused rather than guessed: in Indonesian writing it is a thousands
    separator, in English a decimal one, and a score must never be misread.
    """
    teks = (teks or "").strip()
    if not teks:
        return None
    if len(teks) > _TERLALU_PANJANG:
        raise ValidationError(
            _("Isian terlalu panjang untuk sebuah nilai. Tulis angka 0–100, mis. 85,5."), code="nilai_terlalu_panjang"
        )
    if _NEGATIF.fullmatch(teks):
        raise ValidationError(
            _("Nilai harus antara 0 dan 100; “%(teks)s” di bawah 0."),
            code="nilai_di_luar_rentang",
            params={"teks": teks},
        )
    pemisah = [c for c in teks if c in ".,"]
    if len(pemisah) > 1 and re.fullmatch(r"[0-9.,]+", teks):
        raise ValidationError(
            _("“%(teks)s” memuat lebih dari satu tanda pemisah. Tulis satu koma desimal saja, mis. 85,5."),
            code="nilai_pemisah_ganda",
            params={"teks": teks},
        )
    if not _ANGKA.fullmatch(teks):
        raise ValidationError(
            _("“%(teks)s” bukan angka. Tulis nilai 0–100, mis. 85,5."), code="nilai_bukan_angka", params={"teks": teks}
        )
    if pemisah:
        desimal = teks.split(pemisah[0])[1]
        if len(desimal) == 3:
            raise ValidationError(
                _(
                    "“%(teks)s” tampak memakai pemisah ribuan. Nilai berkisar 0–100 dengan paling banyak "
                    "dua angka di belakang koma, mis. 85,5."
                ),
                code="nilai_pemisah_ribuan",
                params={"teks": teks},
            )
        if len(desimal) > 3:
            raise ValidationError(
                _("“%(teks)s” memiliki lebih dari dua angka di belakang koma."),
                code="nilai_terlalu_banyak_desimal",
                params={"teks": teks},
            )
    nilai = Decimal(teks.replace(",", ".")).quantize(DUA_DESIMAL)
    if not NILAI_MIN <= nilai <= NILAI_MAX:
        raise ValidationError(
            _("Nilai harus antara 0 dan 100; “%(teks)s” di luar rentang itu."),
            code="nilai_di_luar_rentang",
            params={"teks": teks},
        )
    return nilai


def nilai_tampil(nilai: Decimal | None, *, desimal: int | None = None) -> str:
    """Write a score the way the reader's language writes it: ``85,5`` (or with fixed ``desimal`` places)."""
    if nilai is None:
        return ""
    return desimal_tampil(nilai) if desimal is None else angka_tampil(nilai, desimal)


# The program's rules ---------------------------------------------------------------------------------------------


def nilai_akhir_hitung(nilai_per_komponen: Mapping[int, Decimal], komponen: Sequence[KomponenNilai]) -> Decimal | None:
    """Return Σ nilai × bobot / 100 rounded half up to two decimals, or ``None`` while a score is missing."""
    if not komponen or any(k.pk not in nilai_per_komponen for k in komponen):
        return None
    total = sum((nilai_per_komponen[k.pk] * k.bobot for k in komponen), Decimal(0)) / SERATUS
    return total.quantize(DUA_DESIMAL, rounding=ROUND_HALF_UP)


def predikat_untuk(nilai_akhir: Decimal | None, bands: Iterable[Predikat]) -> Predikat | None:
    """Return the highest band whose ``nilai_minimal`` the final score reaches; ``None`` means not passed."""
    if nilai_akhir is None:
        return None
    tercapai = [band for band in bands if band.nilai_minimal <= nilai_akhir]
    return max(tercapai, key=lambda band: band.nilai_minimal, default=None)


def batas_lulus(bands: Iterable[Predikat]) -> Decimal | None:
    """Return the lowest band's minimum: the pass mark of the final score."""
    return min((band.nilai_minimal for band in bands), default=None)


# Writing scores --------------------------------------------------------------------------------------------------


def _pastikan_dengan_evaluasi(program: Program) -> None:
    if not program.dengan_evaluasi:
        raise ValidationError(
            _("Program “%(program)s” tanpa evaluasi: pesertanya tidak diberi nilai."),
            code="program_tanpa_evaluasi",
            params={"program": program.nama},
        )


@transaction.atomic
def nilai_set(*, pendaftaran: Pendaftaran, komponen: KomponenNilai, nilai_teks: str, user) -> Nilai | None:
    """Store one score as typed (``85,5``); an empty text removes the score. Returns the score, or ``None``."""
    try:
        saved = nilai_grid_save(
            angkatan=pendaftaran.angkatan, isian={(pendaftaran.pk, komponen.pk): nilai_teks}, user=user
        )
    except IsianNilaiSalah as error:
        # One cell: say what is wrong with it rather than count the wrong cells.
        raise ValidationError(next(iter(error.per_isian.values())), code="nilai_tidak_valid") from None
    if saved.kosong:
        return None
    return Nilai.objects.get(pendaftaran=pendaftaran, komponen=komponen)


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
class _Keputusan:
    pendaftaran: Pendaftaran
    lulus: bool
    nilai_akhir: Decimal | None = None
    predikat: str = ""
    alasan: list[str] = field(default_factory=list)


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
def hasil_finalisasi(*, angkatan: Angkatan, user) -> RingkasanHasil:
    """Decide every attending participant's result and lock the scores.

    Refused, with every name and what is missing, unless each participant
    with status *mengikuti* has a score for each component and a recorded
    attendance: a result decided on missing data would be wrong and hard to
    take back. Passing needs attendance ≥ the program's minimum and, with
    an evaluation, a final score reaching the lowest predikat band; without
    an evaluation, attendance alone (the certificate prints TELAH MENGIKUTI).
    """
    angkatan = angkatan_terkunci(angkatan)
    program = angkatan.program
    pastikan_hasil_belum_final(angkatan)
    peserta = list(
        Pendaftaran.objects.filter(angkatan=angkatan, status=Status.MENGIKUTI)
        .select_related("peserta")
        .prefetch_related("nilai")
        .order_by("peserta__nama", "peserta__nip")
    )
    if not peserta:
        raise ValidationError(
            _("Belum ada peserta berstatus Mengikuti di angkatan ini; tidak ada hasil yang dapat difinalisasi."),
            code="tanpa_peserta",
        )

    komponen: list[KomponenNilai] = []
    bands: list[Predikat] = []
    masalah: list[str] = []
    if program.dengan_evaluasi:
        komponen = list(program.komponen_nilai.all())
        bands = list(program.predikat.all())
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
            ada = {n.komponen_id for n in p.nilai.all()}
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

    batas = batas_lulus(bands)
    keputusan = []
    for p in peserta:
        k = _Keputusan(pendaftaran=p, lulus=True)
        if p.persen_kehadiran < program.min_kehadiran_persen:
            k.lulus = False
            k.alasan.append(
                _("Kehadiran %(hadir)s di bawah batas %(batas)s")
                % {"hadir": persen_tampil(p.persen_kehadiran), "batas": persen_tampil(program.min_kehadiran_persen)}
            )
        if program.dengan_evaluasi:
            k.nilai_akhir = nilai_akhir_hitung({n.komponen_id: n.nilai for n in p.nilai.all()}, komponen)
            band = predikat_untuk(k.nilai_akhir, bands)
            if band is None:
                k.lulus = False
                k.alasan.append(
                    _("Nilai akhir %(nilai)s di bawah batas kelulusan %(batas)s")
                    % {"nilai": nilai_tampil(k.nilai_akhir, desimal=2), "batas": nilai_tampil(batas, desimal=2)}
                )
            elif k.lulus:
                k.predikat = band.nama
        keputusan.append(k)

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


# Reading for the score page --------------------------------------------------------------------------------------


@dataclass
class BarisNilai:
    """One participant's row of the grid."""

    pendaftaran: Pendaftaran
    nilai: dict[int, Decimal]
    nilai_akhir: Decimal | None
    predikat: Predikat | None
    lengkap: bool

    @property
    def lulus_sementara(self) -> bool | None:
        """Whether the score alone passes, before finalisation (``None`` while incomplete)."""
        if not self.lengkap:
            return None
        return self.predikat is not None


@dataclass
class GridNilai:
    angkatan: Angkatan
    komponen: list[KomponenNilai]
    bands: list[Predikat]
    baris: list[BarisNilai]

    @property
    def terkunci(self) -> bool:
        return self.angkatan.hasil_final

    @property
    def jumlah_bobot(self) -> int:
        return sum(k.bobot for k in self.komponen)


def nilai_grid(angkatan: Angkatan, *, pendaftaran_ids: Iterable[int] | None = None) -> GridNilai:
    """Return the score grid of an angkatan (or of some of its rows) in a fixed handful of queries."""
    program = angkatan.program
    komponen = list(program.komponen_nilai.all()) if program.dengan_evaluasi else []
    bands = list(program.predikat.all()) if program.dengan_evaluasi else []
    pendaftaran = (
        Pendaftaran.objects.filter(angkatan=angkatan, status__in=STATUS_DINILAI)
        .select_related("peserta")
        .prefetch_related("nilai")
        .order_by("peserta__nama", "peserta__nip")
    )
    if pendaftaran_ids is not None:
        pendaftaran = pendaftaran.filter(pk__in=list(pendaftaran_ids))
    baris = []
    for p in pendaftaran:
        nilai = {n.komponen_id: n.nilai for n in p.nilai.all()}
        akhir = nilai_akhir_hitung(nilai, komponen)
        baris.append(
            BarisNilai(
                pendaftaran=p,
                nilai=nilai,
                nilai_akhir=akhir,
                predikat=predikat_untuk(akhir, bands),
                lengkap=akhir is not None,
            )
        )
    return GridNilai(angkatan=angkatan, komponen=komponen, bands=bands, baris=baris)


def riwayat_kunci(angkatan: Angkatan) -> list[LogEntry]:
    """Return the finalisations and unlocks of an angkatan, newest first, from the audit log."""
    return list(
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Angkatan),
            object_pk=str(angkatan.pk),
            additional_data__peristiwa__in=[PERISTIWA_FINALISASI, PERISTIWA_BUKA_KUNCI],
        )
        .select_related("actor")
        .order_by("-timestamp", "-pk")
    )
