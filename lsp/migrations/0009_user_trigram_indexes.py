"""Trigram indexes (Postgres ``pg_trgm``) for the "contains" searches over people: name, username and
email, as Django writes them (``UPPER(col) LIKE UPPER('%…%')``). Postgres only: on SQLite (``make run``)
this migration does nothing, and the searches scan as before."""

from django.db import migrations

INDEXES = {
    "user_nama_trgm": "nama_lengkap",
    "user_username_trgm": "username",
    "user_email_trgm": "email",
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES.items():
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {name} ON lsp_user USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("lsp", "0008_ekspor_audit_indexes")]

    operations = [migrations.RunPython(forwards, backwards)]
