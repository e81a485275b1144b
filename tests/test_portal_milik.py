"""Every portal address answers 404 to a participant who names another's enrolment or certificate.

The walk covers each URL of the participant's pages that takes an id, so a new one is checked as soon
as it exists: a parameter this test does not know how to fill fails it, rather than going untested.
"""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from angkatan.models import Angkatan
from angkatan.tests.factories import AngkatanFactory
from diklat.tests.factories import peserta_user
from peserta.models import Pendaftaran
from peserta.tests.factories import PendaftaranFactory, PesertaFactory
from sertifikat.models import Sertifikat
from sertifikat.services import sertifikat_issue
from tests.test_akses import BUKAN_HALAMAN_STAF, HALAMAN

pytestmark = pytest.mark.django_db

# Not a participant's own: a one-time link (its own tests) and the public verification pages, which
# anyone may open by a certificate's code.
TANPA_ID_ORANG = {"peserta:aktivasi", "sertifikat:verifikasi", "sertifikat:verifikasi-lain"}
# The participant's pages that name something of theirs, and what each id in them stands for.
HALAMAN_MILIK = [
    (nama, pola)
    for nama, pola in HALAMAN
    if BUKAN_HALAMAN_STAF.match(nama) and pola.pattern.converters and nama not in TANPA_ID_ORANG
]
ISI = {"pk": "pendaftaran"}
ISI_KHUSUS = {"sertifikat:unduh": {"pk": "sertifikat"}}


def _orang(nama: str) -> dict:
    peserta = PesertaFactory(nama=nama)
    peserta.user = peserta_user(username=peserta.nip)
    peserta.save()
    angkatan = AngkatanFactory(status=Angkatan.Status.RUNNING, nilai_dikunci_pada=timezone.now())
    pendaftaran = PendaftaranFactory(
        peserta=peserta, angkatan=angkatan, status=Pendaftaran.Status.LULUS, predikat="Memuaskan"
    )
    sertifikat = sertifikat_issue(pendaftaran=pendaftaran)
    sertifikat.berkas.save("s.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
    sertifikat.status = Sertifikat.Status.READY
    sertifikat.save()
    return {"user": peserta.user, "pendaftaran": pendaftaran.pk, "sertifikat": sertifikat.pk}


def test_the_walk_finds_the_portal_pages_that_take_an_id():
    nama = {n for n, _ in HALAMAN_MILIK}
    assert {"peserta:portal-pelatihan", "peserta:portal-data", "peserta:portal-data-perbaikan"} <= nama
    assert "sertifikat:unduh" in nama
    # What is left out exists: a renamed page would otherwise slip out of the walk unnoticed.
    assert TANPA_ID_ORANG <= {n for n, _ in HALAMAN}


@pytest.mark.parametrize("nama, pola", HALAMAN_MILIK, ids=[n for n, _ in HALAMAN_MILIK])
def test_another_participants_id_is_a_404_like_a_missing_one(client, nama, pola):
    isi = ISI_KHUSUS.get(nama, ISI)
    assert set(pola.pattern.converters) <= set(isi), f"{nama}: say what its parameters stand for"
    budi, sari = _orang("Budi Santoso"), _orang("Sari Rahayu")

    client.force_login(sari["user"])
    milik_sendiri = reverse(nama, kwargs={k: sari[isi[k]] for k in pola.pattern.converters})
    milik_budi = reverse(nama, kwargs={k: budi[isi[k]] for k in pola.pattern.converters})
    tidak_ada = reverse(nama, kwargs=dict.fromkeys(pola.pattern.converters, 10**9))

    assert client.get(milik_sendiri).status_code in (200, 302)
    jawaban = {
        alamat: (client.get(alamat), client.post(alamat, {"email": "x@y.id", "nama": "Diubah"}))
        for alamat in (milik_budi, tidak_ada)
    }
    for get, post in jawaban.values():
        assert get.status_code == 404
        # A page that takes no POST says so (405) for every id alike; one that does finds nothing.
        assert post.status_code in (404, 405)
        assert "Budi Santoso" not in get.content.decode() + post.content.decode()
    assert jawaban[milik_budi][1].status_code == jawaban[tidak_ada][1].status_code
