import pytest
from django import forms
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from diklat.fields import TeleponField
from diklat.telepon import format_telepon, normalize_telepon


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("0812.3456.7890", "+6281234567890"),
        ("  0812 3456 7890\u00a0", "+6281234567890"),
        ("(021) 7654321", "+62217654321"),
        ("021-765-4321", "+62217654321"),
        ("+62 21 7654321", "+62217654321"),
        ("0274 123456", "+62274123456"),
    ],
)
def test_normalize_telepon_returns_e164(typed, e164):
    assert normalize_telepon(typed) == e164


@pytest.mark.parametrize("typed", ["", "   "])
def test_normalize_telepon_keeps_empty_empty(typed):
    assert normalize_telepon(typed) == ""


@pytest.mark.parametrize(
    ("typed", "in_message"),
    [
        ("12345", "diawali 0, 62, atau +62"),
        ("0812", "10–13 digit"),
        ("081234567890123", "10–13 digit"),
        ("0812-3456-789O", "hanya berisi angka"),
        ("+1 202 555 0143", "diawali 0, 62, atau +62"),
        ("021 123", "kode wilayah"),
        ("telepon kantor", "diawali 0, 62, atau +62"),
    ],
)
def test_normalize_telepon_refuses_with_an_indonesian_message(typed, in_message):
    with pytest.raises(ValidationError) as info:
        normalize_telepon(typed)

    assert info.value.code == "telepon_tidak_valid"
    assert in_message in info.value.messages[0]
    assert typed in info.value.messages[0]


@pytest.mark.parametrize(
    ("e164", "shown"),
    [
        ("+6281234567890", "+62 812-3456-7890"),
        ("+62217654321", "+62 21 7654321"),
        ("+62274123456", "+62 274 123456"),
        ("+62263123456", "+62 263 123456"),
        ("", ""),
        ("bukan nomor", "bukan nomor"),
    ],
)
def test_format_telepon_for_display(e164, shown):
    assert format_telepon(e164) == shown


class TeleponForm(forms.Form):
    telepon = TeleponField(required=False)


def test_telepon_field_cleans_to_e164():
    form = TeleponForm(data={"telepon": "0812-3456-7890"})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["telepon"] == "+6281234567890"


def test_telepon_field_shows_the_indonesian_message():
    form = TeleponForm(data={"telepon": "12345"})

    assert not form.is_valid()
    assert form.errors.as_data()["telepon"][0].code == "telepon_tidak_valid"
    assert "Nomor telepon “12345” tidak valid" in form.errors["telepon"][0]


def test_telepon_field_shows_a_stored_value_formatted():
    assert 'value="+62 812-3456-7890"' in str(TeleponForm(initial={"telepon": "+6281234567890"})["telepon"])


@settings(max_examples=200, deadline=None, database=None)
@given(
    prefix=st.sampled_from(["0812", "0813", "0857", "0878", "0896", "0881"]),
    rest=st.text(alphabet="0123456789", min_size=6, max_size=9),
    style=st.sampled_from(["{0}{1}", "{0}-{1}", "+62 {0_} {1}", "62{0_}{1}", "({0}) {1}"]),
)
def test_mobile_numbers_normalize_and_display_round_trip(prefix, rest, style):
    typed = style.replace("{0_}", prefix[1:]).format(prefix, rest)

    e164 = normalize_telepon(typed)

    assert e164 == f"+62{prefix[1:]}{rest}"
    assert normalize_telepon(format_telepon(e164)) == e164
