"""Backup and restore drill on demo data (issue 16 item 4), on a throwaway Postgres cluster: ``backup``
→ ``restore`` into an empty database and an empty media folder → every certificate still verifies (page
and API, same status, same PDF), every document downloads with the same checksum, the audit trail and
every table's row count are the same. Restoring into a non-empty database, or from a damaged backup, is
refused."""

import json
import shutil
import subprocess

import pytest

from tests.conftest import _missing

from .services import PG_BIN, ROOT, ThrowawayPostgres, base_env, manage


def snapshot(env) -> dict:
    out = manage("shell", "-c", (ROOT / "tests/ops/drill_snapshot.py").read_text(), env=env).stdout
    return json.loads(out.split("SNAPSHOT ", 1)[1])


def refused(*args, env) -> str:
    with pytest.raises(subprocess.CalledProcessError) as failure:
        manage(*args, env=env)
    return failure.value.stderr


@pytest.mark.postgres
def test_backup_then_restore_into_an_empty_database_gives_back_everything(tmp_path):
    if PG_BIN is None:
        _missing("needs the Postgres server binaries (/usr/lib/postgresql/*/bin)")
    postgres = ThrowawayPostgres().init()
    try:
        for name in ("lsp", "lsp_restored", "lsp_rusak"):
            postgres.psql(f"CREATE DATABASE {name}")
        original = base_env(DJANGO_DEBUG="1", DATABASE_URL=postgres.url("lsp"), CELERY_BROKER_URL="",
                            DJANGO_MEDIA_ROOT=str(tmp_path / "media"), LSP_PAGE_CACHE_SECONDS="0")
        manage("migrate", "--noinput", env=original)
        manage("seed_demo", env=original)
        before = snapshot(original)
        assert before["certificates"] and before["downloads"] and before["audit"]["count"] > 0
        assert all(c["page"] == 200 and c["pdf"] for c in before["certificates"].values())

        backup = tmp_path / "backup"
        manage("backup", "--to", str(backup), env=original)
        assert {p.name for p in backup.iterdir()} == {"db.dump", "media.tar", "manifest.json", "SHA256SUMS"}
        subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=backup, check=True, capture_output=True)
        manifest = json.loads((backup / "manifest.json").read_text())
        assert manifest["audit"] == before["audit"] and len(manifest["media"]) >= len(before["stored"])

        # never over live data
        assert "tidak kosong" in refused("restore", "--from", str(backup), env=original)

        restored = {**original, "DATABASE_URL": postgres.url("lsp_restored"),
                    "DJANGO_MEDIA_ROOT": str(tmp_path / "media-restored")}
        manage("restore", "--from", str(backup), env=restored)
        after = snapshot(restored)
        assert after == before

        # a damaged backup is refused before anything is written
        damaged = tmp_path / "damaged"
        shutil.copytree(backup, damaged)
        with open(damaged / "media.tar", "r+b") as handle:
            handle.seek(1024)
            handle.write(b"X")
        broken = {**original, "DATABASE_URL": postgres.url("lsp_rusak"),
                  "DJANGO_MEDIA_ROOT": str(tmp_path / "media-rusak")}
        assert "checksum" in refused("restore", "--from", str(damaged), env=broken)
        assert postgres.psql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", db="lsp_rusak") == "0"
    finally:
        postgres.remove()
