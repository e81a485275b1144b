import unicodedata
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from diklat.fields import NipField
from diklat.nip import (
    Nip,
    birth_date_matches,
    format_nip,
    nip_tanpa_label,
    normalize_nip,
    parse_nip,
    validate_nip,
)

NIP = "196608011988031001"
KODE = {
    "nip_kosong",
    "nip_bukan_angka",
    "nip_panjang",
    "nip_notasi_ilmiah",
    "nip_angka",
    "nip_tanggal_lahir",
    "nip_tmt",
    "nip_jenis_kelamin",
    "nip_nomor_urut",
}
# The database would be a .hypothesis/ folder in the working tree; the examples are cheap to find again.
CEPAT = settings(max_examples=200, deadline=None, database=None)


def kode_galat(value: object) -> tuple[str, str]:
    with pytest.raises(ValidationError) as info:
        parse_nip(value)
    return info.value.code, info.value.messages[0]


def test_parse_reads_each_part():
    nip = parse_nip(NIP)

    assert nip == Nip(
        digits=NIP,
        tanggal_lahir=date(1966, 8, 1),
        tmt_tahun=1988,
        tmt_bulan=3,
        jenis_kelamin="L",
        nomor_urut="001",
    )
    assert str(nip) == nip.formatted == "19660801 198803 1 001"
    assert nip.masked == "1966**** ****** 1 001"


def test_parse_reads_female_gender_digit():
    assert parse_nip("19750512 200003 2 014").jenis_kelamin == "P"


@pytest.mark.parametrize(
    "typed",
    [
        "19660801 198803 1 001",
        "19660801.198803.1.001",
        "19660801-198803-1-001",
        "19660801/198803/1/001",
        "'196608011988031001",
        "\u2019196608011988031001",
        "  196608011988031001\n",
        "\u00a019660801\u00a0198803\u00a01\u00a0001\u00a0",
        "19660801 198803 1 001\u200b",
        "19660801 – 198803 – 1 – 001",
        196608011988031001,
        # The label written before a NIP in lists and letters.
        "NIP. 19660801 198803 1 001",
        "NIP 196608011988031001",
        "nip . 19660801 198803 1 001",
        "NIP: 196608011988031001",
        "NIP : 19660801-198803-1-001",
        "N.I.P. 19660801 198803 1 001",
        "'NIP. 19660801 198803 1 001",
        # Digits that look like digits to staff: full-width (East Asian keyboards) and other scripts.
        "１９６６０８０１１９８８０３１００１",
        "ＮＩＰ．１９６６０８０１\u3000１９８８０３\u3000１\u3000００１",
        "\u0661\u0669\u0666\u0666\u0660\u0668\u0660\u0661 \u0661\u0669\u0668\u0668\u0660\u0663 \u0661 \u0660\u0660\u0661",
        # The text formula many systems write a NIP as in a CSV, which Excel shows as the digits; with the quotes
        # a CSV writer doubles inside a quoted field, as a cell reads that was not unquoted.
        '="196608011988031001"',
        '=""196608011988031001""',
        ' = "19660801 198803 1 001" ',
        '="NIP. 19660801 198803 1 001"',
    ],
)
def test_normalize_accepts_the_ways_people_type_it(typed):
    assert normalize_nip(typed) == NIP


@pytest.mark.parametrize(
    ("typed", "code", "in_message"),
    [
        ("", "nip_kosong", "wajib"),
        ("   ", "nip_kosong", "wajib"),
        (None, "nip_kosong", "wajib"),
        ("19660801198803100", "nip_panjang", "NIP harus 18 digit; yang diisi 17 digit"),
        ("1966080119880310011", "nip_panjang", "yang diisi 19 digit"),
        ("19660801198803100l", "nip_bukan_angka", "memuat huruf “l”"),
        ("NIK 196608011988031001", "nip_bukan_angka", "huruf “N”, huruf “I”, huruf “K”"),
        ("19660801198803100x;", "nip_bukan_angka", "huruf “x”, titik koma (;)"),
        ("196608011988031001²", "nip_bukan_angka", "angka khusus “²” (bukan angka biasa)"),
        ("19660801198803100\u200e1", "nip_bukan_angka", "karakter tak terlihat (kode U+200E)"),
        ("196608011988031001,00", "nip_angka", "tampak seperti angka yang disimpan spreadsheet"),
        (-196608011988031001, "nip_bukan_angka", "negatif"),
        (True, "nip_bukan_angka", "angka"),
        (
            "19660230198803 1 001",
            "nip_tanggal_lahir",
            "Tanggal lahir 30 pada NIP (digit 7–8) tidak ada di bulan Februari 1966, yang tanggalnya 01 sampai 28",
        ),
        (
            "19661301198803 1 001",
            "nip_tanggal_lahir",
            "Bulan lahir 13 pada NIP (digit 5–6) tidak ada; bulan ditulis 01 sampai 12",
        ),
        ("19660001198803 1 001", "nip_tanggal_lahir", "Bulan lahir 00"),
        ("19660832198803 1 001", "nip_tanggal_lahir", "Tanggal lahir 32 pada NIP (digit 7–8)"),
        ("19660800198803 1 001", "nip_tanggal_lahir", "Tanggal lahir 00"),
        ("19390801198803 1 001", "nip_tanggal_lahir", "1939"),
        ("19660801198813 1 001", "nip_tmt", "13"),
        ("19660801198800 1 001", "nip_tmt", "bukan bulan yang sah"),
        ("19400801195903 1 001", "nip_tmt", "1959"),
        ("19660801197903 1 001", "nip_tmt", "17 tahun"),
        ("19660801198803 3 001", "nip_jenis_kelamin", "yang diisi 3"),
        ("19660801198803 0 001", "nip_jenis_kelamin", "2 (perempuan)"),
        ("19660801198803 1 000", "nip_nomor_urut", "disalin dari spreadsheet"),
        ('="19660801198803100"', "nip_panjang", "yang diisi 17 digit (19660801198803100)."),
        ('="196608011988031001""', "nip_bukan_angka", 'tanda sama dengan (=), tanda petik (")'),
        ("=196608011988031001", "nip_bukan_angka", "tanda sama dengan (=)"),
    ],
)
def test_parse_refuses_with_a_specific_code(typed, code, in_message):
    assert kode_galat(typed)[0] == code
    assert in_message in kode_galat(typed)[1]


@pytest.mark.parametrize(
    "typed",
    ["1.96608E+17", "1,96608E+17", "1.96608e17", "196608E+12", " '1.96608011988031E+17 ", "1,96608 E+17", "1.9E-17"],
)
def test_parse_refuses_excel_scientific_notation(typed):
    code, message = kode_galat(typed)

    assert code == "nip_notasi_ilmiah"
    assert "spreadsheet" in message and "notasi ilmiah" in message and "hilang" in message
    # The mangled value is not echoed as if it were a NIP.
    assert typed.strip() not in message
    assert "196608" not in message


@pytest.mark.parametrize("number", [1.96608011988031e17, 1.96608e17, Decimal("1.96608E+17"), Decimal(NIP)])
def test_parse_refuses_numbers_read_from_a_numeric_cell(number):
    code, message = kode_galat(number)

    assert code == "nip_angka"
    assert "tersimpan sebagai angka" in message and "tidak dapat dipercaya" in message
    assert "1966" not in message


@pytest.mark.parametrize(
    ("typed", "digits"),
    [("196608011988031001.0", "3 digit terakhirnya (001)"), ("'196608011988031001,00", "3 digit terakhirnya (001)"),
     ("1966080119880310.0", "1 digit terakhirnya (0)")],
)  # fmt: skip
def test_number_saved_as_text_by_a_spreadsheet_names_the_digits_that_cannot_be_trusted(typed, digits):
    code, message = kode_galat(typed)

    assert code == "nip_angka"
    assert "tampak seperti angka yang disimpan spreadsheet" in message
    assert f"jadi {digits} mungkin sudah hilang atau berubah" in message
    assert "19 digit" not in message and "20 digit" not in message


def test_number_saved_as_text_that_is_too_short_says_so():
    code, message = kode_galat("19660801198803.0")

    assert code == "nip_angka"
    assert "hanya 14 digit; NIP harus 18 digit" in message


@pytest.mark.parametrize(
    "typed",
    ["196608011988031001.0", "1.97108E+17", 1.96608011988031e17, "19660801198803.0", "19660801 198803 1 000",
     '="1.97108E+17"'],
)  # fmt: skip
def test_messages_about_a_spreadsheet_number_fit_a_form_as_well_as_an_import(typed):
    """A NIP typed in a form is not uploaded: the message says what the value looks like and asks for 18 digits."""
    _, message = kode_galat(typed)

    assert "spreadsheet" in message and "18 digit" in message
    assert "unggah" not in message.lower() and "Format kolom" not in message and "Teks (Text)" not in message


def test_parse_refuses_birth_date_in_the_future():
    besok = date.today() + timedelta(days=1)

    code, message = kode_galat(f"{besok:%Y%m%d}200003 1 001")

    assert code == "nip_tanggal_lahir"
    assert "masa depan" in message


def test_parse_refuses_tmt_in_the_future():
    hari_ini = date.today()
    bulan_depan = (hari_ini.year + 1, 1) if hari_ini.month == 12 else (hari_ini.year, hari_ini.month + 1)

    code, message = kode_galat(f"19800101{bulan_depan[0]:04d}{bulan_depan[1]:02d}1001")

    assert code == "nip_tmt"
    assert "masa depan" in message


def test_parse_accepts_tmt_this_month():
    hari_ini = date.today()

    nip = parse_nip(f"19900101{hari_ini:%Y%m}2001")

    assert (nip.tmt_tahun, nip.tmt_bulan) == (hari_ini.year, hari_ini.month)


def test_format_nip_leaves_anything_but_18_digits_unchanged():
    assert format_nip(NIP) == "19660801 198803 1 001"
    assert format_nip("12345") == "12345"
    assert format_nip("19660801 198803 1 001") == "19660801 198803 1 001"
    assert format_nip("") == ""


def test_validate_nip_raises_only_for_invalid_values():
    assert validate_nip("19660801 198803 1 001") is None
    with pytest.raises(ValidationError):
        validate_nip("123")


def test_birth_date_matches():
    nip = parse_nip(NIP)

    assert birth_date_matches(nip, date(1966, 8, 1))
    assert birth_date_matches(nip, datetime(1966, 8, 1, 7, 30))
    assert not birth_date_matches(nip, date(1966, 1, 8))


class NipForm(forms.Form):
    nip = NipField()
    nip_lain = NipField(required=False)


def test_nip_field_cleans_to_digits():
    form = NipForm(data={"nip": " '19660801-198803-1-001 ", "nip_lain": ""})

    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"nip": NIP, "nip_lain": ""}


def test_nip_field_accepts_the_nip_label_and_full_width_digits():
    form = NipForm(data={"nip": "NIP. 19660801 198803 1 001", "nip_lain": "１９６６０８０１１９８８０３１００１"})

    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"nip": NIP, "nip_lain": NIP}


def test_nip_field_shows_the_parser_message():
    form = NipForm(data={"nip": "1.96608E+17"})

    assert not form.is_valid()
    assert form.errors.as_data()["nip"][0].code == "nip_notasi_ilmiah"
    assert "notasi ilmiah" in form.errors["nip"][0] and "unggah" not in form.errors["nip"][0]


def test_nip_field_requires_a_value():
    form = NipForm(data={"nip": "  "})

    assert not form.is_valid()
    assert form.errors["nip"] == ["NIP wajib diisi."]


def test_nip_field_shows_a_stored_value_grouped():
    form = NipForm(initial={"nip": NIP})

    assert 'value="19660801 198803 1 001"' in str(form["nip"])


# Property-based tests ---------------------------------------------------------------------------------------------


@st.composite
def nip_sah(draw) -> tuple[str, date, int, int, str]:
    hari_ini = date.today()
    # Born no later than 17 years ago, so that some TMT month up to now is possible.
    lahir = draw(st.dates(min_value=date(1940, 1, 1), max_value=date(hari_ini.year - 17, 1, 1)))
    tmt_tahun = draw(st.integers(min_value=max(1960, lahir.year + 17), max_value=hari_ini.year))
    tmt_bulan = draw(st.integers(min_value=1, max_value=hari_ini.month if tmt_tahun == hari_ini.year else 12))
    kelamin = draw(st.sampled_from("12"))
    urut = draw(st.integers(min_value=1, max_value=999))
    digits = f"{lahir:%Y%m%d}{tmt_tahun:04d}{tmt_bulan:02d}{kelamin}{urut:03d}"
    return digits, lahir, tmt_tahun, tmt_bulan, kelamin


PEMISAH = st.sampled_from([" ", ".", "-", "/", " - ", ". ", "\u00a0", "  ", "–"])
SPASI = st.text(alphabet=" \t\n\u00a0", max_size=3)
AWALAN = st.sampled_from(["NIP. ", "NIP ", "nip:", "NIP : ", "Nip.", "nip . ", "N.I.P. ", "NIP.\u00a0"])
# The zero of every script whose ten decimal digits follow one another in Unicode.
NOL_AKSARA = [c for c in range(0x110000) if unicodedata.decimal(chr(c), None) == 0]


@st.composite
def cara_mengetik(draw, digits: str) -> object:
    cara = draw(
        st.sampled_from(
            ["polos", "kelompok", "titik", "hubung", "campur", "apostrof", "spasi", "int", "awalan", "aksara"]
        )
    )
    kelompok = [digits[:8], digits[8:14], digits[14], digits[15:]]
    if cara == "polos":
        return digits
    if cara == "kelompok":
        return " ".join(kelompok)
    if cara == "titik":
        return ".".join(kelompok)
    if cara == "hubung":
        return "-".join(kelompok)
    if cara == "campur":
        # A separator, or none, between any two digits.
        pemisah = draw(st.lists(st.one_of(st.just(""), PEMISAH), min_size=17, max_size=17))
        return "".join(d + p for d, p in zip(digits, [*pemisah, ""], strict=True))
    if cara == "apostrof":
        return "'" + draw(st.sampled_from([digits, " ".join(kelompok)]))
    if cara == "spasi":
        return draw(SPASI) + draw(st.sampled_from([digits, " ".join(kelompok)])) + draw(SPASI)
    if cara == "awalan":
        return draw(AWALAN) + draw(st.sampled_from([digits, " ".join(kelompok), ".".join(kelompok)]))
    if cara == "aksara":
        # The same digits in another script (full-width, Arabic-Indic, Devanagari …): what staff see as digits.
        nol = draw(st.sampled_from(NOL_AKSARA))
        return "".join(chr(nol + int(d)) for d in digits)
    return int(digits)


@CEPAT
@given(data=st.data(), sah=nip_sah())
def test_valid_nip_round_trips_through_every_way_of_typing_it(data, sah):
    digits, lahir, tmt_tahun, tmt_bulan, kelamin = sah
    typed = data.draw(cara_mengetik(digits))

    nip = parse_nip(typed)

    assert nip.digits == digits
    assert normalize_nip(typed) == digits
    assert str(nip) == nip.formatted == format_nip(digits)
    assert (nip.tanggal_lahir, nip.tmt_tahun, nip.tmt_bulan) == (lahir, tmt_tahun, tmt_bulan)
    assert nip.jenis_kelamin == {"1": "L", "2": "P"}[kelamin]
    assert nip.masked == f"{digits[:4]}**** ****** {digits[14]} {digits[15:]}"
    assert parse_nip(nip.formatted) == nip


# Random 18 digits are almost never a valid NIP: mix in strings built from near-valid parts so both the accepting
# and every refusing branch are exercised.
DIGIT_18 = st.one_of(
    st.text(alphabet="0123456789", min_size=18, max_size=18),
    st.builds(
        "{:04d}{:02d}{:02d}{:04d}{:02d}{}{:03d}".format,
        st.integers(1930, 2040),
        st.integers(0, 13),
        st.integers(0, 32),
        st.integers(1950, 2040),
        st.integers(0, 13),
        st.integers(0, 3),
        st.integers(0, 999),
    ),
)


@CEPAT
@given(digits=DIGIT_18)
def test_whatever_parse_accepts_is_a_real_nip(digits):
    try:
        nip = parse_nip(digits)
    except ValidationError as error:
        assert error.code in KODE
        assert error.messages[0]
        return

    assert datetime(int(digits[:4]), int(digits[4:6]), int(digits[6:8])).date() == nip.tanggal_lahir <= date.today()
    assert datetime(nip.tmt_tahun, nip.tmt_bulan, 1).date() <= date.today()
    assert nip.tmt_tahun - nip.tanggal_lahir.year >= 17
    assert digits[14] in "12"
    assert parse_nip(format_nip(digits)) == nip
    assert format_nip(nip.digits) == nip.formatted


@CEPAT
@given(value=st.one_of(st.text(max_size=30), st.integers(), st.floats(allow_nan=True), st.none()))
def test_parse_refuses_anything_else_with_a_known_code(value):
    try:
        parse_nip(value)
    except ValidationError as error:
        assert error.code in KODE


# mask_nip: the NIP on public pages (imported here so that the lines above stay as they are).


def test_mask_nip_keeps_birth_year_gender_and_sequence_only():
    from diklat.nip import mask_nip

    assert mask_nip(NIP) == "1966**** ****** 1 001"
    assert mask_nip("19660801 198803 1 001") == "1966**** ****** 1 001"
    assert mask_nip("19660801.198803.1.001") == "1966**** ****** 1 001"


def test_mask_nip_hides_the_birth_date_and_the_tmt():
    from diklat.nip import mask_nip

    masked = mask_nip(NIP)
    for hidden in ("0801", "19660801", "198803", "1988", "01-08-1966", "1966-08-01"):
        assert hidden not in masked


@pytest.mark.parametrize("value", ["", "1966080119880310", "19660801198803100X", "1.96608E+17", None])
def test_mask_nip_stars_whatever_is_not_a_nip(value):
    from diklat.nip import mask_nip

    masked = mask_nip(value)
    assert masked in ("", "******** ****** * ***")
    assert not any(c.isdigit() for c in masked)


@CEPAT
@given(digits=st.text(alphabet="0123456789", min_size=18, max_size=18))
def test_mask_nip_agrees_with_the_parsed_nip(digits):
    from diklat.nip import mask_nip

    masked = mask_nip(digits)
    assert masked == f"{digits[:4]}**** ****** {digits[14]} {digits[15:]}"
    assert digits[4:14] not in masked.replace(" ", "")
    try:
        assert masked == parse_nip(digits).masked
    except ValidationError:
        pass


def test_the_nip_label_is_dropped_only_at_the_start():
    assert nip_tanpa_label("NIP. 19660801") == "19660801"
    assert nip_tanpa_label("Budi NIP 1966") == "Budi NIP 1966"
    # The label as parse_nip reads it, so that a search says back what it looked for.
    assert nip_tanpa_label("N.I.P. 19660801 1988") == "19660801 1988"
    assert nip_tanpa_label("ＮＩＰ． １９６６ ０８") == "1966 08"
