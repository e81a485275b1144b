"""The counts of the statistics page, each from an aggregate query: the page makes the same few queries
whether it counts fifty enrolments or a hundred thousand, and folds their small results in Python."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from angkatan.models import Angkatan
from diklat.models import Provinsi
from peserta.models import Pendaftaran
from peserta.statistik.angka import Angka, BagianAngka, persen_dari

Status = Pendaftaran.Status

# Who counts as a participant: accepted into an angkatan (verified), whatever came of it since. Proposed and
# not yet verified, refused and withdrawn enrolments are not counted.
STATUS_PESERTA = (Status.DIVERIFIKASI, Status.MENGIKUTI, Status.LULUS, Status.TIDAK_LULUS)


@dataclass
class Baris:
    """One row of a table: the participants of a year, a program or a province, and what came of them."""

    kunci: str
    label: str
    peserta: int = 0
    lulus: int = 0
    tidak_lulus: int = 0
    # The angkatan held (a year's, a program's); None where the table does not count them.
    angkatan: int | None = None
    # The kabupaten/kota of a province whose people took part, of all of them (the province table only).
    kabkota: int | None = None
    kabkota_total: int | None = None

    def tambah(self, *, peserta: int, lulus: int, tidak_lulus: int) -> None:
        self.peserta += peserta
        self.lulus += lulus
        self.tidak_lulus += tidak_lulus

    @property
    def diputus(self) -> int:
        """The participants whose result is decided: passed or not."""
        return self.lulus + self.tidak_lulus

    @property
    def kelulusan(self) -> Decimal | None:
        """The graduation rate: those passed of those whose result is decided, in percent (None before any)."""
        return persen_dari(self.lulus, self.diputus)


@dataclass
class Tabel:
    """One table of the page (and its chart and CSV): the rows of a year, a program or a province."""

    kunci: str
    judul: str
    kolom_label: str
    baris: list[Baris]
    # The row of totals under it.
    total: Baris
    dengan_angkatan: bool = False
    dengan_kabkota: bool = False

    @property
    def maks(self) -> int:
        """The longest bar of its chart: the most participants of a row."""
        return max((b.peserta for b in self.baris), default=0)


@dataclass
class Statistik:
    tahun: int | None
    tahun_pilihan: list[int]
    total: Baris
    orang: int
    per_tahun: Tabel
    per_program: Tabel
    per_provinsi: Tabel
    provinsi_terjangkau: int
    provinsi_total: int
    kabkota_terjangkau: int
    kabkota_total: int
    bagian: list[BagianAngka] = field(default_factory=list)

    @property
    def tabel(self) -> list[Tabel]:
        return [self.per_tahun, self.per_program, self.per_provinsi]

    def ringkasan(self) -> BagianAngka:
        """The page's own headline figures, as a group of counts like those of the floors above."""
        total = self.total
        return BagianAngka(
            kunci="peserta",
            judul=_("Peserta dan kelulusan"),
            urutan=10,
            angka=[
                Angka(
                    "peserta",
                    _("Peserta"),
                    total.peserta,
                    keterangan=_("pendaftaran yang diverifikasi; dua angkatan dihitung dua kali"),
                ),
                Angka("orang", _("Orang"), self.orang, keterangan=_("NIP yang berbeda")),
                Angka("lulus", _("Lulus"), total.lulus, dari=total.peserta),
                Angka("tidak_lulus", _("Tidak lulus"), total.tidak_lulus, dari=total.peserta),
                Angka(
                    "kelulusan",
                    _("Tingkat kelulusan"),
                    total.lulus,
                    dari=total.diputus,
                    keterangan=_("lulus dari peserta yang sudah diputuskan hasilnya"),
                ),
                Angka("provinsi", _("Provinsi terjangkau"), self.provinsi_terjangkau, dari=self.provinsi_total),
                Angka(
                    "kabupaten_kota",
                    _("Kabupaten/kota terjangkau"),
                    self.kabkota_terjangkau,
                    dari=self.kabkota_total,
                ),
            ],
        )


def _hitung(queryset, *kelompok: str):
    """Group the enrolments by the given fields and count participants, graduates and those not passed."""
    return (
        queryset.values(*kelompok)
        .annotate(
            peserta=Count("pk"),
            lulus=Count("pk", filter=Q(status=Status.LULUS)),
            tidak_lulus=Count("pk", filter=Q(status=Status.TIDAK_LULUS)),
        )
        .order_by()
    )


def statistik_pendaftaran(*, tahun: int | None = None) -> Statistik:
    """Count the participants of every angkatan (of ``tahun``'s, when given) per year, program and province.

    Five queries, whatever the number of enrolments: the angkatan per year and program (which also give the
    years to choose from), the participants per year and program, per kabupaten/kota (which gives the
    provinces and the regions reached), the different people, and the provinces with their kabupaten/kota.
    """
    angkatan = list(
        Angkatan.objects.values("tahun", "program_id", "program__nama").annotate(jumlah=Count("pk")).order_by()
    )
    pendaftaran = Pendaftaran.objects.filter(status__in=STATUS_PESERTA)
    if tahun is not None:
        pendaftaran = pendaftaran.filter(angkatan__tahun=tahun)

    total = Baris("total", _("Jumlah"), angkatan=0)
    per_tahun: dict[int, Baris] = {}
    per_program: dict[int, Baris] = {}
    nama_program = {a["program_id"]: a["program__nama"] for a in angkatan}
    for a in angkatan:
        if tahun is not None and a["tahun"] != tahun:
            continue
        for kunci, tempat, label in (
            (a["tahun"], per_tahun, str(a["tahun"])),
            (a["program_id"], per_program, a["program__nama"]),
        ):
            baris = tempat.setdefault(kunci, Baris(str(kunci), label, angkatan=0))
            baris.angkatan += a["jumlah"]
        total.angkatan += a["jumlah"]
    for b in _hitung(pendaftaran, "angkatan__tahun", "angkatan__program_id"):
        angka = {"peserta": b["peserta"], "lulus": b["lulus"], "tidak_lulus": b["tidak_lulus"]}
        tahun_, program = b["angkatan__tahun"], b["angkatan__program_id"]
        per_tahun.setdefault(tahun_, Baris(str(tahun_), str(tahun_), angkatan=0)).tambah(**angka)
        per_program.setdefault(program, Baris(str(program), nama_program.get(program, "—"), angkatan=0)).tambah(
            **angka
        )
        total.tambah(**angka)

    provinsi = list(Provinsi.objects.annotate(jumlah_kabkota=Count("kabupaten_kota")).order_by("kode"))
    per_provinsi = {p.kode: Baris(p.kode, p.nama, kabkota=0, kabkota_total=p.jumlah_kabkota) for p in provinsi}
    provinsi_terjangkau: set[str] = set()
    kabkota_terjangkau = 0
    for b in _hitung(pendaftaran, "peserta__provinsi_id", "peserta__kabupaten_kota_id"):
        baris = per_provinsi.get(b["peserta__provinsi_id"])
        if baris is None or not b["peserta"]:
            continue
        baris.tambah(peserta=b["peserta"], lulus=b["lulus"], tidak_lulus=b["tidak_lulus"])
        provinsi_terjangkau.add(baris.kunci)
        # Someone of a provincial government has no kabupaten/kota: their province is reached, no kab/kota.
        if b["peserta__kabupaten_kota_id"]:
            baris.kabkota += 1
            kabkota_terjangkau += 1
    orang = pendaftaran.aggregate(orang=Count("peserta_id", distinct=True))["orang"]

    kabkota_total = sum(p.jumlah_kabkota for p in provinsi)
    return Statistik(
        tahun=tahun,
        tahun_pilihan=sorted({a["tahun"] for a in angkatan}, reverse=True),
        total=total,
        orang=orang,
        per_tahun=Tabel(
            "tahun",
            _("Per tahun"),
            _("Tahun"),
            [per_tahun[k] for k in sorted(per_tahun)],
            total=total,
            dengan_angkatan=True,
        ),
        per_program=Tabel(
            "program",
            _("Per program"),
            _("Program"),
            sorted(per_program.values(), key=lambda b: (-b.peserta, b.label)),
            total=total,
            dengan_angkatan=True,
        ),
        per_provinsi=Tabel(
            "provinsi",
            _("Per provinsi"),
            _("Provinsi"),
            list(per_provinsi.values()),
            total=replace(total, angkatan=None, kabkota=kabkota_terjangkau, kabkota_total=kabkota_total),
            dengan_kabkota=True,
        ),
        provinsi_terjangkau=len(provinsi_terjangkau),
        provinsi_total=len(provinsi),
        kabkota_terjangkau=kabkota_terjangkau,
        kabkota_total=kabkota_total,
    )
