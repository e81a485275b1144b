"""What the angkatan form must respect once people are enrolled (registered in PesertaConfig.ready)."""

from django.utils.translation import gettext as _

from peserta.models import Pendaftaran
from peserta.services import kuota_terisi


def kuota_not_below_enrolled(form) -> None:
    """Refuse a kuota smaller than the number of people who hold a place."""
    angkatan, kuota = form.instance, form.cleaned_data.get("kuota")
    if angkatan.pk is None or kuota is None:
        return
    terisi = kuota_terisi(angkatan)
    if kuota < terisi:
        form.add_error(
            "kuota",
            _("Kuota tidak boleh kurang dari %(terisi)s, jumlah peserta yang sudah terdaftar.") % {"terisi": terisi},
        )


def program_fixed_once_enrolled(form) -> None:
    """Refuse moving an angkatan with enrolments to another program (their certificates name it)."""
    angkatan, program = form.instance, form.cleaned_data.get("program")
    if angkatan.pk is None or program is None:
        return
    if program.pk != angkatan.program_id and Pendaftaran.objects.filter(angkatan=angkatan).exists():
        form.add_error("program", _("Program tidak dapat diganti karena angkatan ini sudah memiliki peserta."))
