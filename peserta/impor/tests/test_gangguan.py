"""An import cut off by the database restarting half way is all or nothing, on the real PostgreSQL."""

import psycopg
import pytest
from django.db import connection

from diklat.tests.test_worker import worker_database_url
from peserta.impor.tests.test_services import buat_xlsx, orang
from peserta.impor.tests.test_views import angkatan, konfirmasi, sesi_terakhir, unggah  # noqa: F401 (a fixture)
from peserta.models import Pendaftaran, Peserta, SesiImpor

# Committed rows, so that another connection can cut this one off as a restart of PostgreSQL does.
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.gangguan,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_import_cut_off_by_the_database_half_way_keeps_nothing_and_goes_through_when_confirmed_again(
    staf_client,
    angkatan,  # noqa: F811 (the fixture imported above)
    monkeypatch,
):
    unggah(staf_client, angkatan, buat_xlsx([orang(i) for i in range(12)]))
    sesi = sesi_terakhir()
    simpan = Peserta.objects.bulk_create

    def simpan_lalu_putus(*args, **kwargs):
        hasil = simpan(*args, **kwargs)  # the new people are written in the import's transaction…
        with psycopg.connect(worker_database_url(), autocommit=True) as lain:  # …and then the server goes away
            lain.execute("SELECT pg_terminate_backend(%s)", [connection.connection.info.backend_pid])
        return hasil

    monkeypatch.setattr(Peserta.objects, "bulk_create", simpan_lalu_putus)
    response = konfirmasi(staf_client, sesi)

    assert response.status_code == 200
    assert "Basis data tidak menjawab saat impor berjalan, jadi tidak ada satu baris pun yang disimpan" in (
        response.content.decode()
    )
    assert not Peserta.objects.exists() and not Pendaftaran.objects.exists()
    assert SesiImpor.objects.get(pk=sesi.pk).status == SesiImpor.Status.PRATINJAU

    monkeypatch.undo()
    response = konfirmasi(staf_client, sesi)

    assert "Impor selesai: 12 peserta baru" in response.content.decode()
    assert Pendaftaran.objects.filter(angkatan=angkatan).count() == 12
