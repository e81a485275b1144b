"""Read the values of one cell as regions write them: ranks, names with titles, dates, regions, phones.

Each reader takes what the cell holds (text, a number, a date) and returns the
value to store, or raises ValidationError with an Indonesian message that says
what was written and how to write it instead. Reference rows (ranks, provinces,
kabupaten/kota) are loaded once per import into a ``Referensi``.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from diklat.models import KabupatenKota, PangkatGolongan, Provinsi
from diklat.telepon import normalize_telepon
from diklat.validators import validate_bukan_rumus
from peserta.models import KategoriJabatan

# Text -------------------------------------------------------------------------------------------------------------

_SPASI = re.compile(r"\s+")
_BUKAN_HURUF_ANGKA = re.compile(r"[^a-z0-9]+")
# Cells that mean "nothing here" in hand-made lists.
_KOSONG = {"", "-", "--", "—", "–", ".", "0", "n/a", "na", "tidak ada", "belum ada", "nihil"}


def teks(value: object) -> str:
    """Return a cell as one line of text: spaces collapsed, non-breaking and zero-width spaces gone."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    nilai = str(value).replace("\u200b", "").replace("\ufeff", "")
    return _SPASI.sub(" ", nilai.replace("\u00a0", " ")).strip()


def kosong(value: object) -> bool:
    """Return whether a cell holds nothing, or only a dash or similar placeholder."""
    return teks(value).lower() in _KOSONG


def kunci(value: object) -> str:
    """Return text reduced for loose comparison: lower case, no accents, punctuation as single spaces."""
    nilai = unicodedata.normalize("NFKD", teks(value)).encode("ascii", "ignore").decode().lower()
    return _BUKAN_HURUF_ANGKA.sub(" ", nilai).strip()


def teks_terbatas(value: object, *, label: str, maks: int) -> str:
    """Return the cell's text, refusing text longer than the database column or that looks like a formula."""
    nilai = teks(value)
    validate_bukan_rumus(nilai)
    if len(nilai) > maks:
        raise ValidationError(
            _("%(label)s terlalu panjang: %(jumlah)s karakter, paling banyak %(maks)s."),
            code="terlalu_panjang",
            params={"label": label, "jumlah": len(nilai), "maks": maks},
        )
    return nilai


# Names and academic titles -----------------------------------------------------------------------------------------

# Titles written before the name: academic (Prof., Dr., Drs., Dra., Ir., drg., dr.), professional (Ns., apt.) and
# religious (H., Hj., K.H.), which certificates print in front of the name as well.
_GELAR_DEPAN = re.compile(
    r"^(prof|dr|drs|dra|drg|ir|hj|h|ns|apt|kh|k\.h)(?:\.\s*|\s+)(?=\S)",
    re.IGNORECASE,
)
_GELAR_DEPAN_BAKU = {"prof": "Prof.", "dr": "Dr.", "drs": "Drs.", "dra": "Dra.", "drg": "drg.", "ir": "Ir."}
_GELAR_DEPAN_BAKU |= {"hj": "Hj.", "h": "H.", "ns": "Ns.", "apt": "apt.", "kh": "K.H.", "k.h": "K.H."}
# A degree after the name without a comma before it: S.Sos., M.Si, A.Md., S.H or the dotless forms people type.
_GELAR_BELAKANG = re.compile(r"^(?:[A-Z][A-Za-z]{0,4}\.(?:[A-Za-z]{1,5}\.?)+|Ph\.?D\.?)$")
_GELAR_BELAKANG_TANPA_TITIK = {
    "SE", "SH", "SIP", "SSos", "SAP", "SPd", "SKM", "SKom", "SSTP", "ST", "SP", "SHut", "SPi", "SKep", "SFarm",
    "MSi", "MM", "MAP", "MPd", "MKes", "MKom", "MT", "MH", "MAk", "MP", "MPA", "MSc", "MBA", "AMd", "PhD",
}  # fmt: skip


@dataclass(frozen=True)
class NamaBergelar:
    gelar_depan: str
    nama: str
    gelar_belakang: str
    ada_gelar: bool


def pisah_gelar(value: object) -> NamaBergelar:
    """Split ``Dr. Budi Santoso, S.Sos., M.Si.`` into gelar depan, name and gelar belakang."""
    sisa = teks(value)
    depan = []
    while True:
        cocok = _GELAR_DEPAN.match(sisa)
        if not cocok:
            break
        gelar = cocok.group(1)
        # "dr." (a physician) and "Dr." (a doctorate) are different titles.
        depan.append("dr." if gelar == "dr" else _GELAR_DEPAN_BAKU[gelar.lower()])
        sisa = sisa[cocok.end() :]

    belakang = ""
    if "," in sisa:
        sisa, belakang = sisa.split(",", 1)
        belakang = ", ".join(bagian.strip() for bagian in belakang.split(",") if bagian.strip())
    else:
        kata = sisa.split(" ")
        ekor = []
        # Keep at least one word of the name.
        while len(kata) > 1 and (
            _GELAR_BELAKANG.match(kata[-1]) or kata[-1].replace(".", "") in _GELAR_BELAKANG_TANPA_TITIK
        ):
            ekor.insert(0, kata.pop())
        if ekor:
            sisa, belakang = " ".join(kata), ", ".join(ekor)
    nama = sisa.strip(" .,;")
    return NamaBergelar(" ".join(depan), nama, belakang, bool(depan or belakang))


# Dates ---------------------------------------------------------------------------------------------------------------

_BULAN = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "agst": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9, "sepember": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}  # fmt: skip
_TGL_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_TGL_DMY = re.compile(r"^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{2}|\d{4})$")
_TGL_D_BULAN_Y = re.compile(r"^(\d{1,2})[\s\-/.]*([a-z]+)[\s\-/.,]*(\d{2}|\d{4})$")
# Excel counts days from 30 December 1899 (its 1900 leap-year bug is before any birth date we meet).
_EPOCH_EXCEL = date(1899, 12, 30)


def _tahun_dua_digit(tahun: int) -> int:
    # A birth year written with two digits: 68 is 1968, 05 is 2005 only if that is not in the future.
    abad = 2000 if 2000 + tahun <= date.today().year else 1900
    return abad + tahun


def _tanggal(tahun: int, bulan: int, hari: int, asli: str) -> date:
    """Return the date, or say which part of it does not exist (the month, or the day in that month)."""
    if not 1 <= bulan <= 12:
        if bulan > 12 and 1 <= hari <= 12:
            pesan = _(
                "Tanggal “%(nilai)s”: bulan %(bulan)s tidak ada; bulan ditulis 1 sampai 12. Mungkin tanggal dan "
                "bulannya tertukar: tulis tanggal dulu, seperti 12-05-1968."
            )
        else:
            pesan = _("Tanggal “%(nilai)s”: bulan %(bulan)s tidak ada; bulan ditulis 1 sampai 12.")
        raise ValidationError(pesan, code="tanggal_tidak_sah", params={"nilai": asli, "bulan": bulan})
    if not 1 <= tahun <= 9999:
        raise ValidationError(
            _("Tanggal “%(nilai)s”: tahun %(tahun)s tidak mungkin."),
            code="tanggal_tidak_sah",
            params={"nilai": asli, "tahun": tahun},
        )
    akhir = calendar.monthrange(tahun, bulan)[1]
    if not 1 <= hari <= akhir:
        raise ValidationError(
            _("Tanggal “%(nilai)s”: tanggal %(hari)s tidak ada di bulan %(nama_bulan)s %(tahun)s, yang tanggalnya 1 "
              "sampai %(akhir)s."),
            code="tanggal_tidak_sah",
            params={"nilai": asli, "hari": hari, "nama_bulan": MONTHS[bulan], "tahun": tahun, "akhir": akhir},
        )  # fmt: skip
    return date(tahun, bulan, hari)


def baca_tanggal(value: object) -> date:
    """Read a date from an Excel date cell or from text such as 12-05-1968, 12/05/1968, 12 Mei 1968, 1968-05-12."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer() and 19000101 <= value <= 21001231:
            angka = str(int(value))
            return _tanggal(int(angka[:4]), int(angka[4:6]), int(angka[6:]), angka)
        if 1 <= value < 80000:
            # A date cell whose format was lost shows its serial number.
            return _EPOCH_EXCEL + timedelta(days=int(value))
    nilai = teks(value)
    huruf = nilai.lower()
    if cocok := _TGL_ISO.match(huruf):
        return _tanggal(int(cocok[1]), int(cocok[2]), int(cocok[3]), nilai)
    if cocok := _TGL_DMY.match(huruf):
        tahun = int(cocok[3]) if len(cocok[3]) == 4 else _tahun_dua_digit(int(cocok[3]))
        return _tanggal(tahun, int(cocok[2]), int(cocok[1]), nilai)
    if (cocok := _TGL_D_BULAN_Y.match(huruf)) and cocok[2] in _BULAN:
        tahun = int(cocok[3]) if len(cocok[3]) == 4 else _tahun_dua_digit(int(cocok[3]))
        return _tanggal(tahun, _BULAN[cocok[2]], int(cocok[1]), nilai)
    if re.fullmatch(r"\d{8}", huruf):
        if 1900 <= int(huruf[:4]) <= 2100:
            return _tanggal(int(huruf[:4]), int(huruf[4:6]), int(huruf[6:]), nilai)
        return _tanggal(int(huruf[4:]), int(huruf[2:4]), int(huruf[:2]), nilai)
    raise ValidationError(
        _("Tanggal “%(nilai)s” tidak dapat dibaca. Tulis seperti 12-05-1968, 12/05/1968, atau 12 Mei 1968."),
        code="tanggal_tidak_terbaca",
        params={"nilai": nilai},
    )


def pisah_tempat_tanggal(value: object) -> tuple[str, object]:
    """Split a "Tempat, Tanggal Lahir" cell (``Bogor, 12 Mei 1968``) into the place and the date text."""
    if isinstance(value, (date, datetime)):
        return "", value
    nilai = teks(value)
    if "," in nilai:
        tempat, tanggal = nilai.rsplit(",", 1)
        return tempat.strip(), tanggal.strip()
    # "Bogor 12-05-1968": the date is the last word.
    cocok = re.match(r"^(.*?)[\s/]+(\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{4}-\d{1,2}-\d{1,2})$", nilai)
    if cocok:
        return cocok[1].strip(), cocok[2]
    cocok = re.match(r"^(.*?)\s+(\d{1,2}\s+[A-Za-z]+\s+\d{4})$", nilai)
    if cocok:
        return cocok[1].strip(), cocok[2]
    return nilai, ""


# Phone and e-mail --------------------------------------------------------------------------------------------------


def baca_telepon(value: object) -> str:
    """Return an Indonesian phone number as +62…, also from a number cell that lost its leading 0."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        angka = str(int(value))
        # 0812… typed into a number cell is stored as 812…
        nilai = "0" + angka if angka.startswith("8") else angka
        return normalize_telepon(nilai)
    nilai = teks(value)
    try:
        return normalize_telepon(nilai)
    except ValidationError:
        # "0812-1111-2222 / 0813-3333-4444": keep the first number.
        bagian = re.split(r"\s*[/;,]\s*|\s+atau\s+", nilai)
        if len(bagian) > 1 and bagian[0]:
            return normalize_telepon(bagian[0])
        raise


def baca_email(value: object) -> str:
    nilai = teks(value).lower().removeprefix("mailto:")
    try:
        validate_email(nilai)
    except ValidationError:
        raise ValidationError(
            _("Alamat e-mail “%(nilai)s” tidak valid; tulis seperti nama@contoh.go.id."),
            code="email_tidak_valid",
            params={"nilai": teks(value)},
        ) from None
    return nilai


# Jabatan categories ----------------------------------------------------------------------------------------------

_KATEGORI_SEBUTAN = {
    "sekcam": KategoriJabatan.SEKRETARIS_KECAMATAN,
    "sekretaris camat": KategoriJabatan.SEKRETARIS_KECAMATAN,
    "kasi": KategoriJabatan.KEPALA_SEKSI,
    "kasie": KategoriJabatan.KEPALA_SEKSI,
    "lain lain": KategoriJabatan.LAINNYA,
    "lain": KategoriJabatan.LAINNYA,
}
# A jabatan that starts with these words belongs to the category (first match wins).
_KATEGORI_DARI_JABATAN = [
    ("sekretaris dinas", KategoriJabatan.SEKRETARIS_DINAS),
    ("sekretaris badan", KategoriJabatan.SEKRETARIS_BADAN),
    ("sekretaris inspektorat", KategoriJabatan.SEKRETARIS_INSPEKTORAT),
    ("sekretaris kecamatan", KategoriJabatan.SEKRETARIS_KECAMATAN),
    ("sekretaris camat", KategoriJabatan.SEKRETARIS_KECAMATAN),
    ("sekcam", KategoriJabatan.SEKRETARIS_KECAMATAN),
    ("camat", KategoriJabatan.CAMAT),
    ("kepala seksi", KategoriJabatan.KEPALA_SEKSI),
    ("kasi ", KategoriJabatan.KEPALA_SEKSI),
]


def baca_kategori(value: object) -> str:
    """Return the KategoriJabatan value for a label (``Sekretaris Dinas``), a key or a common short form."""
    nilai = kunci(value)
    for pilihan in KategoriJabatan:
        if nilai in (kunci(pilihan.label), kunci(pilihan.value)):
            return pilihan.value
    if nilai in _KATEGORI_SEBUTAN:
        return _KATEGORI_SEBUTAN[nilai].value
    raise ValidationError(
        _("Kategori jabatan “%(nilai)s” tidak dikenal; pilih salah satu: %(pilihan)s."),
        code="kategori_tidak_dikenal",
        params={"nilai": teks(value), "pilihan": ", ".join(str(p.label) for p in KategoriJabatan)},
    )


def kategori_dari_jabatan(jabatan: str) -> str:
    """Guess the category from the jabatan's own words, ``lainnya`` when none fits."""
    nilai = kunci(jabatan) + " "
    for awalan, kategori in _KATEGORI_DARI_JABATAN:
        if nilai.startswith(awalan):
            return kategori.value
    return KategoriJabatan.LAINNYA.value


# Reference data: ranks and regions -------------------------------------------------------------------------------

_ROMAWI = {"1": "I", "2": "II", "3": "III", "4": "IV", "i": "I", "ii": "II", "iii": "III", "iv": "IV"}
# IV/b, IV-b, IV.b, IV b, IVb, 4/b; the slash or hyphen forms first, so "Tk. I (IV/b)" reads IV/b, not I.
_GOLONGAN = [
    re.compile(r"\b(iv|iii|ii|i|[1-4])\s*[/\-]\s*([a-e])\b"),
    re.compile(r"\b(iv|iii|ii|i)\s*\.?\s*([a-e])\b"),
]
_TINGKAT = re.compile(r"\b(?:tk|tkt|tingkat)\s*(?:i|1)\b")

_PROVINSI_SEBUTAN = {
    "dki": "31", "dki jakarta": "31", "jakarta": "31", "dki jakarta raya": "31",
    "daerah khusus jakarta": "31", "dk jakarta": "31",
    "diy": "34", "di yogyakarta": "34", "d i yogyakarta": "34", "yogyakarta": "34", "jogja": "34",
    "jogjakarta": "34", "daerah istimewa jogjakarta": "34",
    "nad": "11", "nanggroe aceh darussalam": "11", "aceh darussalam": "11",
    "sumut": "12", "sumbar": "13", "sumsel": "16", "babel": "19", "bangka belitung": "19",
    "kepulauan bangka belitung": "19", "kep bangka belitung": "19", "kepri": "21", "kep riau": "21",
    "jabar": "32", "jateng": "33", "jatim": "35", "ntb": "52", "ntt": "53",
    "kalbar": "61", "kalteng": "62", "kalsel": "63", "kaltim": "64", "kaltara": "65",
    "sulut": "71", "sulteng": "72", "sulsel": "73", "sultra": "74", "sulbar": "76",
    "malut": "82", "pabar": "92", "papua barat daya": "96", "pbd": "96",
}  # fmt: skip
_AWALAN_PROVINSI = re.compile(r"^(?:pemerintah provinsi|pemprov|provinsi|propinsi|prov)\s+")
_AWALAN_KABKOTA = [
    (re.compile(r"^(?:pemerintah kabupaten|pemkab|kabupaten administrasi|kabupaten|kab adm|kab)\s+"), "kabupaten"),
    (re.compile(r"^(?:pemerintah kota|pemkot|kota administrasi|kota adm|kotamadya|kodya|kota)\s+"), "kota"),
]


@dataclass
class Referensi:
    """Ranks, provinces and kabupaten/kota, loaded once per import (three queries) and matched loosely."""

    pangkat: dict[int, PangkatGolongan] = field(default_factory=dict)
    provinsi: dict[str, Provinsi] = field(default_factory=dict)
    kabupaten_kota: dict[str, KabupatenKota] = field(default_factory=dict)
    _pangkat_golongan: dict[str, PangkatGolongan] = field(default_factory=dict)
    _pangkat_nama: dict[str, PangkatGolongan] = field(default_factory=dict)
    _provinsi_nama: dict[str, Provinsi] = field(default_factory=dict)
    _kabkota_inti: dict[str, list[KabupatenKota]] = field(default_factory=dict)

    @classmethod
    def muat(cls) -> Referensi:
        ref = cls()
        for pangkat in PangkatGolongan.objects.all():
            ref.pangkat[pangkat.pk] = pangkat
            ref._pangkat_golongan[pangkat.golongan.upper()] = pangkat
            ref._pangkat_nama[_kunci_pangkat(pangkat.pangkat)] = pangkat
        for provinsi in Provinsi.objects.all():
            ref.provinsi[provinsi.kode] = provinsi
            ref._provinsi_nama[kunci(provinsi.nama)] = provinsi
        for sebutan, kode in _PROVINSI_SEBUTAN.items():
            if kode in ref.provinsi:
                ref._provinsi_nama.setdefault(sebutan, ref.provinsi[kode])
        for kabkota in KabupatenKota.objects.all():
            # Provinces come from the dict above, so reading kabkota.provinsi costs no query.
            kabkota.provinsi = ref.provinsi[kabkota.provinsi_id]
            ref.kabupaten_kota[kabkota.kode] = kabkota
            _, inti = _pisah_jenis(kunci(kabkota.nama))
            ref._kabkota_inti.setdefault(inti, []).append(kabkota)
        return ref

    # Ranks

    def cari_pangkat(self, value: object) -> PangkatGolongan:
        """Find a rank written as ``Pembina Tk. I (IV/b)``, ``IV/b``, ``IV-b``, ``pembina tingkat i``…"""
        nilai = teks(value)
        huruf = nilai.lower()
        golongan = None
        for pola in _GOLONGAN:
            if cocok := pola.search(huruf):
                golongan = self._pangkat_golongan.get(f"{_ROMAWI[cocok[1]]}/{cocok[2]}".upper())
                huruf = huruf[: cocok.start()] + " " + huruf[cocok.end() :]
                break
        nama = self._pangkat_nama.get(_kunci_pangkat(huruf))
        if golongan and nama and golongan != nama:
            raise ValidationError(
                _("Pangkat dan golongan “%(nilai)s” tidak cocok: golongan %(golongan)s berpangkat %(pangkat)s."),
                code="pangkat_tidak_cocok",
                params={"nilai": nilai, "golongan": golongan.golongan, "pangkat": golongan.pangkat},
            )
        if golongan or nama:
            return golongan or nama
        raise ValidationError(
            _(
                "Pangkat/golongan “%(nilai)s” tidak dikenal. Tulis seperti “Pembina Tingkat I (IV/b)”, "
                "“Penata Muda Tk. I” atau “IV/b”."
            ),
            code="pangkat_tidak_dikenal",
            params={"nilai": nilai},
        )

    # Regions

    def cari_provinsi(self, value: object) -> Provinsi:
        nilai = kunci(value)
        tanpa_awalan = _AWALAN_PROVINSI.sub("", nilai)
        for calon in (nilai, tanpa_awalan):
            if calon in self._provinsi_nama:
                return self._provinsi_nama[calon]
        raise ValidationError(
            _("Provinsi “%(nilai)s” tidak dikenal; tulis nama provinsi, mis. Jawa Barat."),
            code="provinsi_tidak_dikenal",
            params={"nilai": teks(value)},
        )

    def provinsi_dari_teks(self, value: object) -> Provinsi | None:
        """Return the province a kab/kota cell names (``Provinsi Jawa Barat``: a provincial government)."""
        nilai = kunci(value)
        if _AWALAN_PROVINSI.match(nilai):
            try:
                return self.cari_provinsi(value)
            except ValidationError:
                return None
        return None

    def cari_kabupaten_kota(self, value: object, provinsi: Provinsi | None) -> KabupatenKota:
        """Find ``Kab. Bogor``, ``Kabupaten Bogor``, ``Kota Depok`` or ``Depok`` (when only one fits)."""
        nilai = teks(value)
        jenis, inti = _pisah_jenis(kunci(value))
        calon = [k for k in self._kabkota_inti.get(inti, []) if jenis is None or k.jenis == jenis]
        if provinsi is not None:
            di_provinsi = [k for k in calon if k.provinsi_id == provinsi.kode]
            if len(di_provinsi) == 1:
                return di_provinsi[0]
            if len(di_provinsi) > 1:
                raise _kabkota_ganda(nilai, di_provinsi)
            if calon:
                raise ValidationError(
                    _("%(kabkota)s tidak berada di Provinsi %(provinsi)s."),
                    code="kabupaten_kota_beda_provinsi",
                    params={"kabkota": " / ".join(k.nama for k in calon), "provinsi": provinsi.nama},
                )
            raise ValidationError(
                _("Kabupaten/kota “%(nilai)s” tidak ditemukan di Provinsi %(provinsi)s."),
                code="kabupaten_kota_tidak_ditemukan",
                params={"nilai": nilai, "provinsi": provinsi.nama},
            )
        if len(calon) == 1:
            return calon[0]
        if len(calon) > 1:
            raise _kabkota_ganda(nilai, calon)
        raise ValidationError(
            _("Kabupaten/kota “%(nilai)s” tidak ditemukan; tulis seperti “Kabupaten Bogor” atau “Kota Depok”."),
            code="kabupaten_kota_tidak_ditemukan",
            params={"nilai": nilai},
        )


def _kunci_pangkat(value: str) -> str:
    nilai = kunci(value)
    nilai = _TINGKAT.sub("tingkat i", nilai)
    return _SPASI.sub(" ", nilai).strip()


def _pisah_jenis(nilai: str) -> tuple[str | None, str]:
    """Split a reduced kab/kota name into its kind (kabupaten, kota or unknown) and its core name."""
    for pola, jenis in _AWALAN_KABKOTA:
        if cocok := pola.match(nilai + " "):
            inti = nilai[cocok.end() :].strip() if cocok.end() <= len(nilai) else ""
            inti = re.sub(r"^administrasi\s+", "", inti)
            return jenis, inti
    return None, nilai


def _kabkota_ganda(nilai: str, calon: list[KabupatenKota]) -> ValidationError:
    return ValidationError(
        _("“%(nilai)s” dapat berarti %(pilihan)s; tulis nama lengkapnya."),
        code="kabupaten_kota_ganda",
        params={"nilai": nilai, "pilihan": _(" atau ").join(k.nama for k in calon)},
    )
