"""The one Celery app of the project (``celery -A lsp worker``).

Every task enqueues through ``delay_on_commit`` (after the caller's transaction commits). When the broker
is unreachable at that moment the change is already committed: the task must not turn a saved action
into an error page. ``OutboxTask.delay_on_commit`` therefore logs the failed publish and moves on; the
row itself is the durable outbox (a certificate *sedang dibuat*, a notification *antri*, an export
*antri*), and the beat sweeps (``lsp.tasks.notification_retry_failed``, ``lsp.tasks.ekspor_sweep``,
``sertifikat.tasks.pdf_sweep``) enqueue what is still waiting once the broker is back. Every task is
idempotent, so a row enqueued twice is still done once."""

import logging
import os
from functools import partial

from celery import Celery, Task

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lsp.settings")

logger = logging.getLogger(__name__)


def broker_errors() -> tuple[type[BaseException], ...]:
    """What a publish raises when the broker cannot be reached (kombu wraps the transport's errors)."""
    from kombu.exceptions import OperationalError

    errors: tuple[type[BaseException], ...] = (OperationalError, ConnectionError, TimeoutError)
    try:  # the Redis result backend subscribes to the result before publishing: its errors are redis-py's
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError
    except ImportError:
        return errors
    return (*errors, RedisConnectionError, RedisTimeoutError)


class OutboxTask(Task):
    def delay_on_commit(self, *args, **kwargs):
        from django.db import transaction

        transaction.on_commit(partial(self.publish_or_log, *args, **kwargs))

    def publish_or_log(self, *args, **kwargs):
        """``delay``, but an unreachable broker is logged, not raised: the committed row waits for the
        sweep. In-process (eager) runs keep raising, so development still shows a failing task."""
        if self.app.conf.task_always_eager:
            return self.delay(*args, **kwargs)
        try:
            return self.delay(*args, **kwargs)
        except broker_errors() as exc:
            logger.warning("broker unreachable, %s%r left for the sweep: %s", self.name, args, exc)
            return None


app = Celery("lsp", task_cls=OutboxTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
