"""List endpoints cost a fixed number of queries whatever the page holds (no query per row): measured with a
one-row page and a full page of the demo data, for each role that has rows, under a ceiling."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lsp.models import User

pytestmark = pytest.mark.postgres

LISTS = {
    "admin": ["skema", "asesi", "permohonan", "jadwal", "rekaman", "sertifikat", "asesor"],
    "asesor1": ["jadwal", "rekaman", "asesor"],
    "asesi1": ["asesi", "permohonan", "jadwal"],
}
# session + user + roles (3), the list, its filter's choices where it has some, the prefetch of the verdicts
CEILING = 6


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url)
    assert r.status_code == 200, (url, r.status_code)
    return len(ctx), len(r.json()["results"])


@pytest.mark.parametrize("username", sorted(LISTS))
def test_list_queries_do_not_grow_with_the_page(demo, username, django_assert_max_num_queries):
    client = Client()
    client.force_login(User.objects.get(username=username))
    for endpoint in LISTS[username]:
        one, rows_one = _queries(client, f"/api/v1/{endpoint}/?page_size=1")
        many, rows_many = _queries(client, f"/api/v1/{endpoint}/?page_size=200")
        assert rows_many >= rows_one
        assert many == one, (endpoint, one, many)
        with django_assert_max_num_queries(CEILING):
            client.get(f"/api/v1/{endpoint}/")


def test_anonymous_skema_list_is_cheap(demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):  # the list and the filter's bidang choices; no session
        assert Client().get("/api/v1/skema/").status_code == 200
