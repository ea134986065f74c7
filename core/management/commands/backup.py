from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from core.backup import create_backup


class Command(BaseCommand):
    help = "Back up the database, public and private media, with a manifest of checksums."

    def add_arguments(self, parser):
        parser.add_argument("--to", default=str(settings.BACKUP_ROOT), help="backup root folder")
        parser.add_argument("--keep", type=int, default=14, help="keep this many newest backups")

    def handle(self, *args, to, keep, **options):
        root = Path(to)
        folder = create_backup(root)
        self.stdout.write(f"backup written to {folder}")
        backups = sorted(p for p in root.iterdir() if (p / "manifest.json").exists())
        for old in backups[:-keep] if keep > 0 else []:
            for path in sorted(old.iterdir()):
                path.unlink()
            old.rmdir()
            self.stdout.write(f"removed old backup {old}")
