from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, restore_backup, row_counts


class Command(BaseCommand):
    help = "Restore a backup folder (database and media), then rebuild the search indices."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="a folder written by manage.py backup")
        parser.add_argument("--no-reindex", action="store_true")

    def handle(self, *args, folder, no_reindex=False, **options):
        try:
            manifest = restore_backup(Path(folder))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        differ = {t: n for t, n in row_counts().items() if manifest["rows"].get(t, n) != n}
        if differ:
            raise CommandError(f"row counts differ from the manifest after restore: {differ}")
        self.stdout.write(f"restored {folder}: {sum(manifest['rows'].values())} rows")
        if not no_reindex:
            call_command("rebuild_index", stdout=self.stdout)
