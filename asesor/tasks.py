"""Celery tasks of the asesor app: they hold no rules — they pick the date and call a service."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from . import services


@shared_task(acks_late=True)
def asesor_reminders_daily(on_date: str | None = None) -> int:
    """Beat task (daily, ``CELERY_BEAT_SCHEDULE``): queue the asesor reminders due today (or on
    ``on_date``, ISO format). Idempotent: every reminder has a send-once key, so a retried or repeated
    run sends nothing twice."""
    day = date.fromisoformat(on_date) if on_date else timezone.localdate()
    return services.asesor_reminders_send(today=day)
