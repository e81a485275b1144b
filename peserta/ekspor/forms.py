"""The choices of the exports of enrolments: an angkatan's roster (which columns, in what order, which status,
in which format) and the export across angkatan (the same, with the filters that pick its rows)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from angkatan.hari_pelatihan import rentang_tanggal
from angkatan.models import Angkatan
from diklat.models import KabupatenKota, Predikat, Program, Provinsi
from peserta.data.forms import kabupaten_kota_choices, kode_provinsi
from peserta.ekspor.kolom import KOLOM_BAWAAN, KOLOM_BAWAAN_LINTAS, KolomPendaftaran
from peserta.models import Pendaftaran

FORMAT = [
    ("xlsx", _("Excel (.xlsx)")),
    ("csv", _("CSV, dipisah koma")),
    ("csv_titik_koma", _("CSV, dipisah titik koma (Excel berbahasa Indonesia)")),
    ("pdf", _("PDF (A4 mendatar)")),
]
URUT = [("nama", _("Nama")), ("daerah", _("Daerah (provinsi, kabupaten/kota)")), ("nomor", _("Urutan pendaftaran"))]


class EksporRosterForm(forms.Form):
    kolom = forms.MultipleChoiceField(
        label=_("Kolom"), widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"})
    )
    urut = forms.ChoiceField(label=_("Urutkan menurut"), choices=URUT, initial="nama")
    status = forms.ChoiceField(label=_("Status"), required=False)
    format = forms.ChoiceField(label=_("Format"), choices=FORMAT, initial="xlsx", widget=forms.RadioSelect)

    def __init__(self, *args, kolom: list[KolomPendaftaran], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kolom"].choices = [(k.kunci, k.kolom.judul) for k in kolom]
        self.fields["kolom"].initial = KOLOM_BAWAAN
        self.fields["status"].choices = [("", _("Semua status")), *Pendaftaran.Status.choices]
        self.fields["kolom"].error_messages["required"] = _("Pilih paling sedikit satu kolom.")

    def pilihan(self) -> dict:
        """What to remember for the user's next export: the cleaned choices, as JSON."""
        return {nama: self.cleaned_data[nama] for nama in ("kolom", "urut", "status", "format")}


# The orders of an export across angkatan.
URUT_LINTAS = [
    ("angkatan", _("Angkatan (tahun, program, nomor), lalu nama")),
    ("nama", _("Nama")),
    ("daerah", _("Daerah (provinsi, kabupaten/kota)")),
]


class FilterLintasForm(forms.Form):
    """Which enrolments an export across angkatan takes: of which trainings, people and results.

    Every field is optional (none: every enrolment). A value that is not one of the choices (a forged id,
    a year ``abc``) or a pair that cannot hold (a kab/kota of another province, an angkatan of another
    program or year) is refused beside its field, in words.
    """

    tahun = forms.TypedChoiceField(
        label=_("Tahun"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("Tidak ada angkatan pada tahun “%(value)s”.")},
    )
    program = forms.ModelChoiceField(
        label=_("Program"),
        queryset=Program.objects.order_by("nama"),
        required=False,
        empty_label=_("Semua program"),
        error_messages={"invalid_choice": _("Program yang dipilih tidak dikenal; pilih dari daftar.")},
    )
    angkatan = forms.TypedMultipleChoiceField(
        label=_("Angkatan"),
        coerce=int,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Kosongkan untuk semua angkatan; tahan Ctrl (di ponsel: sentuh) untuk memilih beberapa."),
        error_messages={"invalid_choice": _("Angkatan yang dipilih tidak dikenal (%(value)s); pilih dari daftar.")},
    )
    provinsi = forms.ModelChoiceField(
        label=_("Provinsi"),
        queryset=Provinsi.objects.order_by("nama"),
        required=False,
        empty_label=_("Semua provinsi"),
        error_messages={"invalid_choice": _("Provinsi yang dipilih tidak dikenal; pilih dari daftar.")},
    )
    kabupaten_kota = forms.ModelChoiceField(
        label=_("Kabupaten/kota"),
        queryset=KabupatenKota.objects.select_related("provinsi"),
        required=False,
        error_messages={"invalid_choice": _("Kabupaten/kota yang dipilih tidak dikenal; pilih dari daftar.")},
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        error_messages={"invalid_choice": _("Status “%(value)s” tidak dikenal.")},
    )
    predikat = forms.ChoiceField(
        label=_("Predikat"),
        required=False,
        error_messages={"invalid_choice": _("Predikat “%(value)s” tidak dikenal.")},
    )
    jabatan = forms.CharField(
        label=_("Jabatan memuat"),
        max_length=100,
        required=False,
        help_text=_("Mis. camat, sekretaris dinas."),
    )

    # The filters, in the order the form shows them and the export's title names them.
    FILTER = ("tahun", "program", "angkatan", "provinsi", "kabupaten_kota", "status", "predikat", "jabatan")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        angkatan = list(Angkatan.objects.select_related("program").order_by("-tahun", "program__nama", "nomor", "pk"))
        self._angkatan = {a.pk: a for a in angkatan}
        tahun = sorted({a.tahun for a in angkatan}, reverse=True)
        self.fields["tahun"].choices = [("", _("Semua tahun")), *((t, str(t)) for t in tahun)]
        grup: dict[int, list] = {}
        for a in angkatan:
            # Short enough for a phone: the program's code, the number and the dates (the year heads the group).
            label = _("%(kode)s Angkatan %(nomor)s · %(tanggal)s") % {
                "kode": a.program.kode,
                "nomor": a.nomor_romawi,
                "tanggal": rentang_tanggal(a.tanggal_mulai, a.tanggal_selesai),
            }
            grup.setdefault(a.tahun, []).append((a.pk, label))
        self.fields["angkatan"].choices = list(grup.items())
        self.fields["status"].choices = [("", _("Semua status")), *Pendaftaran.Status.choices]
        predikat = (
            Predikat.objects.values_list("nama", flat=True)
            .annotate(tertinggi=Max("nilai_minimal"))
            .order_by("-tertinggi", "nama")
        )
        self.fields["predikat"].choices = [("", _("Semua predikat")), *((p, p) for p in predikat)]
        self._pilihan_kabupaten_kota()
        provinsi = self.fields["provinsi"]
        provinsi.widget.attrs.update(
            {
                # The kab/kota list follows the province (htmx); without JavaScript it lists them all, grouped.
                "hx-get": reverse("peserta:kabkota-pilihan") + "?untuk=filter",
                "hx-trigger": "change",
                "hx-target": "#id_kabupaten_kota",
                "hx-include": "#id_kabupaten_kota",
                "hx-swap": "innerHTML",
            }
        )

    def _pilihan_kabupaten_kota(self) -> None:
        """List the kab/kota of the province submitted, or all of them grouped by province while none is."""
        provinsi = kode_provinsi(self.data.get(self.add_prefix("provinsi"))) if self.is_bound else ""
        pilihan = kabupaten_kota_choices(provinsi) if provinsi else []
        if len(pilihan) <= 1:
            pilihan = kabupaten_kota_choices()
        self.fields["kabupaten_kota"].choices = [("", _("Semua kabupaten/kota")), *pilihan[1:]]

    def clean(self):
        cleaned = super().clean()
        provinsi, kabkota = cleaned.get("provinsi"), cleaned.get("kabupaten_kota")
        if provinsi and kabkota and kabkota.provinsi_id != provinsi.pk:
            self.add_error(
                "kabupaten_kota",
                ValidationError(
                    _("%(kabkota)s tidak berada di provinsi %(provinsi)s."),
                    code="kabupaten_kota_beda_provinsi",
                    params={"kabkota": kabkota.nama, "provinsi": provinsi.nama},
                ),
            )
        program, tahun = cleaned.get("program"), cleaned.get("tahun")
        for pk in cleaned.get("angkatan") or []:
            angkatan = self._angkatan[pk]
            if program and angkatan.program_id != program.pk:
                self.add_error(
                    "angkatan",
                    ValidationError(
                        _("%(angkatan)s bukan angkatan program yang dipilih."),
                        code="angkatan_beda_program",
                        params={"angkatan": angkatan},
                    ),
                )
            elif tahun and angkatan.tahun != tahun:
                self.add_error(
                    "angkatan",
                    ValidationError(
                        _("%(angkatan)s bukan angkatan tahun %(tahun)s."),
                        code="angkatan_beda_tahun",
                        params={"angkatan": angkatan, "tahun": tahun},
                    ),
                )
        return cleaned

    def filter(self) -> dict:
        """Return the cleaned filters as ``pendaftaran_lintas`` takes them."""
        return {nama: self.cleaned_data[nama] for nama in self.FILTER}

    def galat_kalimat(self) -> list[str]:
        """Return what is wrong with the filters as sentences that name their field, for where the fields
        are not drawn beside them (the count, a job's page)."""
        return [
            f"{self.fields[nama].label}: {' '.join(pesan)}" if nama in self.fields else " ".join(pesan)
            for nama, pesan in self.errors.items()
        ]

    def data_filter(self) -> dict:
        """Return the cleaned filters as form data (JSON), to bind the same form again (a job's task does)."""
        data = self.cleaned_data
        return {
            "tahun": str(data["tahun"] or ""),
            "program": str(data["program"].pk) if data["program"] else "",
            "angkatan": [str(pk) for pk in data["angkatan"]],
            "provinsi": data["provinsi"].pk if data["provinsi"] else "",
            "kabupaten_kota": data["kabupaten_kota"].pk if data["kabupaten_kota"] else "",
            "status": data["status"],
            "predikat": data["predikat"],
            "jabatan": data["jabatan"],
        }

    def ringkasan(self) -> str:
        """Say in words what the filters keep (the export's title block): ``Tahun 2022 · Provinsi Aceh``."""
        data = self.cleaned_data
        bagian = []
        if data["tahun"]:
            bagian.append(gettext("Tahun %(tahun)s") % {"tahun": data["tahun"]})
        if data["program"]:
            bagian.append(data["program"].nama)
        if data["angkatan"]:
            bagian.append(", ".join(str(self._angkatan[pk]) for pk in data["angkatan"]))
        if data["kabupaten_kota"]:
            bagian.append(data["kabupaten_kota"].nama)
        elif data["provinsi"]:
            bagian.append(gettext("Provinsi %(provinsi)s") % {"provinsi": data["provinsi"].nama})
        if data["status"]:
            bagian.append(gettext("Status %(status)s") % {"status": Pendaftaran.Status(data["status"]).label})
        if data["predikat"]:
            bagian.append(gettext("Predikat %(predikat)s") % {"predikat": data["predikat"]})
        if data["jabatan"]:
            bagian.append(gettext("Jabatan memuat “%(jabatan)s”") % {"jabatan": data["jabatan"]})
        return " · ".join(bagian) if bagian else gettext("Semua peserta semua angkatan")


class EksporLintasForm(FilterLintasForm):
    """The filters of an export across angkatan, and its columns, order and format."""

    kolom = forms.MultipleChoiceField(
        label=_("Kolom"), widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"})
    )
    urut = forms.ChoiceField(label=_("Urutkan menurut"), choices=URUT_LINTAS, initial="angkatan")
    format = forms.ChoiceField(label=_("Format"), choices=FORMAT, initial="xlsx", widget=forms.RadioSelect)

    def __init__(self, *args, kolom: list[KolomPendaftaran], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kolom"].choices = [(k.kunci, k.kolom.judul) for k in kolom]
        self.fields["kolom"].initial = KOLOM_BAWAAN_LINTAS
        self.fields["kolom"].error_messages["required"] = _("Pilih paling sedikit satu kolom.")

    def pilihan(self) -> dict:
        """What to remember for the user's next export: the columns, order and format (not the filters)."""
        return {nama: self.cleaned_data[nama] for nama in ("kolom", "urut", "format")}
