"""Shared body of import_achievements and import_needs.

The operator running this has shell access, so the command may do what the web import may not:
publish without review (--publish) and vouch for organizations it creates
(--create-organizations, recorded in the audit log under --operator).
"""

import getpass
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from marketplace.services.imports import import_as_operator, read_rows


class ImportCommand(BaseCommand):
    kind = ""

    def add_arguments(self, parser):
        parser.add_argument("path", help=".jsonl, .csv or .xlsx file")
        parser.add_argument(
            "--dry-run", action="store_true", help="validate and report without saving"
        )
        parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="publish the rows at once (default: they wait for moderation as pending)",
        )
        parser.add_argument(
            "--create-organizations",
            action="store_true",
            help="create organizations the rows name but the portal lacks, as verified: you "
            "attest them, and each creation is written to the audit log",
        )
        parser.add_argument(
            "--operator",
            default="",
            help="who attests created organizations in the audit log (default: the shell user)",
        )

    def handle(
        self,
        *args,
        path,
        dry_run=False,
        no_progress=False,
        publish=False,
        create_organizations=False,
        operator="",
        **options,
    ):
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
            report = import_as_operator(
                kind=self.kind,
                rows=rows,
                publish=publish,
                create_organizations=create_organizations,
                operator=operator or _shell_user(),
                source=f"{self.kind}:{source.name}",
                dry_run=dry_run,
                progress=bar.update,
            )
        self.stdout.write(
            f"{source.name}: {report.total} rows, {report.created} created, "
            f"{report.updated} updated, {report.failed_rows} failed"
            + (" (dry run, nothing saved)" if dry_run else "")
            + ("" if publish else " (not published: pending moderation; --publish to publish)")
        )
        if report.errors:
            self.stderr.write("row\tfield\treason")
            for error in report.errors:
                self.stderr.write(f"{error.row}\t{error.field or '-'}\t{error.reason}")
            raise CommandError(f"{report.failed_rows} row(s) failed", returncode=1)


def _shell_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
