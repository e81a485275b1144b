"""Reads of attendance: the grid of an angkatan and a day's sign-in sheet (*daftar hadir*)."""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from angkatan.hari_pelatihan import tanggal_panjang
from angkatan.models import Angkatan, HariPelatihan
from peserta.models import Pendaftaran, Presensi
from peserta.presensi.services import (
    KOSONG,
    SINGKATAN,
    STATUS_PRESENSI,
    label_status,
    persen_kehadiran,
    status_berikut,
)

Status = Presensi.Status

# Reads --------------------------------------------------------------------------------------------------------


@dataclass
class SelPresensi:
    hari: HariPelatihan
    status: str

    @property
    def berikut(self) -> str:
        return status_berikut(self.status)

    @property
    def singkatan(self) -> str:
        return SINGKATAN[self.status]

    @property
    def label(self) -> str:
        return label_status(self.status)

    @property
    def label_berikut(self) -> str:
        return label_status(self.berikut)


class JumlahPresensiMixin:
    """Counts by attendance status, read from ``self.jumlah`` (a Counter)."""

    jumlah: Counter

    @property
    def hadir(self) -> int:
        return self.jumlah[Status.HADIR]

    @property
    def izin(self) -> int:
        return self.jumlah[Status.IZIN]

    @property
    def sakit(self) -> int:
        return self.jumlah[Status.SAKIT]

    @property
    def alpa(self) -> int:
        return self.jumlah[Status.ALPA]


@dataclass
class BarisPresensi(JumlahPresensiMixin):
    nomor: int
    pendaftaran: Pendaftaran
    sel: list[SelPresensi]
    min_persen: Decimal

    @property
    def jumlah(self) -> Counter:
        return Counter(s.status for s in self.sel)

    @property
    def kosong(self) -> int:
        return self.jumlah[KOSONG]

    @property
    def tercatat(self) -> bool:
        return self.kosong < len(self.sel)

    @property
    def persen(self) -> Decimal | None:
        return persen_kehadiran(self.hadir, len(self.sel))

    @property
    def memenuhi(self) -> bool:
        return self.persen is not None and self.persen >= self.min_persen

    @property
    def masih_bisa_memenuhi(self) -> bool:
        """Return whether the minimum can still be reached if every day not yet marked is *hadir*.

        While an angkatan runs, its later days are still empty: someone present every day so far is
        below the minimum of the whole training without having missed anything.
        """
        terbaik = persen_kehadiran(self.hadir + self.kosong, len(self.sel))
        return terbaik is not None and terbaik >= self.min_persen

    @property
    def bisa_diubah(self) -> bool:
        return self.pendaftaran.status in STATUS_PRESENSI


@dataclass
class KolomHari:
    hari: HariPelatihan
    hadir: int


@dataclass
class GridPresensi:
    angkatan: Angkatan
    hari: list[HariPelatihan]
    baris: list[BarisPresensi]
    jumlah_hadir_per_hari: dict[int, int] = field(default_factory=dict)

    @property
    def terkunci(self) -> bool:
        return self.angkatan.hasil_final

    @property
    def kolom(self) -> list[KolomHari]:
        return [KolomHari(hari=h, hadir=self.jumlah_hadir_per_hari.get(h.pk, 0)) for h in self.hari]


def _pendaftaran_hadir(angkatan: Angkatan):
    return (
        Pendaftaran.objects.filter(angkatan=angkatan, status__in=STATUS_PRESENSI)
        .select_related("peserta", "peserta__pangkat", "peserta__provinsi", "peserta__kabupaten_kota")
        .order_by("peserta__nama", "peserta__nip")
    )


def presensi_grid(*, angkatan: Angkatan, pendaftaran_ids: list[int] | None = None) -> GridPresensi:
    """Return the attendance grid of an angkatan in three queries, whatever its size.

    With ``pendaftaran_ids``, only those rows (the fragment a click in the grid swaps back in).
    """
    hari = list(HariPelatihan.objects.filter(angkatan=angkatan).order_by("tanggal"))
    pendaftaran = _pendaftaran_hadir(angkatan)
    if pendaftaran_ids is not None:
        pendaftaran = pendaftaran.filter(pk__in=pendaftaran_ids)
    pendaftaran = list(pendaftaran)
    catatan = Presensi.objects.filter(hari__angkatan=angkatan)
    if pendaftaran_ids is not None:
        catatan = catatan.filter(pendaftaran_id__in=pendaftaran_ids)
    status_sel = {(p, h): s for p, h, s in catatan.values_list("pendaftaran_id", "hari_id", "status")}
    min_persen = angkatan.program.min_kehadiran_persen
    baris = [
        BarisPresensi(
            nomor=nomor,
            pendaftaran=p,
            sel=[SelPresensi(hari=h, status=status_sel.get((p.pk, h.pk), KOSONG)) for h in hari],
            min_persen=min_persen,
        )
        for nomor, p in enumerate(pendaftaran, start=1)
    ]
    terdaftar = {p.pk for p in pendaftaran}
    hadir_per_hari = Counter(h for (p, h), s in status_sel.items() if s == Status.HADIR and p in terdaftar)
    return GridPresensi(angkatan=angkatan, hari=hari, baris=baris, jumlah_hadir_per_hari=dict(hadir_per_hari))


def jumlah_hadir_pada_hari(hari: HariPelatihan) -> int:
    """Return how many attending participants are marked *hadir* on a day (the grid's footer cell)."""
    return Presensi.objects.filter(hari=hari, status=Status.HADIR, pendaftaran__status__in=STATUS_PRESENSI).count()


def unit_kerja_singkat(peserta) -> str:
    """Return the unit line of the sign-in sheet: only the pemda when the jabatan already names the agency.

    "Sekretaris Dinas Sosial" of "Dinas Sosial Kabupaten Bangli" prints as "Kabupaten Bangli" under
    the jabatan, which keeps a row to two lines; any other agency is printed whole.
    """
    instansi = peserta.instansi.strip()
    pemda = peserta.pemda
    nama_pemda = [pemda.nama] if peserta.kabupaten_kota_id else [f"Provinsi {pemda.nama}", pemda.nama]
    for nama in nama_pemda:
        perangkat = instansi.removesuffix(nama).strip()
        if perangkat != instansi and perangkat and perangkat.casefold() in peserta.jabatan.casefold():
            return nama_pemda[0]
    return instansi


@dataclass
class BarisDaftarHadir:
    nomor: int
    pendaftaran: Pendaftaran

    @property
    def peserta(self):
        return self.pendaftaran.peserta

    @property
    def unit_kerja(self) -> str:
        return unit_kerja_singkat(self.pendaftaran.peserta)

    @property
    def ttd_kanan(self) -> bool:
        """Even rows sign on the right, odd rows on the left."""
        return self.nomor % 2 == 0


@dataclass
class DaftarHadir(JumlahPresensiMixin):
    """What a day's sign-in sheet prints: the rows, and the day's counts when attendance is recorded."""

    hari: HariPelatihan
    baris: list[BarisDaftarHadir]
    jumlah: Counter

    @property
    def tercatat(self) -> bool:
        return sum(self.jumlah.values()) > 0

    @property
    def tidak_hadir(self) -> int:
        return self.jumlah[Status.ALPA] + self.jumlah[Status.IZIN] + self.jumlah[Status.SAKIT]

    @property
    def belum_tercatat(self) -> int:
        return len(self.baris) - sum(self.jumlah.values())

    @property
    def tanggal_panjang(self) -> str:
        return tanggal_panjang(self.hari.tanggal)


def daftar_hadir_untuk_hari(*, hari: HariPelatihan) -> DaftarHadir:
    """Return the rows of a day's sign-in sheet and the day's recorded counts, in two queries."""
    baris = [BarisDaftarHadir(nomor=n, pendaftaran=p) for n, p in enumerate(_pendaftaran_hadir(hari.angkatan), 1)]
    jumlah = Counter(
        Presensi.objects.filter(hari=hari, pendaftaran__status__in=STATUS_PRESENSI).values_list("status", flat=True)
    )
    return DaftarHadir(hari=hari, baris=baris, jumlah=jumlah)
