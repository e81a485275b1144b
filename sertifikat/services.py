"""Writes about certificates that a web request makes: issuing numbers, starting their jobs (renders,
re-issues, retries, the ZIP and print PDF), revoking.

What a worker then runs is in ``sertifikat.pekerja`` (renders) and ``sertifikat.arsip`` (archives);
how far a job has come, in ``sertifikat.selectors``.
"""

import functools
import logging
import re
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from angkatan.hari_pelatihan import tanggal_panjang
from angkatan.kunci import angkatan_terkunci, pastikan_hasil_final
from angkatan.models import Angkatan
from diklat.models import Tugas
from diklat.tugas.selectors import batas_basi, batas_tunggu
from diklat.tugas.services import (
    tugas_create,
    tugas_kirim_lagi,
    tugas_kirim_setelah_commit,
    tugas_terkirim,
    tugas_tidak_terkirim,
)
from diklat.validators import validate_bukan_rumus
from peserta.models import Pendaftaran, TugasEkspor
from sertifikat.kelengkapan import pastikan_siap_cetak
from sertifikat.models import Sertifikat, TugasSertifikat
from sertifikat.numbering import certificate_numbers_take
from sertifikat.pekerja import tugas_tutup_yang_selesai
from sertifikat.siasn import JENIS as JENIS_SIASN
from sertifikat.siasn import JENIS_LINTAS as JENIS_SIASN_LINTAS
from sertifikat.tasks import bangun_arsip, bangun_siasn, render_sertifikat
from sertifikat.verification import ringkasan_lupakan

logger = logging.getLogger(__name__)

Status = Sertifikat.Status


def sertifikat_issue(*, pendaftaran: Pendaftaran) -> Sertifikat:
    """Give a graduate their certificate record and number, or return the one they have.

    The enrolment row is locked first, so issuing the same certificate twice
    at once (a double click, two workers) yields one record and one number.
    """
    angkatan = Angkatan.objects.select_related("program").get(pk=pendaftaran.angkatan_id)
    return sertifikat_issue_many(angkatan=angkatan, pendaftaran_ids=[pendaftaran.pk])[0]


def sertifikat_issue_many(*, angkatan: Angkatan, pendaftaran_ids: list[int]) -> list[Sertifikat]:
    """Give each of these graduates their certificate record, in the order given; keep those they have.

    The batch form of ``sertifikat_issue``: the enrolments are locked in one query, the missing
    numbers taken from the counter at once and the records inserted together, so a batch of two
    hundred costs a handful of queries instead of thousands. Each new record's fields are checked
    with ``full_clean`` before it is inserted; uniqueness is the locks' and the constraints' job.
    """
    with transaction.atomic():
        terkunci = {
            p.pk: p
            for p in Pendaftaran.objects.select_for_update(of=("self",))
            .filter(angkatan=angkatan, pk__in=pendaftaran_ids)
            .select_related("peserta")
            .order_by("pk")
        }
        ada: dict[int, Sertifikat] = {}
        for sertifikat in Sertifikat.objects.filter(pendaftaran_id__in=terkunci).order_by("pendaftaran_id", "versi"):
            ada[sertifikat.pendaftaran_id] = sertifikat  # the newest version wins
        baru_untuk = [terkunci[pk] for pk in pendaftaran_ids if pk in terkunci and pk not in ada]
        for pendaftaran in baru_untuk:
            if pendaftaran.status != Pendaftaran.Status.LULUS:
                raise ValidationError(
                    _("Sertifikat hanya untuk peserta yang lulus; %(nama)s berstatus “%(status)s”."),
                    code="belum_lulus",
                    params={"nama": pendaftaran.peserta.nama_lengkap, "status": pendaftaran.get_status_display()},
                )
        if baru_untuk:
            baru = []
            nomor = certificate_numbers_take(angkatan=angkatan, jumlah=len(baru_untuk))
            for pendaftaran, n in zip(baru_untuk, nomor, strict=True):
                sertifikat = Sertifikat(
                    pendaftaran=pendaftaran, program=angkatan.program, tahun=n.tahun, urut=n.urut, nomor=n.nomor
                )
                # The foreign keys are the rows locked above; checking them again would cost a query each.
                sertifikat.full_clean(
                    exclude=["pendaftaran", "program"], validate_unique=False, validate_constraints=False
                )
                baru.append(sertifikat)
            try:
                with transaction.atomic():
                    dibuat = Sertifikat.objects.bulk_create(baru)
            except IntegrityError as error:
                # Only a pattern that repeats numbers across programs or years gets here.
                raise ValidationError(
                    _(
                        "Nomor sertifikat %(nomor)s sudah pernah dipakai. Periksa pola nomor program: "
                        "pola harus memuat {program} dan {year} agar nomor tidak berulang."
                    ),
                    code="nomor_terpakai",
                    params={"nomor": baru[0].nomor},
                ) from error
            for sertifikat in dibuat:
                ada[sertifikat.pendaftaran_id] = sertifikat
    return [ada[pk] for pk in pendaftaran_ids if pk in ada]


def _potongan(ids: list[int]) -> Iterator[list[int]]:
    """Split certificate ids into the chunks one render task lays out together."""
    ukuran = max(1, settings.SERTIFIKAT_UKURAN_POTONGAN)
    for awal in range(0, len(ids), ukuran):
        yield ids[awal : awal + ukuran]


def _kirim_render(ids: list[int], *, tugas_id: int) -> None:
    """Queue the renders of a job in chunks once the transaction that made them pending has committed.

    A chunk the queue does not take stays pending, its job marked as not sent: the sweep
    (``sertifikat_sapu``) sends it once the queue is back.
    """
    for potongan in _potongan(ids):
        tugas_kirim_setelah_commit(
            render_sertifikat,
            potongan,
            nama="kirim_render",
            gagal=functools.partial(tugas_tidak_terkirim, tugas_id=tugas_id),
        )


def sertifikat_sapu() -> int:
    """Send again the renders whose worker died and those never sent; return how many chunks were sent.

    A certificate "being made" whose heartbeat stopped (``batas_basi``) is handed back as pending,
    its jobs counting the pick-up, and queued again; a job whose chunks the queue did not take has
    its pending certificates queued again, and so has one whose certificates have waited longer than
    ``batas_tunggu`` (their message lost). Run by the periodic sweep (``diklat.tugas.services.tugas_sapu``).
    """
    sekarang = timezone.now()
    with transaction.atomic():
        mati = list(
            Sertifikat.objects.select_for_update(skip_locked=True, of=("self",))
            .order_by()
            .filter(status=Status.RENDERING, updated_at__lt=batas_basi())
            .values_list("pk", flat=True)
        )
        if mati:
            logger.warning("The worker of certificates %s stopped; sending them again", mati)
            Sertifikat.objects.filter(pk__in=mati).update(status=Status.PENDING, updated_at=sekarang)
            Tugas.objects.filter(
                pk__in=Tugas.objects.filter(
                    jenis=TugasSertifikat.Jenis.BUAT, status__in=Tugas.AKTIF, sertifikat__in=mati
                ).values("pk")
            ).update(diambil_ulang=F("diambil_ulang") + 1, updated_at=sekarang)
    # Each certificate sent once, with one of its jobs (the one told should the queue refuse it).
    kirim: dict[int, list[int]] = {}
    terkirim: set[int] = set()
    for tugas_id, sertifikat_id in Sertifikat.tugas.through.objects.filter(
        # Given up just now, never sent, or waiting so long that their message was surely lost.
        Q(sertifikat_id__in=mati) | Q(tugas__tidak_terkirim=True) | Q(sertifikat__updated_at__lt=batas_tunggu()),
        tugas__jenis=TugasSertifikat.Jenis.BUAT,
        tugas__status__in=Tugas.AKTIF,
        sertifikat__status=Status.PENDING,
    ).values_list("tugas_id", "sertifikat_id"):
        if sertifikat_id not in terkirim:
            terkirim.add(sertifikat_id)
            kirim.setdefault(tugas_id, []).append(sertifikat_id)
    # A job not sent whose certificates were all made meanwhile (by another job) has nothing left to send.
    for tugas in Tugas.objects.filter(
        jenis=TugasSertifikat.Jenis.BUAT, status__in=Tugas.AKTIF, tidak_terkirim=True
    ).exclude(pk__in=kirim):
        tugas_terkirim(tugas_id=tugas.pk)
        tugas_tutup_yang_selesai(sertifikat_ids=list(tugas.sertifikat.values_list("pk", flat=True)))
    # Their wait starts again from this send.
    Sertifikat.objects.filter(pk__in=terkirim, status=Status.PENDING).update(updated_at=sekarang)
    jumlah = 0
    for tugas_id, ids in kirim.items():
        for potongan in _potongan(sorted(ids)):
            if not tugas_kirim_lagi(render_sertifikat, potongan, tugas_id=tugas_id):
                break
            jumlah += 1
    return jumlah


def _tugas_sertifikat_create(*, angkatan: Angkatan, jenis: str, user, sertifikat: list) -> Tugas:
    """Record a job of this kind over these certificates (or their ids) of the angkatan, waiting for a worker."""
    tugas = tugas_create(jenis=jenis, dibuat_oleh=user, total=len(sertifikat))
    TugasSertifikat.objects.create(tugas=tugas, angkatan=angkatan)
    tugas.sertifikat.set(sertifikat)
    return tugas


def tugas_buat_start(*, angkatan: Angkatan, user, pendaftaran_ids: Iterable[int] | None = None) -> Tugas:
    """Issue numbers to the graduates (all, or those named) and queue their certificates.

    Numbers are given in the order of the roster (by name), so a batch reads in order. Certificates
    already made are counted as done and not made again; pending or failed ones are queued again,
    so clicking twice, or again after a worker was lost, issues nothing twice.
    """
    with transaction.atomic():
        angkatan = angkatan_terkunci(angkatan)
        pastikan_hasil_final(angkatan)
        lulusan = Pendaftaran.objects.filter(angkatan=angkatan, status=Pendaftaran.Status.LULUS)
        if pendaftaran_ids is not None:
            lulusan = lulusan.filter(pk__in=list(pendaftaran_ids))
        lulusan = list(lulusan.order_by("peserta__nama", "peserta__nip").values_list("pk", flat=True))
        if not lulusan:
            raise ValidationError(_("Tidak ada peserta lulus yang dapat dibuatkan sertifikat."), code="tanpa_lulusan")
        # Before any number is taken: a refused batch leaves the counter as it was.
        pastikan_siap_cetak(angkatan, pendaftaran=Pendaftaran.objects.filter(pk__in=lulusan))
        daftar = [
            sertifikat
            for sertifikat in sertifikat_issue_many(angkatan=angkatan, pendaftaran_ids=lulusan)
            # A revoked certificate stays revoked; re-issuing is an admin's deliberate act.
            if sertifikat.status not in (Status.REVOKED, Status.REPLACED)
        ]
        if not daftar:
            raise ValidationError(
                _(
                    "Sertifikat semua peserta yang dipilih telah dicabut; admin dapat menerbitkannya ulang "
                    "lewat tombol Kelola pada baris peserta."
                ),
                code="semua_dicabut",
            )
        tugas = _tugas_sertifikat_create(
            angkatan=angkatan, jenis=TugasSertifikat.Jenis.BUAT, user=user, sertifikat=daftar
        )
        antre = [s.pk for s in daftar if s.status in (Status.PENDING, Status.FAILED)]
        antre += [s.pk for s in daftar if s.status == Status.RENDERING and s.updated_at < batas_basi()]
        if antre:
            _kirim_render(antre, tugas_id=tugas.pk)
        else:
            tugas.status = Tugas.Status.SELESAI
            tugas.selesai_pada = timezone.now()
            tugas.save(update_fields=["status", "selesai_pada", "updated_at"])
    return tugas


def sertifikat_retry(*, sertifikat: Sertifikat, user) -> Tugas:
    """Queue one failed (or never made) certificate again, as a job of its own."""
    if sertifikat.status not in (Status.PENDING, Status.FAILED):
        raise ValidationError(
            _("Hanya sertifikat yang gagal atau belum dibuat yang dapat diulang."), code="tidak_dapat_diulang"
        )
    return tugas_buat_start(
        angkatan=sertifikat.pendaftaran.angkatan, user=user, pendaftaran_ids=[sertifikat.pendaftaran_id]
    )


# Corrections -------------------------------------------------------------------------------------


def sertifikat_reissue(*, sertifikat: Sertifikat, user) -> Sertifikat:
    """Start a corrected version of one certificate; return it (see ``sertifikat_reissue_many``)."""
    return sertifikat_reissue_many(sertifikat_list=[sertifikat], user=user).sertifikat.get()


@transaction.atomic
def sertifikat_reissue_many(*, sertifikat_list: list[Sertifikat], user) -> Tugas:
    """Start corrected versions of certificates of one angkatan, as one job: same numbers, new files.

    A valid version stays valid until the new one is ready, then it is marked replaced; a revoked
    one stays revoked and its page points to the new version. Old hashes stay on record. Use after
    correcting a person's name, titles or data, or their results after reopening them. One that
    cannot be re-issued refuses them all, saying whose.

    The angkatan is locked first, as issuing does, so results cannot be reopened halfway through.
    """
    ids = [s.pk for s in sertifikat_list]
    angkatan_ids = set(Sertifikat.objects.filter(pk__in=ids).values_list("pendaftaran__angkatan_id", flat=True))
    if len(angkatan_ids) != 1:
        raise ValidationError(_("Sertifikat yang diterbitkan ulang bersama harus dari satu angkatan."), code="campur")
    angkatan = angkatan_terkunci(angkatan_ids.pop())
    pastikan_hasil_final(angkatan)
    lama = list(
        Sertifikat.objects.select_for_update(of=("self",))
        .select_related("pendaftaran__peserta")
        .filter(pk__in=ids)
        .order_by("pk")  # the order every batch write locks certificates in
    )
    pastikan_siap_cetak(angkatan, pendaftaran=[s.pendaftaran for s in lama])
    versi_terbaru = dict(
        Sertifikat.objects.filter(pendaftaran_id__in=[s.pendaftaran_id for s in lama])
        .values("pendaftaran_id")
        .annotate(versi=Max("versi"))
        .values_list("pendaftaran_id", "versi")
    )
    baru = []
    for sertifikat in lama:
        nama = sertifikat.pendaftaran.peserta.nama_lengkap
        terbaru = versi_terbaru[sertifikat.pendaftaran_id] == sertifikat.versi
        if not terbaru or sertifikat.status not in (Status.READY, Status.REVOKED):
            raise ValidationError(
                _("%(nama)s: hanya versi terbaru yang berlaku atau dicabut yang dapat diterbitkan ulang."),
                code="bukan_versi_berlaku",
                params={"nama": nama},
            )
        if sertifikat.pendaftaran.status != Pendaftaran.Status.LULUS:
            raise ValidationError(
                _("%(nama)s tidak lagi berstatus lulus; sertifikatnya tidak dapat diterbitkan ulang."),
                code="belum_lulus",
                params={"nama": nama},
            )
        versi = Sertifikat(
            pendaftaran_id=sertifikat.pendaftaran_id,
            versi=sertifikat.versi + 1,
            program_id=sertifikat.program_id,
            tahun=sertifikat.tahun,
            urut=sertifikat.urut,
            nomor=sertifikat.nomor,
        )
        # The certificate rows are locked above; the new versions' uniqueness is the constraints' job.
        versi.full_clean(exclude=["pendaftaran", "program"], validate_unique=False, validate_constraints=False)
        baru.append(versi)
    baru = Sertifikat.objects.bulk_create(baru)
    tugas = _tugas_sertifikat_create(angkatan=angkatan, jenis=TugasSertifikat.Jenis.BUAT, user=user, sertifikat=baru)
    _kirim_render([s.pk for s in baru], tugas_id=tugas.pk)
    return tugas


@transaction.atomic
def sertifikat_revoke_tidak_lulus(*, angkatan: Angkatan, sertifikat_ids: list[int], user, alasan: str) -> int:
    """Revoke, with one published reason, the valid certificates of these holders who no longer passed.

    The ids are those the admin saw listed. Under the angkatan's lock the list is checked again:
    results still final, every holder still not passed, no certificate of another angkatan. Any
    doubt, or a reason unfit to publish, refuses them all. Return how many were revoked.
    """
    angkatan = angkatan_terkunci(angkatan)
    pastikan_hasil_final(angkatan)
    daftar = list(
        Sertifikat.objects.filter(pk__in=sertifikat_ids, pendaftaran__angkatan=angkatan)
        .select_related("pendaftaran__peserta")
        .order_by("pk")
    )
    if not daftar or len(daftar) != len(set(sertifikat_ids)):
        raise ValidationError(
            _("Daftar sertifikat berubah sejak halaman dibuka; muat ulang halaman lalu periksa lagi."),
            code="daftar_berubah",
        )
    for sertifikat in daftar:
        if sertifikat.pendaftaran.status == Pendaftaran.Status.LULUS:
            raise ValidationError(
                _(
                    "%(nama)s kini berstatus lulus; tidak ada sertifikat yang dicabut. Muat ulang halaman lalu periksa lagi."
                ),
                code="kini_lulus",
                params={"nama": sertifikat.pendaftaran.peserta.nama_lengkap},
            )
        sertifikat_revoke(sertifikat=sertifikat, user=user, alasan=alasan)
    return len(daftar)


ALASAN_PENCABUTAN_MAKS = 500
# Digits with the separators people put in a NIP or a date (19660801 198803 1 001, 01-08-1966).
_DERET_ANGKA = re.compile(r"[0-9][0-9 .\-/]*[0-9]")


@transaction.atomic
def sertifikat_revoke(*, sertifikat: Sertifikat, user, alasan: str) -> Sertifikat:
    """Revoke a valid certificate, saying why; the verification page shows it as revoked from then on.

    The row is locked and read again, so two officers revoking at once cannot both
    succeed, and a certificate that is not (or no longer) ready is refused unchanged.
    """
    sertifikat = Sertifikat.objects.select_for_update().get(pk=sertifikat.pk)
    if sertifikat.status == Status.REVOKED:
        raise ValidationError(
            _("Sertifikat %(nomor)s sudah dicabut sebelumnya pada %(tanggal)s."),
            code="sudah_dicabut",
            params={
                "nomor": sertifikat.nomor,
                "tanggal": tanggal_panjang(timezone.localdate(sertifikat.dicabut_pada))
                if sertifikat.dicabut_pada
                else "—",
            },
        )
    if sertifikat.status != Status.READY:
        raise ValidationError(
            _(
                "Hanya sertifikat yang sudah terbit dan berlaku yang dapat dicabut; sertifikat %(nomor)s berstatus “%(status)s”."
            ),
            code="tidak_dapat_dicabut",
            params={"nomor": sertifikat.nomor, "status": sertifikat.get_status_display()},
        )
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError(_("Alasan pencabutan wajib diisi."), code="alasan_wajib")
    if len(alasan) > ALASAN_PENCABUTAN_MAKS:
        raise ValidationError(
            _("Alasan pencabutan paling panjang %(maks)s karakter; yang diisi %(jumlah)s."),
            code="alasan_terlalu_panjang",
            params={"maks": ALASAN_PENCABUTAN_MAKS, "jumlah": len(alasan)},
        )
    if any(sum(c.isdigit() for c in deret) >= 8 for deret in _DERET_ANGKA.findall(alasan)):
        raise ValidationError(
            _(
                "Alasan pencabutan tampil di halaman verifikasi publik: jangan tulis NIP, tanggal lahir "
                "atau nomor pribadi lain di dalamnya."
            ),
            code="alasan_data_pribadi",
        )
    validate_bukan_rumus(alasan)
    sertifikat.status = Status.REVOKED
    sertifikat.alasan_pencabutan = alasan
    sertifikat.dicabut_oleh = user if getattr(user, "is_authenticated", False) else None
    sertifikat.dicabut_pada = timezone.now()
    sertifikat.full_clean()
    sertifikat.save()
    ringkasan_lupakan(pendaftaran_id=sertifikat.pendaftaran_id)
    return sertifikat


# Downloads ---------------------------------------------------------------------------------------


def tugas_arsip_start(*, angkatan: Angkatan, user, jenis: str) -> Tugas:
    """Queue a ZIP (or one merged PDF) of every valid certificate of the angkatan."""
    if jenis not in (TugasSertifikat.Jenis.ZIP, TugasSertifikat.Jenis.GABUNG):
        raise ValidationError(_("Jenis unduhan tidak dikenal."), code="jenis_tidak_dikenal")
    siap = list(
        Sertifikat.objects.filter(pendaftaran__angkatan=angkatan, status=Status.READY).values_list("pk", flat=True)
    )
    if not siap:
        raise ValidationError(_("Belum ada sertifikat yang siap untuk diunduh."), code="belum_ada_sertifikat")
    with transaction.atomic():
        tugas = _tugas_sertifikat_create(angkatan=angkatan, jenis=jenis, user=user, sertifikat=siap)
        tugas_kirim_setelah_commit(
            bangun_arsip,
            tugas.pk,
            nama="kirim_arsip",
            gagal=functools.partial(tugas_tidak_terkirim, tugas_id=tugas.pk),
        )
    return tugas


def tugas_siasn_start(*, user, parameter: dict, total: int) -> Tugas:
    """Queue the ZIP of a SIASN record: of ``{"angkatan": [pk]}`` (one angkatan's tab) or of the
    ``{"filter": …}`` of the export across angkatan; ``total`` is the count of certificates it covers."""
    if not total:
        raise ValidationError(
            _("Belum ada sertifikat berlaku dari lulusan yang dipilih; riwayat kursus SIASN kosong."),
            code="belum_ada_sertifikat",
        )
    jenis = JENIS_SIASN if "angkatan" in parameter else JENIS_SIASN_LINTAS
    with transaction.atomic():
        tugas = tugas_create(jenis=jenis, dibuat_oleh=user, total=total)
        TugasEkspor.objects.create(tugas=tugas, parameter={**parameter, "bahasa": translation.get_language()})
        tugas_kirim_setelah_commit(
            bangun_siasn,
            tugas.pk,
            nama="kirim_siasn",
            gagal=functools.partial(tugas_tidak_terkirim, tugas_id=tugas.pk),
        )
    return tugas
