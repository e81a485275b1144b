"""The dashboard's frame: it shows what the receivers of ``widget_dasbor`` give, in their order, and
survives a receiver that fails or answers nonsense."""

import logging

import pytest
from django.urls import reverse
from django.utils.safestring import mark_safe

from diklat.signals import widget_dasbor
from diklat.tests.factories import admin_user, peserta_user, staf_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def penerima():
    """Connect receivers for one test only; the floors' own receivers stay connected beside them."""
    dipasang = []

    def pasang(fungsi):
        widget_dasbor.connect(fungsi, dispatch_uid=f"uji.{fungsi.__name__}", weak=False)
        dipasang.append(fungsi)
        return fungsi

    yield pasang
    for fungsi in dipasang:
        widget_dasbor.disconnect(dispatch_uid=f"uji.{fungsi.__name__}")


def test_widgets_show_in_their_order_and_plain_text_is_escaped(client, penerima):
    @penerima
    def kedua(sender, *, request, **kwargs):
        return [(95, mark_safe("<p>Kartu kedua</p>"))]

    @penerima
    def pertama(sender, *, request, **kwargs):
        return [(5, mark_safe("<p>Kartu pertama</p>")), (99, "<script>teks biasa</script>")]

    client.force_login(staf_user())
    html = client.get(reverse("dasbor:index")).content.decode()

    assert html.index("Kartu pertama") < html.index("Kartu kedua") < html.index("teks biasa")
    assert "<script>teks biasa" not in html and "&lt;script&gt;teks biasa" in html


def test_a_failing_receiver_is_left_out_and_logged_and_the_page_still_shows(client, penerima, caplog):
    @penerima
    def rusak(sender, *, request, **kwargs):
        raise RuntimeError("basis data sedang sibuk")

    @penerima
    def ngawur(sender, *, request, **kwargs):
        return "bukan daftar pasangan"

    @penerima
    def sebagian(sender, *, request, **kwargs):
        return [("bukan urutan", mark_safe("<p>Tidak tampil</p>")), (50, mark_safe("<p>Kartu yang sehat</p>"))]

    client.force_login(staf_user())
    with caplog.at_level(logging.ERROR, logger="diklat.dasbor.widget"):
        response = client.get(reverse("dasbor:index"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Kartu yang sehat" in html and "Tidak tampil" not in html
    pesan = " ".join(r.getMessage() for r in caplog.records)
    assert "rusak" in pesan and "ngawur" in pesan and "sebagian" in pesan
    assert any(r.exc_info and "basis data sedang sibuk" in str(r.exc_info[1]) for r in caplog.records)


def test_the_dashboard_is_for_staff_only(client):
    alamat = reverse("dasbor:index")

    response = client.get(alamat)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))

    client.force_login(peserta_user())
    assert client.get(alamat).status_code == 403


def test_the_admin_link_is_in_the_menu_of_admins_only(client):
    tautan = f'href="{reverse("admin:index")}">Admin</a>'
    client.force_login(admin_user())
    assert tautan in client.get(reverse("dasbor:index")).content.decode()

    client.force_login(staf_user())
    html = client.get(reverse("dasbor:index")).content.decode()
    assert tautan not in html and "Dasbor</a>" in html


def test_staff_have_the_dashboard_in_their_menu_and_participants_do_not(client):
    client.force_login(staf_user())
    html = client.get(reverse("dasbor:index")).content.decode()
    assert f'href="{reverse("dasbor:index")}">Dasbor</a>' in html

    client.force_login(peserta_user())
    assert reverse("dasbor:index") not in client.get(reverse("beranda"), follow=True).content.decode()
