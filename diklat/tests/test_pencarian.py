import pytest
from django.http import QueryDict

from diklat.pencarian import CARI_MAKS, data_cari, digit_nip_cari, teks_cari


def test_search_text_is_cut_to_200_characters_without_nul_bytes():
    assert CARI_MAKS == 200
    assert teks_cari("x" * 5000) == "x" * 200
    assert teks_cari("  Budi\x00 Santoso  ") == "Budi Santoso"
    assert teks_cari("\x00" * 5000) == ""
    assert teks_cari(None) == ""
    # Cut first, then trimmed: no trailing space left where the cut fell.
    assert teks_cari("a" * 199 + " b") == "a" * 199


def test_search_fields_of_a_query_are_cleaned_and_the_rest_left_alone():
    data = data_cari(QueryDict("q=" + "9" * 5000 + "&status=open&page=2"), "q")
    assert data["q"] == "9" * 200
    assert (data["status"], data["page"]) == ("open", "2")
    kosong = QueryDict("status=open")
    assert data_cari(kosong, "q") is kosong
    assert data_cari(None, "q") is None


@pytest.mark.parametrize(
    ("teks", "digit"),
    [
        ("19660801 198803 1 001", "196608011988031001"),
        ("NIP. 19660801 198803 1 001", "196608011988031001"),
        ("nip:1966-0801", "19660801"),
        ("NIP 1966.08.01", "19660801"),
        ("1966", "1966"),
        ("Budi 1966", ""),
        ("Nipah", ""),
        ("NIP", ""),
        ("", ""),
        ("１９６６", "1966"),  # full-width digits, as an East Asian keyboard types them
        ("ＮＩＰ． １９６６ ０８０１", "19660801"),
        ("١٩٦٦", "1966"),  # Arabic-Indic digits, read as parse_nip reads them
        ("①②", ""),  # look like digits, are not
    ],
)
def test_a_search_is_read_as_a_nip_only_when_it_is_digits_and_separators(teks, digit):
    assert digit_nip_cari(teks) == digit
