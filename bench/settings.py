"""Settings for the throughput run (``bench/throughput.py``): the project's own settings, plus one bare
Django view mounted next to the app's URLs so both are served by the same gunicorn with the same
middleware. Never used by the app itself."""

from lsp.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
