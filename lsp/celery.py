"""The one Celery app of the project (``celery -A lsp worker``)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lsp.settings")

app = Celery("lsp")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
