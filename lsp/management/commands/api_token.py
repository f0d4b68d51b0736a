"""``manage.py api_token <username> [--revoke]``: make (or replace) a user's API token and print it once,
or revoke it. Audited like the page (``lsp.services.token``)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from lsp.services.token import api_token_create, api_token_revoke


class Command(BaseCommand):
    help = "Create or replace a user's REST API token (printed once), or revoke it with --revoke."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--revoke", action="store_true", help="remove the user's token")

    def handle(self, *args, username, revoke, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user named {username!r}.")
        if revoke:
            removed = api_token_revoke(user=user, by=None, via="perintah")
            self.stdout.write("Token revoked." if removed else "The user had no token.")
            return
        self.stdout.write(api_token_create(user=user, by=None, via="perintah").key)
