"""The two busiest admin lists at realistic volume: the asesor registry (status computed for every row)
and the verification queue; plus the asesor status function itself."""

from datetime import date, timedelta

from django.contrib.auth.models import Group
from django.test import Client

from asesor import domain
from asesor.selectors import asesor_queryset, asesor_statuses
from bench.run import Timer
from lsp.models import User
from lsp.roles import Role
from tests.asesi.factories import permohonan_draft
from tests.asesor.factories import AsesorFactory, RiwayatFactory, SertifikatAsesorFactory
from tests.factories import skema_with_units

N_ASESOR = 400
N_PERMOHONAN = 150


def _seed_asesors():
    start = date(2023, 1, 1)
    skemas = [skema_with_units(n_units=1, n_elemen=1, n_kuk=1) for _ in range(30)]  # a realistic LSP offers tens
    for i in range(N_ASESOR):
        asesor = AsesorFactory()
        issued = start + timedelta(days=i * 2)
        SertifikatAsesorFactory(asesor=asesor, issued_on=issued, valid_until=domain.sertifikat_valid_until(issued))
        for k in range(i % 8):
            RiwayatFactory(asesor=asesor, tanggal=issued + timedelta(days=30 * (k + 1)), skema=skemas[(i + k) % 30])


def _seed_permohonan(admin):
    from asesi import services

    skema = skema_with_units(n_units=5, n_elemen=3, n_kuk=3)
    for _ in range(N_PERMOHONAN):
        p = permohonan_draft(skema=skema)
        from tests.asesi.factories import apl02_fill

        apl02_fill(p)
        services.permohonan_transition(permohonan=p, to="diajukan", by=p.asesi.user)


def run(bench):
    import cProfile
    import os

    admin = User.objects.create_user("bench-admin-2", "bench2@example.test", "x")
    admin.groups.add(Group.objects.get(name=Role.ADMIN_LSP))
    with Timer() as t:
        _seed_asesors()
    bench.figure(f"seed {N_ASESOR} asesors with certificates and logs", t.ms, "ms")
    with Timer() as t:
        _seed_permohonan(admin)
    bench.figure(f"seed {N_PERMOHONAN} submitted permohonan (via services)", t.ms, "ms")

    asesors = list(asesor_queryset())
    with Timer() as t:
        asesor_statuses(asesors, date(2025, 6, 1))
    bench.figure(f"asesor_statuses for {N_ASESOR} asesors (records loaded)", t.ms, "ms")

    client = Client()
    client.force_login(admin)
    if os.environ.get("BENCH_PROFILE"):
        cProfile.runctx("client.get('/asesor/'); client.get('/asesi/verifikasi/')", globals(), locals(), sort=1)
    bench.page(f"asesor list ({N_ASESOR} asesors, page 1)", client, "/asesor/")
    bench.page("asesor list filtered: segera kedaluwarsa", client, "/asesor/?status=segera_kedaluwarsa")
    bench.page(f"asesor CSV export ({N_ASESOR} rows)", client, "/asesor/ekspor.csv")
    bench.page(f"verification queue ({N_PERMOHONAN} diajukan)", client, "/asesi/verifikasi/")
    bench.page("home (admin, all panels)", client, "/")
