"""What certificates add to the pages and rules of the floors below, as receivers of ``diklat.signals``.

The Sertifikat tab of an angkatan's pages, the refusal to unlock results while certificates print,
which enrolments have a certificate already (for the participant's check of their data before printing),
and the SIASN record's buttons on the export across angkatan.
"""

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from angkatan.models import Angkatan
from angkatan.tabs import Tab
from diklat.tugas.selectors import batas_basi
from sertifikat.models import Sertifikat
from sertifikat.siasn import IZIN_LINTAS


def tab_sertifikat(sender, *, angkatan, request, **kwargs) -> list[Tab]:
    """Shown to those who may see certificates."""
    if request is None or not request.user.has_perm("sertifikat.view_sertifikat"):
        return []
    return [Tab("sertifikat", _("Sertifikat"), reverse("sertifikat:angkatan", args=[angkatan.pk]), 40)]


def pastikan_tidak_ada_sertifikat_sedang_dibuat(sender, *, angkatan: Angkatan, **kwargs) -> None:
    """Refuse to reopen results while a worker is printing certificates of the angkatan.

    Certificates already issued stay valid while results are reopened: one corrected score must not
    void two hundred printed certificates. Once the results are final again, those whose printed
    facts no longer hold are marked on the Sertifikat tab, to be re-issued or revoked
    (``selectors.baris_sertifikat``). Only a render in flight could print a result as it is being
    changed, so reopening waits for it. A render that claims its certificates after the reopening
    commits finds no one passed and fails; one that slips in just before prints the old result,
    which the tab then marks like any other.
    """
    jumlah = Sertifikat.objects.filter(
        pendaftaran__angkatan=angkatan, status=Sertifikat.Status.RENDERING, updated_at__gte=batas_basi()
    ).count()
    if jumlah:
        raise ValidationError(
            _(
                "%(jumlah)s sertifikat angkatan ini sedang dibuat oleh pekerja latar; tunggu sampai selesai "
                "(biasanya beberapa detik), lalu buka kunci nilai."
            ),
            code="sertifikat_sedang_dibuat",
            params={"jumlah": jumlah},
        )


def pendaftaran_dengan_sertifikat(sender, *, pendaftaran_ids, **kwargs) -> set[int]:
    """Name the enrolments among these that have a certificate in any state, in one query."""
    ids = [int(pk) for pk in pendaftaran_ids]
    if not ids:
        return set()
    return set(Sertifikat.objects.filter(pendaftaran_id__in=ids).values_list("pendaftaran_id", flat=True).distinct())


def tombol_siasn_lintas(sender, *, request, **kwargs) -> str:
    """The export across angkatan's buttons for the graduates' SIASN record of the same filters, to those allowed."""
    if request is None or not request.user.has_perms(IZIN_LINTAS):
        return ""
    boleh_zip = request.user.has_perm("sertifikat.add_tugassertifikat")
    return render_to_string("sertifikat/_siasn_lintas.html", {"boleh_zip": boleh_zip}, request=request)
