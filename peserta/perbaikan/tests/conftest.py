"""Participants who check the data their certificate will print, in an angkatan that runs now."""

import pytest

from angkatan.models import Angkatan
from angkatan.tests.factories import AngkatanFactory
from diklat.tests.factories import peserta_user
from peserta.models import Pendaftaran
from peserta.tests.factories import PendaftaranFactory, PesertaFactory


def peserta_dengan_akun(**kwargs):
    peserta = PesertaFactory(**kwargs)
    peserta.user = peserta_user(username=peserta.nip, first_name=peserta.nama)
    peserta.save()
    return peserta


@pytest.fixture
def angkatan(db):
    return AngkatanFactory(nomor=4, status=Angkatan.Status.RUNNING, program__nama="Diklat Penguatan Sekretaris Daerah")


@pytest.fixture
def siti(angkatan):
    """Attending Angkatan IV; her e-mail is known."""
    peserta = peserta_dengan_akun(
        nama="Siti Aminah",
        gelar_depan="Dr.",
        gelar_belakang="S.Sos., M.Si.",
        tempat_lahir="Sukoharjo",
        jabatan="Sekretaris Dinas Kesehatan",
        email="siti.aminah@contoh.go.id",
    )
    return PendaftaranFactory(peserta=peserta, angkatan=angkatan, status=Pendaftaran.Status.MENGIKUTI)


@pytest.fixture
def budi(angkatan):
    """Another participant of the same angkatan, with an account of his own."""
    peserta = peserta_dengan_akun(nama="Budi Santoso", gelar_belakang="S.E.", email="budi@contoh.go.id")
    return PendaftaranFactory(peserta=peserta, angkatan=angkatan, status=Pendaftaran.Status.MENGIKUTI)
