"""Celery tasks of the sertifikat app: they load by id and call a service; no rules here."""

import logging
import threading

from celery import shared_task
from django.db import transaction

from . import services

logger = logging.getLogger(__name__)

PDF_MAX_RETRIES = 3
# Certificates per chunk task: large enough that the broker round trip, the task bookkeeping and the
# transaction are paid once for many PDFs, small enough that two workers share a batch evenly and a
# redelivered chunk (a worker died) redoes little.
PDF_CHUNK = 20

_pending = threading.local()


def pdf_enqueue_on_commit(sertifikat_id: int, using: str | None = None) -> None:
    """Enqueue the PDF of ``sertifikat_id`` after the current transaction commits; the ids of one
    transaction are sent together as chunk tasks of ``PDF_CHUNK`` (a batch of 1,000 is 50 messages, not
    1,000). Nothing is sent for a transaction that rolls back. Outside a transaction: at once.

    The ids wait in a per-thread buffer; each call registers a commit hook bound to that buffer, and the
    first hook to run sends every id waiting in it (the others then find it empty). Django replaces its
    list of hooks on every commit and rollback, so a buffer whose list is gone is not added to again (a
    rolled-back transaction's ids are dropped with it)."""
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        _send_chunks([sertifikat_id])
        return
    buffer = getattr(_pending, "buffer", None)
    if buffer is None or buffer["hooks"] is not connection.run_on_commit:
        buffer = _pending.buffer = {"ids": [], "hooks": connection.run_on_commit}
    buffer["ids"].append(sertifikat_id)
    transaction.on_commit(lambda: _flush(buffer), using=using)


def _flush(buffer) -> None:
    ids, buffer["ids"] = list(dict.fromkeys(buffer["ids"])), []
    if ids:
        _send_chunks(ids)


def _send_chunks(ids) -> None:
    # an unreachable broker is logged, not raised (``lsp.celery.OutboxTask``): the certificates are
    # committed *sedang dibuat* and the beat sweep (``pdf_sweep``) sends them once the broker is back
    for start in range(0, len(ids), PDF_CHUNK):
        sertifikat_pdf_generate_many.publish_or_log(ids[start:start + PDF_CHUNK])


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=PDF_MAX_RETRIES)
def sertifikat_pdf_generate(self, sertifikat_id: int) -> str:
    """Make one certificate's PDF. Idempotent (``services.sertifikat_pdf_render`` leaves a finished
    one alone and writes under one name), so ``acks_late`` is safe: a worker killed in the middle
    leaves the message on the broker and the next worker makes the file. A failure is retried with a
    growing delay; after the last retry the certificate shows *gagal* with the error."""
    try:
        return services.sertifikat_pdf_render(sertifikat_id=sertifikat_id)
    except services.Sertifikat.DoesNotExist:
        return "hilang"  # deleted meanwhile (a rolled-back import): nothing to make
    except Exception as exc:
        # in-process (development without a broker, ``task_always_eager``) a retry would raise into the
        # request that committed the certificate: record the failure at once instead
        if self.request.retries < self.max_retries and not self.request.is_eager:
            raise self.retry(exc=exc, countdown=2 ** self.request.retries) from exc
        logger.exception("PDF sertifikat %s gagal", sertifikat_id)
        services.sertifikat_pdf_failed(sertifikat_id=sertifikat_id, galat=f"{type(exc).__name__}: {exc}")
        return "gagal"


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True)
def sertifikat_pdf_generate_many(self, sertifikat_ids: list[int]) -> dict:
    """Make the PDFs of a chunk of certificates (``services.sertifikat_pdf_render_many``: one transaction,
    idempotent per certificate, so ``acks_late`` redelivery after a dead worker is safe). A certificate
    whose PDF failed is handed to ``sertifikat_pdf_generate`` on its own, which retries it with a growing
    delay and finally records *gagal*; the rest of the chunk is kept. Returns the count per outcome."""
    outcomes = services.sertifikat_pdf_render_many(sertifikat_ids=sertifikat_ids)
    counts: dict = {}
    for pk, outcome in outcomes.items():
        if isinstance(outcome, Exception):
            logger.warning("PDF sertifikat %s gagal dalam chunk: %r; dicoba lagi sendiri", pk, outcome)
            sertifikat_pdf_generate.apply_async((pk,), countdown=0 if self.request.is_eager else 1)
            outcome = "diulang"
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


@shared_task(acks_late=True)
def sertifikat_reminders_daily(on_date: str | None = None) -> int:
    """Beat task (daily, ``CELERY_BEAT_SCHEDULE``): the expiry reminders due today (or ``on_date``, ISO).
    Idempotent: each certificate and threshold is recorded once (``PengingatTerkirim``)."""
    from datetime import date

    from django.utils import timezone

    day = date.fromisoformat(on_date) if on_date else timezone.localdate()
    return services.sertifikat_reminders_send(today=day)


@shared_task(acks_late=True, autoretry_for=(OSError,), max_retries=3, retry_backoff=True)
def massal_zip_build(massal_id: int) -> str:
    """Pack a bulk issue's PDFs into one ZIP (idempotent: a job with its ZIP is left alone)."""
    return services.massal_zip_build(massal_id=massal_id)


@shared_task(acks_late=True)
def surveilans_daily(on_date: str | None = None) -> int:
    """Beat task (daily): open the surveillances due today (idempotent: one per certificate)."""
    from datetime import date

    from django.utils import timezone

    day = date.fromisoformat(on_date) if on_date else timezone.localdate()
    return services.surveilans_request_due(today=day)


@shared_task
def pdf_sweep() -> int:
    """Beat task (every few minutes): enqueue again the PDFs and bulk ZIPs whose task never ran (the
    broker was down when the certificate was issued). Both tasks are idempotent."""
    certs, zips = services.pdf_due()
    for pk in certs:
        sertifikat_pdf_generate.delay(pk)
    for pk in zips:
        massal_zip_build.delay(pk)
    return len(certs) + len(zips)
