"""Benchmarks: `make bench` (or `python bench/run.py [name ...]`). Prints figures; asserts nothing.

Runs against a throw-away test database on whatever DATABASE_URL points at (SQLite by default), so
the numbers can be compared between SQLite and Postgres. Each bench_*.py module has ``run(report)``;
``report(name, value, unit)`` prints one figure."""

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
from django.test.utils import setup_test_environment, teardown_test_environment  # noqa: E402


def report(name, value, unit):
    print(f"  {name:<60} {value:>12.2f} {unit}")


class Timer:
    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.ms = (time.perf_counter() - self.start) * 1000


def main(names):
    setup_test_environment()
    # Benchmarks create many users: a fast hasher (the production one costs ~0.3 s per password, which
    # would measure PBKDF2, not the app); emails stay in memory; uploads go to a temporary folder.
    override_settings(
        ALLOWED_HOSTS=["*"],
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        MEDIA_ROOT=tempfile.mkdtemp(prefix="bench-media-"),
    ).enable()
    logging.getLogger("celery").setLevel(logging.WARNING)
    logging.getLogger("axes").setLevel(logging.WARNING)
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(f"database: {connection.vendor}")
        modules = sorted(p.stem for p in Path(__file__).parent.glob("bench_*.py"))
        for name in modules:
            if names and name.removeprefix("bench_") not in names and name not in names:
                continue
            print(f"{name}:")
            importlib.import_module(f"bench.{name}").run(report)
            call_command("flush", interactive=False, verbosity=0)  # the next module starts from empty
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main(sys.argv[1:])
