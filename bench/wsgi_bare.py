"""gunicorn entry for bench/bench_sertifikat.py: the project with ``bench.urls_bare`` as its URLconf."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lsp.settings")

from django.conf import settings  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
settings.ROOT_URLCONF = "bench.urls_bare"
