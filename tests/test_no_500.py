"""A safety net over every page: whatever a user types or sends, no view answers 500.

Walks all URL patterns of our apps, fills their arguments with real and guessed ids, and sends GETs
with odd query strings and POSTs with junk fields and a junk file, as each role and anonymously."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver

from lsp.models import User

pytestmark = pytest.mark.django_db(transaction=False)

APPS = {"lsp", "asesi", "asesor", "asesmen", "sertifikat", "pengaduan", "verifikasi", "api", None}
SKIP_NAMES = {"logout", "set_language"}  # logging out mid-walk would hide the pages after it
JUNK_QUERY = {"page": "abc", "q": "\x00'\"<script>", "status": "???", "skema": "-1", "tanggal": "31-02-2025"}


def walk(resolver=None, prefix="", namespace=None, skip=SKIP_NAMES):
    """``(route, pattern)`` of every URL pattern of our apps (Django admin left out)."""
    for _ns, route, entry in walk_named(resolver, prefix, namespace, skip):
        yield route, entry


def walk_named(resolver=None, prefix="", namespace=None, skip=()):
    """``(namespace, route, pattern)`` of every URL pattern of our apps (the access matrix walks them all)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            if ns == "admin" or (ns and ns not in APPS):
                continue
            yield from walk_named(entry, prefix + str(entry.pattern), ns, skip)
        elif isinstance(entry, URLPattern) and entry.name not in skip:
            yield namespace, prefix + str(entry.pattern), entry


def concrete_paths(route):
    """Fill <int:pk>-style converters with an existing small id and a missing one."""
    import re

    if "<" not in route:
        return ["/" + route]
    paths = []
    for value in ("1", "999999"):
        def fill(match, value=value):
            kind, name = (match.group(1) or "str"), match.group(2)
            if kind == "int":
                return value
            if name in ("fmt",):
                return "csv"
            if name in ("kind",):
                return "sertifikat"
            return "x" + value
        paths.append("/" + re.sub(r"<(?:(\w+):)?(\w+)>", fill, route))
    return paths


@pytest.fixture
def demo(db, settings):
    import os

    call_command("seed_demo", stdout=open(os.devnull, "w"))


@pytest.mark.parametrize("username", ["admin", "asesi1", "asesor2", "komite", "direktur", "validator", None])
def test_no_page_answers_500_to_odd_input(client, demo, username):
    if username:
        client.force_login(User.objects.get(username=username))
    client.raise_request_exception = False
    failures = []
    routes = list(walk())
    assert len(routes) > 80  # every app's pages are in the walk, not a handful
    statuses = set()
    for route, _pattern in routes:
        for path in concrete_paths(route):
            responses = [
                client.get(path, JUNK_QUERY),
                client.post(path, {"aksi": "??", "nama": "x" * 5000, "pk": "abc", "tanggal": "kemarin",
                                   "berkas": SimpleUploadedFile("a.pdf", b"MZ\x90junk")}),
            ]
            failures += [(r.request["REQUEST_METHOD"], path, r.status_code) for r in responses if r.status_code >= 500]
            statuses |= {r.status_code for r in responses}
    assert failures == []
    assert statuses & {200, 302}  # the walk reached real pages, not only refusals
