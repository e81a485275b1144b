import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diklat.roman import from_roman, to_roman


@pytest.mark.parametrize(
    ("n", "roman"),
    [
        (1, "I"),
        (3, "III"),
        (4, "IV"),
        (5, "V"),
        (9, "IX"),
        (14, "XIV"),
        (40, "XL"),
        (90, "XC"),
        (400, "CD"),
        (1994, "MCMXCIV"),
        (2022, "MMXXII"),
        (3999, "MMMCMXCIX"),
    ],
)
def test_to_and_from_roman(n, roman):
    assert to_roman(n) == roman
    assert from_roman(roman) == n


def test_from_roman_ignores_case():
    assert from_roman("iii") == 3
    assert from_roman("McmXciV") == 1994


@pytest.mark.parametrize("n", [0, -1, 4000, 2.0, "3", True, None])
def test_to_roman_refuses_out_of_range(n):
    with pytest.raises(ValueError):
        to_roman(n)


@pytest.mark.parametrize(
    "s", ["", " ", "IIII", "VV", "IC", "IM", "XM", "VX", "MMMM", "IIV", "CCCC", "ABC", "I I", "4"]
)
def test_from_roman_refuses_invalid_and_non_canonical(s):
    with pytest.raises(ValueError):
        from_roman(s)


@settings(max_examples=200, deadline=None, database=None)
@given(n=st.integers(min_value=1, max_value=3999))
def test_roman_round_trips(n):
    assert from_roman(to_roman(n)) == n
    assert from_roman(to_roman(n).lower()) == n


@settings(max_examples=200, deadline=None, database=None)
@given(s=st.text(alphabet="IVXLCDMivxlcdm", min_size=1, max_size=12))
def test_from_roman_accepts_only_what_to_roman_writes(s):
    try:
        n = from_roman(s)
    except ValueError:
        return
    assert to_roman(n) == s.upper()
