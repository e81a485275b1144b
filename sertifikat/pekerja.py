"""What a worker runs for certificates: claim them, render, sign and store them, fail them with why.

The web request starts the work (``sertifikat.services``); the Celery tasks (``sertifikat.tasks``)
call these. Nothing here sends a task, so the tasks can import this module at the top.
"""

import hashlib
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from diklat.models import Tugas
from diklat.surel.services import surel_aman
from diklat.tugas.selectors import batas_basi
from diklat.tugas.services import GALAT_SEMENTARA, berkas_simpan_nama, detak, pesan_galat
from peserta.models import Pendaftaran
from sertifikat import rendering
from sertifikat.data_cetak import data_cetak
from sertifikat.kabar import sertifikat_siap_kabari
from sertifikat.kelengkapan import kekurangan_cetak
from sertifikat.models import Sertifikat, TugasSertifikat, lokasi_berkas_sertifikat
from sertifikat.verification import ringkasan_lupakan

logger = logging.getLogger(__name__)

Status = Sertifikat.Status


# Rendering --------------------------------------------------------------------------------------


def dapat_diklaim(ids: list[int]):
    """Return, locked, the rows among these that are still to be made and that no worker holds.

    Only the certificate rows are locked (``of``, and no ordering that could join another table):
    locking a shared row such as the program would make a second worker skip a whole chunk.
    """
    return (
        Sertifikat.objects.select_for_update(skip_locked=True, of=("self",))
        .order_by()
        .filter(pk__in=ids)
        .filter(
            Q(status__in=[Status.PENDING, Status.FAILED]) | Q(status=Status.RENDERING, updated_at__lt=batas_basi())
        )
    )


def _klaim(ids: list[int]) -> list[int]:
    """Mark the certificates that are still to be made as being made, and return their ids.

    Rows another worker is rendering right now are skipped (their lock, or their fresh status),
    so the same message delivered twice renders each certificate once.
    """
    sekarang = timezone.now()
    with transaction.atomic():
        diklaim = list(dapat_diklaim(ids).values_list("pk", flat=True))
        Sertifikat.objects.filter(pk__in=diklaim).update(status=Status.RENDERING, galat="", updated_at=sekarang)
        if diklaim:
            # Their jobs that were waiting for a worker now run.
            Tugas.objects.filter(
                jenis=TugasSertifikat.Jenis.BUAT, status=Tugas.Status.MENUNGGU, sertifikat__in=diklaim
            ).update(status=Tugas.Status.BERJALAN, diklaim_pada=sekarang, updated_at=sekarang)
    return diklaim


def _gagal(pk: int, error: Exception) -> None:
    pesan = _("Gagal membuat PDF: %(galat)s") % {"galat": pesan_galat(error)}
    Sertifikat.objects.filter(pk=pk, status=Status.RENDERING).update(
        status=Status.FAILED, galat=pesan, updated_at=timezone.now()
    )


def sertifikat_render_fail(*, sertifikat_ids: list[int], pesan: str) -> None:
    """Mark the certificates among these still waiting to be made as failed, with why, and close their jobs.

    For a render task that gave up (its retries spent, no signing key): its certificates would otherwise
    wait for ever. Rows a worker holds are left to that worker.
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
    ready supersedes the older ones; their hashes stay on record. The graduate is e-mailed, once per
    version, after the commit (``sertifikat.kabar``). Return whether it was stored.
    """
    storage = Sertifikat.berkas.field.storage
    sha256 = hashlib.sha256(pdf).hexdigest()
    sertifikat_id = sertifikat.pk
    # A full disk fails this certificate with why, leaving no half file (``berkas_simpan_nama``).
    nama = berkas_simpan_nama(storage, lokasi_berkas_sertifikat(sertifikat, "sertifikat.pdf"), ContentFile(pdf))
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
            # The public pages of this version and of those it replaces say so from the commit on.
            ringkasan_lupakan(pendaftaran_id=sertifikat.pendaftaran_id)
            # The graduate hears of it once this commits; a message that cannot be made keeps the certificate.
            with surel_aman("sertifikat_siap"):
                sertifikat_siap_kabari(sertifikat=sertifikat)
    except GALAT_SEMENTARA:
        # The connection lost, perhaps during the commit itself: whether the row now names this file
        # cannot be known, so the file stays (at worst unreferenced); the retry makes what is missing.
        raise
    except BaseException:
        storage.delete(nama)
        raise
    logger.info("Certificate %s stored as %s", sertifikat_id, nama)
    return True


def sertifikat_render(*, sertifikat_ids: list[int]) -> int:
    """Render, sign and store the certificates still to be made among these; return how many were made.

    A chunk is laid out together; when that fails, each certificate is tried alone so that one
    bad record fails only itself, with its error kept for the job page. Whatever else goes wrong
    after the claim leaves no certificate "being made" for ever: a passing error (the database
    away) hands them back as pending for the task's retry, any other marks them failed, with why.
    """
    # Loaded by the worker when it renders: pyHanko is heavy, and the web processes, which import
    # this module through the tasks, never sign.
    from sertifikat.signing import penanda_tangan_aktif

    # Before the claim: a key that cannot be loaded fails the task without touching any row.
    signer = penanda_tangan_aktif()
    diklaim = _klaim(sertifikat_ids)
    if not diklaim:
        return 0
    try:
        # The claim is renewed while this worker renders, so it ages only if the worker dies.
        with detak(lambda: _detak(diklaim)):
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


def _detak(diklaim: list[int]) -> None:
    Sertifikat.objects.filter(pk__in=diklaim, status=Status.RENDERING).update(updated_at=timezone.now())


def _render_yang_diklaim(diklaim: list[int], *, signer) -> int:
    # pyHanko is loaded by the worker when it signs, not by the web processes (see above).
    from sertifikat.signing import pdf_sign

    dimuat = list(rendering.sertifikat_queryset().filter(pk__in=diklaim).order_by("urut", "versi"))
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
        hasil = rendering.render_batch(daftar, ditandatangani=signer is not None)
    except GALAT_SEMENTARA:
        raise
    except Exception:
        logger.exception("Rendering a chunk of %s certificates failed; trying them one by one", len(daftar))
        hasil = {}
        for sertifikat in daftar:
            try:
                hasil.update(rendering.render_batch([sertifikat], ditandatangani=signer is not None))
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
    """Mark the unfinished jobs over these certificates done once none of theirs is still to be made."""
    tugas_ids = set(
        Tugas.objects.filter(
            jenis=TugasSertifikat.Jenis.BUAT, status__in=Tugas.AKTIF, sertifikat__in=sertifikat_ids
        ).values_list("pk", flat=True)
    )
    # Over all of each job's certificates, not only the ones just made: a fresh query, since a
    # count annotated after the filter above would reuse its join and see only those.
    masih = set(
        Sertifikat.tugas.through.objects.filter(
            tugas_id__in=tugas_ids, sertifikat__status__in=[Status.PENDING, Status.RENDERING]
        ).values_list("tugas_id", flat=True)
    )
    Tugas.objects.filter(pk__in=tugas_ids - masih, status__in=Tugas.AKTIF).update(
        status=Tugas.Status.SELESAI, selesai_pada=timezone.now(), updated_at=timezone.now()
    )
