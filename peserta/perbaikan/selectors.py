"""Reads of the participant's check of their printed data: per enrolment, per angkatan, and before printing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from angkatan.models import Angkatan
from diklat.signals import pendaftaran_bersertifikat
from peserta.data.cetak import BarisCetak, blok_data_cetak, blok_nilai, blok_sidik
from peserta.models import KonfirmasiDataCetak, Pendaftaran, PermintaanPerbaikanData, Peserta

Status = Pendaftaran.Status
StatusPermintaan = PermintaanPerbaikanData.Status

# The enrolments whose data block is checked: those who will (or may) get a certificate.
STATUS_PERIKSA = (Status.DIVERIFIKASI, Status.MENGIKUTI, Status.LULUS)


def pendaftaran_bersertifikat_ids(pendaftaran_ids: Iterable[int]) -> set[int]:
    """Return those of the enrolments that have a certificate in any state, as the floor above knows it."""
    ids = {int(pk) for pk in pendaftaran_ids}
    if not ids:
        return set()
    hasil: set[int] = set()
    for _receiver, jawaban in pendaftaran_bersertifikat.send(sender=Pendaftaran, pendaftaran_ids=ids):
        hasil |= set(jawaban or ()) & ids
    return hasil


@dataclass
class PeriksaData:
    """One enrolment's check of the printed data: the block as it prints now, the confirmation, the requests."""

    pendaftaran: Pendaftaran
    blok: list[BarisCetak]
    konfirmasi: KonfirmasiDataCetak | None = None
    # Newest first.
    permintaan: list[PermintaanPerbaikanData] = field(default_factory=list)
    bersertifikat: bool = False

    @property
    def peserta(self) -> Peserta:
        return self.pendaftaran.peserta

    @property
    def sidik(self) -> str:
        return blok_sidik(self.blok)

    @property
    def permintaan_terbuka(self) -> PermintaanPerbaikanData | None:
        return next((p for p in self.permintaan if p.terbuka), None)

    @property
    def dikonfirmasi(self) -> bool:
        """Whether the participant confirmed exactly the block printed now."""
        return self.konfirmasi is not None and self.konfirmasi.blok == blok_nilai(self.blok)

    @property
    def berubah_sejak_konfirmasi(self) -> bool:
        """Whether the participant confirmed an earlier block: their data changed since, so they are asked again."""
        return self.konfirmasi is not None and not self.dikonfirmasi

    @property
    def alasan_tutup(self) -> str:
        """Say why the check is closed: ``"sertifikat"`` (made already), ``"status"`` (not or no longer enrolled)."""
        if self.bersertifikat:
            return "sertifikat"
        if self.pendaftaran.status not in STATUS_PERIKSA:
            return "status"
        return ""

    @property
    def dapat_diperiksa(self) -> bool:
        return not self.alasan_tutup

    @property
    def keadaan(self) -> str:
        """Return ``"permintaan_terbuka"``, ``"dikonfirmasi"`` or ``"belum_dikonfirmasi"``."""
        if self.permintaan_terbuka is not None:
            return "permintaan_terbuka"
        if self.dikonfirmasi:
            return "dikonfirmasi"
        return "belum_dikonfirmasi"


def _peserta_dengan_pangkat(pendaftaran_list: list[Pendaftaran]) -> dict[int, Peserta]:
    """Return each person with their rank loaded: from the enrolments when loaded so, else in one query."""
    orang: dict[int, Peserta] = {}
    kurang = set()
    for p in pendaftaran_list:
        peserta = p.peserta
        if peserta.pangkat_id is None or Peserta.pangkat.is_cached(peserta):
            orang.setdefault(p.peserta_id, peserta)
        else:
            kurang.add(p.peserta_id)
    kurang -= set(orang)
    if kurang:
        orang.update(Peserta.objects.select_related("pangkat").in_bulk(kurang))
    return orang


def periksa_data_banyak(
    pendaftaran_list: Iterable[Pendaftaran], *, dengan_sertifikat: bool = True, hanya_terbuka: bool = False
) -> dict[int, PeriksaData]:
    """Return, by enrolment pk, the check of each enrolment's printed data, in a fixed number of queries.

    The enrolments come with their ``peserta`` (its ``pangkat`` loaded saves a query). Whether each has a
    certificate is asked of the floor above (``diklat.signals.pendaftaran_bersertifikat``) unless
    ``dengan_sertifikat`` is false (the warnings before printing, which hold whatever the certificate).
    ``hanya_terbuka`` leaves out the enrolments whose check is closed (``dapat_diperiksa`` false), and does
    not read their confirmations and requests: the portal's home, which shows the open checks only.
    """
    pendaftaran_list = list(pendaftaran_list)
    if hanya_terbuka:
        pendaftaran_list = [p for p in pendaftaran_list if p.status in STATUS_PERIKSA]
    if not pendaftaran_list:
        return {}
    bersertifikat = pendaftaran_bersertifikat_ids([p.pk for p in pendaftaran_list]) if dengan_sertifikat else set()
    if hanya_terbuka:
        pendaftaran_list = [p for p in pendaftaran_list if p.pk not in bersertifikat]
        if not pendaftaran_list:
            return {}
    ids = [p.pk for p in pendaftaran_list]
    orang = _peserta_dengan_pangkat(pendaftaran_list)
    konfirmasi = {k.pendaftaran_id: k for k in KonfirmasiDataCetak.objects.filter(pendaftaran_id__in=ids)}
    permintaan: dict[int, list[PermintaanPerbaikanData]] = {}
    for satu in (
        PermintaanPerbaikanData.objects.filter(pendaftaran_id__in=ids)
        .select_related("diputus_oleh")
        .order_by("-created_at", "-pk")
    ):
        permintaan.setdefault(satu.pendaftaran_id, []).append(satu)
    blok_per_orang: dict[int, list[BarisCetak]] = {}
    hasil = {}
    for p in pendaftaran_list:
        if p.peserta_id not in blok_per_orang:
            blok_per_orang[p.peserta_id] = blok_data_cetak(orang[p.peserta_id])
        hasil[p.pk] = PeriksaData(
            pendaftaran=p,
            blok=blok_per_orang[p.peserta_id],
            konfirmasi=konfirmasi.get(p.pk),
            permintaan=permintaan.get(p.pk, []),
            bersertifikat=p.pk in bersertifikat,
        )
    return hasil


def periksa_data_untuk(pendaftaran: Pendaftaran) -> PeriksaData:
    """Return the check of one enrolment's printed data (for its page, or the fragment on another page)."""
    return periksa_data_banyak([pendaftaran])[pendaftaran.pk]


# For staff -----------------------------------------------------------------------------------------------------------


def jumlah_permintaan_terbuka(angkatan: Angkatan) -> int:
    """Return how many requests of the angkatan wait for staff: the tab's badge."""
    return PermintaanPerbaikanData.objects.filter(
        pendaftaran__angkatan=angkatan, status=StatusPermintaan.TERBUKA
    ).count()


@dataclass
class PerbaikanAngkatan:
    """What the angkatan's tab shows: the requests waiting, those answered, and who has not confirmed yet."""

    terbuka: list[PermintaanPerbaikanData]
    selesai: list[PermintaanPerbaikanData]
    # Those still able to check their data, who have neither confirmed the block printed now nor asked.
    belum_konfirmasi: list[PeriksaData]
    jumlah_diperiksa: int
    jumlah_dikonfirmasi: int


def perbaikan_angkatan(angkatan: Angkatan) -> PerbaikanAngkatan:
    """Return the requests of the angkatan and its people's confirmations, in a fixed number of queries."""
    permintaan = list(
        PermintaanPerbaikanData.objects.filter(pendaftaran__angkatan=angkatan)
        .select_related("pendaftaran__peserta__pangkat", "diputus_oleh")
        .order_by("-created_at", "-pk")
    )
    terbuka = sorted(
        (p for p in permintaan if p.terbuka), key=lambda p: (p.created_at, p.pk)
    )  # the oldest waits longest: first
    selesai = [p for p in permintaan if not p.terbuka]
    pendaftaran = list(
        Pendaftaran.objects.filter(angkatan=angkatan, status__in=STATUS_PERIKSA)
        .select_related("peserta__pangkat")
        .order_by("peserta__nama", "peserta__nip")
    )
    periksa = periksa_data_banyak(pendaftaran)
    masih_diperiksa = [periksa[p.pk] for p in pendaftaran if periksa[p.pk].dapat_diperiksa]
    return PerbaikanAngkatan(
        terbuka=terbuka,
        selesai=selesai,
        belum_konfirmasi=[s for s in masih_diperiksa if s.keadaan == "belum_dikonfirmasi"],
        jumlah_diperiksa=len(masih_diperiksa),
        jumlah_dikonfirmasi=sum(1 for s in masih_diperiksa if s.dikonfirmasi),
    )


@dataclass
class PeringatanCetak:
    """The people whose printed data is not settled: unconfirmed, or with a request still open. Staff may go on."""

    belum_konfirmasi: list[Pendaftaran] = field(default_factory=list)
    permintaan_terbuka: list[Pendaftaran] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.belum_konfirmasi or self.permintaan_terbuka)


def peringatan_cetak(pendaftaran_list: Iterable[Pendaftaran]) -> PeringatanCetak:
    """Return, of these enrolments (with their ``peserta``), whose data is unconfirmed or has a request open.

    By name, as the roster orders people. Read in a fixed number of queries.
    """
    pendaftaran_list = sorted(pendaftaran_list, key=lambda p: (p.peserta.nama, p.peserta.nip))
    periksa = periksa_data_banyak(pendaftaran_list, dengan_sertifikat=False)
    peringatan = PeringatanCetak()
    for p in pendaftaran_list:
        keadaan = periksa[p.pk].keadaan
        if keadaan == "permintaan_terbuka":
            peringatan.permintaan_terbuka.append(p)
        elif keadaan == "belum_dikonfirmasi":
            peringatan.belum_konfirmasi.append(p)
    return peringatan
