"""``diklat.jejak`` writes audit entries in the shape django-auditlog itself gives them.

The bulk writes of imports and score grids rely on it: the admin's audit trail and the
person's history page read those entries beside auditlog's own. If an upgrade of auditlog
changes what an entry holds, these tests fail before the history pages go wrong.
"""

import pytest
from auditlog.context import set_actor
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from auditlog.registry import auditlog

from diklat.jejak import Aksi, entri_jejak, jejak_sebagai, jejak_simpan
from diklat.models import Program
from diklat.tests.factories import ProgramFactory, staf_user

pytestmark = pytest.mark.django_db

KOLOM = [
    "content_type",
    "object_pk",
    "object_id",
    "object_repr",
    "serialized_data",
    "action",
    "changes",
    "changes_text",
    "actor",
    "actor_email",
    "cid",
    "remote_addr",
    "remote_port",
    "additional_data",
]


@pytest.fixture
def program_diawasi():
    """A Program registered with auditlog for the test, as the house registers its own models."""
    auditlog.register(Program, exclude_fields=["created_at", "updated_at"])
    try:
        yield ProgramFactory()
    finally:
        auditlog.unregister(Program)


def _isi(entry: LogEntry) -> dict:
    return {kolom: getattr(entry, kolom) for kolom in KOLOM}


def test_an_entry_built_here_matches_the_one_auditlog_writes_for_the_same_save(program_diawasi):
    user = staf_user(email="staf@bpsdm.example")
    sebelum = Program.objects.get(pk=program_diawasi.pk)
    program_diawasi.refresh_from_db()
    program_diawasi.nama = "Pelatihan Kepemimpinan Administrator"

    with set_actor(user, remote_addr="10.1.2.3", remote_port=443):
        program_diawasi.save()
        dibuat_sendiri = entri_jejak(
            program_diawasi, aksi=Aksi.UPDATE, perubahan=model_instance_diff(sebelum, program_diawasi), user=user
        )
        (tertulis,) = jejak_simpan([dibuat_sendiri])

    dari_auditlog = (
        LogEntry.objects.get_for_object(program_diawasi).filter(action=Aksi.UPDATE).exclude(pk=tertulis.pk).get()
    )
    assert _isi(dari_auditlog)["changes"] == {"nama": [sebelum.nama, "Pelatihan Kepemimpinan Administrator"]}
    tertulis.refresh_from_db()
    assert _isi(tertulis) == _isi(dari_auditlog)


def test_a_context_of_someone_else_lends_neither_actor_nor_address(program_diawasi):
    with set_actor(staf_user(), remote_addr="10.9.9.9"):
        tanpa_user = entri_jejak(program_diawasi, aksi=Aksi.CREATE, perubahan=None)
        orang_lain = entri_jejak(program_diawasi, aksi=Aksi.CREATE, perubahan=None, user=staf_user())
    assert (tanpa_user.actor, tanpa_user.remote_addr) == (None, None)
    assert orang_lain.remote_addr is None


def test_jejak_sebagai_names_the_actor_and_puts_the_request_context_back(program_diawasi):
    pertama, kedua = staf_user(), staf_user()
    with set_actor(pertama):
        with jejak_sebagai(kedua):
            program_diawasi.nama = "Diubah oleh yang kedua"
            program_diawasi.save()
        program_diawasi.nama = "Diubah oleh yang pertama"
        program_diawasi.save()
    terbaru, sebelumnya = LogEntry.objects.get_for_object(program_diawasi).order_by("-pk")[:2]
    assert sebelumnya.actor == kedua
    assert terbaru.actor == pertama


def test_a_model_asking_for_serialised_rows_is_refused_rather_than_logged_without_them():
    auditlog.register(Program, serialize_data=True)
    try:
        with pytest.raises(NotImplementedError):
            entri_jejak(ProgramFactory(), aksi=Aksi.CREATE, perubahan=None)
    finally:
        auditlog.unregister(Program)
