"""Celery tasks of the outbox: they load by id and call ``lsp.notifications``, which holds the rules."""

from celery import shared_task

from .notifications import notification_deliver_now, notification_requeue_due
from .services.ekspor import ekspor_build as ekspor_build_now


@shared_task(acks_late=True)
def notification_deliver(notification_id: int) -> str:
    """Send one outbox email (idempotent: the claim lets one worker send a row, once)."""
    return notification_deliver_now(notification_id).status


@shared_task
def notification_retry_failed() -> int:
    """Beat task: queue again the emails that failed, whose worker died, or whose task never ran."""
    ids = notification_requeue_due()
    for pk in ids:
        notification_deliver.delay(pk)
    return len(ids)


@shared_task(acks_late=True)
def ekspor_build(ekspor_id: int) -> str | None:
    """Build one background export (idempotent: only a queued job is claimed and built)."""
    return ekspor_build_now(ekspor_id=ekspor_id)


@shared_task
def ekspor_sweep() -> int:
    """Beat task: queue again the exports still *antri* after ``EKSPOR_SWEEP_AFTER`` (the broker was down
    when they were requested, or the message was lost); claiming makes a second run harmless."""
    from .services.ekspor import ekspor_due

    ids = ekspor_due()
    for pk in ids:
        ekspor_build.delay(pk)
    return len(ids)
