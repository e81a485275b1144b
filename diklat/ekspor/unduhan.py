"""The Content-Disposition of a downloaded export: an ASCII fallback name and the UTF-8 one (RFC 6266/5987)."""

import re
import unicodedata
from urllib.parse import quote

_TIDAK_AMAN = re.compile(r"[^A-Za-z0-9._ ()-]+")


def disposisi(nama_berkas: str) -> str:
    """Return ``attachment; filename="…"; filename*=UTF-8''…`` for ``nama_berkas``.

    Control characters, quotes, slashes and backslashes never reach the header; the fallback is
    the name with accents dropped and anything unsafe turned into ``_``.
    """
    nama = "".join(c for c in str(nama_berkas) if unicodedata.category(c)[0] != "C")
    nama = nama.replace("/", "_").replace("\\", "_").strip() or "ekspor"
    tanpa_aksen = "".join(c for c in unicodedata.normalize("NFKD", nama) if not unicodedata.combining(c))
    ascii_ = tanpa_aksen.encode("ascii", "replace").decode("ascii")
    ascii_ = _TIDAK_AMAN.sub("_", ascii_).strip() or "ekspor"
    return f"attachment; filename=\"{ascii_}\"; filename*=UTF-8''{quote(nama, safe='')}"
