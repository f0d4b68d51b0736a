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
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from .models import AuditLog

# One naming scheme: lower-case words joined by "_", one dot between the noun and the verb.
ACTION_PATTERN = re.compile(r"^[a-z][a-z_]*\.[a-z][a-z_]*$")

_actions: dict[str, object] = {}
_states: dict[tuple[str | None, str], object] = {}  # (noun or None, value) → label
_links: dict[str, str] = {}  # "app_label.model" → URL name taking the object's pk


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
    HARI_LIBUR_CREATE = "hari_libur.create", _("Hari libur ditambahkan")
    HARI_LIBUR_UPDATE = "hari_libur.update", _("Hari libur diubah")
    HARI_LIBUR_DELETE = "hari_libur.delete", _("Hari libur dihapus")
    HARI_LIBUR_IMPORT = "hari_libur.import", _("Hari libur diimpor dari berkas")
    LSP_PROFILE_CREATE = "lsp_profile.create", _("Profil LSP dibuat")
    LSP_PROFILE_UPDATE = "lsp_profile.update", _("Profil LSP diubah")
    USER_CREATE = "user.create", _("Akun pengguna dibuat")
    USER_ROLE_GRANT = "user.role_grant", _("Peran diberikan kepada pengguna")
    USER_ROLE_REVOKE = "user.role_revoke", _("Peran pengguna dicabut")
    API_TOKEN_CREATE = "api_token.create", _("Token API dibuat atau diganti")
    API_TOKEN_REVOKE = "api_token.revoke", _("Token API dicabut")
    NOTIFICATION_RETRY = "notification.retry", _("Pengiriman email diulang")
    EKSPOR_REQUEST = "ekspor.request", _("Ekspor berkas diminta")
    EKSPOR_RETRY = "ekspor.retry", _("Ekspor berkas diulang")
    EKSPOR_PERSONAL_DATA = "ekspor.personal_data", _("Daftar diekspor dengan data pribadi")
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


class AuditState(models.TextChoices):
    """States ``lsp`` itself writes (TUK and skema switched on or off, records created)."""

    AKTIF = "aktif", _("Aktif")
    NONAKTIF = "nonaktif", _("Nonaktif")
    DIBUAT = "dibuat", _("Dibuat")
    TERDAFTAR = "terdaftar", _("Terdaftar")


def register_states(choices, *, nouns=()) -> None:
    """Labels for the ``from_state`` / ``to_state`` values an app writes (its status ``TextChoices``), so
    the audit page shows "Diajukan → Diterima (terverifikasi)" rather than raw values. ``nouns``: the
    action nouns (``permohonan`` of ``permohonan.status``) these labels are for, when another app uses
    the same value with another meaning; without nouns they are the fallback for any action."""
    for value, label in choices.choices:
        for noun in nouns or (None,):
            _states.setdefault((noun, value), label)


def state_label(action: str, value: str) -> str:
    """The label of a state value written with ``action``; an unknown value shows as itself."""
    if not value:
        return ""
    noun = str(action).split(".", 1)[0]
    label = _states.get((noun, value)) or _states.get((None, value))
    return str(label) if label is not None else value


def register_audit_link(model, url_name: str) -> None:
    """The page an audit row about ``model`` links to: ``url_name`` reversed with the object's pk."""
    _links[model._meta.label_lower] = url_name


def audit_object_url(content_type, object_id) -> str:
    """The URL of the object an audit row is about, or "" (no page registered, or no object)."""
    if content_type is None or not object_id:
        return ""
    url_name = _links.get(f"{content_type.app_label}.{content_type.model}")
    if url_name is None:
        return ""
    try:
        return reverse(url_name, args=[object_id])
    except NoReverseMatch:
        return ""


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
