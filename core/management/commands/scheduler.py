import logging

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from core.schedule import load_jobs, markdown_table

from .run_job import run_locked

logger = logging.getLogger("core.scheduler")


def run_job(command_name: str) -> None:
    close_old_connections()
    try:
        if run_locked(command_name) is None:
            logger.info("skipped %s: another run holds its lock", command_name)
        else:
            logger.info("ran %s", command_name)
    except Exception:
        # One failing job must not stop the others; the traceback goes to the logs (and Sentry).
        logger.exception("scheduled job %s failed", command_name)
    finally:
        close_old_connections()


class Command(BaseCommand):
    help = "Run every job of config/schedule.toml at its interval (the compose scheduler service)."

    def add_arguments(self, parser):
        parser.add_argument("--list", action="store_true", help="print the schedule as a table")
        parser.add_argument("--once", action="store_true", help="run every job once and exit")

    def handle(self, *args, list=False, once=False, **options):
        jobs = load_jobs()
        if list:
            self.stdout.write(markdown_table(jobs))
            return
        if once:
            for job in jobs:
                run_job(job.command)
            return
        scheduler = BlockingScheduler(timezone=settings.TIME_ZONE)
        for job in jobs:
            trigger = (
                CronTrigger(hour=job.at[0], minute=job.at[1], timezone=settings.TIME_ZONE)
                if job.at
                else IntervalTrigger(minutes=job.every_minutes)
            )
            scheduler.add_job(
                run_job,
                trigger,
                args=[job.command],
                id=job.command,
                max_instances=1,
                coalesce=True,
                misfire_grace_time=300,
            )
        self.stdout.write(f"scheduler: {len(jobs)} jobs from {settings.SCHEDULE_FILE}")
        scheduler.start()
