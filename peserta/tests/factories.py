import random
from datetime import date, timedelta

import factory

from angkatan.tests.factories import AngkatanFactory
from diklat.models import KabupatenKota, PangkatGolongan, Provinsi
from diklat.nip import parse_nip
from peserta.demo.isi import buat_nip, email_untuk, nama_acak
from peserta.models import KategoriJabatan, Pendaftaran, Peserta

# Factory NIPs use TMT month 07, which the demo data never does, so the two never collide.
_TMT_BULAN = 7
_LAHIR_AWAL = date(1970, 1, 1)


def nip_ke(n: int) -> str:
    """Return the n-th factory NIP (n from 0): sequence 001–999, then the next birth date; valid and unique."""
    tanggal_lahir = _LAHIR_AWAL + timedelta(days=n // 999)
    jenis_kelamin = "L" if n % 2 == 0 else "P"
    return buat_nip(tanggal_lahir, tanggal_lahir.year + 25, _TMT_BULAN, jenis_kelamin, n % 999 + 1)


def _nama(peserta, n: int) -> str:
    return nama_acak(random.Random(n), peserta.provinsi.kode, parse_nip(peserta.nip).jenis_kelamin)


class PesertaFactory(factory.django.DjangoModelFactory):
    """A Sekretaris Dinas Kesehatan of Kabupaten Banyumas; override what a test cares about."""

    class Meta:
        model = Peserta

    nip = factory.Sequence(nip_ke)
    nama = factory.LazyAttributeSequence(_nama)
    gelar_depan = ""
    gelar_belakang = "S.KM., M.Kes."
    tempat_lahir = "Purwokerto"
    tanggal_lahir = factory.LazyAttribute(lambda o: parse_nip(o.nip).tanggal_lahir)
    pangkat = factory.LazyFunction(lambda: PangkatGolongan.objects.get(golongan="III/d"))
    jabatan = "Sekretaris Dinas Kesehatan"
    kategori_jabatan = KategoriJabatan.SEKRETARIS_DINAS
    kabupaten_kota = factory.LazyFunction(lambda: KabupatenKota.objects.get(kode="33.02"))
    # PesertaFactory(kabupaten_kota=None) gives someone of the provincial government of Jawa Tengah.
    provinsi = factory.LazyAttribute(
        lambda o: o.kabupaten_kota.provinsi if o.kabupaten_kota else Provinsi.objects.get(kode="33")
    )
    instansi = factory.LazyAttribute(
        lambda o: f"Dinas Kesehatan {o.kabupaten_kota.nama if o.kabupaten_kota else f'Provinsi {o.provinsi.nama}'}"
    )
    email = factory.LazyAttribute(lambda o: email_untuk(o.nama, o.tanggal_lahir))
    telepon = "+6281234567890"


class PendaftaranFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pendaftaran

    peserta = factory.SubFactory(PesertaFactory)
    angkatan = factory.SubFactory(AngkatanFactory)
    status = Pendaftaran.Status.DIUSULKAN
