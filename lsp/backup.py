"""Backup and restore of one installation: the database (``pg_dump``) and the media files (a tar archive
read through the storage, so the local folder and the object store are backed up the same way), with a
manifest of SHA-256 checksums (``manage.py backup`` / ``manage.py restore``, ``make backup`` / ``make
restore``).

A backup folder holds::

    db.dump          pg_dump custom format (pg_restore)
    media.tar        every stored file, under its storage name
    manifest.json    checksums of both, of every media file, row counts per table, audit count + last id
    SHA256SUMS       the two archives' checksums, for ``sha256sum -c``

Restore goes into an EMPTY database only (it refuses one with tables: restoring over live data would mix
two histories), checks every checksum before and after, and compares the row counts and the audit trail
with the manifest."""

import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone

FORMAT = 1
CHUNK = 1024 * 1024


class BackupError(Exception):
    pass


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def _pg_env() -> tuple[dict, list[str]]:
    db = settings.DATABASES["default"]
    if not db["ENGINE"].endswith("postgresql"):
        raise BackupError("Backup dan restore memerlukan Postgres (DATABASE_URL).")
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    args = ["-h", db.get("HOST") or "127.0.0.1", "-p", str(db.get("PORT") or 5432), "-U", db.get("USER") or "postgres"]
    return env, args


def _tool(name: str) -> str:
    """The client matching the server's major version when several are installed (Debian keeps them in
    /usr/lib/postgresql/<major>/bin), else the one on PATH."""
    major = connection.cursor().connection.info.server_version // 10000
    candidate = Path(f"/usr/lib/postgresql/{major}/bin/{name}")
    return str(candidate) if candidate.exists() else (shutil.which(name) or name)


def table_counts() -> dict[str, int]:
    """Rows of every table of the public schema (exact counts: a backup is not a hot path)."""
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def audit_state() -> dict:
    from .models import AuditLog

    last = AuditLog.objects.order_by("-pk").values_list("pk", flat=True).first()
    return {"count": AuditLog.objects.count(), "last_id": last}


def _walk(storage, folder: str = ""):
    dirs, files = storage.listdir(folder)
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(dirs):
        yield from _walk(storage, f"{folder}/{sub}" if folder else sub)


def media_files(storage=None) -> list[str]:
    storage = storage or default_storage
    try:
        return list(_walk(storage))
    except FileNotFoundError:  # the media folder does not exist yet: nothing stored
        return []


def backup(target: Path | None = None, *, stdout=None) -> Path:
    """Write one backup folder (``backups/<UTC timestamp>`` by default); returns its path."""
    target = Path(target or Path(settings.BASE_DIR) / "backups" / datetime.utcnow().strftime("%Y%m%d-%H%M%S"))
    target.mkdir(parents=True, exist_ok=True)
    if any(target.iterdir()):
        raise BackupError(f"Folder {target} tidak kosong; pilih folder baru untuk backup.")
    env, args = _pg_env()
    db = settings.DATABASES["default"]
    dump = target / "db.dump"
    # One snapshot for the dump and the counts, so the manifest describes exactly what was dumped even
    # while the site is in use. Files are stored before their rows, so every file a dumped row names is
    # already in the storage when it is archived below.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        subprocess.run([_tool("pg_dump"), *args, "-Fc", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
                        "-f", str(dump), db["NAME"]], env=env, check=True)
        counts, audit = table_counts(), audit_state()
    media = {}
    archive = target / "media.tar"
    with tarfile.open(archive, "w") as tar:
        for name in media_files():
            with default_storage.open(name, "rb") as handle:
                data = handle.read()
            media[name] = hashlib.sha256(data).hexdigest()
            info = tarfile.TarInfo(name)
            info.size, info.mode = len(data), 0o640
            tar.addfile(info, io.BytesIO(data))
    files = {"db.dump": sha256_file(dump), "media.tar": sha256_file(archive)}
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "database": db["NAME"],
        "files": files,
        "media": media,
        "tables": counts,
        "audit": audit,
    }
    (target / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True))
    (target / "SHA256SUMS").write_text("".join(f"{digest}  {name}\n" for name, digest in files.items()))
    if stdout:
        stdout.write(f"Backup {target}: {sum(counts.values())} baris di {len(counts)} tabel, {len(media)} berkas, "
                     f"audit {audit['count']} (terakhir #{audit['last_id']}).")
    return target


def read_manifest(source: Path) -> dict:
    source = Path(source)
    try:
        manifest = json.loads((source / "manifest.json").read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"{source}: manifest.json tidak terbaca ({exc}).") from exc
    for name, digest in manifest["files"].items():
        if not (source / name).is_file() or sha256_file(source / name) != digest:
            raise BackupError(f"{source / name}: checksum tidak cocok dengan manifest; backup rusak.")
    return manifest


def restore(source: Path, *, stdout=None) -> dict:
    """Restore ``source`` into the empty database DATABASE_URL names and the (empty) media storage; check
    every checksum, the row counts and the audit trail against the manifest. Returns the manifest."""
    source = Path(source)
    manifest = read_manifest(source)
    with connection.cursor() as cursor:
        existing = connection.introspection.table_names(cursor)
    if existing:
        raise BackupError(
            f"Basis data {settings.DATABASES['default']['NAME']} tidak kosong ({len(existing)} tabel); restore hanya "
            "ke basis data kosong (buat dengan createdb)."
        )
    with tarfile.open(source / "media.tar") as tar:
        members = [m for m in tar.getmembers() if m.isfile()]
        for member in members:
            if member.name.startswith("/") or ".." in Path(member.name).parts:
                raise BackupError(f"media.tar: nama berkas tidak aman: {member.name}")
            if default_storage.exists(member.name):
                raise BackupError(f"Penyimpanan berkas tidak kosong: {member.name} sudah ada.")
    env, args = _pg_env()
    connection.close()
    subprocess.run([_tool("pg_restore"), *args, "--no-owner", "--no-privileges", "--exit-on-error",
                    "-d", settings.DATABASES["default"]["NAME"], str(source / "db.dump")], env=env, check=True)
    with tarfile.open(source / "media.tar") as tar:
        for member in members:
            data = tar.extractfile(member).read()
            if hashlib.sha256(data).hexdigest() != manifest["media"].get(member.name):
                raise BackupError(f"media.tar: {member.name} tidak cocok dengan manifest.")
            saved = default_storage.save(member.name, ContentFile(data))
            if saved != member.name:
                raise BackupError(f"{member.name} tersimpan sebagai {saved}.")
    problems = verify(manifest)
    if problems:
        raise BackupError("Hasil restore tidak cocok dengan manifest: " + "; ".join(problems))
    if stdout:
        stdout.write(f"Restore {source}: {sum(manifest['tables'].values())} baris, {len(members)} berkas, "
                     f"audit {manifest['audit']['count']} (terakhir #{manifest['audit']['last_id']}) — cocok.")
    return manifest


def verify(manifest: dict) -> list[str]:
    """What differs between the installation now and the manifest (empty: identical)."""
    problems = []
    counts = table_counts()
    for table, count in manifest["tables"].items():
        if counts.get(table) != count:
            problems.append(f"tabel {table}: {counts.get(table)} baris, manifest {count}")
    if audit_state() != manifest["audit"]:
        problems.append(f"audit {audit_state()} ≠ manifest {manifest['audit']}")
    for name, digest in manifest["media"].items():
        try:
            with default_storage.open(name, "rb") as handle:
                actual = hashlib.sha256(handle.read()).hexdigest()
        except OSError:
            actual = None
        if actual != digest:
            problems.append(f"berkas {name}: checksum berbeda")
    return problems
