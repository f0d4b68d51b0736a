"""A worker killed in the middle of a PDF: the message was not acknowledged (``acks_late``,
``reject_on_worker_lost``), so it is delivered again and the certificate ends *siap*."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from lsp.celery import app
from sertifikat.domain import StatusPdf
from sertifikat.models import Sertifikat
from sertifikat.tasks import sertifikat_pdf_generate

from .factories import issued, lsp_profile

ROOT = Path(__file__).resolve().parents[2]


def _wait_for(predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)  # polling a subprocess; nothing in this process to wait on
    return False


@pytest.mark.redis
@pytest.mark.celery_worker
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_killed_worker_redelivers_and_the_pdf_ends_siap(tmp_path):
    broker = os.environ["CELERY_BROKER_URL"]
    lsp_profile()
    cert = issued(nama="Pemegang Pekerja Mati")  # eager here: the commit made its PDF in-process
    Sertifikat.objects.filter(pk=cert.pk).update(pdf_status=StatusPdf.SEDANG_DIBUAT, pdf="")
    db = settings.DATABASES["default"]
    marker = tmp_path / "hang.pid"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.sertifikat.worker_slow_storage",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "SLOW_MARKER": str(marker),
        "PYTHONPATH": str(ROOT),
    }
    app.conf.task_always_eager = False
    app.conf.broker_url = broker
    app.control.purge()
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "lsp", "worker", "--pool=prefork", "--concurrency=1",
         "--loglevel=WARNING", "-n", f"killtest{os.getpid()}@%h", "--without-gossip", "--without-mingle"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        sertifikat_pdf_generate.delay(cert.pk)
        assert _wait_for(marker.exists, 60), "the worker never started the PDF"
        child = int(marker.read_text())
        os.kill(child, signal.SIGKILL)  # in the middle of writing the PDF
        assert _wait_for(
            lambda: Sertifikat.objects.filter(pk=cert.pk, pdf_status=StatusPdf.SIAP).exists(), 90
        ), "the task did not run again after the worker died"
        cert.refresh_from_db()
        assert cert.pdf.name == f"sertifikat/pdf/{cert.token}.pdf"
        assert cert.pdf.read(5) == b"%PDF-"
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
        app.conf.task_always_eager = True
