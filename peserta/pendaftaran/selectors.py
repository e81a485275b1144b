"""Reads of enrolments: an angkatan's roster (filtered, paged, with its counts), a person's page and its audit trail."""

from __future__ import annotations

import datetime
import decimal
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import formats, timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from angkatan.models import Angkatan
from diklat.halaman import halaman_terdekat
from diklat.nip import format_nip
from diklat.pencarian import teks_cari
from diklat.telepon import format_telepon
from peserta.data.selectors import KOLOM_CARI_NAMA, q_cari_peserta
from peserta.models import Pendaftaran, Peserta, RiwayatStatus, q_belum_lengkap
from peserta.pendaftaran.services import STATUS_AKSI_STAF, STATUS_MENGISI_KUOTA, TRANSITIONS, kuota_sisa

Status = Pendaftaran.Status


def roster_for_angkatan(angkatan: Angkatan) -> QuerySet[Pendaftaran]:
    """Return an angkatan's enrolments with everything a roster row shows, in one query."""
    return (
        Pendaftaran.objects.filter(angkatan=angkatan)
        .select_related("peserta", "peserta__pangkat", "peserta__provinsi", "peserta__kabupaten_kota", "peserta__user")
        .order_by("peserta__nama", "peserta__nip")
    )


# Rows of the roster per page: an import may enrol 5,000 people, and one page of them was 16 MB.
ROSTER_PER_HALAMAN = 100


@dataclass(frozen=True)
class FilterRoster:
    """What an angkatan's roster is narrowed to (a status, a search, the incomplete) and which page of it is shown.

    Read from the page's address (``?status=…&q=…&belum_lengkap=1&page=2``) or from the hidden ``*_filter``
    fields of the roster's forms, so an action returns to the roster as it was; anything not understood is dropped.
    """

    status: str = ""
    cari: str = ""
    belum_lengkap: bool = False
    halaman: int = 1

    @classmethod
    def dari(cls, data) -> FilterRoster:
        status = data.get("status_filter", data.get("status", ""))
        return cls(
            status=status if status in Status.values else "",
            cari=teks_cari(data.get("cari_filter", data.get("q", ""))),
            belum_lengkap=data.get("belum_lengkap_filter", data.get("belum_lengkap", "")) == "1",
            halaman=_nomor_halaman(data.get("halaman_filter", data.get("page", ""))),
        )

    def query(self, **ganti) -> str:
        """Return the query string of these filters and page (``status=lulus&q=budi&page=2``), some replaced."""
        nilai = {
            "status": self.status,
            "q": self.cari,
            "belum_lengkap": "1" if self.belum_lengkap else "",
            "page": self.halaman if self.halaman > 1 else "",
        }
        nilai.update(ganti)
        return urlencode({k: v for k, v in nilai.items() if v})

    def alamat(self, angkatan: Angkatan) -> str:
        """Return the address of the angkatan's roster narrowed by these filters, at this page."""
        query = self.query()
        return f"{angkatan.get_absolute_url()}{'?' if query else ''}{query}#judul-peserta"


def _nomor_halaman(nilai: object) -> int:
    """Return a page number as asked (``"2"``), or 1; a page past the end is made the last when the rows are known."""
    teks = str(nilai or "")
    # A page number of more than nine digits is no page of any roster.
    return max(int(teks), 1) if teks.isascii() and teks.isdigit() and len(teks) <= 9 else 1


@dataclass
class Roster:
    """An angkatan's roster as its page shows it: one page of rows (maybe filtered), counts per status, kuota."""

    angkatan: Angkatan
    halaman: Page
    jumlah: int
    per_status: list[tuple[str, str, int]]
    terisi: int
    saringan: FilterRoster = field(default_factory=FilterRoster)
    # People on the roster whose printed data is incomplete (belum lengkap), whatever the filters.
    jumlah_belum_lengkap: int = 0

    @property
    def rows(self) -> list[Pendaftaran]:
        return self.halaman.object_list

    @property
    def jumlah_cocok(self) -> int:
        """Return how many rows the filters leave, on every page together."""
        return self.halaman.paginator.count

    @property
    def filter_status(self) -> str:
        return self.saringan.status

    @property
    def sisa(self) -> int:
        return kuota_sisa(self.angkatan, terisi=self.terisi)

    @cached_property
    def ada_aksi(self) -> bool:
        """Whether any row of the page can still be moved by hand (else the bulk action bar is not offered)."""
        return any(p.aksi_tersedia for p in self.rows)


def aksi_staf(status: str, *, terkunci: bool) -> list[str]:
    """Return the moves staff may make by hand from ``status``.

    A result (lulus / tidak lulus) is reopened only by an admin's unlock, and
    once results are final nobody joins or moves up: only leaving remains.
    """
    if status in (Status.LULUS, Status.TIDAK_LULUS):
        return []
    aksi = [ke for ke in STATUS_AKSI_STAF if ke in TRANSITIONS[status]]
    if terkunci:
        aksi = [ke for ke in aksi if ke in (Status.DITOLAK, Status.MENGUNDURKAN_DIRI)]
    return aksi


# A roster's search also looks in the instansi and the pemda.
_KOLOM_CARI_ROSTER = (*KOLOM_CARI_NAMA, "instansi", "provinsi__nama", "kabupaten_kota__nama")


def roster_with_summary(angkatan: Angkatan, *, saringan: FilterRoster | None = None) -> Roster:
    """Return one page of the roster, with the actions each row allows, and the counts of the whole roster.

    Three queries whatever the number of rows: the counts per status (and of the incomplete) together, the
    rows the filters leave, and the page of them. A page past the end shows the last one.
    """
    saringan = saringan or FilterRoster()
    semua = Pendaftaran.objects.filter(angkatan=angkatan)
    hitung, kurang = Counter(), 0
    for baris in (
        semua.order_by()
        .values("status")
        .annotate(n=Count("pk"), kurang=Count("pk", filter=q_belum_lengkap("peserta__")))
    ):
        hitung[baris["status"]] = baris["n"]
        kurang += baris["kurang"]
    rows = roster_for_angkatan(angkatan)
    if saringan.status:
        rows = rows.filter(status=saringan.status)
    if saringan.belum_lengkap:
        rows = rows.filter(q_belum_lengkap("peserta__"))
    if saringan.cari:
        rows = rows.filter(q_cari_peserta(saringan.cari, prefix="peserta__", kolom=_KOLOM_CARI_ROSTER))
    halaman = halaman_terdekat(Paginator(rows, ROSTER_PER_HALAMAN), saringan.halaman)
    halaman.object_list = list(halaman.object_list)
    terkunci = angkatan.hasil_final
    for p in halaman.object_list:
        p.aksi_tersedia = aksi_staf(p.status, terkunci=terkunci)
    return Roster(
        angkatan=angkatan,
        halaman=halaman,
        jumlah=sum(hitung.values()),
        per_status=[(value, label, hitung[value]) for value, label in Status.choices if hitung[value]],
        terisi=sum(hitung[s] for s in STATUS_MENGISI_KUOTA),
        # The page actually shown: a page past the end is the last one, and links carry that.
        saringan=replace(saringan, halaman=halaman.number),
        jumlah_belum_lengkap=kurang,
    )


def peserta_for_detail(pk: int) -> Peserta:
    """Return the person with what their page shows beside them; raise Peserta.DoesNotExist."""
    return Peserta.objects.select_related("pangkat", "provinsi", "kabupaten_kota", "user").get(pk=pk)


def pendaftaran_for_peserta(peserta: Peserta) -> list[Pendaftaran]:
    """Return a person's enrolments in every angkatan, newest first, with their status history."""
    return list(
        Pendaftaran.objects.filter(peserta=peserta)
        .select_related("angkatan", "angkatan__program", "angkatan__venue")
        .prefetch_related(
            Prefetch("riwayat_status", queryset=RiwayatStatus.objects.select_related("oleh").order_by("pada", "pk"))
        )
        .order_by("-angkatan__tanggal_mulai", "-pk")
    )


# Audit trail -----------------------------------------------------------------------------------------------------

# Bookkeeping columns that change with every save and say nothing to a reader.
_FIELD_TERSEMBUNYI = {"id", "created_at", "updated_at"}


def _tampilkan(model, name: str) -> bool:
    """Tell whether a logged field is worth showing: a column of the row, not bookkeeping or a reverse relation."""
    if name in _FIELD_TERSEMBUNYI:
        return False
    try:
        return model._meta.get_field(name).concrete
    except FieldDoesNotExist:
        return True


@dataclass
class PerubahanAudit:
    nama_field: str
    lama: str
    baru: str


@dataclass
class EntriAudit:
    waktu: datetime.datetime
    pelaku: str
    aksi: str
    objek: str
    dibuat: bool
    perubahan: list[PerubahanAudit] = field(default_factory=list)
    # Why, when the change was made with a reason (a NIP corrected, say).
    alasan: str = ""


def _pelaku(entry: LogEntry) -> str:
    if entry.actor is None:
        return entry.actor_email or _("Sistem")
    return entry.actor.get_full_name() or entry.actor.username


def _nilai_mentah(value) -> str | None:
    if value is None or value == "None":
        return None
    return str(value)


class _Penerjemah:
    """Turn the raw values auditlog stores (ids, codes, ISO dates) into what a reader knows.

    Related rows are fetched in one query per related model, whatever the
    number of entries, so the page's query count stays fixed.
    """

    def __init__(self, entries: Sequence[LogEntry], models_by_ct: dict[int, type]):
        self.models_by_ct = models_by_ct
        wanted: dict[type, set[str]] = {}
        for entry in entries:
            model = models_by_ct[entry.content_type_id]
            for name, values in (entry.changes_dict or {}).items():
                fk = self._fk(model, name)
                if fk is not None:
                    wanted.setdefault(fk.related_model, set()).update(
                        v for v in map(_nilai_mentah, values) if v is not None
                    )
        self.related: dict[type, dict[str, object]] = {}
        for related_model, raw_pks in wanted.items():
            pks = []
            for raw in raw_pks:
                try:
                    pks.append(related_model._meta.pk.to_python(raw))
                except Exception:  # noqa: BLE001 - a value from an older schema; shown as stored
                    continue
            queryset = related_model._default_manager.all()
            if related_model is Angkatan:
                queryset = queryset.select_related("program")
            self.related[related_model] = {str(k): v for k, v in queryset.in_bulk(pks).items()}

    @staticmethod
    def _fk(model, name):
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return None
        return model_field if model_field.many_to_one or model_field.one_to_one else None

    def label(self, model, name: str) -> str:
        try:
            return str(model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            return name

    def value(self, model, name: str, raw) -> str:
        raw = _nilai_mentah(raw)
        if raw is None or raw == "":
            return "—"
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return raw
        fk = self._fk(model, name)
        if fk is not None:
            obj = self.related.get(fk.related_model, {}).get(raw)
            return str(obj) if obj is not None else _("(terhapus: %(id)s)") % {"id": raw}
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(raw, raw))
        if name == "nip":
            return format_nip(raw)
        if name == "telepon":
            return format_telepon(raw)
        if model_field.get_internal_type() == "DateField":
            try:
                return formats.date_format(datetime.date.fromisoformat(raw), "j F Y")
            except ValueError:
                return raw
        if model_field.get_internal_type() == "DecimalField":
            try:
                return formats.number_format(decimal.Decimal(raw), decimal_pos=2)  # 77,63 in Indonesian
            except (decimal.InvalidOperation, ValueError):
                return raw
        return raw


def _alasan(entry: LogEntry) -> str:
    tambahan = entry.additional_data
    return str(tambahan.get("alasan") or "") if isinstance(tambahan, dict) else ""


def audit_trail_for_peserta(peserta: Peserta, pendaftaran: Sequence[Pendaftaran]) -> list[EntriAudit]:
    """Return every audit entry of a person and of their enrolments, newest first, ready to show.

    ``pendaftaran`` are the person's enrolments (with their angkatan), as
    ``pendaftaran_for_peserta`` returns them; they name the entries.
    """
    ct_peserta = ContentType.objects.get_for_model(Peserta)
    ct_pendaftaran = ContentType.objects.get_for_model(Pendaftaran)
    by_pk = {p.pk: p for p in pendaftaran}
    entries = list(
        LogEntry.objects.filter(
            Q(content_type=ct_peserta, object_id=peserta.pk) | Q(content_type=ct_pendaftaran, object_id__in=by_pk)
        )
        .select_related("actor")
        .order_by("-timestamp", "-pk")
    )
    models_by_ct = {ct_peserta.pk: Peserta, ct_pendaftaran.pk: Pendaftaran}
    penerjemah = _Penerjemah(entries, models_by_ct)
    aksi = {
        LogEntry.Action.CREATE: _("dibuat"),
        LogEntry.Action.UPDATE: _("diubah"),
        LogEntry.Action.DELETE: _("dihapus"),
    }
    hasil = []
    for entry in entries:
        model = models_by_ct[entry.content_type_id]
        if model is Peserta:
            objek = _("Data peserta")
        else:
            p = by_pk.get(entry.object_id)
            if p is None:
                objek = _("Pendaftaran %(angkatan)s") % {"angkatan": entry.object_repr}
            else:
                objek = _("Pendaftaran %(program)s Angkatan %(nomor)s %(tahun)s") % {
                    "program": p.angkatan.program.kode,
                    "nomor": p.angkatan.nomor_romawi,
                    "tahun": p.angkatan.tahun,
                }
        perubahan = [
            PerubahanAudit(
                nama_field=penerjemah.label(model, name),
                lama=penerjemah.value(model, name, values[0]),
                baru=penerjemah.value(model, name, values[1]),
            )
            for name, values in (entry.changes_dict or {}).items()
            if _tampilkan(model, name)
        ]
        dibuat = entry.action == LogEntry.Action.CREATE
        if dibuat:
            perubahan = [c for c in perubahan if c.baru != "—"]
        hasil.append(
            EntriAudit(
                waktu=timezone.localtime(entry.timestamp),
                pelaku=_pelaku(entry),
                aksi=str(aksi.get(entry.action, _("dicatat"))),
                objek=objek,
                dibuat=dibuat,
                perubahan=perubahan,
                alasan=_alasan(entry),
            )
        )
    return hasil
