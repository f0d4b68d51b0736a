"""``manage.py restore --from DIR`` (``make restore BACKUP=dir``): into the EMPTY database DATABASE_URL
names; see lsp/backup.py."""

from django.core.management.base import BaseCommand, CommandError

from lsp.backup import BackupError, restore


class Command(BaseCommand):
    help = "Pulihkan backup ke basis data KOSONG yang ditunjuk DATABASE_URL, lalu periksa checksum dan jumlah baris."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="source", required=True, help="folder backup")

    def handle(self, *args, source, **options):
        try:
            restore(source, stdout=self.stdout)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
