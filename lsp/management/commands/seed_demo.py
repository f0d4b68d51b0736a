"""Demo data for a fresh installation (idempotent: running it again changes nothing).

Each app may have a ``demo.py`` with ``seed(stdout)``; they run in INSTALLED_APPS order, so the
``lsp`` master data exists before the apps that build on it."""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Buat data demo (profil LSP, skema, TUK, akun untuk setiap peran). Aman dijalankan berulang."

    def handle(self, *args, **options):
        with transaction.atomic():
            for config in apps.get_app_configs():
                try:
                    module = import_module(f"{config.name}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{config.name}.demo":
                        raise
                    continue
                module.seed(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Data demo siap."))
