"""The demo's 2022 batches come out of `make run` graduated, with their certificates."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from angkatan.models import Angkatan
from peserta.models import Pendaftaran
from sertifikat.models import Sertifikat

pytestmark = pytest.mark.django_db


def test_angkatan_iii_iv_and_v_are_graduated_with_certificates_and_a_second_run_changes_nothing():
    call_command("muat_demo", verbosity=0)
    call_command("muat_demo_sertifikat", verbosity=0)

    for nomor, jumlah in [(3, 26), (4, 30), (5, 30)]:
        angkatan = Angkatan.objects.get(program__kode="PTSPD", tahun=2022, nomor=nomor)
        lulus = Pendaftaran.objects.filter(angkatan=angkatan, status=Pendaftaran.Status.LULUS)
        assert angkatan.status == Angkatan.Status.FINISHED
        assert angkatan.nilai_dikunci_pada is not None
        assert lulus.count() == angkatan.pendaftaran.count() == jumlah
        # Scores spread over the bands, as a real batch would.
        assert set(lulus.values_list("predikat", flat=True)) == {"Sangat Memuaskan", "Memuaskan", "Cukup Memuaskan"}
        sertifikat = Sertifikat.objects.filter(pendaftaran__in=lulus)
        assert sertifikat.count() == sertifikat.filter(status=Sertifikat.Status.READY).count() == jumlah
        assert {s.nomor.split("/")[2] for s in sertifikat} == {f"PTSPD-{angkatan.nomor_romawi}"}
        # Printed with the batch's own date of issue, whatever the day the demo was loaded.
        assert {s.data_cetak["tanggal_terbit"] for s in sertifikat} == {f"{angkatan.tanggal_selesai:%Y-%m-%d}"}
    sebelum = sorted(Sertifikat.objects.values_list("nomor", "sha256"))

    call_command("muat_demo_sertifikat", verbosity=0)
    assert sorted(Sertifikat.objects.values_list("nomor", "sha256")) == sebelum
    # The batch running now is the staff's to take further: no results, no certificates.
    berjalan = Angkatan.objects.get(program__kode="PTSPD", nomor=6)
    assert berjalan.status == Angkatan.Status.RUNNING
    assert not Sertifikat.objects.filter(pendaftaran__angkatan=berjalan).exists()


def test_without_the_demo_it_says_what_to_run():
    with pytest.raises(CommandError, match="muat_demo"):
        call_command("muat_demo_sertifikat", verbosity=0)
