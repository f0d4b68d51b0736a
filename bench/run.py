"""Benchmarks: `make bench` (or `python bench/run.py [name ...]`). Prints one table; asserts nothing.

Runs against a throw-away test database on whatever DATABASE_URL points at (SQLite by default), so
the numbers can be compared between SQLite and Postgres. Each bench_*.py module has ``run(bench)``:
``bench.page(label, client, url)`` times a page (p50 / p95 over ``BENCH_REPEAT`` requests, 20 by default,
and its query count), ``bench.figure(label, value, unit)`` records any other figure, and
``bench.note(label, text)`` a row of text (throughput). The table is printed at the end.

``BENCH_KEEPDB=1`` keeps the test database between runs (and ``bench_volume`` then seeds only when it holds
fewer asesi than asked): for working on a page without waiting for the seed every time."""

import importlib
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lsp.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")  # a local tool: the development settings, like `make run`

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import override_settings  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "20"))
KEEPDB = os.environ.get("BENCH_KEEPDB", "") not in ("", "0")


class Timer:
    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.ms = (time.perf_counter() - self.start) * 1000


def percentile(values, p):
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))  # ceil
    return ordered[int(rank) - 1]


def _consume(response):
    if getattr(response, "streaming", False):
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


class Bench:
    """Collects the rows of the one table ``make bench`` prints."""

    def __init__(self):
        self.rows = []  # (section, label, p50, p95, queries, note)
        self.section = ""

    def page(self, label, client, url, repeat=REPEAT, status=200):
        """Time ``url``: one warm-up, then ``repeat`` requests; the query count of every request is
        recorded and the largest shown (a count that varies between requests would show up)."""
        response = client.get(url)
        if response.status_code != status:  # a page this version does not have (yet): say so, go on
            self.rows.append((self.section, label, None, None, None, f"HTTP {response.status_code}"))
            return
        _consume(response)
        times, counts = [], []
        for _ in range(repeat):
            queries = []

            def wrapper(execute, sql, params, many, context, queries=queries):
                queries.append(sql)
                return execute(sql, params, many, context)

            with connection.execute_wrapper(wrapper), Timer() as t:
                response = client.get(url)
                _consume(response)
            times.append(t.ms)
            counts.append(len(queries))
        self.rows.append((self.section, label, percentile(times, 50), percentile(times, 95), max(counts), ""))
        if os.environ.get("BENCH_VERBOSE"):
            print(f"  {label:<58} {percentile(times, 50):8.1f} {percentile(times, 95):8.1f} {max(counts):4d}")

    def figure(self, label, value, unit):
        self.rows.append((self.section, label, None, None, None, f"{value:,.1f} {unit}"))
        if os.environ.get("BENCH_VERBOSE"):
            print(f"  {label:<58} {value:,.1f} {unit}")

    def note(self, label, text=""):
        self.rows.append((self.section, label, None, None, None, text))
        if os.environ.get("BENCH_VERBOSE"):
            print(f"  {label:<58} {text}")

    def print_table(self):
        width = max([len(r[1]) for r in self.rows] + [40])
        print()
        print(f"| {'page':<{width}} | p50 ms | p95 ms | queries | |")
        print(f"| {'-' * width} | -----: | -----: | ------: | --- |")
        section = None
        for sec, label, p50, p95, q, note in self.rows:
            if sec != section:
                print(f"| **{sec}**{' ' * max(0, width - len(sec) - 4)} | | | | |")
                section = sec
            print(f"| {label:<{width}} | {_fmt(p50):>6} | {_fmt(p95):>6} | {_fmt(q, 0):>7} | {note} |")


def _fmt(value, digits=1):
    return "" if value is None else f"{value:,.{digits}f}"


def main(names):
    # No setup_test_environment(): it instruments every template render for the test client's
    # ``response.templates``, which production does not pay; the settings below are what the bench needs.
    # Benchmarks create many users: a fast hasher (the production one costs ~0.3 s per password, which
    # would measure PBKDF2, not the app); emails stay in memory; uploads go to a temporary folder.
    override_settings(
        DEBUG=False,  # as the test runner does: no query log kept per request
        ALLOWED_HOSTS=["*"],
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        MEDIA_ROOT=os.environ.get("BENCH_MEDIA_ROOT") or tempfile.mkdtemp(prefix="bench-media-"),
    ).enable()
    logging.getLogger("celery").setLevel(logging.WARNING)
    logging.getLogger("axes").setLevel(logging.WARNING)
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=KEEPDB, serialize=False)
    bench = Bench()
    try:
        print(f"database: {connection.vendor}")
        modules = sorted(p.stem for p in Path(__file__).parent.glob("bench_*.py"))
        for name in modules:
            if names and name.removeprefix("bench_") not in names and name not in names:
                continue
            module = importlib.import_module(f"bench.{name}")
            bench.section = name.removeprefix("bench_")
            print(f"{name} …", flush=True)
            module.run(bench)
            if not KEEPDB:
                call_command("flush", interactive=False, verbosity=0)  # the next module starts from empty
        bench.print_table()
    finally:
        if not KEEPDB:
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main(sys.argv[1:])
