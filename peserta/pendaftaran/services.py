"""Writes of enrolments: enrolling, the status workflow, bulk actions, and the kuota that holds under concurrency."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from angkatan.kunci import angkatan_terkunci, pastikan_hasil_belum_final
from angkatan.models import Angkatan
from diklat.jejak import jejak_sebagai
from diklat.surel.services import surel_aman
from diklat.validators import validate_bukan_rumus
from peserta.akun.services import akun_siapkan
from peserta.data.services import nip_dibaca, peserta_upsert
from peserta.models import Pendaftaran, Peserta, RiwayatStatus
from peserta.pendaftaran.kabar import kabar_ditolak, kabar_diverifikasi

Status = Pendaftaran.Status

# Where each status may go. *Mengundurkan diri* is possible from any state
# before the result; *lulus* and *tidak lulus* are set by finalising results.
TRANSITIONS: dict[str, set[str]] = {
    Status.DIUSULKAN: {Status.DIVERIFIKASI, Status.DITOLAK, Status.MENGUNDURKAN_DIRI},
    Status.DIVERIFIKASI: {Status.MENGIKUTI, Status.DITOLAK, Status.MENGUNDURKAN_DIRI},
    Status.DITOLAK: {Status.DIUSULKAN},
    Status.MENGIKUTI: {Status.LULUS, Status.TIDAK_LULUS, Status.MENGUNDURKAN_DIRI},
    # Back to mengikuti only when an admin unlocks finalised results (see below).
    Status.LULUS: {Status.MENGIKUTI},
    Status.TIDAK_LULUS: {Status.MENGIKUTI},
    Status.MENGUNDURKAN_DIRI: set(),
}
# Statuses that hold a place of the kuota.
STATUS_MENGISI_KUOTA = [Status.DIUSULKAN, Status.DIVERIFIKASI, Status.MENGIKUTI, Status.LULUS, Status.TIDAK_LULUS]
# A reason is required for these moves.
STATUS_PERLU_ALASAN = {Status.DITOLAK, Status.MENGUNDURKAN_DIRI}
# Moves staff make by hand on the roster; lulus / tidak lulus come only from finalising results.
STATUS_AKSI_STAF = [Status.DIVERIFIKASI, Status.MENGIKUTI, Status.DITOLAK, Status.MENGUNDURKAN_DIRI, Status.DIUSULKAN]
# An angkatan in these states takes no new enrolments.
ANGKATAN_TERTUTUP = {Angkatan.Status.FINISHED, Angkatan.Status.CLOSED}


def kuota_terisi(angkatan: Angkatan) -> int:
    """Return how many places of the kuota are taken."""
    return Pendaftaran.objects.filter(angkatan=angkatan, status__in=STATUS_MENGISI_KUOTA).count()


def kuota_sisa(angkatan: Angkatan, *, terisi: int | None = None) -> int:
    """Return the free places of the angkatan's kuota; ``terisi`` is the places taken, when the caller counted them.

    A kuota lowered below those enrolled (the form refuses it; the admin does not) leaves no place, not fewer.
    """
    if terisi is None:
        terisi = kuota_terisi(angkatan)
    return max(0, angkatan.kuota - terisi)


def _error_kuota_penuh(angkatan: Angkatan) -> ValidationError:
    return ValidationError(
        _("Kuota angkatan sudah penuh (%(kuota)s orang); tidak ada tempat lagi."),
        code="kuota_penuh",
        params={"kuota": angkatan.kuota},
    )


def _pastikan_alasan_sah(ke: str, alasan: str) -> str:
    """Return the reason without surrounding space; refuse a missing one where the move needs it, or a formula."""
    alasan = (alasan or "").strip()
    if ke in STATUS_PERLU_ALASAN and not alasan:
        raise ValidationError(
            _("Alasan wajib diisi untuk status “%(ke)s”."), code="alasan_wajib", params={"ke": Status(ke).label}
        )
    if alasan:
        # The reason is shown to the participant and exported with the roster.
        validate_bukan_rumus(alasan)
    return alasan


@transaction.atomic
def pendaftaran_transition(*, pendaftaran: Pendaftaran, ke: str, user, alasan: str = "") -> Pendaftaran:
    """Move an enrolment to status ``ke``, if the workflow allows it, and record who, when and why.

    The row is locked and its status read again, so two people acting on the
    same enrolment at once cannot make a move from a state that is gone.
    """
    # The angkatan first, as every write to its people does (finalising, enrolling): what is checked
    # below cannot change under the move, and two writes never wait for each other crosswise.
    angkatan = angkatan_terkunci(pendaftaran.angkatan_id)
    pendaftaran = Pendaftaran.objects.select_for_update().select_related("peserta").get(pk=pendaftaran.pk)
    dari = pendaftaran.status
    if ke not in Status.values:
        raise ValidationError(
            _("Status “%(status)s” tidak dikenal."), code="status_tidak_dikenal", params={"status": ke}
        )
    if ke not in TRANSITIONS[dari]:
        raise ValidationError(
            _("%(nama)s berstatus “%(dari)s” dan tidak dapat diubah menjadi “%(ke)s”."),
            code="transisi_tidak_sah",
            params={"nama": pendaftaran.peserta.nama_lengkap, "dari": Status(dari).label, "ke": Status(ke).label},
        )
    if ke not in (Status.DITOLAK, Status.MENGUNDURKAN_DIRI):
        # Once results are final, nobody moves into or out of a result by hand;
        # only the admin's unlock (which clears the lock first) reopens them.
        pastikan_hasil_belum_final(angkatan)
    alasan = _pastikan_alasan_sah(ke, alasan)
    if dari == Status.DITOLAK and ke == Status.DIUSULKAN:
        if kuota_sisa(angkatan) <= 0:
            raise _error_kuota_penuh(angkatan)
    pendaftaran.status = ke
    if ke in STATUS_PERLU_ALASAN:
        pendaftaran.alasan = alasan
    elif ke == Status.DIUSULKAN:
        # Proposed again: the old reason for the rejection no longer describes the enrolment.
        pendaftaran.alasan = ""
    with jejak_sebagai(user):
        pendaftaran.save(update_fields=["status", "alasan", "updated_at"])
    RiwayatStatus.objects.create(pendaftaran=pendaftaran, dari=dari, ke=ke, alasan=alasan, oleh=user)
    # The person hears of it by e-mail, once this commits; a message that cannot be made never undoes the move.
    if ke == Status.DIVERIFIKASI:
        # A verified participant gets an account (a refusal to make one refuses the move), and its
        # activation link while it is not open, or else word of the verification.
        akun = akun_siapkan(peserta=pendaftaran.peserta)
        pendaftaran.angkatan = angkatan
        with surel_aman("pendaftaran_diverifikasi"):
            kabar_diverifikasi(pendaftaran=pendaftaran, akun=akun)
    elif ke == Status.DITOLAK:
        pendaftaran.angkatan = angkatan
        with surel_aman("pendaftaran_ditolak"):
            kabar_ditolak(pendaftaran=pendaftaran)
    return pendaftaran


# Enrolment -------------------------------------------------------------------------------------------------------


def pastikan_angkatan_terima_peserta(angkatan: Angkatan) -> None:
    """Refuse new participants in a finished or closed angkatan, or one whose results are final.

    One rule for enrolling one by one and for the spreadsheet import.
    """
    if angkatan.status in ANGKATAN_TERTUTUP:
        raise ValidationError(
            _("Angkatan ini berstatus “%(status)s”; peserta tidak dapat ditambahkan lagi."),
            code="angkatan_tertutup",
            params={"status": angkatan.get_status_display()},
        )
    pastikan_hasil_belum_final(angkatan)


@transaction.atomic
def pendaftaran_enrol(*, angkatan: Angkatan, nip: object, data: Mapping[str, Any] | None = None, user) -> Pendaftaran:
    """Enrol the person with this NIP in an angkatan as *diusulkan*, creating or updating the person first.

    The angkatan row is locked before the kuota is counted, so two enrolments
    into the last free place wait for each other and the second one is refused.
    Refused: a finished or closed angkatan, a person already enrolled in it
    (whatever the status), a full kuota. A refusal stores nothing.
    """
    digits = nip_dibaca(nip)
    angkatan = angkatan_terkunci(angkatan)
    pastikan_angkatan_terima_peserta(angkatan)
    terdaftar = Pendaftaran.objects.filter(angkatan=angkatan, peserta__nip=digits).select_related("peserta").first()
    if terdaftar is not None:
        raise ValidationError(
            _("%(nama)s sudah terdaftar di angkatan ini (status: %(status)s)."),
            code="sudah_terdaftar",
            params={"nama": terdaftar.peserta.nama_lengkap, "status": terdaftar.get_status_display()},
        )
    if kuota_sisa(angkatan) <= 0:
        raise _error_kuota_penuh(angkatan)
    if data is None and not Peserta.objects.filter(nip=digits).exists():
        raise ValidationError(
            {"nip": _("Belum ada peserta dengan NIP ini; isi data dirinya untuk mendaftarkannya.")},
            code="peserta_belum_ada",
        )
    peserta, _created = peserta_upsert(nip=digits, data=data or {}, user=user)
    pendaftaran = Pendaftaran(peserta=peserta, angkatan=angkatan, status=Status.DIUSULKAN)
    pendaftaran.full_clean()
    with jejak_sebagai(user):
        pendaftaran.save()
    RiwayatStatus.objects.create(pendaftaran=pendaftaran, dari="", ke=Status.DIUSULKAN, oleh=user)
    return pendaftaran


# Bulk actions ------------------------------------------------------------------------------------------------------

# Why a row was left as it was, by its current status, for the summary after a bulk action.
_ALASAN_LEWAT = {
    Status.DIUSULKAN: gettext_lazy("belum diverifikasi"),
    Status.DIVERIFIKASI: gettext_lazy("sudah diverifikasi"),
    Status.DITOLAK: gettext_lazy("sudah ditolak"),
    Status.MENGIKUTI: gettext_lazy("sudah mengikuti"),
    Status.LULUS: gettext_lazy("sudah lulus"),
    Status.TIDAK_LULUS: gettext_lazy("sudah dinyatakan tidak lulus"),
    Status.MENGUNDURKAN_DIRI: gettext_lazy("sudah mengundurkan diri"),
}


@dataclass
class HasilMassal:
    """What a bulk action did: the enrolments moved and, for those skipped, why."""

    ke: str
    dipindah: list[Pendaftaran] = field(default_factory=list)
    dilewati: list[tuple[Pendaftaran, str]] = field(default_factory=list)

    @property
    def ringkasan(self) -> str:
        """Return e.g. ``12 diverifikasi; 2 dilewati: Budi (sudah ditolak), Ani (sudah mengundurkan diri).``"""
        jumlah = len(self.dipindah)
        if self.ke == Status.DIVERIFIKASI:
            teks = ngettext("%(n)s diverifikasi", "%(n)s diverifikasi", jumlah)
        elif self.ke == Status.DITOLAK:
            teks = ngettext("%(n)s ditolak", "%(n)s ditolak", jumlah)
        elif self.ke == Status.MENGIKUTI:
            teks = ngettext("%(n)s ditandai mengikuti", "%(n)s ditandai mengikuti", jumlah)
        else:
            teks = ngettext("%(n)s diubah", "%(n)s diubah", jumlah)
        teks %= {"n": jumlah}
        if self.dilewati:
            daftar = ", ".join(f"{p.peserta.nama_lengkap} ({sebab})" for p, sebab in self.dilewati)
            teks += "; " + ngettext("%(n)s dilewati: %(daftar)s", "%(n)s dilewati: %(daftar)s", len(self.dilewati)) % {
                "n": len(self.dilewati),
                "daftar": daftar,
            }
        return teks + "."


def _pks(nilai: Iterable[object]) -> list[int]:
    """Return the ids as integers, or refuse the whole selection when one is not an id."""
    pks = []
    for v in nilai:
        teks = str(v).strip()
        if not teks.isascii() or not teks.isdigit() or len(teks) > 18:
            raise ValidationError(
                _("Pilihan peserta tidak sah (“%(nilai)s”); tidak ada yang diubah."),
                code="pilihan_tidak_sah",
                params={"nilai": teks[:30]},
            )
        pks.append(int(teks))
    return list(dict.fromkeys(pks))


@transaction.atomic
def pendaftaran_bulk_transition(
    *, angkatan: Angkatan, pks: Iterable[object], ke: str, user, alasan: str = ""
) -> HasilMassal:
    """Move every selected enrolment of an angkatan to ``ke`` where the workflow allows; skip the others.

    The selection must belong to this angkatan: one id from elsewhere (or not
    an id at all) refuses the whole action, since it means the form was forged
    or the page is stale, and nothing is changed. Rows that cannot make the
    move are skipped and named in the summary.
    """
    if ke not in STATUS_AKSI_STAF:
        raise ValidationError(
            _("Aksi “%(aksi)s” tidak dikenal."), code="aksi_tidak_dikenal", params={"aksi": str(ke)[:30]}
        )
    alasan = _pastikan_alasan_sah(ke, alasan)
    ids = _pks(pks)
    if not ids:
        raise ValidationError(_("Belum ada peserta yang dipilih."), code="pilihan_kosong")
    # The angkatan before its enrolments, as every write to its people takes them.
    angkatan = angkatan_terkunci(angkatan)
    baris = list(
        Pendaftaran.objects.select_for_update(of=("self",))
        .filter(angkatan=angkatan, pk__in=ids)
        .select_related("peserta")
        .order_by("peserta__nama", "pk")
    )
    if len(baris) != len(ids):
        raise ValidationError(
            _("Sebagian peserta yang dipilih tidak terdaftar di angkatan ini; tidak ada yang diubah."),
            code="pilihan_angkatan_lain",
        )
    hasil = HasilMassal(ke=ke)
    for pendaftaran in baris:
        if ke not in TRANSITIONS[pendaftaran.status]:
            hasil.dilewati.append((pendaftaran, str(_ALASAN_LEWAT[pendaftaran.status])))
            continue
        try:
            hasil.dipindah.append(pendaftaran_transition(pendaftaran=pendaftaran, ke=ke, user=user, alasan=alasan))
        except ValidationError as error:
            hasil.dilewati.append((pendaftaran, "; ".join(error.messages)))
    return hasil
