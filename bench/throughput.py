"""Throughput of the public pages against a bare Django view: gunicorn (2 sync workers, the project's
production settings: DEBUG off) serves the bench database on loopback, and a load generator drives each URL
for the same time with the same connections. wrk (Debian's ``wrk``, installed here when missing, like
.ci/run does for Chromium); a small Python generator when wrk cannot be had. Loopback only."""

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from http.client import HTTPConnection
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
DURATION = int(os.environ.get("BENCH_THROUGHPUT_SECONDS", "5"))
CONNECTIONS = 4
URLS = [
    ("bare Django view", "/__bench__/bare/"),
    ("landing page", "/"),
    ("login page", "/akun/masuk/"),
]


def _database_url():
    s = connection.settings_dict
    if connection.vendor != "postgresql":
        return None  # the SQLite test database lives in this process's memory
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wrk():
    if shutil.which("wrk") is None:
        subprocess.run("apt-get install -y wrk || (apt-get update && apt-get install -y wrk)", shell=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return shutil.which("wrk")


def _drive_wrk(wrk, url, seconds):
    out = subprocess.run([wrk, "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", url],
                         capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rate, int(errors.group(1)) if errors else 0


def _drive_python(port, path, seconds):
    done, counts, errors = time.monotonic() + seconds, [], []

    def worker():
        n = bad = 0
        while time.monotonic() < done:
            conn = HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            bad += response.status >= 400
            n += 1
            conn.close()
        counts.append(n)
        errors.append(bad)

    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(counts) / seconds, sum(errors)


def run(bench):
    url = _database_url()
    if url is None:
        bench.note("throughput: needs Postgres (DATABASE_URL)")
        return
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback, no TLS proxy in front
        "DJANGO_STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",  # no collectstatic
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    env.pop("DJANGO_CONN_MAX_AGE", None)  # the settings' own default
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen(
        [str(gunicorn), "lsp.wsgi:application", "--workers", "2", "--worker-class", "sync",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + URLS[0][1], timeout=2).read()
                break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError(server.stderr.read().decode()) from None
                time.sleep(0.2)
        wrk = _wrk()
        rates = {}
        for label, path in URLS:
            for _warm in range(2):
                urllib.request.urlopen(base + path, timeout=10).read()
            if wrk:
                rate, errors = _drive_wrk(wrk, base + path, DURATION)
            else:
                rate, errors = _drive_python(port, path, DURATION)
            rates[label] = rate
            bare = rates[URLS[0][0]]
            note = f"{rate:,.0f} req/s" + ("" if label == URLS[0][0] else f" = {100 * rate / bare:.0f} % of bare")
            if errors:
                note += f" ({errors} errors)"
            bench.note(label, note)
        bench.note(f"load generator: {'wrk' if wrk else 'python'}, {CONNECTIONS} connections, {DURATION} s per URL")
    finally:
        server.terminate()
        server.wait(timeout=30)
