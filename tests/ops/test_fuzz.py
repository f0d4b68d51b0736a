"""Fuzzing (issue 16 item 5): hypothesis-generated POSTs to every public and asesi form → never a 500,
never a half-saved record.

The forms are the ones tests/test_form_errors.py discovers from the URL conf (a view taking form input),
reached as its CASES say; every case whose user is nobody or an asesi is fuzzed here, so a new public or
asesi form is fuzzed as soon as it has its form-error case. The fields are read from the form class and
from the page itself (dynamic fields, select options); each example sends a mix of omitted fields,
plausible options, hostile text (very long, control characters, markup, SQL, path tricks, odd numbers and
dates) and random files. After a refusal (anything but a redirect) every table of the apps must be exactly
as before: same rows, same values. ``LSP_FUZZ_EXAMPLES`` examples per form (default 12, CI-fast)."""

import hashlib
import os
from html.parser import HTMLParser

import pytest
from django import forms
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_form_errors import CASES, FORM_VIEWS, world  # noqa: F401 - world is the fixture used below

EXAMPLES = int(os.environ.get("LSP_FUZZ_EXAMPLES", "12"))
FUZZED = [name for name in FORM_VIEWS if CASES[name][0] in (None, "asesi")]
# Tables that change on any request or sign-in, not records of the LSP.
VOLATILE = {"django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"}

HOSTILE = [
    "", " ", "0", "-1", "1.5", "99999999999999999999999", "1e309", "NaN", "2026-02-30", "31-12-1999", "0000-00-00",
    "../../etc/passwd", "<script>alert(1)</script>", "' OR '1'='1' --", "\x00", "a\x00b", "\u202e\u0000\ufeff",
    "x" * 5000, "🙂" * 300, "%s%n%x", "{{ 7*7 }}", "{% debug %}", "K", "BK", "on", "true",
]
text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=120),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.dates().map(lambda d: d.isoformat()),
)
FILE_NAMES = ["dokumen.pdf", "foto.jpg", "gambar.png", "skrip.exe", "", "a" * 300 + ".pdf", "../../x.pdf", "x.PDF"]
file_body = st.one_of(
    st.binary(max_size=3000),
    st.binary(max_size=500).map(lambda b: b"%PDF-1.4\n" + b),
    st.binary(max_size=500).map(lambda b: b"\x89PNG\r\n\x1a\n" + b),
    st.just(b""),
)


class _Fields(HTMLParser):
    """Names of the inputs of the page's POST forms, with the values its selects, radios and check boxes offer."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, dict] = {}
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag in ("input", "textarea", "select") and name and name != "csrfmiddlewaretoken":
            kind = attrs.get("type", tag) if tag == "input" else tag
            field = self.fields.setdefault(name, {"kind": kind, "options": []})
            if kind in ("radio", "checkbox") and attrs.get("value") is not None:
                field["options"].append(attrs["value"])
            if tag == "select":
                field["multiple"] = "multiple" in attrs
                self._select = field
        elif tag == "option" and self._select is not None and attrs.get("value") is not None:
            self._select["options"].append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def _form_class(url: str):
    callback = resolve(url).func
    view_class = getattr(callback, "view_class", None)
    return getattr(view_class, "form_class", None) or getattr(callback, "form_class", None)


def _fields(client, url) -> dict[str, dict]:
    fields: dict[str, dict] = {}
    form_class = _form_class(url)
    for name, field in getattr(form_class, "base_fields", {}).items():
        kind = "file" if isinstance(field, forms.FileField) else "text"
        options = [str(v) for v, _label in getattr(field, "choices", [])
                   if not isinstance(field, forms.ModelChoiceField)]
        fields[name] = {"kind": kind, "options": options,
                        "multiple": isinstance(field, forms.MultipleChoiceField)}
    page = client.get(url)
    if page.status_code == 200:
        parser = _Fields()
        parser.feed(page.content.decode())
        for name, field in parser.fields.items():
            merged = fields.setdefault(name, field)
            merged["options"] = sorted(set(merged["options"]) | set(field["options"]))
            merged["kind"] = "file" if "file" in (merged["kind"], field["kind"]) else merged["kind"]
    return fields


def _value(draw, field):
    if field["kind"] == "file":
        name = draw(st.sampled_from(FILE_NAMES))
        return SimpleUploadedFile(name or "berkas", draw(file_body))
    options = field["options"]
    strategy = st.one_of(st.sampled_from(options), text) if options else text
    if field.get("multiple") or field["kind"] == "checkbox":
        return draw(st.lists(strategy, max_size=4))
    return draw(strategy)


def _state() -> str:
    """One digest of every row of every table of the project (one round trip)."""
    tables = sorted(
        {m._meta.db_table for m in apps.get_models(include_auto_created=True)} - VOLATILE
    )
    parts = ", ".join(
        f"(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {connection.ops.quote_name(n)} t)"
        for n in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {parts}")
        return hashlib.sha256("".join(cursor.fetchone()).encode()).hexdigest()


def test_every_public_and_asesi_form_is_fuzzed():
    assert {"login", "asesi:daftar", "asesi:dokumen-upload", "asesi:asesmen-mandiri"} <= set(FUZZED)


@pytest.mark.postgres
@pytest.mark.parametrize("name", FUZZED)
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(data=st.data())
def test_fuzzed_posts_never_500_and_a_refusal_saves_nothing(client, world, name, data):  # noqa: F811
    who, url_of, _invalid = CASES[name]
    if who:
        client.force_login(world[who])
    url = url_of(world)
    if name in ("password_reset_confirm", "asesi:aktivasi"):  # the link puts the token in the session first
        first = client.get(url)
        if first.status_code != 302:  # used up by an earlier example that set the password
            return
        url = first["Location"]
    fields = _fields(client, url)
    post = {}
    for field_name, field in fields.items():
        if data.draw(st.booleans(), label=f"send {field_name}"):
            post[field_name] = _value(data.draw, field)
    if data.draw(st.booleans(), label="extra key"):
        post[data.draw(st.sampled_from(["id", "pk", "status", "asesi", "user", "is_staff"]))] = data.draw(text)
    before = _state()
    response = client.post(url, post)
    assert response.status_code < 500
    if response.status_code not in (301, 302, 303):
        assert _state() == before, f"{name}: a refused POST ({response.status_code}) changed the database"
