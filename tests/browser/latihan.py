"""An angkatan for the browser journeys to take from proposed participants to certificates.

The demo's Angkatan IV is history (finished in June 2022, everyone graduated, results final). The
journeys that verify, score, finalise and certify a batch take this one instead: Angkatan VII of 2022,
as IV stood before it ran (the same dates, hotel, kuota and signing official, the same thirty people
proposed), so they assert what they asserted of IV.
"""

from angkatan.models import Angkatan
from peserta.models import Pendaftaran

NOMOR_LATIHAN = 7


def angkatan_latihan() -> Angkatan:
    """Create Angkatan VII 2022 beside the loaded demo: open, with Angkatan IV's people proposed."""
    iv = Angkatan.objects.get(program__kode="PTSPD", tahun=2022, nomor=4)
    angkatan = Angkatan(
        program=iv.program,
        nomor=NOMOR_LATIHAN,
        tahun=iv.tahun,
        tanggal_mulai=iv.tanggal_mulai,
        tanggal_selesai=iv.tanggal_selesai,
        venue=iv.venue,
        kuota=iv.kuota,
        status=Angkatan.Status.OPEN,
        penandatangan_nama=iv.penandatangan_nama,
        penandatangan_nip=iv.penandatangan_nip,
        penandatangan_jabatan=iv.penandatangan_jabatan,
        penandatangan_atas_nama=iv.penandatangan_atas_nama,
        kota_terbit=iv.kota_terbit,
    )
    angkatan.full_clean()
    angkatan.save()
    for peserta_id in iv.pendaftaran.order_by("pk").values_list("peserta_id", flat=True):
        pendaftaran = Pendaftaran(peserta_id=peserta_id, angkatan=angkatan, status=Pendaftaran.Status.DIUSULKAN)
        pendaftaran.full_clean()
        pendaftaran.save()
    return angkatan
