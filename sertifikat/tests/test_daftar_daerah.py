"""From a regional list to printed certificates: what the list lacks is asked for by name, then printed."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from diklat.tests.factories import staf_user
from peserta.data.services import peserta_update
from peserta.impor.services import sesi_impor_confirm, sesi_impor_create, sesi_impor_plan
from peserta.impor.tests.berkas_daerah import NIP_BAIK, NIP_RINA, daftar_berantakan
from peserta.models import Pendaftaran, Peserta
from sertifikat import services
from sertifikat.models import Sertifikat

pytestmark = pytest.mark.django_db


def test_a_messy_regional_list_is_imported_then_printed_once_its_people_are_complete(
    angkatan_lulus, eager, django_capture_on_commit_callbacks
):
    staf = staf_user()
    sesi = sesi_impor_create(angkatan=angkatan_lulus, user=staf, nama_berkas="usulan.xlsx", isi=daftar_berantakan())
    sesi_impor_confirm(sesi=sesi, user=staf, sidik=sesi_impor_plan(sesi).sidik)

    # The good rows are enrolled; none of them has a place of birth, and Rina has no jabatan either.
    orang = Peserta.objects.filter(nip__in=NIP_BAIK)
    assert orang.count() == 5
    assert set(Peserta.objects.belum_lengkap().values_list("nip", flat=True)) == set(NIP_BAIK)
    assert Peserta.objects.get(nip=NIP_RINA).data_cetak_kurang == ["tempat lahir", "jabatan"]

    # They train and graduate.
    Pendaftaran.objects.filter(angkatan=angkatan_lulus).update(
        status=Pendaftaran.Status.LULUS, predikat="Memuaskan", nilai_akhir=85
    )
    angkatan_lulus.nilai_dikunci_pada = timezone.now()
    angkatan_lulus.save()

    with pytest.raises(ValidationError) as error:
        services.tugas_buat_start(angkatan=angkatan_lulus, user=staf)
    pesan = " ".join(error.value.messages)
    assert "Data 5 peserta belum lengkap" in pesan
    assert "Rina Kusumawati, S.Sos. (tempat lahir, jabatan)" in pesan
    assert "Sri Wahyuni, S.E. (tempat lahir)" in pesan
    assert not Sertifikat.objects.exists()

    for p in orang:
        data = {"tempat_lahir": "Surakarta"}
        if p.nip == NIP_RINA:
            data["jabatan"] = "Sekretaris Daerah Kabupaten Boyolali"
        peserta_update(peserta=p, data=data, user=staf)

    with django_capture_on_commit_callbacks(execute=True):
        services.tugas_buat_start(angkatan=angkatan_lulus, user=staf)

    sertifikat = Sertifikat.objects.filter(pendaftaran__angkatan=angkatan_lulus)
    assert sertifikat.count() == 5
    assert {s.status for s in sertifikat} == {Sertifikat.Status.READY}
