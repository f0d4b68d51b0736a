import pytest
from django.core import mail

from lsp.models import Notification
from lsp.notifications import notification_retry, notification_send


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
