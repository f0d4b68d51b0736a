"""The home dashboards: server-side SVG charts (pure geometry, figures from the database, cache), "what
needs action today" counted in one query, the admin home's query count whatever the volume."""

import os
from datetime import date

import pytest
from django.core.management import call_command

from asesi.domain import Status
from asesi.models import Permohonan
from lsp.charts import Row, bar_geometry, column_geometry
from lsp.charts_common import months_back
from lsp.models import User


def test_bar_geometry_scales_to_the_largest_total_and_stacks_series():
    rows = [Row("A", (3, 1)), Row("B", (8, 0)), Row("C", (0, 0))]
    g = bar_geometry(rows, width=600)
    widths = [[s.w for s in p.shapes] for p in g["placed"]]
    assert sum(widths[1]) == 540  # the largest total fills the width less the room for its number
    assert widths[0] == [202.5, 67.5]
    assert g["placed"][0].shapes[1].x == 202.5  # the second series starts where the first ends
    assert widths[2] == [0, 0]
    assert g["height"] > 0


def test_geometry_of_nothing_draws_nothing():
    assert bar_geometry([])["placed"] == []
    placed = column_geometry([Row("Jan", (0,)), Row("Feb", (0,))])["placed"]
    assert [p.shapes[0].h for p in placed] == [0, 0]


def test_column_geometry_grows_upwards_from_one_baseline():
    g = column_geometry([Row("Jan", (2,)), Row("Feb", (4,))], width=200, height=220)
    jan, feb = (p.shapes[0] for p in g["placed"])
    assert jan.y + jan.h == feb.y + feb.h == 220 - 22
    assert feb.h == 2 * jan.h


@pytest.mark.parametrize("today, first, last", [
    (date(2026, 12, 1), date(2026, 1, 1), date(2026, 12, 1)),
    (date(2026, 3, 31), date(2025, 4, 1), date(2026, 3, 1)),
])
def test_months_back_cross_the_year(today, first, last):
    months = months_back(today, 12)
    assert (months[0], months[-1], len(months)) == (first, last, 12)


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=open(os.devnull, "w"))


def test_admin_home_draws_every_chart_from_the_data_with_a_table(client, demo):
    client.force_login(User.objects.get(username="admin"))
    html = client.get("/").content.decode()
    for key in ("permohonan-status", "asesmen-bulan", "asesmen-skema", "sertifikat-bulan", "asesor-status",
                "asesor-beban"):
        assert f'data-chart="{key}"' in html, key
        assert f'id="chart-{key}-desc"' in html
    assert html.count("<svg class=\"lsp-chart-svg\"") == 6 and html.count("Tabel data") == 6
    bersertifikat = Permohonan.objects.filter(status=Status.BERSERTIFIKAT).count()
    assert f"Bersertifikat: {bersertifikat}" in html
    assert 'data-action="sertifikat-berakhir"' in html


def test_admin_home_queries_do_not_grow_with_the_data(client, demo, django_assert_max_num_queries):
    from tests.asesi.factories import permohonan_draft

    client.force_login(User.objects.get(username="admin"))
    client.get("/")
    with django_assert_max_num_queries(40) as first:
        client.get("/")
    for _ in range(5):
        permohonan_draft(with_documents=False)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as second:
        client.get("/")
    assert len(second.captured_queries) == len(first.captured_queries)


def test_chart_figures_are_cached_when_the_setting_asks(client, demo, settings, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.LSP_DASHBOARD_CACHE_SECONDS = 60
    client.force_login(User.objects.get(username="admin"))
    with CaptureQueriesContext(connection) as cold:
        client.get("/")
    with CaptureQueriesContext(connection) as warm:
        client.get("/")
    assert len(cold.captured_queries) - len(warm.captured_queries) >= 6  # one aggregate per chart


def test_asesi_home_lists_their_certificates(client, demo):
    from sertifikat.models import Sertifikat

    cert = Sertifikat.objects.select_related("asesi__user").first()
    client.force_login(cert.asesi.user)
    html = client.get("/").content.decode()
    assert 'data-testid="sertifikat-asesi"' in html and cert.nomor in html
