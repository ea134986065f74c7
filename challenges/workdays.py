"""Working-day arithmetic for 公示 periods and deadlines (Asia/Shanghai dates).

Working days follow the State Council's holiday schedule (法定节假日 and 调休 make-up workdays)
from the `chinese-calendar` package. For a year the package has no data for yet, weekends-only
counting is used and a warning is logged once per year, so an operator knows to upgrade the
package when the State Council publishes the next schedule (usually in November).
"""

import logging
from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import chinese_calendar

SHANGHAI = ZoneInfo("Asia/Shanghai")
logger = logging.getLogger(__name__)


@cache
def _warn_no_schedule(year: int) -> None:
    logger.warning(
        "No State Council holiday schedule for %s in chinese-calendar %s: counting weekends only. "
        "Upgrade the package once the schedule is published.",
        year,
        chinese_calendar.__version__,
    )


def has_schedule(year: int) -> bool:
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


def is_working_day(day: date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        _warn_no_schedule(day.year)
        return day.weekday() < 5


def add_working_days(start: date, days: int) -> date:
    """The date of the `days`-th working day after `start` (start itself is not counted)."""
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    counted = 0
    while counted < days:
        current += timedelta(days=1)
        if is_working_day(current):
            counted += 1
    return current


def notice_period_end(start: datetime, days: int) -> datetime:
    """A notice that starts at `start` runs `days` full working days after that day: it ends at
    midnight (Beijing time) after the last of them."""
    local_start = start.astimezone(SHANGHAI).date()
    last_day = add_working_days(local_start, days)
    return datetime.combine(last_day + timedelta(days=1), time.min, tzinfo=SHANGHAI)
