from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from core.locks import exclusive
from core.schedule import load_jobs


class Command(BaseCommand):
    help = "Run one scheduled job under its lock; skip it when another run holds the lock."

    def add_arguments(self, parser):
        parser.add_argument("command_name")

    def handle(self, *args, command_name, **options):
        if command_name not in {job.command for job in load_jobs()}:
            raise CommandError(f"{command_name} is not in the schedule")
        if run_locked(command_name, stdout=self.stdout) is None:
            self.stdout.write(f"skipped {command_name}: another run holds its lock")


def run_locked(command_name: str, *, stdout=None) -> bool | None:
    """Run the command under its lock; None when the lock was held elsewhere."""
    with exclusive(command_name) as held:
        if not held:
            return None
        call_command(command_name, stdout=stdout)
        return True
