"""The audit trail: services call ``audit_log`` inside their transaction."""

from django.contrib.contenttypes.models import ContentType

from .models import AuditLog


def audit_log(*, actor, action: str, obj=None, from_state="", to_state="", note="", data=None) -> AuditLog:
    entry = AuditLog(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        from_state=str(from_state or ""),
        to_state=str(to_state or ""),
        note=note or "",
        data=data or {},
    )
    if obj is not None:
        entry.content_type = ContentType.objects.get_for_model(obj)
        entry.object_id = str(obj.pk)
        entry.object_repr = str(obj)[:255]
    entry.save()
    return entry


def audit_trail_for(obj):
    """Audit rows about one record, newest first."""
    return AuditLog.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).select_related("actor")
