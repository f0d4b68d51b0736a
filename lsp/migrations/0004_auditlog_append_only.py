"""The audit trail is append-only (ISO/IEC 17024 §7.1): on Postgres a trigger refuses UPDATE and DELETE of
``lsp_auditlog`` rows for everyone, the application included. Old action names are brought into the one
naming scheme first (the last time these rows can change)."""

from django.db import migrations

RENAMES = [
    ("asesi_profile_update", "asesi.profile_update"),
]

APPEND_ONLY = """
CREATE OR REPLACE FUNCTION lsp_auditlog_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'lsp_auditlog is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER lsp_auditlog_append_only BEFORE UPDATE OR DELETE ON lsp_auditlog
    FOR EACH ROW EXECUTE FUNCTION lsp_auditlog_append_only();
"""
DROP_APPEND_ONLY = """
DROP TRIGGER IF EXISTS lsp_auditlog_append_only ON lsp_auditlog;
DROP FUNCTION IF EXISTS lsp_auditlog_append_only();
"""


def rename_actions(apps, schema_editor):
    AuditLog = apps.get_model("lsp", "AuditLog")
    for old, new in RENAMES:
        AuditLog.objects.filter(action=old).update(action=new)
    # Django admin actions were "admin.<model>.<verb>"; the model is the row's target already.
    for verb in ("add", "change", "delete"):
        AuditLog.objects.filter(action__startswith="admin.", action__endswith=f".{verb}").update(action=f"admin.{verb}")


def append_only(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(APPEND_ONLY, params=None)


def drop_append_only(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_APPEND_ONLY, params=None)


class Migration(migrations.Migration):
    dependencies = [("lsp", "0003_notification_claim")]

    operations = [
        migrations.RunPython(rename_actions, migrations.RunPython.noop),
        migrations.RunPython(append_only, drop_append_only),
    ]
