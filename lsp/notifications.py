"""Email notifications through an outbox (``lsp.models.Notification``).

``notification_send`` writes the row inside the caller's transaction and enqueues the Celery task only
after commit, so an email never goes out for a change that rolled back. A ``key`` makes it idempotent:
calling again with the same key does nothing (reminders use this to be sent once)."""

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Notification

SECRET_BODY_REMOVED = "[isi berisi tautan rahasia; dihapus setelah terkirim]"


def notification_send(
    *, to: str, subject: str, template: str = "", body: str = "", context=None, key=None, secret=False
):
    """Queue one email; returns the Notification, or None when ``to`` is empty or ``key`` was used.

    ``secret=True`` for a body holding a credential (activation or confirmation link): the body is
    wiped from the outbox once sent, so nobody who can read the table can use the link."""
    if not to:
        return None
    if template:
        with translation.override("id"):
            body = render_to_string(template, context or {})
    if key is not None and Notification.objects.filter(key=key).exists():
        return None
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                key=key, recipient=to, subject=subject[:255], body=body, contains_secret=secret
            )
    except IntegrityError:  # the same key raced in from another worker
        return None
    from .tasks import notification_deliver

    transaction.on_commit(lambda: notification_deliver.delay(notification.pk))
    return notification


def notification_deliver_now(notification_id: int) -> Notification:
    """Send one queued notification; a failure is recorded on the row (status gagal) for a retry."""
    from django.core.mail import send_mail

    with transaction.atomic():
        notification = Notification.objects.select_for_update().get(pk=notification_id)
        if notification.status == Notification.Status.TERKIRIM:
            return notification  # idempotent: a redelivered task sends nothing twice
        notification.attempts += 1
        try:
            send_mail(notification.subject, notification.body, None, [notification.recipient])
        except Exception as exc:  # noqa: BLE001 - any transport error is recorded, not raised
            notification.status = Notification.Status.GAGAL
            notification.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        else:
            notification.status = Notification.Status.TERKIRIM
            notification.sent_at = timezone.now()
            notification.last_error = ""
            if notification.contains_secret:
                notification.body = SECRET_BODY_REMOVED
        notification.save(update_fields=["status", "attempts", "last_error", "sent_at", "body"])
    return notification


def notification_retry(*, notification: Notification):
    """Put a failed notification back in the queue."""
    if notification.status != Notification.Status.GAGAL:
        return notification
    notification.status = Notification.Status.ANTRI
    notification.save(update_fields=["status"])
    from .tasks import notification_deliver

    transaction.on_commit(lambda: notification_deliver.delay(notification.pk))
    return notification
