import datetime

import factory

from angkatan.models import Angkatan, Venue
from diklat.models import Provinsi
from diklat.tests.factories import ProgramFactory


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    nama = factory.Sequence(lambda n: f"Hotel Nusantara {n}")
    alamat = "Jl. Merdeka No. 1"
    kota = "Jakarta"
    provinsi = factory.LazyFunction(lambda: Provinsi.objects.get(kode="31"))
    kapasitas = 100


class AngkatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Angkatan

    program = factory.SubFactory(ProgramFactory)
    nomor = factory.Sequence(lambda n: n + 1)
    tahun = 2022
    tanggal_mulai = datetime.date(2022, 6, 20)
    tanggal_selesai = datetime.date(2022, 6, 24)
    venue = factory.SubFactory(VenueFactory)
    kuota = 30
    # Complete, as a certificate prints it: an angkatan without a signing official cannot make one.
    penandatangan_nama = "Dr. Sugeng Hariyono, M.Si."
    penandatangan_nip = "196608011988031001"
    penandatangan_jabatan = "Kepala Badan Pengembangan Sumber Daya Manusia"
