"""Settings for the test suite: the development settings (``DJANGO_DEBUG=1`` while ``lsp.settings`` is
read, so the built-in development key, plain static files and no HTTPS redirect), with nothing to set by
hand. pytest-django still runs every test with ``DEBUG = False``. Subprocesses started by tests inherit
the variable unless they set their own (the production-settings tests do)."""

import os

os.environ.setdefault("DJANGO_DEBUG", "1")

from lsp.settings import *  # noqa: E402, F403

# Every test sees the figures of its own data (a test about the chart cache turns it on).
LSP_DASHBOARD_CACHE_SECONDS = 0
