"""The rows of an angkatan's roster export, read in chunks: a fixed number of queries whatever its size."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

from django.db.models import Count
from django.utils.translation import gettext as _

from angkatan.models import Angkatan
from peserta.ekspor.kolom import KolomPendaftaran
from peserta.models import Pendaftaran

# The orders staff choose from: by name, by region (province, kab/kota, then name), or as enrolled.
URUTAN = {
    "nama": ("peserta__nama", "peserta__nip"),
    "daerah": ("peserta__provinsi__nama", "peserta__kabupaten_kota__nama", "peserta__nama", "peserta__nip"),
    "nomor": ("created_at", "pk"),
}
# The orders of an export across angkatan: by training (year, program, number), by name, or by region.
URUTAN_LINTAS = {
    "angkatan": ("angkatan__tahun", "angkatan__program__nama", "angkatan__nomor", "peserta__nama", "pk"),
    "nama": ("peserta__nama", "peserta__nip", "angkatan__tahun", "angkatan__nomor", "pk"),
    "daerah": (
        "peserta__provinsi__nama",
        "peserta__kabupaten_kota__nama",
        "peserta__nama",
        "peserta__nip",
        "angkatan__tahun",
        "pk",
    ),
}
UKURAN_POTONGAN = 2000


def pendaftaran_ekspor(angkatan: Angkatan, *, status: str = "", urut: str = "nama"):
    """Return the angkatan's enrolments to export, with the person, rank and region joined, in the order chosen."""
    qs = Pendaftaran.objects.filter(angkatan=angkatan).select_related(
        "peserta", "peserta__pangkat", "peserta__provinsi", "peserta__kabupaten_kota"
    )
    if status:
        qs = qs.filter(status=status)
    return qs.order_by(*URUTAN.get(urut, URUTAN["nama"]))


def pendaftaran_lintas(
    *,
    tahun: int | None = None,
    program=None,
    angkatan: Sequence[int] = (),
    provinsi=None,
    kabupaten_kota=None,
    status: str = "",
    predikat: str = "",
    jabatan: str = "",
    urut: str = "angkatan",
):
    """Return the enrolments of every angkatan that pass the filters (each optional), with the training,
    person, rank and region joined, in the order chosen."""
    qs = Pendaftaran.objects.select_related(
        "angkatan", "angkatan__program", "peserta", "peserta__pangkat", "peserta__provinsi", "peserta__kabupaten_kota"
    )
    if tahun:
        qs = qs.filter(angkatan__tahun=tahun)
    if program:
        qs = qs.filter(angkatan__program=program)
    if angkatan:
        qs = qs.filter(angkatan__in=list(angkatan))
    if kabupaten_kota:
        qs = qs.filter(peserta__kabupaten_kota=kabupaten_kota)
    elif provinsi:
        qs = qs.filter(peserta__provinsi=provinsi)
    if status:
        qs = qs.filter(status=status)
    if predikat:
        qs = qs.filter(predikat=predikat)
    if jabatan:
        qs = qs.filter(peserta__jabatan__icontains=jabatan)
    return qs.order_by(*URUTAN_LINTAS.get(urut, URUTAN_LINTAS["angkatan"]))


def siapkan_kolom(qs, kolom: Sequence[KolomPendaftaran]):
    """Return ``qs`` with what the columns read besides the joined person: their annotations and prefetches."""
    anotasi = {nama: ekspresi for k in kolom for nama, ekspresi in k.anotasi.items()}
    if anotasi:
        qs = qs.annotate(**anotasi)
    # Two columns of one floor may share one prefetch: ask for it once.
    prefetch = {getattr(p, "prefetch_to", p): p for k in kolom for p in k.prefetch}
    if prefetch:
        qs = qs.prefetch_related(*prefetch.values())
    return qs


def hanya_bidang(qs, kolom: Sequence[KolomPendaftaran]):
    """Return ``qs`` reading only the fields the columns name, joining only the rows they come from; as it
    is when a column does not say what it reads."""
    if any(k.bidang is None for k in kolom):
        return qs
    bidang = sorted({b for k in kolom for b in k.bidang})
    relasi = set()
    for satu in bidang:
        bagian = satu.split("__")[:-1]
        relasi.update("__".join(bagian[:i]) for i in range(1, len(bagian) + 1))
    return qs.select_related(None).select_related(*sorted(relasi)).only("pk", *bidang)


def baris_ekspor(qs, kolom: Sequence[KolomPendaftaran]) -> Iterator[dict]:
    """Yield one row (a dict by column key, its number first) per enrolment, reading them in chunks."""
    qs = siapkan_kolom(hanya_bidang(qs, kolom), kolom)
    # What a prefetch leaves on an enrolment: its related rows point back at it (Django sets the reverse
    # relation), a reference cycle that only the cyclic GC frees, late, so memory would grow with the rows.
    # Dropped once the row is read, the enrolment and its related rows go as soon as the chunk does.
    prefetch = [p for k in kolom for p in k.prefetch]
    atribut = [p.to_attr for p in prefetch if getattr(p, "to_attr", None) and "__" not in p.prefetch_to]
    for nomor, pendaftaran in enumerate(qs.iterator(chunk_size=UKURAN_POTONGAN), start=1):
        baris = {"nomor": nomor, **{k.kunci: k.nilai(pendaftaran) for k in kolom}}
        if prefetch:
            for nama in atribut:
                pendaftaran.__dict__.pop(nama, None)
            pendaftaran.__dict__.pop("_prefetched_objects_cache", None)
        yield baris


def jumlah_per_status(qs) -> list[tuple[str, str]]:
    """Return the totals of an export per status, in the workflow's order, and the grand total."""
    jumlah = Counter(dict(qs.order_by().values_list("status").annotate(n=Count("pk"))))
    hasil = [(label, str(jumlah[nilai])) for nilai, label in Pendaftaran.Status.choices if jumlah[nilai]]
    return [*hasil, (_("Jumlah"), str(sum(jumlah.values())))]
