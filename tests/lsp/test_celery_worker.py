"""The notification outbox through a real Celery worker on the Redis broker."""

import pytest
from django.core import mail
from django.db import transaction

from lsp.models import Notification
from lsp.notifications import notification_send
from lsp.tasks import notification_deliver


@pytest.mark.redis
@pytest.mark.celery_worker
@pytest.mark.postgres
def test_worker_on_redis_delivers_queued_email(celery_worker_on_redis):
    with transaction.atomic():
        notification = notification_send(to="asesi@example.test", subject="Uji worker", body="Isi pesan")
        # nothing leaves before the change commits
        assert transaction.get_connection().run_on_commit
    # The commit enqueued the delivery on Redis. The solo worker runs tasks in order, so once a second
    # delivery of the same row has a result, the first one ran; the second must not send again.
    assert notification_deliver.delay(notification.pk).get(timeout=30) == Notification.Status.TERKIRIM
    notification.refresh_from_db()
    assert notification.status == Notification.Status.TERKIRIM
    assert notification.attempts == 1
    assert [m.subject for m in mail.outbox] == ["Uji worker"]
