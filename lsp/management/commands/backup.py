"""``manage.py backup [--to DIR]`` (``make backup BACKUP=dir``): see lsp/backup.py."""

from django.core.management.base import BaseCommand, CommandError

from lsp.backup import BackupError, backup


class Command(BaseCommand):
    help = "Backup basis data (pg_dump) dan semua berkas, dengan manifest checksum SHA-256."

    def add_arguments(self, parser):
        parser.add_argument("--to", dest="target", default="", help="folder baru (default: backups/<waktu UTC>)")

    def handle(self, *args, target="", **options):
        try:
            backup(target or None, stdout=self.stdout)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
