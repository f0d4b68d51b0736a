"""Admin LSP's verification of a submitted application: a result per persyaratan dasar and the
decision, recorded together through ``permohonan_transition``."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lsp.audit import audit_log

from .. import domain
from ..domain import AuditAction, HasilVerifikasi, Status, error
from ..models import Permohonan
from ._common import lock
from .permohonan import permohonan_transition

KEPUTUSAN = (Status.DITERIMA, Status.DIKEMBALIKAN, Status.DITOLAK)


@transaction.atomic
def permohonan_verify(*, permohonan: Permohonan, hasil: dict, keputusan: str, catatan: str = "", by) -> Permohonan:
    """Admin LSP's verification: per requirement ``{persyaratan_id: (hasil, catatan)}`` and the decision
    (diterima / dikembalikan / ditolak). All of it is saved, or nothing.

    The decision's own rules (a note to return or refuse, every requirement met to accept) are the
    transition's guards: a refusal raises its coded error (``note_required``, ``persyaratan_not_met``,
    ``verifikasi_incomplete``) and rolls the results back."""
    if keputusan not in KEPUTUSAN:
        raise error("transition_not_allowed", dari=permohonan.get_status_display(), ke=keputusan)
    locked = lock(permohonan)
    code = domain.transition_error(
        source=locked.status,
        target=keputusan,
        actor_roles=by.role_names,
        actor_is_owner=locked.asesi.user_id == by.pk,
    )
    if code:
        labels = dict(Status.choices)
        raise error(code, dari=labels.get(locked.status), ke=labels.get(keputusan, keputusan))
    now = timezone.now()
    items = {p.pk: p for p in locked.persyaratan.all()}
    for pk, (value, note) in hasil.items():
        item = items.get(int(pk))
        if item is None:
            raise ValidationError(_("Persyaratan tidak termasuk permohonan ini."), code="persyaratan_invalid")
        if value and value not in HasilVerifikasi.values:
            raise ValidationError(_("Hasil verifikasi tidak dikenal."), code="hasil_invalid")
        item.hasil = value or ""
        item.catatan = (note or "").strip()
        item.diverifikasi_oleh = by
        item.diverifikasi_pada = now
        item.save(update_fields=["hasil", "catatan", "diverifikasi_oleh", "diverifikasi_pada"])
    audit_log(
        actor=by,
        action=AuditAction.PERMOHONAN_VERIFY,
        obj=locked,
        data={
            "hasil": {str(p.pk): p.hasil for p in items.values()},
            "catatan": {str(p.pk): p.catatan for p in items.values() if p.catatan},
        },
    )
    return permohonan_transition(permohonan=permohonan, to=keputusan, by=by, note=catatan)
