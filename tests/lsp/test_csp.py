"""Content-Security-Policy (django-csp): every page carries the policy, no page has inline script or
style for it to block, and a response that brings its own policy (a downloaded document) keeps it."""

import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.http import HttpResponse
from django.urls import path

from lsp.models import User
from tests.test_no_500 import concrete_paths, walk

BASE_DIR = Path(__file__).resolve().parents[2]

DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}

# What the policy would block in a page: a <script> without src, a <style> element, a style=""
# attribute, an on…="" handler attribute, a javascript: URL.
INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle\s*=|\son[a-z]+\s*=|javascript:",
    re.IGNORECASE,
)


def policy_of(response) -> dict[str, str]:
    header = response.headers.get("Content-Security-Policy", "")
    parts = (part.strip().split(None, 1) for part in header.split(";") if part.strip())
    return {part[0]: part[1] if len(part) > 1 else "" for part in parts}


def test_policy_directives():
    from django.conf import settings

    assert "csp.middleware.CSPMiddleware" in settings.MIDDLEWARE
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    for name, value in DIRECTIVES.items():
        assert " ".join(directives[name]) == value
    assert not any("unsafe" in source for sources in directives.values() for source in sources)


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=open(os.devnull, "w"))


@pytest.mark.parametrize("username", ["admin", "asesi1", "asesor2", "komite", "validator", None])
def test_every_page_carries_the_policy_and_has_no_inline_script_or_style(client, demo, username):
    if username:
        client.force_login(User.objects.get(username=username))
    client.raise_request_exception = False
    missing, inline, seen = [], [], set()
    for route, _pattern in walk():
        for url in concrete_paths(route):
            response = client.get(url)
            seen.add(response.status_code)
            if response.get("Content-Type", "").startswith(("application/pdf", "image/", "application/octet")):
                # an uploaded file keeps its own, stricter policy (lsp.uploads.private_file_response)
                if response.headers.get("Content-Security-Policy") != "sandbox":
                    missing.append((url, response.status_code, response.headers.get("Content-Security-Policy")))
                continue
            if policy_of(response) != DIRECTIVES | {"font-src": "'self'", "connect-src": "'self'"}:
                missing.append((url, response.status_code, response.headers.get("Content-Security-Policy")))
            if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                found = INLINE.findall(response.content.decode())
                if found:
                    inline.append((url, found))
    assert missing == []
    assert inline == []
    assert 200 in seen and 404 in seen  # real pages and error pages were both checked


@pytest.mark.django_db
def test_django_admin_pages_carry_the_policy_too(client, make_user):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    for url in ["/django-admin/", "/django-admin/lsp/user/", "/django-admin/lsp/user/add/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert policy_of(response)["script-src"] == "'self'", url


def test_no_template_has_inline_script_or_style():
    """The templates themselves, including branches the page walk above does not reach."""
    offenders = []
    for template in sorted((BASE_DIR / "templates").rglob("*.html")):
        for number, line in enumerate(template.read_text().splitlines(), start=1):
            if INLINE.search(line):
                offenders.append(f"{template.relative_to(BASE_DIR)}:{number}: {line.strip()}")
    assert offenders == []


def test_htmx_is_told_not_to_inject_its_inline_style(client, db):
    html = client.get("/akun/masuk/").content.decode()
    config = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", html)
    assert config is not None
    import json

    assert json.loads(config.group(1))["includeIndicatorStyles"] is False


# --- a response that brings its own policy keeps it ----------------------------------------------------


def _sandboxed(request):
    response = HttpResponse(b"%PDF-1.4 ...", content_type="application/pdf")
    response["Content-Security-Policy"] = "sandbox"
    return response


def _plain(request):
    return HttpResponse("ok")


urlpatterns = [path("sandboxed/", _sandboxed), path("plain/", _plain)]


@pytest.mark.urls(__name__)
def test_a_policy_the_view_set_is_not_overwritten(client, db):
    assert client.get("/sandboxed/").headers["Content-Security-Policy"] == "sandbox"
    assert policy_of(client.get("/plain/"))["frame-ancestors"] == "'none'"

