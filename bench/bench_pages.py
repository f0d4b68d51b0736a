"""Page timings and query counts for the busiest pages, with realistic volumes of master data."""

from django.db import connection
from django.test import Client

from bench.run import Timer
from lsp.models import KUK, Elemen, Skema, UnitKompetensi, User
from lsp.roles import Role


def _seed(n_skema=300, units=8, elemen=4, kuk=4):
    skemas = Skema.objects.bulk_create(Skema(kode=f"BENCH-{i:04d}", nama=f"Skema {i}") for i in range(n_skema))
    unit_objs = UnitKompetensi.objects.bulk_create(
        UnitKompetensi(skema=s, kode=f"J.620100.{u:03d}.01", judul=f"Unit {u}", urutan=u)
        for s in skemas[:20]
        for u in range(1, units + 1)
    )
    el_objs = Elemen.objects.bulk_create(
        Elemen(unit=u, urutan=e, nama=f"Elemen {e}") for u in unit_objs for e in range(1, elemen + 1)
    )
    KUK.objects.bulk_create(KUK(elemen=e, urutan=k, deskripsi=f"KUK {k}") for e in el_objs for k in range(1, kuk + 1))
    return skemas[0]


def _measure(report, client, label, url, repeat=10):
    client.get(url)  # warm up
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *a: queries.append(sql) or execute(sql, *a)):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    with Timer() as t:
        for _ in range(repeat):
            client.get(url)
    report(f"{label} ms/request", t.ms / repeat, "ms")
    report(f"{label} queries", len(queries), "q")


def run(report):
    first = _seed()
    from django.contrib.auth.models import Group

    admin = User.objects.create_user("bench-admin", "bench@example.test", "x")
    admin.groups.add(Group.objects.get(name=Role.ADMIN_LSP))
    client = Client()
    client.force_login(admin)
    _measure(report, client, "home (admin)", "/")
    _measure(report, client, "skema list (300 skema)", "/lsp/skema/")
    _measure(report, client, "skema detail (8 units × 4 elemen × 4 KUK)", first.get_absolute_url())
