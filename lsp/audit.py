"""The audit trail: services call ``audit_log`` inside their transaction.

Actions are typed: each app declares a ``TextChoices`` of its actions (value = ``<noun>.<verb>``, label =
what the audit page shows) and registers it in its ``AppConfig.ready``::

    class AuditAction(models.TextChoices):
        PERMOHONAN_CREATE = "permohonan.create", _("Permohonan dibuat")

    register_actions(AuditAction)            # asesi/apps.py
    audit_log(actor=by, action=AuditAction.PERMOHONAN_CREATE, obj=permohonan)

``audit_log`` refuses an action nobody registered, so a typo is an error in the first test that reaches
it, not a new spelling in the trail. The table itself is append-only on Postgres (a trigger refuses
UPDATE and DELETE: migration ``lsp.0004``).
"""

import re

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import AuditLog

# One naming scheme: lower-case words joined by "_", one dot between the noun and the verb.
ACTION_PATTERN = re.compile(r"^[a-z][a-z_]*\.[a-z][a-z_]*$")

_actions: dict[str, object] = {}


class AuditAction(models.TextChoices):
    """What ``lsp`` itself records: master data, the LSP profile, users, the outbox, the Django admin."""

    SKEMA_CREATE = "skema.create", _("Skema dibuat")
    SKEMA_UPDATE = "skema.update", _("Skema diubah")
    SKEMA_ACTIVATE = "skema.activate", _("Skema diaktifkan")
    SKEMA_DEACTIVATE = "skema.deactivate", _("Skema dinonaktifkan")
    SKEMA_IMPORT = "skema.import", _("Unit skema diimpor dari berkas")
    UNIT_CREATE = "unit.create", _("Unit kompetensi dibuat")
    UNIT_UPDATE = "unit.update", _("Unit kompetensi diubah")
    UNIT_DELETE = "unit.delete", _("Unit kompetensi dihapus")
    UNIT_MOVE = "unit.move", _("Urutan unit kompetensi diubah")
    ELEMEN_CREATE = "elemen.create", _("Elemen dibuat")
    ELEMEN_UPDATE = "elemen.update", _("Elemen diubah")
    ELEMEN_DELETE = "elemen.delete", _("Elemen dihapus")
    ELEMEN_MOVE = "elemen.move", _("Urutan elemen diubah")
    KUK_CREATE = "kuk.create", _("KUK dibuat")
    KUK_UPDATE = "kuk.update", _("KUK diubah")
    KUK_DELETE = "kuk.delete", _("KUK dihapus")
    KUK_MOVE = "kuk.move", _("Urutan KUK diubah")
    PERSYARATAN_CREATE = "persyaratan.create", _("Persyaratan dasar dibuat")
    PERSYARATAN_UPDATE = "persyaratan.update", _("Persyaratan dasar diubah")
    PERSYARATAN_DELETE = "persyaratan.delete", _("Persyaratan dasar dihapus")
    PERSYARATAN_MOVE = "persyaratan.move", _("Urutan persyaratan dasar diubah")
    TUK_CREATE = "tuk.create", _("TUK dibuat")
    TUK_UPDATE = "tuk.update", _("TUK diubah")
    TUK_ACTIVATE = "tuk.activate", _("TUK diaktifkan")
    TUK_DEACTIVATE = "tuk.deactivate", _("TUK dinonaktifkan")
    LSP_PROFILE_CREATE = "lsp_profile.create", _("Profil LSP dibuat")
    LSP_PROFILE_UPDATE = "lsp_profile.update", _("Profil LSP diubah")
    USER_CREATE = "user.create", _("Akun pengguna dibuat")
    USER_ROLE_GRANT = "user.role_grant", _("Peran diberikan kepada pengguna")
    USER_ROLE_REVOKE = "user.role_revoke", _("Peran pengguna dicabut")
    NOTIFICATION_RETRY = "notification.retry", _("Pengiriman email diulang")
    ADMIN_ADD = "admin.add", _("Ditambahkan lewat admin Django")
    ADMIN_CHANGE = "admin.change", _("Diubah lewat admin Django")
    ADMIN_DELETE = "admin.delete", _("Dihapus lewat admin Django")
    ADMIN_USER_PRIVILEGES = "admin.user_privileges", _("Hak akses pengguna diubah lewat admin Django")
    ADMIN_USER_PASSWORD = "admin.user_password", _("Kata sandi pengguna diatur lewat admin Django")
    ADMIN_GROUP_PERMISSIONS = "admin.group_permissions", _("Izin grup peran diubah lewat admin Django")


def register_actions(choices) -> None:
    """Make an app's actions known (called from ``AppConfig.ready``); a value may belong to one app only."""
    for value in choices.values:
        if not ACTION_PATTERN.match(value):
            raise ValueError(f"Audit action {value!r} does not follow the <noun>.<verb> naming scheme.")
        owner = _actions.get(value)
        if owner is not None and owner is not choices:
            raise ValueError(f"Audit action {value!r} is registered twice ({owner.__qualname__}).")
        _actions[value] = choices


def action_label(value: str) -> str:
    """The human label of an action; an unknown value (an old row) shows as itself."""
    choices = _actions.get(value)
    return choices(value).label if choices is not None else value


def action_choices() -> list[tuple[str, str]]:
    """Every registered action as (value, label), sorted by label, for the audit filter."""
    return sorted(((value, str(action_label(value))) for value in _actions), key=lambda item: item[1].lower())


def audit_log(*, actor, action: str, obj=None, from_state="", to_state="", note="", data=None) -> AuditLog:
    if str(action) not in _actions:
        raise ValueError(f"Unknown audit action {action!r}: declare it in the app's AuditAction and register it.")
    entry = AuditLog(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=str(action),
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
