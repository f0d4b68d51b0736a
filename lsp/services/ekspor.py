"""Background exports (``lsp.models.Ekspor``): ask for one, build it (the Celery task calls
``ekspor_build``), ask again after a failure. The builders are registered in ``lsp.ekspor``."""

import logging
import os
import secrets
import tempfile
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..audit import AuditAction, audit_log
from ..ekspor import ekspor_builder
from ..models import Ekspor

logger = logging.getLogger(__name__)

EKSPOR_TIDAK_DIKENAL = _("Jenis ekspor ini tidak dikenal.")
EKSPOR_TIDAK_GAGAL = _("Hanya ekspor yang gagal dapat diulang.")


@transaction.atomic
def ekspor_request(*, jenis: str, params: dict, by) -> Ekspor:
    """Record the request and queue its build once the transaction commits."""
    if ekspor_builder(jenis) is None:
        raise ValidationError(EKSPOR_TIDAK_DIKENAL, code="jenis")
    ekspor = Ekspor.objects.create(jenis=jenis, params=params, created_by=by)
    audit_log(actor=by, action=AuditAction.EKSPOR_REQUEST, obj=ekspor, to_state=ekspor.status, data={"params": params})
    _enqueue(ekspor)
    return ekspor


@transaction.atomic
def ekspor_retry(*, ekspor: Ekspor, by) -> Ekspor:
    """A failed export is queued again (its error stays visible until the new attempt starts)."""
    ekspor = Ekspor.objects.select_for_update().get(pk=ekspor.pk)
    if ekspor.status != Ekspor.Status.GAGAL:
        raise ValidationError(EKSPOR_TIDAK_GAGAL, code="status")
    ekspor.status = Ekspor.Status.ANTRI
    ekspor.save(update_fields=["status"])
    audit_log(actor=by, action=AuditAction.EKSPOR_RETRY, obj=ekspor, from_state=Ekspor.Status.GAGAL,
              to_state=ekspor.status)
    _enqueue(ekspor)
    return ekspor


@transaction.atomic
def daftar_ekspor_request(*, key: str, filters: dict, pribadi: bool, fmt: str, by, today) -> Ekspor | None:
    """Ask for a list as a file (``lsp.ekspor.DaftarEkspor``): the XLSX is queued and its job returned; the
    CSV is streamed by the view (``None``). Unmasked personal data is a personal-data view, written to the
    audit trail in the same transaction whichever the format."""
    from ..access import is_admin_lsp
    from ..ekspor import daftar_ekspor

    spec = daftar_ekspor(key)
    if spec is None:
        raise ValidationError(EKSPOR_TIDAK_DIKENAL, code="jenis")
    if not is_admin_lsp(by):
        raise PermissionDenied
    pribadi = bool(pribadi and spec.personal)
    if pribadi:
        audit_log(actor=by, action=AuditAction.EKSPOR_PERSONAL_DATA, note=str(spec.label),
                  data={"daftar": key, "format": fmt, "filters": filters})
    if fmt != "xlsx":
        return None
    params = {"filters": filters, "pribadi": pribadi, "tanggal": today.isoformat()}
    return ekspor_request(jenis=f"daftar.{key}", params=params, by=by)
# An export still queued this long after it was asked for lost its task (broker down): the sweep sends it again.
EKSPOR_SWEEP_AFTER = timedelta(minutes=10)


def ekspor_due(*, now=None) -> list[int]:
    """Ids of exports whose task never ran (still *antri* after ``EKSPOR_SWEEP_AFTER``)."""
    now = now or timezone.now()
    return list(
        Ekspor.objects.filter(status=Ekspor.Status.ANTRI, created_at__lte=now - EKSPOR_SWEEP_AFTER)
        .order_by("pk")
        .values_list("pk", flat=True)[:1000]
    )


def _enqueue(ekspor):
    from ..tasks import ekspor_build as task

    task.delay_on_commit(ekspor.pk)


def _claim(ekspor_id) -> Ekspor | None:
    """Move a queued job to ``proses`` in its own short transaction; None when there is nothing to do
    (already built, being built, failed and not asked again, or gone): the task is idempotent."""
    with transaction.atomic():
        ekspor = Ekspor.objects.select_for_update().filter(pk=ekspor_id).first()
        if ekspor is None or ekspor.status != Ekspor.Status.ANTRI:
            return None
        ekspor.status = Ekspor.Status.PROSES
        ekspor.percobaan += 1
        ekspor.galat = ""
        ekspor.baris_selesai = 0
        ekspor.save(update_fields=["status", "percobaan", "galat", "baris_selesai"])
        return ekspor


def ekspor_build(*, ekspor_id: int) -> str | None:
    """Build the file of a queued export; returns its status (None when there was nothing to do). The
    builder writes to a temporary file, which is then stored under a random name; progress is saved as
    it goes. An error marks the job ``gagal`` with its message, for the user to see and retry."""
    ekspor = _claim(ekspor_id)
    if ekspor is None:
        return None
    builder = ekspor_builder(ekspor.jenis)

    def on_progress(done, total):
        Ekspor.objects.filter(pk=ekspor.pk).update(baris_selesai=done, baris_total=total)

    fd, path = tempfile.mkstemp(suffix=".tmp")
    os.close(fd)
    try:
        if builder is None:
            raise ValueError(str(EKSPOR_TIDAK_DIKENAL))
        name = builder.build(ekspor, path, on_progress)
        with open(path, "rb") as handle:
            ekspor.berkas.save(f"{timezone.now():%Y}/{secrets.token_urlsafe(16)}.xlsx", File(handle), save=False)
    except Exception as exc:  # the job shows what went wrong and can be retried
        logger.exception("ekspor %s failed", ekspor.pk)
        Ekspor.objects.filter(pk=ekspor.pk).update(status=Ekspor.Status.GAGAL, galat=str(exc)[:2000])
        return Ekspor.Status.GAGAL
    finally:
        os.unlink(path)
    Ekspor.objects.filter(pk=ekspor.pk).update(
        status=Ekspor.Status.SELESAI, berkas=ekspor.berkas.name, nama_berkas=name[:255], selesai_pada=timezone.now()
    )
    return Ekspor.Status.SELESAI
