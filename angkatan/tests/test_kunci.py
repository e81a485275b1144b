"""The angkatan lock gives up with a message when someone holds it too long; the guards refuse in words."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from angkatan import kunci
from angkatan.kunci import angkatan_terkunci, pastikan_hasil_belum_final, pastikan_hasil_final
from angkatan.models import Angkatan
from angkatan.services import angkatan_status_advance
from angkatan.tests.factories import AngkatanFactory
from diklat.tests.factories import staf_user


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_write_waiting_too_long_for_the_angkatan_is_told_to_try_again_and_changes_nothing(monkeypatch):
    angkatan = AngkatanFactory(status=Angkatan.Status.DRAFT)
    user = staf_user()
    monkeypatch.setattr(kunci, "BATAS_TUNGGU", "300ms")
    dikunci = threading.Event()
    lepas = threading.Event()

    def tahan() -> None:
        try:
            with transaction.atomic():
                angkatan_terkunci(angkatan)
                dikunci.set()
                lepas.wait(timeout=10)
        finally:
            connection.close()

    penahan = threading.Thread(target=tahan)
    penahan.start()
    try:
        assert dikunci.wait(timeout=10)
        with pytest.raises(ValidationError) as error:
            angkatan_status_advance(angkatan=angkatan, to=Angkatan.Status.OPEN, user=user)
    finally:
        lepas.set()
        penahan.join(timeout=10)

    assert error.value.code == "angkatan_sibuk"
    assert error.value.messages == ["Angkatan ini sedang diubah oleh proses lain. Tunggu sebentar, lalu coba lagi."]
    angkatan.refresh_from_db()
    assert angkatan.status == Angkatan.Status.DRAFT
    # Once the lock is free the same write goes through, and the connection is usable again.
    angkatan_status_advance(angkatan=angkatan, to=Angkatan.Status.OPEN, user=user)
    angkatan.refresh_from_db()
    assert angkatan.status == Angkatan.Status.OPEN


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_lock_puts_back_the_wait_limit_its_caller_had():
    angkatan = AngkatanFactory()

    def batas() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SHOW lock_timeout")
            return cursor.fetchone()[0]

    bawaan = batas()
    with transaction.atomic():
        angkatan_terkunci(angkatan)
        assert batas() == bawaan
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '3s'")
        angkatan_terkunci(angkatan)
        assert batas() == "3s"


@pytest.mark.django_db
def test_final_results_refuse_changes_naming_when_and_who_can_unlock():
    angkatan = AngkatanFactory(
        nilai_dikunci_pada=timezone.make_aware(datetime.datetime(2026, 3, 12, 14, 5), timezone.get_current_timezone())
    )
    with pytest.raises(ValidationError) as error:
        pastikan_hasil_belum_final(angkatan)
    assert error.value.code == "hasil_final"
    assert "sudah difinalisasi; nilai terkunci sejak 12 Maret 2026 14:05" in error.value.messages[0]
    assert "minta admin membuka kunci nilai" in error.value.messages[0]
    pastikan_hasil_final(angkatan)


@pytest.mark.django_db
def test_open_results_refuse_certificates():
    angkatan = AngkatanFactory(nilai_dikunci_pada=None)
    pastikan_hasil_belum_final(angkatan)
    with pytest.raises(ValidationError) as error:
        pastikan_hasil_final(angkatan)
    assert error.value.code == "belum_final"
    assert "belum difinalisasi" in error.value.messages[0]
