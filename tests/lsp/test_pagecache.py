"""The landing and login pages come from the cache for anonymous first visits, each with the visitor's own
working CSRF token; anything personal (a session, a message, a query) is rendered as before."""

import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from lsp.models import LspProfile

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.LSP_PAGE_CACHE_SECONDS = 60


def _token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


@pytest.mark.parametrize("url", ["/", "/akun/masuk/"])
def test_second_visit_needs_no_query_and_its_token_works(url, django_assert_num_queries):
    LspProfile(nama="LSP Cepat", nomor_lisensi="BNSP-LSP-1565-ID", alamat="Jl. 1", penandatangan_nama="K").save()
    first = Client(enforce_csrf_checks=True)
    assert "LSP Cepat" in first.get(url).content.decode()
    visitor = Client(enforce_csrf_checks=True)
    with django_assert_num_queries(0):
        response = visitor.get(url)
    html = response.content.decode()
    assert "LSP Cepat" in html and "__lsp_csrf_token_placeholder__" not in html
    assert "no-store" in response["Cache-Control"]
    assert _token(html) != _token(first.get(url).content.decode())  # each visitor their own token
    switched = visitor.post(reverse("set_language"), {"language": "en", "csrfmiddlewaretoken": _token(html)})
    assert switched.status_code == 302  # the token in the cached page is accepted


def test_saved_profile_shows_at_once_and_logged_in_users_get_their_page(client, admin_lsp):
    LspProfile(nama="LSP Lama", nomor_lisensi="BNSP-LSP-1565-ID", alamat="Jl. 1", penandatangan_nama="K").save()
    assert "LSP Lama" in client.get("/").content.decode()
    profile = LspProfile.objects.get()
    profile.nama = "LSP Baru"
    profile.save()
    assert "LSP Baru" in client.get("/").content.decode()
    client.force_login(admin_lsp)
    assert "lsp/landing.html" not in [t.name for t in client.get("/").templates]


def test_query_or_english_is_not_mixed_up(client):
    client.get("/akun/masuk/")  # cached without a next
    assert 'value="/lsp/tuk/"' in client.get("/akun/masuk/?next=/lsp/tuk/").content.decode()
    with override_settings(LANGUAGE_CODE="id"):
        indonesian = client.get("/").content.decode()
    client.cookies["django_language"] = "en"
    english = client.get("/").content.decode()
    assert indonesian != english and 'lang="en"' in english and 'lang="id"' in indonesian
