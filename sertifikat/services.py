"""Writes about certificates: issuing numbers, rendering and storing files, jobs, re-issues.

The ZIP and print PDF of an angkatan are in sertifikat.arsip; how far a job has come, in sertifikat.selectors.
"""

import datetime
import functools
import hashlib
import logging
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import Case, F, Max, Q, Value, When
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from angkatan.models import Angkatan
from peserta.models import Pendaftaran
from sertifikat.kelengkapan import kekurangan_cetak, pastikan_siap_cetak
from sertifikat.models import Sertifikat, TugasSertifikat, lokasi_berkas_sertifikat
from sertifikat.numbering import certificate_numbers_take

logger = logging.getLogger(__name__)

Status = Sertifikat.Status
# A render that has said nothing for this long died with its worker; its certificates may be taken again.
KLAIM_BASI = datetime.timedelta(minutes=10)
# Errors that pass (the database restarting, a connection dropped): the task retries them.
GALAT_SEMENTARA = (OperationalError, InterfaceError)
PESAN_ANTREAN_HILANG = gettext_lazy(
    "Antrean pekerja latar tidak dapat dihubungi, jadi tugas ini belum dikerjakan. Ulangi sebentar lagi; "
    "bila tetap gagal, hubungi admin."
)
PESAN_KIRIM_GAGAL = gettext_lazy(
    "Tugas ini tidak dapat dikirim ke antrean pekerja latar (%(jenis)s), jadi belum dikerjakan; rinciannya "
    "tercatat di log server. Ulangi sebentar lagi; bila tetap gagal, hubungi admin."
)


def pesan_galat(error: BaseException) -> str:
    """Say in Indonesian why something could not be made, for the staff who read it on the job page.

    Our own refusals and configuration errors are sentences written for people already; any other
    error is a fault whose details (in English, perhaps with server paths) belong in the log.
    """
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    if isinstance(error, ImproperlyConfigured):
        return str(error)
    if isinstance(error, GALAT_SEMENTARA):
        return _("Basis data tidak menjawab, juga setelah dicoba beberapa kali. Ulangi setelah layanannya pulih.")
    return _(
        "Kesalahan sistem (%(jenis)s); rinciannya tercatat di log server. Ulangi; bila gagal lagi, hubungi admin."
    ) % {"jenis": type(error).__name__}


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


def tanpa_sertifikat_sedang_dibuat(sender, *, angkatan: Angkatan, **kwargs) -> None:
    """Refuse to reopen results while a worker is printing certificates of the angkatan.

    Certificates already issued stay valid while results are reopened: one corrected score must not
    void two hundred printed certificates. Once the results are final again, those whose printed
    facts no longer hold are marked on the Sertifikat tab, to be re-issued or revoked
    (``selectors.baris_sertifikat``). Only a render in flight could print a result as it is being
    changed, so reopening waits for it. A render that claims its certificates after the reopening
    commits finds no one passed and fails; one that slips in just before prints the old result,
    which the tab then marks like any other.
    """
    jumlah = Sertifikat.objects.filter(
        pendaftaran__angkatan=angkatan, status=Status.RENDERING, updated_at__gte=timezone.now() - KLAIM_BASI
    ).count()
    if jumlah:
        raise ValidationError(
            _(
                "%(jumlah)s sertifikat angkatan ini sedang dibuat oleh pekerja latar; tunggu sampai selesai "
                "(biasanya beberapa detik), lalu buka kunci nilai."
            ),
            code="sertifikat_sedang_dibuat",
            params={"jumlah": jumlah},
        )


def _pastikan_final(angkatan: Angkatan) -> None:
    if angkatan.nilai_dikunci_pada is None:
        raise ValidationError(
            _("Hasil angkatan ini belum difinalisasi; sertifikat dibuat setelah kelulusan ditetapkan."),
            code="belum_final",
        )


def _kirim_render(ids: list[int], *, tugas_id: int) -> None:
    """Queue the renders of a job in chunks once the transaction that made them pending has committed."""
    from sertifikat.tasks import render_sertifikat

    ukuran = max(1, settings.SERTIFIKAT_UKURAN_POTONGAN)
    for awal in range(0, len(ids), ukuran):
        potongan = ids[awal : awal + ukuran]
        tugas_kirim_setelah_commit(
            render_sertifikat,
            potongan,
            nama="kirim_render",
            gagal=functools.partial(_render_tidak_terkirim, tugas_id=tugas_id, sertifikat_ids=potongan),
        )


def _render_tidak_terkirim(*, tugas_id: int, sertifikat_ids: list[int], pesan: str) -> None:
    tugas_tidak_terkirim(tugas_id=tugas_id, pesan=pesan)
    sertifikat_render_fail(sertifikat_ids=sertifikat_ids, pesan=pesan)


def tugas_tidak_terkirim(*, tugas_id: int, pesan: str) -> None:
    """Record on a job that (some of) its work could not be sent to the workers, and why.

    A ZIP or print job has nothing else to wait for, so it has failed. A job of certificates ends
    with its certificates (``sertifikat_render_fail``); its other chunks may have gone.
    """
    TugasSertifikat.objects.filter(pk=tugas_id).update(
        tidak_terkirim=True,
        galat=pesan,
        status=Case(
            When(
                ~Q(jenis=TugasSertifikat.Jenis.BUAT) & Q(status=TugasSertifikat.Status.BERJALAN),
                then=Value(TugasSertifikat.Status.GAGAL),
            ),
            default=F("status"),
        ),
        updated_at=timezone.now(),
    )


def _antrean_tak_terjangkau() -> tuple[type[BaseException], ...]:
    """Return the errors that mean the broker could not be reached (rather than a fault of ours)."""
    from kombu.exceptions import OperationalError as GalatAntrean

    jenis: tuple[type[BaseException], ...] = (GalatAntrean, OSError)  # OSError: refused, reset, timed out
    try:
        from redis import exceptions as redis_galat
    except ImportError:  # a broker other than Redis
        return jenis
    return (*jenis, redis_galat.ConnectionError, redis_galat.TimeoutError)


def pesan_kirim_gagal(error: BaseException) -> str:
    """Say in Indonesian why a task could not be sent: the queue away, or a fault whose details are logged."""
    if isinstance(error, _antrean_tak_terjangkau()):
        return str(PESAN_ANTREAN_HILANG)
    return str(PESAN_KIRIM_GAGAL) % {"jenis": type(error).__name__}


def tugas_kirim(task, *args, gagal: Callable[..., None]) -> None:
    """Send a task to the workers; when that fails, for whatever reason, have ``gagal(pesan=…)`` record why.

    The person who clicked gets the job page all the same, which then shows the failure (and its
    "Ulangi") instead of waiting for ever for a task that was never sent. Any error counts, not only
    kombu's "unreachable": a broker client may raise its own (redis' ConnectionError), a timeout or
    a RuntimeError, and each would otherwise leave the job "running" for ever. The send runs after
    the clicker's commit, in their language; the reason is stored in the site's, for every reader.
    """
    try:
        task.delay(*args)
    except Exception as error:
        logger.exception("Queueing %s%s failed", getattr(task, "name", task), args)
        with translation.override(settings.LANGUAGE_CODE):
            gagal(pesan=pesan_kirim_gagal(error))


def tugas_kirim_setelah_commit(task, *args, nama: str, gagal: Callable[..., None]) -> None:
    """Send a task to the workers (``tugas_kirim``) once the current transaction commits.

    The send is registered as a function named ``nama``, robust: should recording a failure fail
    as well, Django logs it by that name and the person who clicked still gets their page. (Django
    names such a callback by its __qualname__; a functools.partial has none, and that turned a
    logged failure into a 500.)
    """

    def kirim() -> None:
        tugas_kirim(task, *args, gagal=gagal)

    kirim.__name__ = kirim.__qualname__ = nama
    transaction.on_commit(kirim, robust=True)


def tugas_buat_start(*, angkatan: Angkatan, user, pendaftaran_ids: Iterable[int] | None = None) -> TugasSertifikat:
    """Issue numbers to the graduates (all, or those named) and queue their certificates.

    Numbers are given in the order of the roster (by name), so a batch reads in order. Certificates
    already made are counted as done and not made again; pending or failed ones are queued again,
    so clicking twice, or again after a worker was lost, issues nothing twice.
    """
    with transaction.atomic():
        angkatan = Angkatan.objects.select_for_update().get(pk=angkatan.pk)
        _pastikan_final(angkatan)
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
        tugas = TugasSertifikat.objects.create(
            angkatan=angkatan, jenis=TugasSertifikat.Jenis.BUAT, dibuat_oleh=user, total=len(daftar)
        )
        tugas.sertifikat.set(daftar)
        antre = [s.pk for s in daftar if s.status in (Status.PENDING, Status.FAILED)]
        antre += [s.pk for s in daftar if s.status == Status.RENDERING and s.updated_at < timezone.now() - KLAIM_BASI]
        if antre:
            _kirim_render(antre, tugas_id=tugas.pk)
        else:
            tugas.status = TugasSertifikat.Status.SELESAI
            tugas.selesai_pada = timezone.now()
            tugas.save(update_fields=["status", "selesai_pada", "updated_at"])
    return tugas


def sertifikat_retry(*, sertifikat: Sertifikat, user) -> TugasSertifikat:
    """Queue one failed (or never made) certificate again, as a job of its own."""
    if sertifikat.status not in (Status.PENDING, Status.FAILED):
        raise ValidationError(
            _("Hanya sertifikat yang gagal atau belum dibuat yang dapat diulang."), code="tidak_dapat_diulang"
        )
    return tugas_buat_start(
        angkatan=sertifikat.pendaftaran.angkatan, user=user, pendaftaran_ids=[sertifikat.pendaftaran_id]
    )


# Rendering --------------------------------------------------------------------------------------


def dapat_diklaim(ids: list[int], *, sekarang: datetime.datetime):
    """Return, locked, the rows among these that are still to be made and that no worker holds.

    Only the certificate rows are locked: the default ordering joins the program, and locking that
    shared row would make a second worker skip a whole chunk of the same program.
    """
    return (
        Sertifikat.objects.select_for_update(skip_locked=True, of=("self",))
        .order_by()
        .filter(pk__in=ids)
        .filter(
            Q(status__in=[Status.PENDING, Status.FAILED])
            | Q(status=Status.RENDERING, updated_at__lt=sekarang - KLAIM_BASI)
        )
    )


def _klaim(ids: list[int]) -> list[int]:
    """Mark the certificates that are still to be made as being made, and return their ids.

    Rows another worker is rendering right now are skipped (their lock, or their fresh status),
    so the same message delivered twice renders each certificate once.
    """
    sekarang = timezone.now()
    with transaction.atomic():
        diklaim = list(dapat_diklaim(ids, sekarang=sekarang).values_list("pk", flat=True))
        Sertifikat.objects.filter(pk__in=diklaim).update(status=Status.RENDERING, galat="", updated_at=sekarang)
    return diklaim


def _gagal(pk: int, error: Exception) -> None:
    pesan = _("Gagal membuat PDF: %(galat)s") % {"galat": pesan_galat(error)}
    Sertifikat.objects.filter(pk=pk, status=Status.RENDERING).update(
        status=Status.FAILED, galat=pesan, updated_at=timezone.now()
    )


def sertifikat_render_fail(*, sertifikat_ids: list[int], pesan: str) -> None:
    """Mark the certificates among these still waiting to be made as failed, with why, and close their jobs.

    For a task that could not be sent, or that gave up (its retries spent, no signing key): its
    certificates would otherwise wait for ever. Rows a worker holds are left to that worker.
    """
    # A failed one sent again ("Ulangi") gets today's reason, not the one it failed with before.
    Sertifikat.objects.filter(pk__in=sertifikat_ids, status__in=[Status.PENDING, Status.FAILED]).update(
        status=Status.FAILED, galat=pesan, updated_at=timezone.now()
    )
    tugas_tutup_yang_selesai(sertifikat_ids=sertifikat_ids)


def sertifikat_store(
    *, sertifikat: Sertifikat, pdf: bytes, ditandatangani: bool, data_cetak: dict | None = None
) -> bool:
    """Save a rendered PDF under a fresh name and only then point the certificate at it.

    The row changes in one transaction after the file is complete, so a crash leaves at most an
    unreferenced file, never a half file behind a ready certificate. A newer version that becomes
    ready supersedes the older ones; their hashes stay on record. Return whether it was stored.
    """
    storage = Sertifikat.berkas.field.storage
    sha256 = hashlib.sha256(pdf).hexdigest()
    sertifikat_id = sertifikat.pk
    nama = storage.save(lokasi_berkas_sertifikat(sertifikat, "sertifikat.pdf"), ContentFile(pdf))
    try:
        with transaction.atomic():
            sertifikat = Sertifikat.objects.select_for_update().get(pk=sertifikat_id)
            if sertifikat.status != Status.RENDERING:
                # Revoked, or made by someone else, while this render ran: keep what is there.
                storage.delete(nama)
                return False
            sertifikat.berkas.name = nama
            sertifikat.sha256 = sha256
            sertifikat.ditandatangani = ditandatangani
            sertifikat.data_cetak = data_cetak or {}
            sertifikat.status = Status.READY
            sertifikat.galat = ""
            sertifikat.diterbitkan_pada = sertifikat.diterbitkan_pada or timezone.now()
            sertifikat.save()
            Sertifikat.objects.filter(
                pendaftaran_id=sertifikat.pendaftaran_id, versi__lt=sertifikat.versi, status=Status.READY
            ).update(status=Status.REPLACED, updated_at=timezone.now())
    except BaseException:
        storage.delete(nama)
        raise
    return True


def sertifikat_render(*, sertifikat_ids: list[int]) -> int:
    """Render, sign and store the certificates still to be made among these; return how many were made.

    A chunk is laid out together; when that fails, each certificate is tried alone so that one
    bad record fails only itself, with its error kept for the job page. Whatever else goes wrong
    after the claim leaves no certificate "being made" for ever: a passing error (the database
    away) hands them back as pending for the task's retry, any other marks them failed, with why.
    """
    from sertifikat.signing import penanda_tangan_aktif

    # Before the claim: a key that cannot be loaded fails the task without touching any row.
    signer = penanda_tangan_aktif()
    diklaim = _klaim(sertifikat_ids)
    if not diklaim:
        return 0
    try:
        dibuat = _render_yang_diklaim(diklaim, signer=signer)
    except GALAT_SEMENTARA:
        Sertifikat.objects.filter(pk__in=diklaim, status=Status.RENDERING).update(
            status=Status.PENDING, updated_at=timezone.now()
        )
        raise
    except Exception as error:
        logger.exception("Rendering certificates %s failed", diklaim)
        for pk in diklaim:
            _gagal(pk, error)
        dibuat = 0
    tugas_tutup_yang_selesai(sertifikat_ids=diklaim)
    return dibuat


def _render_yang_diklaim(diklaim: list[int], *, signer) -> int:
    # Imported when rendering: the web processes need not load pyHanko and WeasyPrint to start.
    from sertifikat.rendering import render_batch, sertifikat_queryset
    from sertifikat.signing import pdf_sign
    from sertifikat.verification import data_cetak

    dimuat = list(sertifikat_queryset().filter(pk__in=diklaim).order_by("urut", "versi"))
    # Checked when queued, and again now: the data may have been emptied in between. Once per
    # angkatan of the chunk (a chunk is one job's, so one angkatan), not once per certificate.
    per_angkatan: dict[int, list[Pendaftaran]] = {}
    for sertifikat in dimuat:
        per_angkatan.setdefault(sertifikat.pendaftaran.angkatan_id, []).append(sertifikat.pendaftaran)
    kekurangan = {
        angkatan_id: kekurangan_cetak(pendaftaran[0].angkatan, pendaftaran=pendaftaran)
        for angkatan_id, pendaftaran in per_angkatan.items()
    }
    daftar = []
    for sertifikat in dimuat:
        pendaftaran = sertifikat.pendaftaran
        if pendaftaran.status != Pendaftaran.Status.LULUS:
            # Results reopened since the number was given: no certificate for someone not passed.
            _gagal(sertifikat.pk, ValidationError(_("peserta tidak berstatus lulus")))
            continue
        # The angkatan's gaps fail every certificate; a person's, only theirs. Each says what
        # pastikan_siap_cetak would say of that one certificate.
        kurang = kekurangan[pendaftaran.angkatan_id].untuk(pendaftaran.pk)
        if kurang:
            _gagal(sertifikat.pk, kurang.galat())
            continue
        daftar.append(sertifikat)
    try:
        hasil = render_batch(daftar, ditandatangani=signer is not None)
    except GALAT_SEMENTARA:
        raise
    except Exception:
        logger.exception("Rendering a chunk of %s certificates failed; trying them one by one", len(daftar))
        hasil = {}
        for sertifikat in daftar:
            try:
                hasil.update(render_batch([sertifikat], ditandatangani=signer is not None))
            except Exception as error:
                logger.exception("Rendering certificate %s failed", sertifikat.pk)
                _gagal(sertifikat.pk, error)
    dibuat = 0
    menurut_pk = {s.pk: s for s in daftar}
    for pk, pdf in hasil.items():
        sertifikat = menurut_pk[pk]
        try:
            if signer is not None:
                pdf = pdf_sign(pdf, signer=signer)
            dibuat += sertifikat_store(
                sertifikat=sertifikat,
                pdf=pdf,
                ditandatangani=signer is not None,
                data_cetak=data_cetak(sertifikat),
            )
        except GALAT_SEMENTARA:
            raise
        except Exception as error:
            logger.exception("Signing or storing certificate %s failed", pk)
            _gagal(pk, error)
    return dibuat


def tugas_tutup_yang_selesai(*, sertifikat_ids: list[int]) -> None:
    """Mark the running jobs over these certificates done once none of theirs is still to be made."""
    tugas_ids = set(
        TugasSertifikat.objects.filter(
            jenis=TugasSertifikat.Jenis.BUAT, status=TugasSertifikat.Status.BERJALAN, sertifikat__in=sertifikat_ids
        ).values_list("pk", flat=True)
    )
    # Over all of each job's certificates, not only the ones just made: a fresh query, since a
    # count annotated after the filter above would reuse its join and see only those.
    masih = set(
        TugasSertifikat.sertifikat.through.objects.filter(
            tugassertifikat_id__in=tugas_ids, sertifikat__status__in=[Status.PENDING, Status.RENDERING]
        ).values_list("tugassertifikat_id", flat=True)
    )
    TugasSertifikat.objects.filter(pk__in=tugas_ids - masih, status=TugasSertifikat.Status.BERJALAN).update(
        status=TugasSertifikat.Status.SELESAI, selesai_pada=timezone.now(), updated_at=timezone.now()
    )


# Corrections -------------------------------------------------------------------------------------


def sertifikat_reissue(*, sertifikat: Sertifikat, user) -> Sertifikat:
    """Start a corrected version of one certificate; return it (see ``sertifikat_reissue_many``)."""
    return sertifikat_reissue_many(sertifikat_list=[sertifikat], user=user).sertifikat.get()


@transaction.atomic
def sertifikat_reissue_many(*, sertifikat_list: list[Sertifikat], user) -> TugasSertifikat:
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
    angkatan = Angkatan.objects.select_for_update().get(pk=angkatan_ids.pop())
    _pastikan_final(angkatan)
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
    tugas = TugasSertifikat.objects.create(
        angkatan=angkatan, jenis=TugasSertifikat.Jenis.BUAT, dibuat_oleh=user, total=len(baru)
    )
    tugas.sertifikat.set(baru)
    _kirim_render([s.pk for s in baru], tugas_id=tugas.pk)
    return tugas


@transaction.atomic
def sertifikat_revoke_tidak_lulus(*, angkatan: Angkatan, sertifikat_ids: list[int], user, alasan: str) -> int:
    """Revoke, with one published reason, the valid certificates of these holders who no longer passed.

    The ids are those the admin saw listed. Under the angkatan's lock the list is checked again:
    results still final, every holder still not passed, no certificate of another angkatan. Any
    doubt, or a reason unfit to publish, refuses them all. Return how many were revoked.
    """
    from sertifikat.verification import sertifikat_revoke

    angkatan = Angkatan.objects.select_for_update().get(pk=angkatan.pk)
    _pastikan_final(angkatan)
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
