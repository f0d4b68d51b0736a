"""Certificates against the performance targets of issue 14 (figures, not timed tests):

1. One certificate PDF in-process, median of many: our renderer (fonts registered once and their
   subsets built once per process, QR drawn from its module matrix as one path) against the same page
   with reportlab's QR widget (the naive way), and against the same certificate as an HTML template
   (``bench/sertifikat_weasyprint.html``) rendered by WeasyPrint (requirements-dev.txt; needs pango).
   Wall time (median) and CPU time (median) of this process: the CPU figure does not move when other
   processes share the machine.
2. ``BENCH_PDF_BATCH`` (default 1,000) certificates of one bulk issue ("terbitkan semua", ``massal``)
   through 2 real Celery worker processes (``--pool=solo``, concurrency 1 each) on the Redis broker
   (``CELERY_BROKER_URL``): seconds from the commit to the last PDF *siap*, with the holders' emails the
   issue enqueues in the same queue, and the CPU seconds the two workers spent (their work, whatever
   else runs on the machine).
3. The public verification page under gunicorn (2 workers, Redis cache) in requests/second against a
   bare Django view on the same server, and a suspension shown on the very next request.
"""

import os
import signal
import statistics
import subprocess
import sys
import time
from datetime import date
from http.client import HTTPConnection
from pathlib import Path

from django.conf import settings
from django.db import connection

from bench.run import Timer

ROOT = Path(__file__).resolve().parent.parent
N_BATCH = int(os.environ.get("BENCH_PDF_BATCH", "1000"))
PORT = int(os.environ.get("BENCH_GUNICORN_PORT", "8765"))


def _one_certificate():
    from sertifikat.services import sertifikat_issue
    from tests.sertifikat.factories import admin_user, lsp_profile, permohonan_decided, skema_with_units

    lsp_profile()
    skema = skema_with_units(n_units=8, n_elemen=1, n_kuk=1, bidang="TIK")
    return sertifikat_issue(permohonan=permohonan_decided(nama="Ni Luh Ayu Çandrawati", skema=skema),
                            by=admin_user(), tanggal_terbit=date(2026, 1, 10)), skema


def _median_ms(fn, n=40):
    """(wall ms, CPU ms of this process): medians of ``n`` runs after a warm-up."""
    fn()  # warm up (fonts, imports)
    times, cpu = [], []
    for _ in range(n):
        start = time.process_time()
        with Timer() as t:
            fn()
        times.append(t.ms)
        cpu.append((time.process_time() - start) * 1000)
    return statistics.median(times), statistics.median(cpu)


def _weasyprint_html(cert, lsp):
    from django.template import Context, Template

    from sertifikat import pdf

    url = pdf.verification_url(cert.token)
    matrix = pdf.qr_matrix(url)
    total = len(matrix) + 8
    path = "".join(f"M{col + 4} {r + 4}h{length}v1h-{length}z" for r, col, length in pdf.qr_runs(matrix))
    template = Template((ROOT / "bench" / "sertifikat_weasyprint.html").read_text())
    return template.render(Context({
        "s": cert, "lsp": lsp, "url": url, "qr_total": total, "qr_path": path, "fonts": pdf.register_fonts(),
        "terbit_id": pdf.tanggal_id(cert.tanggal_terbit), "sampai_id": pdf.tanggal_id(cert.berlaku_sampai),
        "terbit_en": pdf.tanggal_en(cert.tanggal_terbit), "sampai_en": pdf.tanggal_en(cert.berlaku_sampai),
    }))


def _naive_qr(c, url, x, y, size):
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    widget = QrCodeWidget(url)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, c, x, y)


def _pdf_figures(report, cert):
    from lsp.models import LspProfile
    from sertifikat import pdf

    lsp = LspProfile.get()
    ours, ours_cpu = _median_ms(lambda: pdf.render_sertifikat(cert, lsp))
    report("PDF in-process, ours (median wall)", ours, "ms")
    report("PDF in-process, ours (median CPU)", ours_cpu, "ms")
    original = pdf.draw_qr
    pdf.draw_qr = _naive_qr
    try:
        naive, _cpu = _median_ms(lambda: pdf.render_sertifikat(cert, lsp))
    finally:
        pdf.draw_qr = original
    report("PDF in-process, reportlab QR widget (median)", naive, "ms")
    report("PDF naive widget / ours", naive / ours, "x")
    try:
        import logging

        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: pango missing
        print(f"  (WeasyPrint cannot run here: {exc}; the HTML→PDF baseline is not measured)")
        return
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    html = _weasyprint_html(cert, lsp)
    data = weasyprint.HTML(string=html).write_pdf()
    assert data.startswith(b"%PDF-")
    weasy, weasy_cpu = _median_ms(lambda: weasyprint.HTML(string=_weasyprint_html(cert, lsp)).write_pdf(), n=10)
    report(f"PDF in-process, WeasyPrint {weasyprint.__version__} from HTML (median wall)", weasy, "ms")
    report("PDF in-process, WeasyPrint from HTML (median CPU)", weasy_cpu, "ms")
    report("WeasyPrint / ours (wall)", weasy / ours, "x")
    report("WeasyPrint / ours (CPU; target ≥ 20)", weasy_cpu / ours_cpu, "x")


def _cpu_seconds(pid) -> float:
    """User + system CPU seconds of process ``pid`` so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _start_workers(env, n=2):
    return [
        subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "lsp", "worker", "--pool=solo",
             "--loglevel=" + ("INFO" if os.environ.get("BENCH_WORKER_LOG") else "WARNING"),
             "-n", f"bench{i}@%h", "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
            stderr=open(f"{os.environ['BENCH_WORKER_LOG']}.{i}", "w") if os.environ.get("BENCH_WORKER_LOG")
            else subprocess.DEVNULL,
        )
        for i in range(n)
    ]


def _stop(processes):
    for p in processes:
        p.send_signal(signal.SIGTERM)
    for p in processes:
        try:
            p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()


def _env():
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        DJANGO_MEDIA_ROOT=str(settings.MEDIA_ROOT),
        CACHE_URL=os.environ.get("CELERY_BROKER_URL", ""),
        LSP_VERIFIKASI_PER_MINUTE="1000000000",
        DJANGO_CONN_MAX_AGE="60",  # as in production: one connection per worker, not one per request
        DJANGO_ALLOWED_HOSTS="*",
        PYTHONPATH=str(ROOT),
    )
    return env


def _batch_figures(report, skema):
    from lsp.celery import app
    from sertifikat.domain import StatusPdf
    from sertifikat.models import Sertifikat
    from sertifikat.services import sertifikat_issue_many
    from tests.sertifikat.factories import admin_user
    from tests.sertifikat.factories import permohonan_decided as decided

    broker = os.environ.get("CELERY_BROKER_URL", "")
    if connection.vendor != "postgresql" or not broker.startswith("redis"):
        print("  (batch through workers needs Postgres and CELERY_BROKER_URL=redis://…)")
        return
    if N_BATCH <= 0:
        return
    ids = [decided(nama=f"Peserta Batch {i:04d}", skema=skema).pk for i in range(N_BATCH)]
    app.conf.task_always_eager = False
    app.conf.broker_url = app.conf.result_backend = broker
    app.control.purge()
    workers = _start_workers(_env())
    try:
        for _ in range(120):  # until both workers answer
            if len(app.control.ping(timeout=0.5)) >= 2:
                break
        cpu_before = sum(_cpu_seconds(w.pid) for w in workers)
        with Timer() as issuing:
            # commits: the PDFs (in chunks) and the holders' emails are enqueued
            certs = sertifikat_issue_many(permohonan_ids=ids, by=admin_user(), massal=True)
        pks = [c.pk for c in certs]
        with Timer() as t:
            deadline = time.time() + 300
            while Sertifikat.objects.filter(pk__in=pks).exclude(pdf_status=StatusPdf.SIAP).exists():
                if time.time() > deadline:
                    break
                time.sleep(0.05)
        cpu = sum(_cpu_seconds(w.pid) for w in workers) - cpu_before
        done = Sertifikat.objects.filter(pk__in=pks, pdf_status=StatusPdf.SIAP).count()
        massal = certs[0].massal
        with Timer() as z:
            while time.time() < deadline:
                massal.refresh_from_db()
                if massal.zip:
                    break
                time.sleep(0.05)
        report(f"{N_BATCH} certificates issued in one transaction (in-process)", issuing.ms / 1000, "s")
        report(f"{N_BATCH} PDFs by 2 Celery worker processes (solo pool, concurrency 1 each) after the commit",
               t.ms / 1000, "s")
        report("  of which PDF siap", done, "certs")
        report("  CPU of the 2 workers meanwhile (PDFs + the holders' emails)", cpu, "s")
        report("  ZIP of the bulk issue ready after the last PDF", z.ms / 1000, "s")
    finally:
        _stop(workers)
        app.conf.task_always_eager = True


def _gunicorn_env():
    """The production settings (DEBUG off, ``bench.settings``: the app's URLs plus the bare view), the
    bench database, Redis as the shared cache (what production runs), the rate limit out of the way."""
    import secrets

    from bench.throughput import _database_url

    return {
        **_env(),
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": _database_url(),
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "DJANGO_LOG_LEVEL": "WARNING",
    }


def _children(pid):
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _drive(port, path, seconds=5, server=None):
    """(requests/second on ``path``, non-2xx answers, CPU µs of the gunicorn workers per request): wrk,
    2 threads, 4 connections, as bench/throughput.py (the Python load generator when wrk cannot be had).
    The CPU per request does not depend on what else runs on the machine; requests/second does."""
    from bench import throughput

    workers = _children(server.pid) if server else []
    cpu = sum(_cpu_seconds(w) for w in workers)
    wrk = throughput._wrk()
    if wrk:
        rate, errors = throughput._drive_wrk(wrk, f"http://127.0.0.1:{port}{path}", seconds)
    else:
        rate, errors = throughput._drive_python(port, path, seconds)
    cpu = sum(_cpu_seconds(w) for w in workers) - cpu
    return rate, errors, 1e6 * cpu / max(1, rate * seconds)


def _gunicorn_figures(report, cert):
    from urllib.parse import quote

    from bench.throughput import _free_port
    from sertifikat.services import sertifikat_suspend
    from tests.sertifikat.factories import admin_user

    broker = os.environ.get("CELERY_BROKER_URL", "")
    if not broker.startswith("redis") or connection.vendor != "postgresql":
        print("  (gunicorn figures need Postgres and Redis for the shared cache: set CELERY_BROKER_URL)")
        return
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "lsp.wsgi:application", "--workers", "2", "--worker-class", "sync",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=_gunicorn_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                conn = HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/__bench__/bare/")
                conn.getresponse().read()
                break
            except OSError:
                time.sleep(0.2)
        page = f"/verifikasi/{quote(cert.token)}/"
        api = f"/api/v1/verifikasi/{quote(cert.nomor, safe='')}/"
        _drive(port, page, seconds=1)  # warm both workers
        # three rounds, the URLs in turn, the median of each: other load on the machine moves all three
        rounds = [[_drive(port, p, seconds=3, server=server) for p in ("/__bench__/bare/", page, api)]
                  for _ in range(3)]

        def median(i, j):
            return statistics.median(r[i][j] for r in rounds)

        bare, verif, verif_api = median(0, 0), median(1, 0), median(2, 0)
        bare_cpu, verif_cpu, api_cpu = median(0, 2), median(1, 2), median(2, 2)
        errors, api_errors = sum(r[1][1] for r in rounds), sum(r[2][1] for r in rounds)
        report("gunicorn bare Django view (wrk, 4 connections, median of 3 × 3 s)", bare, "req/s")
        report("gunicorn verification page", verif, "req/s")
        report("verification page / bare (target ≥ 50)", 100 * verif / bare, "%")
        report("gunicorn verification JSON", verif_api, "req/s")
        report("verification JSON / bare", 100 * verif_api / bare, "%")
        report("gunicorn workers' CPU per request: bare view", bare_cpu, "µs")
        report("gunicorn workers' CPU per request: verification page", verif_cpu, "µs")
        report("gunicorn workers' CPU per request: verification JSON", api_cpu, "µs")
        report("bare / verification page in CPU per request", 100 * bare_cpu / verif_cpu, "%")
        if errors or api_errors:
            print(f"  (non-2xx answers: page {errors}, JSON {api_errors})")
        from django.test import override_settings

        # this process drops the cached entry in the same Redis the server reads (as every worker does)
        redis_cache = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": broker}}
        with override_settings(CACHES=redis_cache):
            sertifikat_suspend(sertifikat=cert, alasan="Uji bench: pembekuan", by=admin_user())  # commits
        shown = 0
        for _ in range(4):  # each request (both workers): the suspension at once
            conn = HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", page)
            response = conn.getresponse()
            body = response.read()
            shown += response.status == 200 and b'data-status="dibekukan"' in body
        report("suspension shown on each of the next 4 requests", shown, "of 4")
    finally:
        _stop([server])


def run(bench):
    def report(label, value, unit):
        bench.note(label, f"{value:,.1f} {unit}".rstrip())

    cert, skema = _one_certificate()
    _pdf_figures(report, cert)
    connection.close()
    _batch_figures(report, skema)
    _gunicorn_figures(report, cert)
