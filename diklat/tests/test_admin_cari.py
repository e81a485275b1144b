"""Every change list of the admin cuts its search as every search box of the site does."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from diklat.pencarian import CARI_MAKS
from diklat.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Read from the site itself, so an admin added later (ours or a library's) is covered without touching this test.
TERDAFTAR = sorted(admin.site._registry.items(), key=lambda pasangan: pasangan[0]._meta.label)


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(is_superuser=True))
    return client


def test_the_admins_the_libraries_register_are_covered():
    label = {model._meta.label for model, _admin in TERDAFTAR if _admin.search_fields}
    assert {"auth.Group", "auditlog.LogEntry", "sertifikat.Sertifikat", "peserta.Peserta"} <= label


@pytest.mark.parametrize(("model", "model_admin"), TERDAFTAR, ids=[m._meta.label for m, _a in TERDAFTAR])
def test_every_admin_change_list_answers_a_60000_character_search(superuser_client, model, model_admin):
    # On SQLite (the default) a LIKE pattern this long is "too complex": a 500. On PostgreSQL it is only slow;
    # either way no query may carry more of the search than any search box of the site sends.
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    with CaptureQueriesContext(connection) as kueri:
        response = superuser_client.get(url, {"q": "y" * 60_000})

    assert response.status_code == 200, url
    assert not [q["sql"] for q in kueri.captured_queries if "y" * (CARI_MAKS + 1) in q["sql"]], url


def test_the_admin_autocomplete_cuts_its_search_too(superuser_client):
    url = reverse("admin:autocomplete")
    with CaptureQueriesContext(connection) as kueri:
        response = superuser_client.get(
            url,
            {"term": "y" * 60_000, "app_label": "peserta", "model_name": "peserta", "field_name": "kabupaten_kota"},
        )

    assert response.status_code == 200
    assert response.json()["results"] == []
    assert not [q["sql"] for q in kueri.captured_queries if "y" * (CARI_MAKS + 1) in q["sql"]]
