"""Keep exported text from starting a spreadsheet formula (CSV/formula injection).

OWASP's advice: a cell whose text begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return,
also after leading whitespace, gets a leading apostrophe, so Excel and LibreOffice show it as text.
"""

from typing import Any

PEMICU = ("=", "+", "-", "@", "\t", "\r")


def sel_aman(nilai: Any) -> str:
    """Return ``nilai`` as text that no spreadsheet reads as a formula; ``None`` gives ``""``."""
    teks = "" if nilai is None else str(nilai)
    if teks.startswith(PEMICU) or teks.lstrip().startswith(PEMICU):
        return "'" + teks
    return teks
