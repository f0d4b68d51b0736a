from celery import shared_task

from .models import Notification
from .notifications import notification_deliver_now


@shared_task(acks_late=True)
def notification_deliver(notification_id: int) -> str:
    """Send one outbox email (idempotent: an already sent row is left alone)."""
    return notification_deliver_now(notification_id).status


@shared_task
def notification_retry_failed() -> int:
    """Beat task: queue again the emails whose sending failed (up to 5 attempts)."""
    ids = list(
        Notification.objects.filter(status=Notification.Status.GAGAL, attempts__lt=5).values_list("pk", flat=True)
    )
    for pk in ids:
        notification_deliver.delay(pk)
    return len(ids)
