"""The rows of an angkatan's roster export, read in chunks: a fixed number of queries whatever its size."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

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
UKURAN_POTONGAN = 2000


def pendaftaran_ekspor(angkatan: Angkatan, *, status: str = "", urut: str = "nama"):
    """Return the angkatan's enrolments to export, with the person, rank and region joined, in the order chosen."""
    qs = Pendaftaran.objects.filter(angkatan=angkatan).select_related(
        "peserta", "peserta__pangkat", "peserta__provinsi", "peserta__kabupaten_kota"
    )
    if status:
        qs = qs.filter(status=status)
    return qs.order_by(*URUTAN.get(urut, URUTAN["nama"]))


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


def baris_ekspor(qs, kolom: Sequence[KolomPendaftaran]) -> Iterator[dict]:
    """Yield one row (a dict by column key, its number first) per enrolment, reading them in chunks."""
    qs = siapkan_kolom(qs, kolom)
    for nomor, pendaftaran in enumerate(qs.iterator(chunk_size=UKURAN_POTONGAN), start=1):
        yield {"nomor": nomor, **{k.kunci: k.nilai(pendaftaran) for k in kolom}}


def jumlah_per_status(qs) -> list[tuple[str, str]]:
    """Return the totals of an export per status, in the workflow's order, and the grand total."""
    jumlah = Counter(qs.order_by().values_list("status", flat=True))
    hasil = [(label, str(jumlah[nilai])) for nilai, label in Pendaftaran.Status.choices if jumlah[nilai]]
    return [*hasil, (_("Jumlah"), str(sum(jumlah.values())))]
