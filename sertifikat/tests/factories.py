import hashlib

import factory
from django.utils import timezone

from diklat.models import Tugas
from peserta.models import Pendaftaran
from peserta.tests.factories import PendaftaranFactory
from sertifikat.models import Sertifikat, TugasSertifikat


class SertifikatFactory(factory.django.DjangoModelFactory):
    """An issued (ready) certificate of a graduate; its "file" is ``isi``, whose SHA-256 it records.

    ``SertifikatFactory(isi=b"%PDF-...")`` sets the bytes that verify; ``dicabut=True`` and
    ``diganti=True`` give a revoked and a replaced one. A new version of the same certificate:
    ``SertifikatFactory(pendaftaran=lama.pendaftaran, versi=2, urut=lama.urut, nomor=lama.nomor)``.
    """

    class Meta:
        model = Sertifikat

    class Params:
        isi = factory.Sequence(lambda n: b"%PDF-1.7\n% sertifikat uji " + str(n).encode() + b"\n%%EOF\n")
        dicabut = factory.Trait(
            status=Sertifikat.Status.REVOKED,
            alasan_pencabutan="Data peserta keliru.",
            dicabut_pada=factory.LazyFunction(timezone.now),
        )
        diganti = factory.Trait(status=Sertifikat.Status.REPLACED)

    pendaftaran = factory.SubFactory(PendaftaranFactory, status=Pendaftaran.Status.LULUS, predikat="Memuaskan")
    versi = 1
    program = factory.LazyAttribute(lambda o: o.pendaftaran.angkatan.program)
    tahun = factory.LazyAttribute(lambda o: o.pendaftaran.angkatan.tahun)
    urut = factory.Sequence(lambda n: n + 1)
    nomor = factory.LazyAttribute(
        lambda o: f"{o.urut:04d}/STTP/{o.program.kode}-{o.pendaftaran.angkatan.nomor_romawi}/BPSDM/{o.tahun}"
    )
    status = Sertifikat.Status.READY
    sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.isi).hexdigest())
    diterbitkan_pada = factory.LazyFunction(timezone.now)


def tugas_sertifikat(*, angkatan, jenis: str, **kolom) -> Tugas:
    """Return a certificate job of the angkatan (the site's job with its certificate part), fields as given."""
    tugas = Tugas.objects.create(jenis=jenis, **kolom)
    TugasSertifikat.objects.create(tugas=tugas, angkatan=angkatan)
    return tugas
