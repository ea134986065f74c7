"""Shared body of import_achievements and import_needs."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from marketplace.models import Status
from marketplace.services.imports import import_listings, read_rows


class ImportCommand(BaseCommand):
    kind = ""

    def add_arguments(self, parser):
        parser.add_argument("path", help=".jsonl, .csv or .xlsx file")
        parser.add_argument(
            "--dry-run", action="store_true", help="validate and report without saving"
        )
        parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    def handle(self, *args, path, dry_run=False, no_progress=False, **options):
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"file not found: {source}")
        try:
            rows = list(read_rows(source))
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        with tqdm(
            total=len(rows), unit="row", desc=source.name, disable=no_progress, file=sys.stderr
        ) as bar:
            report = import_listings(
                kind=self.kind,
                rows=rows,
                default_status=Status.PUBLISHED,
                dry_run=dry_run,
                progress=bar.update,
            )
        self.stdout.write(
            f"{source.name}: {report.total} rows, {report.created} created, "
            f"{report.updated} updated, {report.failed_rows} failed"
            + (" (dry run, nothing saved)" if dry_run else "")
        )
        if report.errors:
            self.stderr.write("row\tfield\treason")
            for error in report.errors:
                self.stderr.write(f"{error.row}\t{error.field or '-'}\t{error.reason}")
            raise CommandError(f"{report.failed_rows} row(s) failed", returncode=1)
