"""Work queues: what waits for a person, told by each app, shown together on the dashboard.

Each app answers `work_for(user) -> list[WorkItem]` in its selectors (few queries, never
lists: the lines that count one table are one conditional aggregate, and a role the user does
not hold costs no query); portal registers those functions under the WORK_FOR hook, and the
dashboard calls `work_for` here. So marketplace's dashboard shows challenges' and brokerage's
work without importing them. What several apps ask about the user (their organizations, roles)
is read once per queue through `remembered`.
"""

from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import F

from . import hooks

WORK_FOR = "work_for"


@dataclass(frozen=True)
class WorkItem:
    """One line of a work queue. `count` None is a standing entry (a place to start something,
    shown whatever the count); `urgent` marks what is overdue or blocks someone else."""

    label: str
    url: str
    count: int | None = None
    urgent: bool = False
    hint: str = ""

    @property
    def is_entry(self) -> bool:
        return self.count is None


def counted(label: str, url: str, count: int, **extra) -> list[WorkItem]:
    """A one-item list when something waits, else an empty one (queues show only real work)."""
    return [WorkItem(label=str(label), url=url, count=count, **extra)] if count else []


@dataclass(frozen=True)
class Smallest:
    """For `tally`: the smallest value of `column` in `queryset` (the one object's id, when a
    line links to it alone), None when it has no rows."""

    queryset: object
    column: str = "pk"


def tally(**queries) -> dict:
    """Counts of several querysets of different tables in one SELECT of scalar subqueries:
    tally(objections=qs1, mismatches=qs2) -> {"objections": 3, "mismatches": 0}. A value
    may be a `Smallest` instead. (Lines counting one table are better one conditional
    aggregate: that table is read once.)"""
    columns, params, answers, using = [], [], {}, "default"
    for name, query in queries.items():
        smallest = isinstance(query, Smallest)
        queryset = (
            query.queryset.order_by()
            .annotate(tally_value=F(query.column))
            .values_list("tally_value")
            if smallest
            else query.order_by()
        )
        using = queryset.db
        try:
            sql, query_params = queryset.query.get_compiler(using=using).as_sql()
        except EmptyResultSet:  # e.g. `__in` an empty list: nothing to ask the database
            answers[name] = None if smallest else 0
            continue
        # Django's own compiled SQL, values left as placeholders in `params`: nothing user-typed.
        scalar = (
            "(SELECT MIN(t.tally_value) FROM (%s) AS t)"
            if smallest
            else "(SELECT COUNT(*) FROM (%s) AS t)"
        )
        columns.append((name, scalar.replace("%s", sql, 1)))
        params.extend(query_params)
    if columns:
        connection = connections[using]
        select = ", ".join(f"{sql} AS {connection.ops.quote_name(name)}" for name, sql in columns)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {select}", params)
            answers.update(zip([name for name, _sql in columns], cursor.fetchone(), strict=True))
    return {name: answers[name] for name in queries}


def remembered(user, key: str, compute):
    """`compute()`, once per work queue: the apps' work_for share it while `work_for` runs
    (outside it, computed afresh: a memo on the user must not outlive the request)."""
    memo = getattr(user, "_work_memo", None)
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def work_for(user) -> list[WorkItem]:
    """Every app's items for the user, in the order portal registered the apps."""
    if not getattr(user, "is_authenticated", False):
        return []
    user._work_memo = {}
    try:
        return [item for items in hooks.run(WORK_FOR, user=user) for item in items]
    finally:
        del user._work_memo
