"""What a 榜单 made from a need takes from it: the one mapping, used by 转为榜单
(services.promote_need_to_challenge), by the import of a need row with a bounty
(services.create_challenge_for_imported_need) and by the migration that turned the needs of kind
"challenge" into 榜单 (migration 0007). It reads plain attributes only, so a migration's
historical Need does as well as the model."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from .workdays import SHANGHAI

# A need without a deadline gives its 榜单 this many days from today, closing at 17:00.
DEFAULT_DEADLINE_DAYS = 30
DEADLINE_TIME = time(17, 0)


def deadline_from(day: date | None, *, today: date) -> datetime:
    """A need's deadline (a date) as a 榜单's: 17:00 Beijing time that day."""
    day = day or today + timedelta(days=DEFAULT_DEADLINE_DAYS)
    return datetime.combine(day, DEADLINE_TIME, tzinfo=SHANGHAI)


def fields_from_need(need, *, bounty: Decimal | None, today: date) -> dict:
    """The 榜单's own fields (organization and industry are the need's). The bounty is the one
    given, else what the need would spend (its budget's ceiling, else its floor), else 0."""
    return {
        "title": need.title,
        "problem_statement": need.description,
        "bounty_cny": bounty or need.budget_max_cny or need.budget_min_cny or Decimal("0"),
        "deadline": deadline_from(need.deadline, today=today),
    }
