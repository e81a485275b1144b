import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from angkatan.tests.factories import AngkatanFactory
from diklat.tests.factories import ProgramFactory
from peserta.models import Pendaftaran
from peserta.tests.factories import PendaftaranFactory
from sertifikat.models import PenomoranSertifikat, Sertifikat
from sertifikat.numbering import certificate_numbers_take
from sertifikat.services import sertifikat_issue

Status = Pendaftaran.Status


@pytest.mark.django_db
def test_numbers_follow_the_program_pattern_and_count_per_program_and_year():
    program = ProgramFactory(kode="PTSPD")
    iii = AngkatanFactory(program=program, nomor=3, tahun=2022)
    iv = AngkatanFactory(program=program, nomor=4, tahun=2022)
    tahun_depan = AngkatanFactory(program=program, nomor=1, tahun=2023)

    nomor = [
        sertifikat_issue(pendaftaran=PendaftaranFactory(angkatan=a, status=Status.LULUS)).nomor
        for a in (iii, iii, iv, tahun_depan)
    ]

    assert nomor == [
        "0001/STTP/PTSPD-III/BPSDM/2022",
        "0002/STTP/PTSPD-III/BPSDM/2022",
        "0003/STTP/PTSPD-IV/BPSDM/2022",
        "0001/STTP/PTSPD-I/BPSDM/2023",
    ]


@pytest.mark.django_db
def test_issuing_twice_gives_the_same_certificate_and_number():
    pendaftaran = PendaftaranFactory(status=Status.LULUS)
    first = sertifikat_issue(pendaftaran=pendaftaran)
    again = sertifikat_issue(pendaftaran=pendaftaran)
    assert again.pk == first.pk and again.nomor == first.nomor
    assert Sertifikat.objects.count() == 1
    assert len(first.kode_verifikasi) >= 22  # 128 random bits, never the number or the NIP
    assert pendaftaran.peserta.nip not in first.kode_verifikasi


@pytest.mark.django_db
def test_only_graduates_get_a_number_and_a_refusal_uses_none():
    pendaftaran = PendaftaranFactory(status=Status.MENGIKUTI)
    with pytest.raises(ValidationError, match="hanya untuk peserta yang lulus"):
        sertifikat_issue(pendaftaran=pendaftaran)
    graduate = PendaftaranFactory(angkatan=pendaftaran.angkatan, status=Status.LULUS)
    assert sertifikat_issue(pendaftaran=graduate).urut == 1


@pytest.mark.django_db
def test_a_failed_transaction_gives_its_number_back():
    angkatan = AngkatanFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        certificate_numbers_take(angkatan=angkatan, jumlah=1)
        raise RuntimeError("render failed")
    assert sertifikat_issue(pendaftaran=PendaftaranFactory(angkatan=angkatan, status=Status.LULUS)).urut == 1


@pytest.mark.django_db
def test_the_database_refuses_a_number_twice():
    sertifikat = sertifikat_issue(pendaftaran=PendaftaranFactory(status=Status.LULUS))
    other = PendaftaranFactory(angkatan=sertifikat.pendaftaran.angkatan, status=Status.LULUS)
    with pytest.raises(IntegrityError), transaction.atomic():
        Sertifikat.objects.create(
            pendaftaran=other,
            program=sertifikat.program,
            tahun=sertifikat.tahun,
            urut=sertifikat.urut,
            nomor=sertifikat.nomor,
        )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_workers_never_share_or_skip_a_number():
    angkatan = AngkatanFactory()
    graduates = PendaftaranFactory.create_batch(40, angkatan=angkatan, status=Status.LULUS)
    barrier = threading.Barrier(4)
    errors = []

    def worker(batch):
        try:
            barrier.wait(timeout=10)
            for pendaftaran in batch:
                sertifikat_issue(pendaftaran=pendaftaran)
                sertifikat_issue(pendaftaran=pendaftaran)  # a retried job issues nothing twice
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(graduates[i::4],)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors
    urut = sorted(Sertifikat.objects.values_list("urut", flat=True))
    assert urut == list(range(1, 41))
    assert PenomoranSertifikat.objects.get().terakhir == 40


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_counter_lock_alone_keeps_concurrent_numbers_apart():
    """Taken straight from the counter, as a render job does, with nothing else to serialise the workers."""
    angkatan = AngkatanFactory()
    barrier = threading.Barrier(4)
    taken, errors = [], []

    def worker():
        try:
            barrier.wait(timeout=10)
            for _ in range(40):
                with transaction.atomic():
                    taken.append(certificate_numbers_take(angkatan=angkatan, jumlah=1)[0].urut)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors
    assert sorted(taken) == list(range(1, 161))
