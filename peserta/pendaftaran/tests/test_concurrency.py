"""Enrolments racing for the last place, in real concurrent transactions on PostgreSQL."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from angkatan.tests.factories import AngkatanFactory
from diklat.tests.factories import staf_user
from peserta.models import Pendaftaran, Peserta
from peserta.pendaftaran.services import pendaftaran_enrol
from peserta.pendaftaran.tests.test_services import data_baru
from peserta.tests.factories import PendaftaranFactory, nip_ke

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def enrol_at_once(angkatan, nips: list[str], user) -> list[object]:
    """Enrol each NIP from its own thread (and so its own connection), all released by one barrier."""
    barrier = threading.Barrier(len(nips))
    hasil: list[object] = [None] * len(nips)
    # Model instances are read here, in the test's thread, so every thread sends the same data.
    data = data_baru()

    def enrol(i: int, nip: str) -> None:
        try:
            barrier.wait(timeout=10)
            hasil[i] = pendaftaran_enrol(angkatan=angkatan, nip=nip, data=data, user=user)
        except Exception as error:  # noqa: BLE001 - a refusal or a crash, reported by the test, not lost
            hasil[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=enrol, args=(i, nip)) for i, nip in enumerate(nips)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "an enrolment hung"
    return hasil


def test_two_people_enrolled_into_the_last_place_at_once_do_not_overfill_the_angkatan():
    angkatan = AngkatanFactory(kuota=3)
    PendaftaranFactory.create_batch(2, angkatan=angkatan)
    nips = [nip_ke(5000), nip_ke(5001)]

    hasil = enrol_at_once(angkatan, nips, staf_user())

    berhasil = [nip for nip, r in zip(nips, hasil, strict=True) if isinstance(r, Pendaftaran)]
    ditolak = [r for r in hasil if isinstance(r, ValidationError)]
    assert len(berhasil) == 1, hasil
    assert len(ditolak) == 1, hasil
    assert ditolak[0].code == "kuota_penuh"
    assert ditolak[0].messages == ["Kuota angkatan sudah penuh (3 orang); tidak ada tempat lagi."]
    assert Pendaftaran.objects.filter(angkatan=angkatan).count() == angkatan.kuota
    # The refused person was not stored either: the refusal rolled back their whole enrolment.
    assert set(Peserta.objects.filter(nip__in=nips).values_list("nip", flat=True)) == set(berhasil)


def test_many_people_racing_for_few_places_fill_exactly_the_kuota():
    angkatan = AngkatanFactory(kuota=5)
    PendaftaranFactory.create_batch(2, angkatan=angkatan)
    nips = [nip_ke(6000 + i) for i in range(8)]

    hasil = enrol_at_once(angkatan, nips, staf_user())

    assert sum(isinstance(r, Pendaftaran) for r in hasil) == 3, hasil
    assert [r.code for r in hasil if not isinstance(r, Pendaftaran)] == ["kuota_penuh"] * 5, hasil
    assert Pendaftaran.objects.filter(angkatan=angkatan).count() == 5


def test_the_same_new_person_enrolled_twice_at_once_is_stored_once():
    angkatan = AngkatanFactory(kuota=10)
    nip = nip_ke(7000)

    hasil = enrol_at_once(angkatan, [nip, nip], staf_user())

    assert sum(isinstance(r, Pendaftaran) for r in hasil) == 1, hasil
    refused = next(r for r in hasil if not isinstance(r, Pendaftaran))
    assert isinstance(refused, ValidationError), refused
    assert refused.code == "sudah_terdaftar"
    assert Peserta.objects.filter(nip=nip).count() == 1
    assert Pendaftaran.objects.filter(angkatan=angkatan).count() == 1
