"""What certificates add to the statistics page: how many were issued, are valid, were revoked or replaced
(a receiver of ``diklat.signals.angka_statistik``, connected in ``SertifikatConfig.ready``)."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from peserta.statistik.angka import Angka, BagianAngka
from sertifikat.models import Sertifikat

Status = Sertifikat.Status
IZIN = ("sertifikat.view_sertifikat",)
# Made and handed out at some time: valid now, revoked since, or superseded by a corrected version.
STATUS_TERBIT = (Status.READY, Status.REVOKED, Status.REPLACED)


def angka_sertifikat(sender, *, tahun, request, **kwargs) -> list[BagianAngka]:
    """Count the certificates of the angkatan of ``tahun`` (of all, when None) in one query.

    *Diterbitkan* counts each certificate number once, by its first version (a corrected re-issue keeps the
    number); *diganti* counts the versions that a re-issue superseded.
    """
    if not request.user.has_perms(IZIN):
        return []
    sertifikat = Sertifikat.objects.all()
    if tahun is not None:
        sertifikat = sertifikat.filter(pendaftaran__angkatan__tahun=tahun)
    jumlah = sertifikat.aggregate(
        terbit=Count("pk", filter=Q(versi=1, status__in=STATUS_TERBIT)),
        berlaku=Count("pk", filter=Q(status=Status.READY)),
        dicabut=Count("pk", filter=Q(status=Status.REVOKED)),
        diganti=Count("pk", filter=Q(status=Status.REPLACED)),
    )
    return [
        BagianAngka(
            kunci="sertifikat",
            judul=_("Sertifikat"),
            urutan=20,
            angka=[
                Angka(
                    "sertifikat_terbit",
                    _("Diterbitkan"),
                    jumlah["terbit"],
                    keterangan=_("nomor sertifikat; terbitan ulang tidak dihitung lagi"),
                ),
                Angka("sertifikat_berlaku", _("Berlaku"), jumlah["berlaku"], dari=jumlah["terbit"]),
                Angka("sertifikat_dicabut", _("Dicabut"), jumlah["dicabut"], dari=jumlah["terbit"]),
                Angka(
                    "sertifikat_diganti",
                    _("Diganti"),
                    jumlah["diganti"],
                    keterangan=_("versi lama yang digantikan terbitan ulang yang dikoreksi"),
                ),
            ],
        )
    ]
