"""Page timings and query counts for the busiest pages, with realistic volumes of master data."""

from django.test import Client

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


def run(bench):
    first = _seed()
    from django.contrib.auth.models import Group

    admin = User.objects.create_user("bench-admin", "bench@example.test", "x")
    admin.groups.add(Group.objects.get(name=Role.ADMIN_LSP))
    client = Client()
    client.force_login(admin)
    bench.page("home (admin)", client, "/")
    bench.page("skema list (300 skema)", client, "/lsp/skema/")
    bench.page("skema detail (8 units × 4 elemen × 4 KUK)", client, first.get_absolute_url())
