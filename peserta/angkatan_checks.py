"""What the angkatan form must respect once people are enrolled.

``angkatan_form_periksa`` receives ``diklat.signals.periksa_angkatan_form`` (connected in
``PesertaConfig.ready``) and refuses, field by field, all that it finds at once.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from peserta.models import Pendaftaran
from peserta.pendaftaran.services import kuota_terisi


def angkatan_form_periksa(sender, *, form, **kwargs) -> None:
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
