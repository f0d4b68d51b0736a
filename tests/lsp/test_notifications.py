import os
import subprocess
import sys
import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from lsp.models import Notification
from lsp.notifications import (
    CLAIM_TIMEOUT,
    MAX_AUTOMATIC_ATTEMPTS,
    notification_deliver_now,
    notification_requeue_due,
    notification_retry,
    notification_send,
)
from tests.concurrency import run_at_once


@pytest.mark.django_db
def test_notification_sent_after_commit_only(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        n = notification_send(to="a@example.test", subject="Status berubah", body="Halo")
    assert len(callbacks) == 1
    n.refresh_from_db()
    assert n.status == Notification.Status.TERKIRIM
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_same_key_is_sent_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = notification_send(to="a@example.test", subject="Pengingat", body="x", key="reminder:1:90")
        second = notification_send(to="a@example.test", subject="Pengingat", body="x", key="reminder:1:90")
    assert first is not None and second is None
    assert Notification.objects.filter(key="reminder:1:90").count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_failed_send_is_recorded_and_retryable(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.lsp.broken_mail.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        n = notification_send(to="a@example.test", subject="Gagal", body="x")
    n.refresh_from_db()
    assert n.status == Notification.Status.GAGAL
    assert "SMTP mati" in n.last_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        notification_retry(notification=n)
    n.refresh_from_db()
    assert n.status == Notification.Status.TERKIRIM
    assert n.attempts == 2


@pytest.mark.django_db
def test_secret_body_is_wiped_once_sent_but_kept_for_a_retry(settings, django_capture_on_commit_callbacks):
    from lsp.notifications import SECRET_BODY_REMOVED

    settings.EMAIL_BACKEND = "tests.lsp.broken_mail.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        n = notification_send(to="a@example.test", subject="Aktivasi", body="https://x/aktivasi/abc/", secret=True)
    n.refresh_from_db()
    assert n.status == Notification.Status.GAGAL and "aktivasi/abc" in n.body  # still needed for the retry

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        notification_retry(notification=n)
    n.refresh_from_db()
    assert n.status == Notification.Status.TERKIRIM
    assert n.body == SECRET_BODY_REMOVED
    assert "aktivasi/abc" in mail.outbox[0].body


@pytest.mark.django_db
def test_admin_home_links_failed_emails_to_their_retry_page(client, admin_lsp):
    Notification.objects.create(recipient="a@example.test", subject="x", body="y", status=Notification.Status.GAGAL)
    admin_lsp.is_staff = True
    admin_lsp.save(update_fields=["is_staff"])
    client.force_login(admin_lsp)
    html = client.get("/").content.decode()
    link = "/django-admin/lsp/notification/?status__exact=gagal"
    assert link in html
    assert client.get(link).status_code == 200


# --- delivery: claim, commit, send with no lock held, mark --------------------------------------


@pytest.fixture
def hook_backend(settings):
    from tests.lsp.broken_mail import HookBackend

    settings.EMAIL_BACKEND = "tests.lsp.broken_mail.HookBackend"
    yield HookBackend
    HookBackend.hook = None


def in_other_connection(call):
    """Run ``call`` in a thread with its own database connection (another worker) and return its
    outcome; a lock it would wait for fails within a second instead of hanging the test."""
    from django.db import connection

    outcome = []

    def worker():
        try:
            with connection.cursor() as cursor:
                cursor.execute("SET lock_timeout = '1s'")
            outcome.append(call())
        except Exception as exc:  # noqa: BLE001 - handed back to the test
            outcome.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(timeout=30)
    return outcome[0] if outcome else TimeoutError("the other connection did not finish")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_email_is_sent_with_no_transaction_open_and_the_row_not_locked(hook_backend):
    from django.db import connection

    n = Notification.objects.create(recipient="a@example.test", subject="Tanpa kunci", body="x")
    seen = {}

    def look(message):
        seen["in_atomic_block"] = connection.in_atomic_block

        def lock_row_nowait():
            with transaction.atomic():
                return Notification.objects.select_for_update(nowait=True).get(pk=n.pk).status

        seen["other_worker"] = in_other_connection(lock_row_nowait)

    hook_backend.hook = look
    assert notification_deliver_now(n.pk).status == Notification.Status.TERKIRIM
    assert seen["in_atomic_block"] is False
    # another connection can lock the row while SMTP is talked to, and sees the committed claim
    assert seen["other_worker"] == Notification.Status.MENGIRIM
    assert len(mail.outbox) == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_worker_arriving_while_the_row_is_being_sent_sends_nothing(hook_backend):
    n = Notification.objects.create(recipient="a@example.test", subject="Sekali saja", body="x")
    seen = []

    def second_worker(message):
        if not seen:  # only inside the first send
            seen.append(None)
            seen.append(in_other_connection(lambda: notification_deliver_now(n.pk).status))

    hook_backend.hook = second_worker
    assert notification_deliver_now(n.pk).status == Notification.Status.TERKIRIM
    assert seen[1] == Notification.Status.MENGIRIM  # it found the claim and left the row alone
    n.refresh_from_db()
    assert n.attempts == 1
    assert len(mail.outbox) == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_one_row_once():
    n = Notification.objects.create(recipient="a@example.test", subject="Balapan", body="x")
    outcomes = run_at_once(lambda: notification_deliver_now(n.pk).status, lambda: notification_deliver_now(n.pk).status)
    assert Notification.Status.TERKIRIM in outcomes
    assert all(o in (Notification.Status.TERKIRIM, Notification.Status.MENGIRIM) for o in outcomes), outcomes
    n.refresh_from_db()
    assert (n.status, n.attempts) == (Notification.Status.TERKIRIM, 1)
    assert len(mail.outbox) == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "claimed_ago, sent",
    [(CLAIM_TIMEOUT + timedelta(minutes=1), True), (CLAIM_TIMEOUT - timedelta(minutes=1), False)],
)
def test_a_dead_workers_claim_is_taken_over_only_after_the_timeout(claimed_ago, sent):
    n = Notification.objects.create(
        recipient="a@example.test", subject="Worker mati", body="x", status=Notification.Status.MENGIRIM,
        attempts=1, claimed_at=timezone.now() - claimed_ago,
    )
    result = notification_deliver_now(n.pk)
    assert result.status == (Notification.Status.TERKIRIM if sent else Notification.Status.MENGIRIM)
    assert result.attempts == (2 if sent else 1)
    assert len(mail.outbox) == (1 if sent else 0)


@pytest.mark.django_db
def test_a_worker_that_overran_its_claim_does_not_overwrite_the_next_ones_outcome(hook_backend):
    """Worker A is so slow that its claim goes stale; B claims and sends; then A's SMTP call fails.
    The row stays sent: A may only mark a row it still holds."""
    n = Notification.objects.create(recipient="a@example.test", subject="Lambat", body="x")

    def slow_then_broken(message):
        if len(mail.outbox) == 0 and not getattr(slow_then_broken, "done", False):
            slow_then_broken.done = True
            Notification.objects.filter(pk=n.pk).update(claimed_at=timezone.now() - CLAIM_TIMEOUT * 2)
            assert notification_deliver_now(n.pk).status == Notification.Status.TERKIRIM  # worker B
            raise ConnectionResetError("SMTP putus")

    hook_backend.hook = slow_then_broken
    result = notification_deliver_now(n.pk)  # worker A
    assert (result.status, result.attempts, result.last_error) == (Notification.Status.TERKIRIM, 2, "")
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_requeue_picks_failed_dead_and_never_run_rows_only():
    now = timezone.now()
    stale, fresh = now - CLAIM_TIMEOUT, now - CLAIM_TIMEOUT + timedelta(seconds=1)
    S = Notification.Status

    def row(status, attempts=1, claimed_at=None, created_at=None):
        n = Notification.objects.create(
            recipient="a@example.test", subject=status, body="x", status=status, attempts=attempts,
            claimed_at=claimed_at,
        )
        if created_at:
            Notification.objects.filter(pk=n.pk).update(created_at=created_at)
        return n.pk

    due = [
        row(S.GAGAL, attempts=MAX_AUTOMATIC_ATTEMPTS - 1),
        row(S.MENGIRIM, claimed_at=stale),
        row(S.ANTRI, attempts=0, created_at=stale),
    ]
    row(S.GAGAL, attempts=MAX_AUTOMATIC_ATTEMPTS)  # given up: an admin retries it by hand
    row(S.MENGIRIM, claimed_at=fresh)
    row(S.ANTRI, attempts=0, created_at=fresh)
    row(S.TERKIRIM)
    assert notification_requeue_due(now=now) == due


@pytest.mark.django_db
def test_beat_task_delivers_the_due_rows(django_capture_on_commit_callbacks):
    from lsp.tasks import notification_retry_failed

    failed = Notification.objects.create(
        recipient="a@example.test", subject="Coba lagi", body="x", status=Notification.Status.GAGAL, attempts=1
    )
    Notification.objects.create(
        recipient="b@example.test", subject="Sudah", body="x", status=Notification.Status.TERKIRIM
    )
    assert notification_retry_failed() == 1
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (Notification.Status.TERKIRIM, 2)
    assert [m.subject for m in mail.outbox] == ["Coba lagi"]


@pytest.mark.django_db
def test_in_eager_mode_a_failing_task_raises_instead_of_vanishing():
    from lsp.tasks import notification_deliver

    with pytest.raises(Notification.DoesNotExist):
        notification_deliver.delay(987654321)


def test_tasks_import_the_outbox_not_the_other_way_round():
    """Nowhere in lsp/notifications.py (not even inside a function) is a task module imported; in a
    fresh interpreter the outbox still finds its task by name."""
    import ast

    import lsp.notifications

    tree = ast.parse(open(lsp.notifications.__file__, encoding="utf-8").read())
    imported = [
        f"{getattr(node, 'module', None) or ''}.{alias.name}"
        for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    ]
    assert not [name for name in imported if "tasks" in name.split(".")], imported
    code = (
        "import sys, django; django.setup()\n"
        "import lsp.notifications as n\n"
        "assert 'lsp.tasks' not in sys.modules, 'lsp.notifications imported lsp.tasks'\n"
        "assert n._deliver_task().name == n.DELIVER_TASK\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lsp.settings"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("app", ["asesi", "asesor"])
def test_business_services_leave_email_texts_to_the_apps_emails_module(app):
    import importlib
    import inspect

    services = inspect.getsource(importlib.import_module(f"{app}.services"))
    emails = inspect.getsource(importlib.import_module(f"{app}.emails"))
    assert "notification_send" not in services and f"{app}/email/" not in services
    assert "notification_send(" in emails and f"{app}/email/" in emails
