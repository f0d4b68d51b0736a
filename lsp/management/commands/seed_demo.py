"""Demo data for a fresh installation (idempotent: running it again changes nothing).

Each app may have a ``demo.py`` with ``seed(stdout)``; they run in INSTALLED_APPS order, so the
``lsp`` master data exists before the apps that build on it."""

from django.core.management.base import BaseCommand
from django.db import transaction

from ..app_modules import app_modules


class Command(BaseCommand):
    help = "Buat data demo (profil LSP, skema, TUK, akun untuk setiap peran). Aman dijalankan berulang."

    def handle(self, *args, **options):
        with transaction.atomic():
            for _config, module in app_modules("demo"):
                module.seed(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Data demo siap."))
