"""gunicorn settings of a web node: ``gunicorn -c deploy/gunicorn.conf.py lsp.wsgi``.

Every value can be changed by the environment, so one file serves every node (README "Deploying").
A node keeps no state of its own: sessions are in Postgres, the cache and rate limits in Redis
(``CACHE_URL``), files in the object store (``DJANGO_S3_BUCKET``), so more nodes behind a load balancer
need nothing more than this file."""

import multiprocessing
import os

# Where to listen: the load balancer or reverse proxy talks to this address.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Synchronous workers: pages are short database work. (2 × cores) + 1 by default.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# A request slower than this is killed (large exports run in Celery, not in a request).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Recycle workers now and then (a leak cannot grow forever); the jitter keeps them from restarting together.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "200"))
# Uploads are read by Django (size checked first); gunicorn only bounds the request line and headers.
limit_request_line = 8190
# The addresses allowed to set X-Forwarded-* (the load balancer); with DJANGO_BEHIND_PROXY=1.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Logs to stdout/stderr: the process manager (systemd, the container runtime) keeps them.
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
# Workers fork after the app is loaded: less memory; a code change needs a restart (as with any deploy).
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") == "1"
# Temporary request files in memory, not on a possibly slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
proc_name = "lsp-web"


def post_fork(server, worker):
    """A forked worker must not share the parent's database connection (preload_app)."""
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        connection.close()
