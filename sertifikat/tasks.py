"""Celery tasks of the sertifikat app: they load by id and call a service; no rules here."""

import logging

from celery import shared_task

from . import services

logger = logging.getLogger(__name__)

PDF_MAX_RETRIES = 3


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
