"""The demo's Angkatan III comes out of `make run` graduated, with its certificates."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from peserta.models import Pendaftaran
from sertifikat.models import Sertifikat

pytestmark = pytest.mark.django_db


def test_angkatan_iii_is_graduated_with_certificates_and_a_second_run_changes_nothing():
    call_command("muat_demo", verbosity=0)
    call_command("muat_demo_sertifikat", verbosity=0)
    lulus = Pendaftaran.objects.filter(angkatan__nomor=3, status=Pendaftaran.Status.LULUS)
    assert lulus.count() == 26
    # Scores spread over the bands, as a real batch would.
    assert set(lulus.values_list("predikat", flat=True)) == {"Sangat Memuaskan", "Memuaskan", "Cukup Memuaskan"}
    sertifikat = Sertifikat.objects.filter(pendaftaran__in=lulus)
    assert sertifikat.count() == sertifikat.filter(status=Sertifikat.Status.READY).count() == 26
    sebelum = sorted(sertifikat.values_list("nomor", "sha256"))

    call_command("muat_demo_sertifikat", verbosity=0)
    assert sorted(Sertifikat.objects.values_list("nomor", "sha256")) == sebelum
    # The other batches are untouched: staff take them through the journey themselves.
    assert set(Pendaftaran.objects.exclude(angkatan__nomor=3).values_list("status", flat=True)) == {
        Pendaftaran.Status.DIUSULKAN
    }


def test_without_the_demo_it_says_what_to_run():
    with pytest.raises(CommandError, match="muat_demo"):
        call_command("muat_demo_sertifikat", verbosity=0)
