"""The score grid's POST, read: which cells were changed since the page was drawn, and what they hold."""

from __future__ import annotations

import json
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

# A cell of the grid is posted as ``nilai-<pendaftaran id>-<komponen id>``.
PREFIKS_SEL = "nilai-"
_NAMA_SEL = re.compile(r"nilai-([0-9]{1,18})-([0-9]{1,18})")
# What each cell held when the page was drawn, as one JSON object {"<pid>-<kid>": "85,5"}.
FIELD_AWAL = "awal"


def nama_sel(pendaftaran_id: int, komponen_id: int) -> str:
    """Return the name under which the grid posts one cell."""
    return f"{PREFIKS_SEL}{pendaftaran_id}-{komponen_id}"


class IsianNilaiForm(forms.Form):
    """Read the cells of the score grid from its POST; ``cleaned_data["isian"]`` is {(pendaftaran id, komponen id): text}.

    A cell whose text equals what the page showed (the ``awal`` field) was not touched and is left out:
    saving the grid must not write back a score that someone else changed in the meantime. A malformed
    cell name refuses the post. The texts themselves are read by the service, which names each wrong cell.
    """

    def __init__(self, data, **kwargs):
        super().__init__(data, **kwargs)
        self.nama_sel = [nama for nama in self.data if nama.startswith(PREFIKS_SEL)]

    @cached_property
    def awal(self) -> dict | None:
        """Return what each cell showed when the page was drawn, or ``None`` when the field cannot be read."""
        try:
            awal = json.loads(self.data.get(FIELD_AWAL) or "{}")
        except ValueError:
            return None
        return awal if isinstance(awal, dict) else None

    @property
    def sel_tunggal(self) -> tuple[str, tuple[int, int]] | None:
        """Return the name and key of the one cell posted, when exactly one well-formed cell is (htmx saves a cell)."""
        if len(self.nama_sel) == 1:
            cocok = _NAMA_SEL.fullmatch(self.nama_sel[0])
            if cocok:
                return self.nama_sel[0], (int(cocok[1]), int(cocok[2]))
        return None

    @property
    def ada_teks(self) -> bool:
        """Whether any posted cell holds text (saving nothing then means all was saved already)."""
        return any(self.data.get(nama, "").strip() for nama in self.nama_sel)

    def clean(self):
        awal = self.awal or {}
        isian = {}
        for nama in self.nama_sel:
            cocok = _NAMA_SEL.fullmatch(nama)
            if not cocok:
                raise ValidationError(
                    _("Isian nilai tidak dikenal. Muat ulang halaman lalu coba lagi."), code="isian_tidak_dikenal"
                )
            teks = self.data.get(nama, "")
            kunci = f"{cocok[1]}-{cocok[2]}"
            if kunci in awal and str(awal[kunci]).strip() == teks.strip():
                continue
            isian[(int(cocok[1]), int(cocok[2]))] = teks
        self.cleaned_data["isian"] = isian
        return self.cleaned_data
