"""Volume data for benchmarks: ``manage.py seed_bench [--asesi N]`` (default 100,000 asesi).

Each app may have a ``bench_seed.py`` with ``seed(ctx)`` (``ctx`` is ``lsp.bench_seed.BenchContext``);
they run in INSTALLED_APPS order, like ``seed_demo`` runs ``demo.py``, so lsp needs to import no app.
A run adds rows next to whatever is there: its unique keys carry a fresh tag, so it can run twice.
Every account gets the password ``lsp.bench_seed.PASSWORD``. Never on a production database."""

import time

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection

from lsp.bench_seed import BenchContext

from ..app_modules import app_modules


class Command(BaseCommand):
    help = "Isi basis data dengan volume LSP besar untuk benchmark (bawaan 100.000 asesi). Jangan di produksi."

    def add_arguments(self, parser):
        parser.add_argument("--asesi", type=int, default=100_000, help="Jumlah asesi (bawaan 100000).")

    def handle(self, *args, asesi, **options):
        if asesi < 1:
            self.stderr.write("--asesi harus paling sedikit 1.")
            return
        start = time.perf_counter()
        ctx = BenchContext(n_asesi=asesi, stdout=self.stdout)
        self.stdout.write(f"seed_bench: {asesi} asesi, tag {ctx.tag}")
        for config, module in app_modules("bench_seed"):
            self.stdout.write(f"{config.label}:")
            module.seed(ctx)
        if connection.vendor == "postgresql":
            with ctx.step("ANALYZE (fresh planner statistics, as autovacuum keeps them on a live database)"):
                with connection.cursor() as cursor:
                    # A bulk load leaves the new entries of GIN (trigram) indexes in their pending list, which
                    # makes the planner shun them; on a live database autovacuum merges it as rows arrive.
                    cursor.execute(
                        "SELECT gin_clean_pending_list(indexname::regclass) FROM pg_indexes "
                        "WHERE schemaname = current_schema() AND indexdef LIKE '%USING gin%'"
                    )
                    cursor.execute("ANALYZE")
        self.stdout.write("rows per model:")
        for config in apps.get_app_configs():
            if config.name.split(".")[0] not in ("lsp", "asesi", "asesor", "asesmen", "sertifikat"):
                continue
            for model in config.get_models():
                self.stdout.write(f"  {model._meta.label:<40} {model.objects.count():>10}")
        self.stdout.write(self.style.SUCCESS(f"seed_bench selesai dalam {time.perf_counter() - start:.1f} s."))
