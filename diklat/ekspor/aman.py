"""Keep exported text from starting a spreadsheet formula (CSV/formula injection).

OWASP's advice: a cell whose text begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return,
also after leading whitespace, gets a leading apostrophe, so Excel and LibreOffice show it as text.
Leading control characters count as whitespace here: the XLSX writer drops them (Excel refuses them),
so ``"\\x01=HYPERLINK(…)"`` would otherwise reach the sheet as a formula.
"""

import re
from typing import Any

PEMICU = ("=", "+", "-", "@", "\t", "\r")
# What may stand before a formula's sign and be ignored by a spreadsheet or removed on the way to one.
_AWAL_KOSONG = re.compile(r"[\s\x00-\x1f\x7f-\x9f]+")


def awal_rumus(teks: str) -> str:
    """Return the sign a spreadsheet would take as the start of a formula in ``teks``, or ``""``."""
    if not teks or teks[0].isalnum():  # most text: decided by its first character
        return ""
    if teks.startswith(PEMICU):
        return teks[0]
    isi = _AWAL_KOSONG.sub("", teks, count=1) if _AWAL_KOSONG.match(teks) else teks
    return isi[0] if isi.startswith(PEMICU) else ""


def sel_aman(nilai: Any) -> str:
    """Return ``nilai`` as text that no spreadsheet reads as a formula; ``None`` gives ``""``."""
    teks = "" if nilai is None else str(nilai)
    return "'" + teks if awal_rumus(teks) else teks
