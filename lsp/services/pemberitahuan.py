"""In-app notifications: marking them read.

They are written by ``lsp.notifications.notification_send`` together with the email. Marking one's own
notification read writes no audit row: it is the reader's own view state, not a record of the
certification process (the email it mirrors is already in the outbox), and auditing it would put
every click on the bell into the trail."""

from django.db import transaction
from django.utils import timezone

from ..models import Pemberitahuan


@transaction.atomic
def pemberitahuan_mark_read(*, pemberitahuan: Pemberitahuan, by) -> Pemberitahuan:
    """Mark one notification of ``by`` read (once: the first reading time is kept)."""
    if pemberitahuan.penerima_id != by.pk:
        raise PermissionError("not the recipient")
    if pemberitahuan.dibaca_pada is None:
        pemberitahuan.dibaca_pada = timezone.now()
        Pemberitahuan.objects.filter(pk=pemberitahuan.pk, dibaca_pada__isnull=True).update(
            dibaca_pada=pemberitahuan.dibaca_pada
        )
    return pemberitahuan


@transaction.atomic
def pemberitahuan_mark_all_read(*, by) -> int:
    """Mark every unread notification of ``by`` read; returns how many there were."""
    return Pemberitahuan.objects.filter(penerima=by, dibaca_pada__isnull=True).update(dibaca_pada=timezone.now())
