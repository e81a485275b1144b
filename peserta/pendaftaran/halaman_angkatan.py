"""What peserta adds to an angkatan's pages: its tabs, the roster on the angkatan's own page, and
the checks of the angkatan form once people are enrolled.

Receivers of ``diklat.signals.tab_angkatan``, ``isi_halaman_angkatan`` and ``periksa_angkatan_form``,
connected in ``PesertaConfig.ready``.
"""

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from angkatan.tabs import Tab
from diklat.halaman import tautan_halaman
from peserta.models import Pendaftaran
from peserta.pendaftaran.selectors import FilterRoster, roster_with_summary
from peserta.pendaftaran.services import kuota_terisi


def tab_peserta(sender, *, angkatan, request, **kwargs) -> list[Tab]:
    """The roster (the angkatan's own page), attendance, and scores and results."""
    return [
        Tab("peserta", _("Peserta"), angkatan.get_absolute_url(), 10),
        Tab("presensi", _("Presensi"), reverse("peserta:presensi", args=[angkatan.pk]), 20),
        Tab(
            "nilai",
            _("Nilai dan kelulusan") if angkatan.program.dengan_evaluasi else _("Kelulusan"),
            reverse("peserta:nilai", args=[angkatan.pk]),
            30,
        ),
    ]


def roster_di_halaman_angkatan(sender, *, angkatan, request, **kwargs) -> str:
    """Render one page of the roster, narrowed by the page's ``?status=``, ``?q=`` and ``?belum_lengkap=1``.

    The queries do not grow with the rows; the counts per status are of the whole roster. A filter chosen
    anew starts at its first page; the pages, the row actions and the edit links keep the page.
    """
    roster = roster_with_summary(angkatan, saringan=FilterRoster.dari(request.GET) if request is not None else None)
    saringan = roster.saringan
    halaman = roster.halaman
    konteks = {
        "angkatan": angkatan,
        "roster": roster,
        "saringan": saringan,
        "rows": roster.rows,
        "halaman": halaman,
        "jumlah": roster.jumlah,
        # Where a row's "edit" link returns: this roster, as it is narrowed now, at this page.
        "url_roster": saringan.alamat(angkatan),
        "pil_status": [
            (value, label, count, saringan.query(status=value, page="")) for value, label, count in roster.per_status
        ],
        "query_semua": saringan.query(status="", page=""),
        "query_belum_lengkap": saringan.query(belum_lengkap="" if saringan.belum_lengkap else "1", page=""),
        "query_tanpa_cari": saringan.query(q="", page=""),
        "tautan_halaman": tautan_halaman(halaman, lambda nomor: "?" + saringan.query(page=nomor)),
    }
    return render_to_string("peserta/pendaftaran/_roster.html", konteks, request=request)


def pastikan_angkatan_form_sah(sender, *, form, **kwargs) -> None:
    """Refuse a kuota below the people enrolled, and a change of program once anyone is enrolled."""
    angkatan = form.instance
    if angkatan.pk is None:
        return
    galat = {}
    kuota, program = form.cleaned_data.get("kuota"), form.cleaned_data.get("program")
    if kuota is not None:
        terisi = kuota_terisi(angkatan)
        if kuota < terisi:
            galat["kuota"] = _("Kuota tidak boleh kurang dari %(terisi)s, jumlah peserta yang sudah terdaftar.") % {
                "terisi": terisi
            }
    # The enrolled people's certificates name the program.
    if (
        program is not None
        and program.pk != angkatan.program_id
        and Pendaftaran.objects.filter(angkatan=angkatan).exists()
    ):
        galat["program"] = _("Program tidak dapat diganti karena angkatan ini sudah memiliki peserta.")
    if galat:
        raise ValidationError(galat)
