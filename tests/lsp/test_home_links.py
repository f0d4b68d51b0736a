"""Every number on a home page opens its list with the filter applied, and that list shows the same
count (issue 10). Numbers are marked ``data-count`` inside a ``data-count-link`` (lsp/_count_card.html)."""

import os
import re

import pytest
from django.core.management import call_command

from asesi.domain import Status
from asesi.models import Permohonan
from lsp.models import Notification, User
from tests.asesi.factories import force_status, permohonan_draft
from tests.factories import SkemaFactory, TUKFactory

pytestmark = pytest.mark.django_db

CARD = re.compile(r'<a [^>]*href="(?P<url>[^"]+)"[^>]*data-count-link[^>]*>.*?data-count>(?P<n>\d+)<', re.S)


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    # something each filter must leave out, so a list without its filter would show another number
    SkemaFactory(kode="SKM-NONAKTIF", aktif=False)
    TUKFactory(kode="TUK-NONAKTIF", aktif=False)
    Notification.objects.create(recipient="x@example.test", subject="Gagal", body="-", status="gagal")
    Notification.objects.create(recipient="y@example.test", subject="Terkirim", body="-", status="terkirim")
    own = Permohonan.objects.filter(asesi__user__username="asesi1").order_by("pk").first()
    force_status(own, Status.DIKEMBALIKAN)


def list_count(response) -> int:
    ctx = response.context
    if "pengajuan_total" in ctx:  # the asesor verification queue: recognition requests waiting
        return ctx["pengajuan_total"]
    if "cl" in ctx:  # a Django admin changelist
        return ctx["cl"].result_count
    if ctx.get("paginator") is not None:
        return ctx["paginator"].count
    return len(ctx["object_list"])


def cards(html):
    return [(m["url"].replace("&amp;", "&"), int(m["n"])) for m in CARD.finditer(html)]


@pytest.mark.parametrize("username, expected", [
    ("admin", {"/lsp/skema/?aktif=true", "/lsp/tuk/?aktif=true", "/django-admin/lsp/notification/?status__exact=gagal",
               "/asesi/verifikasi/?status=diajukan", "/asesor/?berlaku=true", "/asesor/?status=segera_kedaluwarsa",
               "/asesor/?rekognisi=wajib_mengulang", "/asesor/riwayat/?status=menunggu",
               "/asesor/verifikasi/", "/sertifikat/penerbitan/", "/sertifikat/?berakhir=90"}),
    ("asesi1", {"/asesi/permohonan/?status=dikembalikan"}),
])
def test_every_number_on_the_home_is_a_link_to_a_list_with_that_count(client, demo, username, expected):
    client.force_login(User.objects.get(username=username))
    html = client.get("/").content.decode()
    found = cards(html)
    assert {url for url, _n in found} == expected
    assert html.count("data-count>") == len(found)  # no number outside a link
    for url, n in found:
        response = client.get(url)
        assert response.status_code == 200, url
        assert list_count(response) == n, url
    # and the filter matters: at least one list without it shows more
    assert any(list_count(client.get(url.split("?")[0])) > n for url, n in found) or username == "asesi1"


def test_asesi_list_filter_shows_only_returned_applications(client, demo):
    asesi1 = User.objects.get(username="asesi1")
    permohonan_draft(profil=asesi1.asesi_profile, with_documents=False)  # a second one, still a draft
    client.force_login(asesi1)
    everything = client.get("/asesi/permohonan/").context["object_list"]
    returned = client.get("/asesi/permohonan/?status=dikembalikan").context["object_list"]
    assert {p.status for p in returned} == {Status.DIKEMBALIKAN}
    assert len(everything) > len(returned)
    assert len(client.get("/asesi/permohonan/?status=bukan").context["object_list"]) == len(everything)


def test_asesor_home_numbers_open_their_own_page_with_the_same_count(client, demo):
    client.force_login(User.objects.get(username="asesor1"))
    html = client.get("/").content.decode()
    home = re.search(r'data-testid="hitungan">([^<]+)<', html)[1]
    assert re.fullmatch(r"\d+ dari \d+ asesmen", home)
    links = set(re.findall(r'<a href="([^"]+)" class="stretched-link" data-count-link', html))
    assert links == {"/asesor/saya/"}
    page = client.get("/asesor/saya/").content.decode()
    # the own page states the same count: as "x dari 6 asesmen", or inside "sudah memenuhi (6 dari 6 asesmen)"
    stated = re.search(r'data-testid="(?:hitungan|ringkasan-rekognisi)">(?:<i [^>]*></i>)?([^<]+)<', page)[1]
    assert home in stated


def test_validator_home_shows_no_number_without_a_list(client, demo):
    client.force_login(User.objects.get(username="validator"))
    html = client.get("/").content.decode()
    assert "data-count>" not in html


def test_komite_home_counts_applications_waiting_for_a_decision(client, demo):
    """Until the pleno pages exist the number stands alone (brief: "link to what exists, or show counts
    only"); it is the number of applications in *diases*."""
    client.force_login(User.objects.get(username="komite"))
    html = client.get("/").content.decode()
    shown = re.search(r'data-action="permohonan-diases".*?data-count>(\d+)<', html, re.S)
    assert shown is not None
    assert int(shown[1]) == Permohonan.objects.filter(status=Status.DIASES).count()
    pleno = cards(html)
    assert all(url for url, _n in pleno)


def test_asesor_home_line_of_open_follow_ups_opens_their_list_with_the_same_count(client, demo):
    """The demo's follow-up for asesor1 (R65): the action line links to their page, which lists as many."""
    client.force_login(User.objects.get(username="asesor1"))
    html = client.get("/").content.decode()
    line = re.search(r'data-action="tindak-lanjut-validasi".*?href="([^"]+)" data-count-link.*?data-count>(\d+)<',
                     html, re.S)
    assert line is not None and int(line[2]) == 1
    assert list_count(client.get(line[1])) == 1
