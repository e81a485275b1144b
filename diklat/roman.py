"""Roman numerals, in which an angkatan's number is shown (Angkatan III, IV, V …)."""

from __future__ import annotations

from django.utils.translation import gettext

_NILAI = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)
_SIMBOL = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def to_roman(n: int) -> str:
    """Return the canonical Roman numeral for 1 to 3999."""
    # bool is an int subclass; True is not Angkatan I.
    if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= 3999:
        raise ValueError(gettext("Angka Romawi hanya untuk bilangan bulat 1 sampai 3999; yang diberikan %r.") % (n,))
    bagian = []
    for nilai, simbol in _NILAI:
        jumlah, n = divmod(n, nilai)
        bagian.append(simbol * jumlah)
    return "".join(bagian)


def from_roman(s: str) -> int:
    """Return the value of a canonical Roman numeral, in any case."""
    teks = s.strip().upper() if isinstance(s, str) else ""
    if not teks or any(c not in _SIMBOL for c in teks):
        raise ValueError(gettext("“%s” bukan angka Romawi.") % (s,))
    total = 0
    for i, c in enumerate(teks):
        nilai = _SIMBOL[c]
        # A smaller symbol before a larger one subtracts (IV = 4).
        total += -nilai if i + 1 < len(teks) and nilai < _SIMBOL[teks[i + 1]] else nilai
    # Summing accepts IIII, IM or VX; only the numeral to_roman would write is canonical.
    if not 1 <= total <= 3999 or to_roman(total) != teks:
        raise ValueError(gettext("“%s” bukan angka Romawi yang baku.") % (s,))
    return total
