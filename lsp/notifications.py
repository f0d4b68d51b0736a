"""Email notifications through an outbox (``lsp.models.Notification``).

``notification_send`` writes the row inside the caller's transaction and enqueues the Celery task only
after commit (``delay_on_commit``), so an email never goes out for a change that rolled back. A ``key``
makes it idempotent: calling again with the same key does nothing (reminders use this to be sent once).

Delivery never talks to SMTP inside a transaction that holds the row (``notification_deliver_now``):

1. **claim** — one ``UPDATE … WHERE status IN (antri, gagal) OR (mengirim AND claimed_at is stale)``
   sets ``mengirim`` + ``claimed_at`` and commits at once; of two workers only one gets the row;
2. **send** — with no transaction open and no lock held;
3. **mark** — ``terkirim`` (a secret body wiped) or ``gagal`` with the error, only if the claim is still
   ours. A worker that dies between 1 and 3 leaves ``mengirim``; after ``CLAIM_TIMEOUT`` the row may be
   claimed again (by a redelivered task or by ``notification_requeue_due``, run hourly by beat).

``lsp.tasks`` imports this module, never the other way round: the task is found by its name."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Notification, Pemberitahuan

SECRET_BODY_REMOVED = "[isi berisi tautan rahasia; dihapus setelah terkirim]"
DELIVER_TASK = "lsp.tasks.notification_deliver"
# A claim older than this belongs to a worker that died while sending: the row may be claimed again.
CLAIM_TIMEOUT = timedelta(minutes=10)
# Automatic retries stop after this many attempts; an admin can still retry by hand.
MAX_AUTOMATIC_ATTEMPTS = 5


def notification_send(
    *, to: str, subject: str, template: str = "", body: str = "", context=None, key=None, secret=False,
    user=None, url: str = "",
):
    """Queue one email; returns the Notification, or None when ``to`` is empty or ``key`` was used.

    ``secret=True`` for a body holding a credential (activation or confirmation link): the body is
    wiped from the outbox once sent, so nobody who can read the table can use the link.

    ``user``: the account the email is for; it also gets the same event as an in-app notification
    (``Pemberitahuan``: the subject, linked to ``url``, a path on this site), written in the same
    transaction as the outbox row, so the bell never shows an event whose email rolled back."""
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
            if user is not None:
                Pemberitahuan.objects.create(penerima=user, notifikasi=notification, judul=subject[:255], url=url)
    except IntegrityError:  # the same key raced in from another worker
        return None
    _deliver_task().delay_on_commit(notification.pk)
    return notification


def _claimable(now) -> Q:
    return Q(status__in=[Notification.Status.ANTRI, Notification.Status.GAGAL]) | Q(
        status=Notification.Status.MENGIRIM, claimed_at__lte=now - CLAIM_TIMEOUT
    )


def notification_claim(notification_id: int) -> Notification | None:
    """Take the row for sending in one committed UPDATE; None when it is sent or another worker has it."""
    now = timezone.now()
    with transaction.atomic():
        claimed = (
            Notification.objects.filter(_claimable(now), pk=notification_id)
            .update(status=Notification.Status.MENGIRIM, claimed_at=now, attempts=F("attempts") + 1)
        )
    if not claimed:
        return None
    return Notification.objects.get(pk=notification_id)


def notification_deliver_now(notification_id: int) -> Notification:
    """Send one queued notification: claim, send with no lock held, mark sent or failed (retryable).

    Returns the row as it is afterwards (``terkirim`` / ``gagal``, or ``mengirim`` when another worker
    is sending it). Call it outside any transaction: the claim must be committed before SMTP is called."""
    from django.core.mail import send_mail

    notification = notification_claim(notification_id)
    if notification is None:  # idempotent: sent already, or being sent by another worker
        return Notification.objects.get(pk=notification_id)
    try:
        send_mail(notification.subject, notification.body, None, [notification.recipient])
    except Exception as exc:  # noqa: BLE001 - any transport error is recorded, not raised
        changes = {"status": Notification.Status.GAGAL, "last_error": f"{type(exc).__name__}: {exc}"[:2000]}
    else:
        changes = {"status": Notification.Status.TERKIRIM, "sent_at": timezone.now(), "last_error": ""}
        if notification.contains_secret:
            changes["body"] = SECRET_BODY_REMOVED
    # Only while the claim is still ours: a worker that overran CLAIM_TIMEOUT must not overwrite the
    # outcome of the worker that claimed the row after it.
    Notification.objects.filter(
        pk=notification.pk, status=Notification.Status.MENGIRIM, claimed_at=notification.claimed_at
    ).update(**changes)
    notification.refresh_from_db()
    return notification


def notification_retry(*, notification: Notification):
    """Put a failed notification back in the queue."""
    if notification.status != Notification.Status.GAGAL:
        return notification
    notification.status = Notification.Status.ANTRI
    notification.save(update_fields=["status"])
    _deliver_task().delay_on_commit(notification.pk)
    return notification


def notification_requeue_due(*, now=None) -> list[int]:
    """Ids to deliver again: failed rows under ``MAX_AUTOMATIC_ATTEMPTS``, claims of dead workers, and
    queued rows whose task never ran (the broker was down when they committed). Claiming is atomic,
    so a row queued twice is still sent once."""
    now = now or timezone.now()
    stale = now - CLAIM_TIMEOUT
    due = (
        Q(status=Notification.Status.GAGAL, attempts__lt=MAX_AUTOMATIC_ATTEMPTS)
        | Q(status=Notification.Status.MENGIRIM, claimed_at__lte=stale)
        | Q(status=Notification.Status.ANTRI, created_at__lte=stale)
    )
    return list(Notification.objects.filter(due).order_by("pk").values_list("pk", flat=True))


def _deliver_task():
    """The delivery task, by name (``lsp.tasks`` imports this module, so this one can't import it).

    A worker imports every ``tasks`` module at start; a web process has not necessarily done so yet,
    so Celery's own autodiscovery is asked once."""
    from .celery import app

    if DELIVER_TASK not in app.tasks:
        app.autodiscover_tasks(force=True)
    return app.tasks[DELIVER_TASK]
