from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from kpis.services import observations_import


class Command(BaseCommand):
    help = (
        "Import KPI observations from a CSV in the columns of the feed (/api/v1/kpis/<code>/observations/?format=csv). "
        "Every row is checked; when any row fails, each failure is listed and nothing is imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--user", required=True, help="who records the figures (owning division or PMO); kept in the history")
        parser.add_argument("--dry-run", action="store_true", help="check every row and report, but save nothing")

    def handle(self, *args, path: Path, user: str, dry_run: bool, **options):
        User = get_user_model()
        try:
            actor = User.objects.get(username=user)
        except User.DoesNotExist as exc:
            raise CommandError(f"no user named {user!r}") from exc
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}") from exc
        result = observations_import(actor=actor, data=data, dry_run=dry_run)
        if not result.ok:
            for error in result.errors:
                self.stderr.write(f"row {error.row}: {error.field or '-'}: {error.message}")
            raise CommandError(f"{len(result.errors)} error(s); nothing imported")
        verb = "would import" if dry_run else "imported"
        self.stdout.write(self.style.SUCCESS(f"{verb}: {result.created} new, {result.updated} replaced"))
