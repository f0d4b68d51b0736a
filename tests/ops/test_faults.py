"""Faults, each a test (issue 16 item 3): the broker down when an action enqueues, the database lost in
the middle of a request, and the storage refusing an upload. (A worker killed in the middle of a PDF:
tests/sertifikat/test_worker_killed.py.) Each uses its own throwaway server, never the shared ones."""

import contextlib
import errno
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from asesi.models import AsesiProfile, Dokumen
from lsp.celery import app
from lsp.models import AuditLog, Notification, User
from lsp.tasks import notification_retry_failed
from sertifikat.domain import StatusPdf
from sertifikat.models import Sertifikat
from sertifikat.tasks import pdf_sweep
from tests.asesi.test_views_public import form_data
from tests.conftest import reset_celery_clients
from tests.sertifikat.factories import admin_user, lsp_profile, permohonan_decided

from .services import ThrowawayRedis, wait_for

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@contextlib.contextmanager
def broker_at(url: str):
    """Point the Celery app at ``url`` (not eager), with fresh connection pools; put everything back after."""
    import os

    saved = {k: app.conf[k] for k in ("broker_url", "result_backend", "task_always_eager")}
    saved_env = os.environ.get("CELERY_BROKER_URL")
    os.environ["CELERY_BROKER_URL"] = url  # Celery's conf.broker_url prefers this variable to the setting
    app.conf.update(broker_url=url, result_backend=None, task_always_eager=False)  # as in production
    _reset_pools()
    try:
        yield
    finally:
        if saved_env is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = saved_env
        app.conf.update(saved)
        _reset_pools()


def _reset_pools():
    reset_celery_clients(app)


@pytest.fixture
def redis_server():
    server = ThrowawayRedis().start()
    yield server
    server.stop()


@pytest.mark.postgres
@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_broker_down_the_action_is_saved_and_its_pdf_and_email_follow_when_it_is_back(redis_server, settings):
    """Redis is down while the admin issues a certificate and while a visitor registers: both pages answer
    normally (the rows are committed, the publish failure is logged), nothing is sent yet; once Redis is
    back the beat sweeps enqueue what waits and a worker makes the PDF and sends the email, once."""
    from celery.contrib.testing.worker import start_worker

    settings.LSP_PAGE_CACHE_SECONDS = 0
    lsp_profile()
    admin = admin_user()
    permohonan = permohonan_decided(nama="Pemegang Broker Mati")
    with broker_at(redis_server.url):
        redis_server.stop()
        admin_client = Client()
        admin_client.force_login(admin)
        response = admin_client.post("/sertifikat/penerbitan/", {"permohonan": [permohonan.pk]})
        assert response.status_code == 302, response.content[:500]
        cert = Sertifikat.objects.get(permohonan=permohonan)
        assert cert.pdf_status == StatusPdf.SEDANG_DIBUAT and not cert.pdf

        visitor = Client()
        response = visitor.post("/asesi/daftar/", form_data())
        assert response.status_code == 302, response.content[:500]
        profil = AsesiProfile.objects.get(nik=form_data()["nik"])
        waiting = Notification.objects.get(recipient=profil.user.email)
        assert waiting.status == Notification.Status.ANTRI and mail.outbox == []
        assert app.connection_for_write().as_uri().endswith(f":{redis_server.port}/0")  # really the dead one

        redis_server.start()  # the broker is back, empty: the first messages were never published
        later = timezone.now() + timedelta(minutes=11)
        with mock.patch("django.utils.timezone.now", return_value=later):
            assert pdf_sweep.apply().get() == 1
            assert notification_retry_failed.apply().get() >= 1
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=20):
            wait_for(lambda: Sertifikat.objects.filter(pk=cert.pk, pdf_status=StatusPdf.SIAP).exists(), 60,
                     "the PDF after the broker came back")
            wait_for(lambda: Notification.objects.filter(pk=waiting.pk, status=Notification.Status.TERKIRIM)
                     .exists(), 60, "the email after the broker came back")
            # a second sweep finds nothing left: nothing is made or sent twice
            with mock.patch("django.utils.timezone.now", return_value=later):
                assert pdf_sweep.apply().get() == 0
    cert.refresh_from_db()
    assert cert.pdf.read(5) == b"%PDF-"
    assert [m.to for m in mail.outbox].count([profil.user.email]) == 1  # sent once, not once per sweep


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_database_lost_in_the_middle_of_a_request_is_a_clean_503_and_nothing_is_half_written(settings):
    """The connection dies between the registration's first rows and its audit row (what a Postgres
    restart does to a request in flight): the visitor gets the Indonesian 503 page, not a stack trace,
    and neither the user, the profile nor the email exists afterwards."""
    settings.LSP_PAGE_CACHE_SECONDS = 0
    users_before, audit_before = User.objects.count(), AuditLog.objects.count()
    killer = connections.create_connection("default")

    def die_before_audit(execute, sql, params, many, context):
        if 'INSERT INTO "lsp_auditlog"' in sql:
            with killer.cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(%s)", [connection.connection.info.backend_pid])
        return execute(sql, params, many, context)

    client = Client(raise_request_exception=False)
    with connection.execute_wrapper(die_before_audit):
        response = client.post("/asesi/daftar/", form_data(nik="3578014508950099", email="putus@example.test",
                                                           username="putus"))
    killer.close()
    assert response.status_code == 503
    assert response["Retry-After"]
    html = response.content.decode()
    assert "Layanan sedang tidak tersedia" in html and "setengah tersimpan" in html
    connection.close()  # the test's own handle died with the request's (same thread)
    assert User.objects.count() == users_before
    assert not AsesiProfile.objects.filter(nik="3578014508950099").exists()
    assert not Notification.objects.filter(recipient="putus@example.test").exists()
    assert AuditLog.objects.count() == audit_before


@contextlib.contextmanager
def disk_full_while_writing():
    """The file system storage writes the first bytes of a file, then the disk is full (ENOSPC)."""
    import os

    real_fdopen = os.fdopen

    class Full:
        def __init__(self, handle):
            self.handle = handle

        def write(self, data):
            self.handle.write(data[:10])
            self.handle.flush()
            raise OSError(errno.ENOSPC, "No space left on device")

        def __getattr__(self, name):
            return getattr(self.handle, name)

    with mock.patch("django.core.files.storage.filesystem.os.fdopen", lambda fd, mode: Full(real_fdopen(fd, mode))):
        yield


@pytest.mark.postgres
@pytest.mark.django_db
def test_disk_full_on_upload_is_a_clear_message_and_nothing_is_half_saved(settings):
    from tests.asesi.factories import AsesiProfileFactory, permohonan_draft
    from tests.factories import UserFactory

    user = UserFactory(roles=("asesi",))
    permohonan = permohonan_draft(profil=AsesiProfileFactory(user=user), with_documents=False)
    client = Client()
    client.force_login(user)
    media = settings.MEDIA_ROOT  # the private folder of this test (tests/conftest.py)
    with disk_full_while_writing():
        response = client.post(
            f"/asesi/permohonan/{permohonan.pk}/dokumen/",
            {"berkas": SimpleUploadedFile("ijazah.pdf", PDF_BYTES, "application/pdf"), "keterangan": "ijazah"},
        )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Berkas tidak dapat disimpan" in html and "Tidak ada yang tersimpan" in html
    assert "data-form-errors" in html  # in the shared error summary, at the file field
    assert not Dokumen.objects.filter(permohonan=permohonan).exists()
    assert not [p for p in media.rglob("*") if p.is_file()], "a partial file was left on the disk"


def test_storage_error_on_any_other_page_is_the_storage_503_page():
    """A page without its own handling still gets a clear page when the storage fails, never the plain 500."""
    from lsp.views.errors import server_error

    request = mock.Mock()
    try:
        raise OSError(errno.ENOSPC, "No space left on device")
    except OSError:
        response = server_error(request)
    assert response.status_code == 503 and "Berkas tidak dapat disimpan" in response.content.decode()
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500


@pytest.mark.postgres
def test_postgres_restarted_under_a_running_server_gives_503_then_recovers(tmp_path):
    """A real gunicorn node on its own Postgres cluster: the database stops (a restart, a failover) →
    every page is the Indonesian 503, a registration sent meanwhile writes nothing; the database is
    back → the same process answers normally again (its persistent connection is checked before use)."""
    import json

    from tests.conftest import _missing

    from .services import PG_BIN, ROOT, Browser, Processes, ThrowawayPostgres, free_port, manage, production_env

    if PG_BIN is None:
        _missing("needs the Postgres server binaries (/usr/lib/postgresql/*/bin)")
    postgres = ThrowawayPostgres().init()
    processes = Processes(tmp_path)
    try:
        postgres.psql("CREATE DATABASE lsp")
        env = production_env(tmp_path, postgres.url("lsp"), DJANGO_STATICFILES_STORAGE=(
            "django.contrib.staticfiles.storage.StaticFilesStorage"))
        manage("migrate", "--noinput", env=env)
        manage("shell", "-c", (ROOT / "tests/ops/scale_setup.py").read_text(), env=env)
        port = free_port()
        processes.web("web", port, {**env, "GUNICORN_WORKERS": "1"})
        base = f"http://127.0.0.1:{port}"
        visitor = Browser()
        assert visitor.get(f"{base}/api/v1/verifikasi/TIDAK-ADA/").status_code == 404
        token = visitor.csrf(f"{base}/asesi/daftar/")
        users = postgres.psql("SELECT count(*) FROM lsp_user", db="lsp")

        postgres.stop()
        down = visitor.get(f"{base}/api/v1/verifikasi/TIDAK-ADA/")
        assert down.status_code == 503 and "Layanan sedang tidak tersedia" in down.text
        assert down.headers["Retry-After"]
        registration = visitor.request("POST", f"{base}/asesi/daftar/",
                                       data={**form_data(), "csrfmiddlewaretoken": token})
        assert registration.status_code == 503 and "setengah tersimpan" in registration.text

        postgres.start()
        back = visitor.get(f"{base}/api/v1/verifikasi/TIDAK-ADA/")
        assert back.status_code == 404 and json.loads(back.text)["detail"]
        assert postgres.psql("SELECT count(*) FROM lsp_user", db="lsp") == users
        assert postgres.psql(f"SELECT count(*) FROM asesi_asesiprofile WHERE nik = '{form_data()['nik']}'",
                             db="lsp") == "0"
    finally:
        processes.stop_all()
        postgres.remove()


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_sweeps_take_only_what_waits_past_the_delay(admin_lsp):
    """A PDF or an export younger than the delay may still be in the queue: left alone; older: taken.
    A finished one is never taken."""
    from lsp.models import Ekspor
    from lsp.services.ekspor import EKSPOR_SWEEP_AFTER, ekspor_due
    from sertifikat.services import PDF_SWEEP_AFTER, pdf_due
    from tests.sertifikat.factories import issued

    lsp_profile()
    ready = issued(nama="Sudah Siap")
    Sertifikat.objects.filter(pk=ready.pk).update(pdf_status=StatusPdf.SIAP, pdf="sertifikat/pdf/siap.pdf")
    waiting = issued(nama="Masih Menunggu")  # its task never ran (no commit in this test)
    ekspor = Ekspor.objects.create(jenis="x", params={}, created_by=admin_lsp)
    now = timezone.now()
    assert pdf_due(now=now) == ([], []) and ekspor_due(now=now) == []
    later = now + max(PDF_SWEEP_AFTER, EKSPOR_SWEEP_AFTER) + timedelta(seconds=1)
    assert pdf_due(now=later) == ([waiting.pk], [])
    assert ready.pk not in pdf_due(now=later)[0]
    assert ekspor_due(now=later) == [ekspor.pk]
