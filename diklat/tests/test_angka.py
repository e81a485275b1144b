from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from diklat.angka import lebar_svg, persen_tampil


@pytest.mark.parametrize(
    ("nilai", "teks"),
    [
        (90, "90%"),
        (Decimal("90.00"), "90%"),
        (Decimal("100"), "100%"),
        (Decimal("87.50"), "87,5%"),
        (Decimal("66.666"), "66,67%"),
        (0, "0%"),
        (None, ""),
        ("", ""),
        ("bukan angka", ""),
    ],
)
def test_a_percentage_is_written_without_a_space_as_indonesian_does(nilai, teks):
    with translation.override("id"):
        assert persen_tampil(nilai) == teks


def test_english_pages_write_the_decimal_point_their_way():
    with translation.override("en"):
        assert persen_tampil(Decimal("87.5")) == "87.5%"


def test_the_template_filter_is_the_same_function():
    with translation.override("id"):
        html = Template("{% load diklat_tampil %}{{ a|persen }} · {{ b|persen }}").render(
            Context({"a": Decimal("90"), "b": 12.5})
        )
    assert html == "90% · 12,5%"


def test_counts_are_grouped_as_the_active_language_writes_them():
    from django.utils import translation

    from diklat.angka import angka_tampil

    with translation.override("id"):
        assert angka_tampil(10_000) == "10.000"
        assert angka_tampil(4.95, 1) == "5,0"
        assert angka_tampil(2.0) == "2"
    with translation.override("en"):
        assert angka_tampil(10_000) == "10,000"
        assert angka_tampil(1.25, 1) == "1.3"


def test_the_count_filter_groups_thousands_in_the_active_language():
    halaman = Template("{% load diklat_tampil %}{{ a|angka }} dari {{ b|angka }}; {{ c|angka }}|{{ d|angka }}")
    konteks = Context({"a": 4980, "b": 5000, "c": None, "d": "x"})
    with translation.override("id"):
        assert halaman.render(konteks) == "4.980 dari 5.000; |x"
    with translation.override("en"):
        assert halaman.render(konteks) == "4,980 dari 5,000; |x"


@pytest.mark.parametrize(
    ("bagian", "keseluruhan", "lebar"),
    [
        (3, 8, "37.5"),
        (25, 30, "83.33"),
        (30, 30, "100"),
        # A kuota lowered below those enrolled still draws a full bar, not a longer one.
        (35, 30, "100"),
        (0, 30, "0"),
        (5, 0, "0"),
        (None, 10, "0"),
        (-1, 10, "0"),
    ],
)
def test_a_bar_length_is_a_percentage_held_in_0_to_100_with_a_dot_in_any_language(bagian, keseluruhan, lebar):
    with translation.override("id"):
        assert lebar_svg(bagian, keseluruhan) == lebar
        html = Template("{% load diklat_tampil %}{% lebar_batang a b %}").render(
            Context({"a": bagian, "b": keseluruhan})
        )
    assert html == lebar
