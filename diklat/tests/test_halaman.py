"""A long list's page bar: the first and last pages, two either side of this one, the rest elided."""

from django.core.paginator import Paginator
from django.template.loader import render_to_string

from diklat.halaman import tautan_halaman


def halaman(nomor: int, jumlah: int = 20):
    return Paginator(range(jumlah * 10), 10).page(nomor)


def test_the_bar_links_every_page_shown_but_this_one_and_the_ellipsis():
    tautan = tautan_halaman(halaman(6), lambda nomor: f"?page={nomor}")
    assert [t.nomor for t in tautan] == [1, "…", 4, 5, 6, 7, 8, "…", 20]
    assert [t.alamat for t in tautan] == [
        "?page=1",
        "",
        "?page=4",
        "?page=5",
        "",
        "?page=7",
        "?page=8",
        "",
        "?page=20",
    ]
    assert [t.nomor for t in tautan if t.kini] == [6]


def test_a_list_of_one_page_has_no_bar():
    assert tautan_halaman(halaman(1, jumlah=1), lambda nomor: f"?page={nomor}") == []


def test_the_bar_is_drawn_with_htmx_only_when_asked():
    tautan = tautan_halaman(halaman(2, jumlah=3), lambda nomor: f"?hal={nomor}")
    biasa = render_to_string("_tautan_halaman.html", {"tautan": tautan, "jangkar": "daftar"})
    assert 'href="?hal=1#daftar"' in biasa and "hx-get" not in biasa
    assert '<li class="page-item active" aria-current="page">' in biasa
    htmx = render_to_string("_tautan_halaman.html", {"tautan": tautan, "jangkar": "daftar", "hx_target": "tabel"})
    assert 'href="?hal=3#daftar"' in htmx and 'hx-get="?hal=3"' in htmx and 'hx-target="#tabel"' in htmx
