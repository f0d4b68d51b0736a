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
import threading
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


def _rps(path, seconds=5, threads=4):
    count = [0]
    stop = time.time() + seconds
    status = set()

    def hammer():
        conn = HTTPConnection("127.0.0.1", PORT, timeout=10)
        n = 0
        while time.time() < stop:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            status.add(response.status)
            n += 1
        count[0] += n

    workers = [threading.Thread(target=hammer) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return count[0] / seconds, status


def _gunicorn_figures(report, cert):
    from urllib.parse import quote

    from sertifikat.services import sertifikat_suspend
    from tests.sertifikat.factories import admin_user

    broker = os.environ.get("CELERY_BROKER_URL", "")
    if not broker.startswith("redis"):
        print("  (gunicorn figures need Redis for the shared cache: set CELERY_BROKER_URL)")
        return
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "bench.wsgi_bare:application", "-w", "2", "-b", f"127.0.0.1:{PORT}",
         "--log-level", "warning"],
        cwd=ROOT, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                HTTPConnection("127.0.0.1", PORT, timeout=1).request("GET", "/bare/")
                break
            except OSError:
                time.sleep(0.1)
        page = f"/verifikasi/{quote(cert.token)}/"
        _rps(page, seconds=1)
        _rps("/bare/", seconds=1)
        bare, _s = _rps("/bare/")
        verif, statuses = _rps(page)
        report("gunicorn bare Django view", bare, "req/s")
        report("gunicorn verification page", verif, "req/s")
        report("verification / bare", 100 * verif / bare, "%")
        if statuses != {200}:
            print(f"  (verification answered {sorted(statuses)})")
        from django.test import override_settings

        # this process drops the cached entry in the same Redis the server reads (as every worker does)
        redis_cache = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": broker}}
        with override_settings(CACHES=redis_cache):
            sertifikat_suspend(sertifikat=cert, alasan="Uji bench: pembekuan", by=admin_user())  # commits
        conn = HTTPConnection("127.0.0.1", PORT, timeout=10)
        conn.request("GET", page)
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            print(f"  (after the suspension: {response.status} {body[:300]!r})")
        report("suspension shown on the next request (1 = yes)", float(b'data-status="dibekukan"' in body), "")
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
