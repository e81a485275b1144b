"""What a certificate prints that must be filled in before it is made: the angkatan's and each graduate's.

One rule holds wherever a certificate is made or made again: ``pastikan_siap_cetak`` when
generating all or one, "Ulangi" and re-issues; ``kekurangan_cetak`` once per chunk in the worker
just before it renders (the data may have been emptied after the job was queued). The Sertifikat
tab shows the same list before anyone clicks, with a link to the page where each gap is filled.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from angkatan.models import Angkatan
from diklat.models import MataPelatihan
from peserta.models import Pendaftaran, q_belum_lengkap

# The angkatan's fields a certificate prints and cannot do without, in the order of its edit form.
# The a.n. line is printed only when set; the date of issue falls back to the last day.
_WAJIB_ANGKATAN = (
    "tanggal_mulai",
    "tanggal_selesai",
    "venue",
    "penandatangan_nama",
    "penandatangan_nip",
    "penandatangan_jabatan",
    "kota_terbit",
)
# A refusal names this many people at most; the tab lists them all, each with a link.
NAMA_DISEBUT_MAKS = 20


def url_ubah_peserta(peserta_id: int) -> str:
    """Return the staff page where a person's printed data is completed: the one place that says where."""
    return reverse("peserta:ubah", args=[peserta_id])


@dataclass
class PesertaKurang:
    """A graduate whose printed data is incomplete, with the labels of what is missing."""

    pendaftaran: Pendaftaran
    kurang: list[str]

    @property
    def nama(self) -> str:
        return self.pendaftaran.peserta.nama_lengkap

    @property
    def url(self) -> str:
        return url_ubah_peserta(self.pendaftaran.peserta_id)


@dataclass
class KekuranganCetak:
    """Everything a certificate would print empty: the angkatan's fields and each incomplete graduate."""

    angkatan: Angkatan
    angkatan_kurang: list[str] = field(default_factory=list)
    peserta: list[PesertaKurang] = field(default_factory=list)
    # The total JP in figures and words and the back page's subjects come from the program's curriculum.
    tanpa_kurikulum: bool = False

    def __bool__(self) -> bool:
        return bool(self.angkatan_kurang or self.peserta or self.tanpa_kurikulum)

    @property
    def url_angkatan(self) -> str:
        return reverse("angkatan:update", args=[self.angkatan.pk])

    @property
    def url_program(self) -> str:
        return reverse("diklat:program-update", args=[self.angkatan.program_id])

    @property
    def pendaftaran_ids(self) -> set[int]:
        return {p.pendaftaran.pk for p in self.peserta}

    def untuk(self, pendaftaran_id: int) -> "KekuranganCetak":
        """Return what one graduate's certificate would print empty: the angkatan's gaps and their own."""
        return KekuranganCetak(
            angkatan=self.angkatan,
            angkatan_kurang=self.angkatan_kurang,
            peserta=[p for p in self.peserta if p.pendaftaran.pk == pendaftaran_id],
            tanpa_kurikulum=self.tanpa_kurikulum,
        )

    def galat(self) -> ValidationError:
        """Return the refusal that says everything at once (``pesan``), one message per sentence."""
        return ValidationError([ValidationError(pesan, code="belum_siap_cetak") for pesan in self.pesan()])

    def pesan(self) -> list[str]:
        """Say what to fill in where, in as few sentences as there are pages to visit."""
        pesan = [_("Sertifikat belum dapat dibuat karena ada data yang dicetak masih kosong.")]
        if self.tanpa_kurikulum:
            pesan.append(
                _(
                    "Di halaman Ubah program, isi kurikulumnya: mata pelatihan dan JP-nya (dicetak di halaman belakang)."
                )
            )
        if self.angkatan_kurang:
            pesan.append(_("Di halaman Ubah angkatan, isi: %(kurang)s.") % {"kurang": ", ".join(self.angkatan_kurang)})
        if self.peserta:
            disebut = self.peserta[:NAMA_DISEBUT_MAKS]
            daftar = "; ".join(f"{p.nama} ({', '.join(p.kurang)})" for p in disebut)
            lainnya = len(self.peserta) - len(disebut)
            if lainnya:
                daftar += " " + ngettext(
                    "dan %(jumlah)s peserta lain (semuanya terdaftar di tab Sertifikat)",
                    "dan %(jumlah)s peserta lain (semuanya terdaftar di tab Sertifikat)",
                    lainnya,
                ) % {"jumlah": lainnya}
            pesan.append(
                ngettext(
                    "Data %(jumlah)s peserta belum lengkap; isi di halaman datanya: %(daftar)s.",
                    "Data %(jumlah)s peserta belum lengkap; isi di halaman data masing-masing: %(daftar)s.",
                    len(self.peserta),
                )
                % {"jumlah": len(self.peserta), "daftar": daftar}
            )
        return pesan


def angkatan_kurang(angkatan: Angkatan) -> list[str]:
    """Return the labels of the angkatan's printed fields still empty, in the order of its edit form."""
    kosong = []
    for nama in _WAJIB_ANGKATAN:
        nilai = getattr(angkatan, f"{nama}_id" if nama == "venue" else nama)
        if nilai is None or (isinstance(nilai, str) and not nilai.strip()):
            kosong.append(str(Angkatan._meta.get_field(nama).verbose_name))
    if angkatan.tanggal_sertifikat is None:
        # Set, or else the last day: missing only when both are.
        kosong.append(str(Angkatan._meta.get_field("tanggal_terbit").verbose_name))
    return kosong


def kekurangan_cetak(
    angkatan: Angkatan, *, pendaftaran: Iterable[Pendaftaran] | QuerySet | None = None
) -> KekuranganCetak:
    """Return what the certificates of these graduates (all the angkatan's, when none are given) would print empty.

    A list of enrolments is checked as loaded (their people with them); a queryset, or the
    angkatan's graduates, in one query that fetches only the incomplete.
    """
    if pendaftaran is None:
        pendaftaran = Pendaftaran.objects.filter(angkatan=angkatan, status=Pendaftaran.Status.LULUS)
    if isinstance(pendaftaran, QuerySet):
        pendaftaran = (
            pendaftaran.filter(q_belum_lengkap("peserta__"))
            .select_related("peserta")
            .order_by("peserta__nama", "peserta__nip")
        )
    peserta = [PesertaKurang(p, kurang) for p in pendaftaran if (kurang := p.peserta.data_cetak_kurang)]
    return KekuranganCetak(
        angkatan=angkatan,
        angkatan_kurang=angkatan_kurang(angkatan),
        peserta=peserta,
        tanpa_kurikulum=not MataPelatihan.objects.filter(program_id=angkatan.program_id).exists(),
    )


def pastikan_siap_cetak(angkatan: Angkatan, *, pendaftaran: Iterable[Pendaftaran] | QuerySet | None = None) -> None:
    """Refuse, saying everything at once, while anything these certificates print is empty.

    The angkatan's signing official (name, NIP, position), city and date of issue, venue and dates,
    and each graduate's printed data (``Peserta.data_cetak_kurang``), by name.
    """
    kekurangan = kekurangan_cetak(angkatan, pendaftaran=pendaftaran)
    if kekurangan:
        raise kekurangan.galat()
