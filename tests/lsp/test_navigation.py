"""Navigation (issue 10): one menu registry gives each role its sidebar group (opening with that role's
home), with badge counts of what waits, counted in one query; komite gets placeholders
that link nowhere; every page of every role renders the breadcrumbs."""

import os
import re
from collections import defaultdict
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import Resolver404, resolve, reverse

from asesi.domain import Status
from asesor.domain import StatusVerifikasi
from lsp.dashboard import nav_counts_for_request, nav_for, nav_position
from lsp.models import User
from tests.asesi.factories import AsesiProfileFactory, force_status, permohonan_draft
from tests.asesor.factories import AsesorFactory, RiwayatFactory

pytestmark = pytest.mark.django_db


def _items(groups, role):
    return {i["label"]: i for g in groups if g["role"] == role for i in g["items"]}


def _external(asesor, status=StatusVerifikasi.MENUNGGU):
    return RiwayatFactory(
        asesor=asesor, sumber="eksternal", sumber_ref=None, nama_lsp="LSP Lain", dokumen="x.pdf", status=status
    )


def test_each_role_gets_its_group_opening_with_its_home(make_user):
    user = make_user("admin_lsp", "asesor", username="dua_peran")
    groups = nav_for(user)
    assert [g["role"] for g in groups] == ["admin_lsp", "asesor"]
    for group in groups:
        first = group["items"][0]
        assert first["url"] == reverse("lsp:role-home", args=[group["role"]])
    assert "Verifikasi permohonan" in _items(groups, "admin_lsp")
    assert "Profil asesor saya" in _items(groups, "asesor")


def test_komite_and_validator_get_their_real_pages(make_user):
    user = make_user("komite", "validator", username="komval")
    groups = nav_for(user)
    assert [g["role"] for g in groups] == ["komite", "validator"]
    komite, validator = groups
    items = {i["label"]: i for i in komite["items"]}
    assert items["Keputusan sertifikasi (pleno)"]["url"] and not items["Keputusan sertifikasi (pleno)"]["placeholder"]
    assert items["Banding"]["url"] == "/asesmen/banding/" and not items["Banding"]["placeholder"]
    assert not [i["label"] for i in komite["items"] if i["placeholder"]]
    home, *rest = validator["items"]
    assert home["url"]
    assert [(i["label"], i["url"]) for i in rest] == [("Validasi asesmen", "/asesmen/validasi/")]


def test_placeholders_render_as_text_not_dead_links(client, make_user, monkeypatch):
    # every role's pages exist now; the mechanism stays for what comes next, shown with one registered here
    from lsp import dashboard

    monkeypatch.setattr(dashboard, "_nav", list(dashboard._nav))
    dashboard.register_nav(
        role="validator", label="Segera hadir", order=99, placeholder="Hadir bersama modul berikutnya."
    )
    client.force_login(make_user("validator", username="val"))
    html = client.get("/").content.decode()
    sidebar = html[html.index('data-testid="sidebar"'):]
    assert "Segera hadir" in sidebar and "Hadir bersama modul berikutnya." in sidebar
    assert 'href=""' not in sidebar and 'href="#"' not in sidebar
    assert sidebar.count("data-placeholder") == 1


def test_admin_badges_count_waiting_applications_and_external_assessments(make_user):
    admin = make_user("admin_lsp", username="adm")
    for _ in range(2):
        force_status(permohonan_draft(with_documents=False), Status.DIAJUKAN)
    force_status(permohonan_draft(with_documents=False), Status.DITERIMA)  # not waiting
    permohonan_draft(with_documents=False)  # a draft: not the admin's yet
    asesor = AsesorFactory()
    _external(asesor)
    _external(asesor, StatusVerifikasi.DITERIMA)
    items = _items(nav_for(admin), "admin_lsp")
    assert items["Verifikasi permohonan"]["badge"] == 2
    assert items["Asesmen eksternal"]["badge"] == 1
    assert items["Skema sertifikasi"]["badge"] is None


def test_asesi_badge_counts_only_their_own_returned_applications(make_user):
    mine = AsesiProfileFactory(user=make_user("asesi", username="saya"))
    force_status(permohonan_draft(profil=mine, with_documents=False), Status.DIKEMBALIKAN)
    force_status(permohonan_draft(with_documents=False), Status.DIKEMBALIKAN)  # someone else's
    items = _items(nav_for(mine.user), "asesi")
    assert items["Permohonan saya"]["badge"] == 1


def test_no_badge_when_nothing_waits(make_user):
    items = _items(nav_for(make_user("admin_lsp", username="sepi")), "admin_lsp")
    assert items["Verifikasi permohonan"]["badge"] is None


def test_every_badge_and_the_bell_cost_one_query_whatever_the_roles(make_user, django_assert_num_queries):
    user = make_user(*["admin_lsp", "asesor", "asesi", "komite", "validator"], username="semua")
    user = User.objects.get(pk=user.pk)
    _ = user.role_names  # the roles are loaded once per request by every page anyway
    request = RequestFactory().get("/")
    request.user = user
    with django_assert_num_queries(1):
        counts = nav_counts_for_request(request)
        nav_counts_for_request(request)  # cached on the request
    assert counts["pemberitahuan"] == 0
    assert len(counts) == 10  # nine badges of the roles held (pleno, banding, pengaduan, the asesor's open FR.VA
    # follow-ups among them) + the bell


def test_nav_position_finds_the_page_and_its_list():
    groups = [{"items": [
        {"label": "Beranda", "url": "/lsp/beranda/admin_lsp/"},
        {"label": "Asesor", "url": "/asesor/"},
        {"label": "Diklat", "url": "/asesor/diklat/"},
        {"label": "Placeholder", "url": ""},
    ]}]
    assert nav_position(groups, "/asesor/") == {"current": "Asesor", "trail": []}
    assert nav_position(groups, "/asesor/diklat/7/") == {"current": "", "trail": [("Diklat", "/asesor/diklat/")]}
    assert nav_position(groups, "/asesor/7/") == {"current": "", "trail": [("Asesor", "/asesor/")]}
    assert nav_position(groups, "/lain/") == {"current": "", "trail": []}


def test_role_home_only_for_a_role_the_user_holds(client, make_user):
    client.force_login(make_user("asesi", username="hanya_asesi"))
    assert client.get(reverse("lsp:role-home", args=["asesi"])).status_code == 200
    assert client.get(reverse("lsp:role-home", args=["admin_lsp"])).status_code == 404
    assert client.get(reverse("lsp:role-home", args=["bukan-peran"])).status_code == 404


# --- breadcrumbs on every page of every role ---------------------------------------------------------------

# /api/docs/ is Swagger UI's own page (drf-spectacular), not one of ours: no menu, no breadcrumbs
SKIP = re.compile(
    r"^/(django-admin|i18n|akun/keluar|static|media|api/docs)/|ekspor|templat|contoh\.xlsx|/dokumen/|/logo/"
)
PER_ROUTE = 2


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if href.startswith("/"):
                self.hrefs.append(href)


def _crawl(client):
    """Every page reachable by GET links from the home page (at most PER_ROUTE per URL pattern)."""
    seen, per_route, pages, queue = set(), defaultdict(int), [], ["/"]
    while queue:
        url = queue.pop(0)
        path = urlsplit(url).path
        if url in seen or SKIP.search(path):
            continue
        seen.add(url)
        try:
            route = resolve(path).route
        except Resolver404:
            continue
        if per_route[route] >= PER_ROUTE:
            continue
        per_route[route] += 1
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        pages.append((url, html))
        parser = _Links()
        parser.feed(html)
        queue.extend(h.split("#")[0] for h in parser.hrefs)
    return pages


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=open(os.devnull, "w"))


@pytest.mark.parametrize("username", ["admin", "asesi1", "asesor1", "komite", "validator"])
def test_every_page_of_every_role_renders_breadcrumbs(client, demo, username):
    client.force_login(User.objects.get(username=username))
    pages = _crawl(client)
    assert len(pages) >= 3
    missing = []
    for url, html in pages:
        match = re.search(r'<nav aria-label="Jejak halaman" data-testid="breadcrumbs">(.*?)</nav>', html, re.S)
        if not match or 'aria-current="page"' not in match.group(1):
            missing.append(url)
    assert missing == []


# --- counts stop at a cap (issue 14: the admin's badges at the volume of a large LSP) ---------------------


@pytest.mark.parametrize(("n", "cap", "text"), [(0, 99, "0"), (99, 99, "99"), (100, 99, "99+"),
                                                (999, 999, "999"), (1000, 999, "999+")])
def test_count_text_says_more_than_the_cap_from_cap_plus_one(n, cap, text):
    from lsp.dashboard import count_text

    assert count_text(n, cap) == text


def test_counting_stops_at_cap_plus_one_rows(make_user, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lsp.dashboard import nav_counts

    user = make_user("admin_lsp", username="hitung")
    for i in range(4):
        make_user("asesi", username=f"calon{i}")
    qs = {"semua": User.objects.all(), "asesi": User.objects.filter(username__startswith="calon"),
          "kosong": User.objects.none()}
    with CaptureQueriesContext(connection) as ctx:
        assert nav_counts(user, qs, cap=2) == {"semua": 3, "asesi": 3, "kosong": 0}
    assert len(ctx.captured_queries) == 1
    assert ctx.captured_queries[0]["sql"].count("LIMIT 3") == 2  # each subquery stops at cap + 1 rows
    assert nav_counts(user, qs, cap=5) == {"semua": 5, "asesi": 4, "kosong": 0}  # under the cap: exact


@pytest.mark.parametrize(("unread", "shown"), [(99, "99"), (100, "99+")])
def test_the_bell_shows_99_plus_from_the_hundredth_unread(client, make_user, unread, shown):
    from lsp.models import Pemberitahuan

    user = make_user("asesi", username="ramai")
    Pemberitahuan.objects.bulk_create(Pemberitahuan(penerima=user, judul=f"p{i}") for i in range(unread))
    client.force_login(user)
    html = client.get(reverse("lsp:pemberitahuan-list")).content.decode()
    assert re.search(r'data-testid="bell-count">([^<]+)<', html)[1] == shown
    assert f"Pemberitahuan, {shown} belum dibaca" in html


def test_a_menu_badge_shows_99_plus_beyond_the_cap(make_user, monkeypatch):
    from lsp import dashboard

    monkeypatch.setattr(dashboard, "COUNT_CAP", 2)
    admin = make_user("admin_lsp", username="adm3")
    for _ in range(3):
        force_status(permohonan_draft(with_documents=False), Status.DIAJUKAN)
    items = _items(nav_for(admin), "admin_lsp")
    assert items["Verifikasi permohonan"]["badge"] == 3
    assert items["Verifikasi permohonan"]["badge_text"] == "2+"
