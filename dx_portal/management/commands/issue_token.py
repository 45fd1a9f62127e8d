from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from ...models import ApiToken
from ...tokens import api_token_issue


class Command(BaseCommand):
    help = "Issue an API token for a user and print its key once (only a digest is stored)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--scope", action="append", required=True, choices=ApiToken.Scope.values, dest="scopes")
        parser.add_argument("--expires-days", type=int, default=None)
        parser.add_argument("--name", default="")

    def handle(self, *args, username, scopes, expires_days, name, **options):
        if expires_days is not None and expires_days <= 0:
            raise CommandError("--expires-days must be a positive number of days")
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"no user named {username!r}") from exc
        token, key = api_token_issue(user=user, scopes=scopes, name=name, expires_in_days=expires_days)
        expiry = token.expiry.isoformat() if token.expiry else "never"
        self.stderr.write(f"Token {token.token_key}… for {username}, scopes {token.scopes}, expires {expiry}.")
        self.stdout.write(key)
