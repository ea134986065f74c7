"""Work queues: what waits for a person, told by each app, shown together on the dashboard.

Each app answers `work_for(user) -> list[WorkItem]` in its selectors (a few COUNT queries, never
lists); portal registers those functions under the WORK_FOR hook, and the dashboard calls
`work_for` here. So marketplace's dashboard shows challenges' and brokerage's work without
importing them.
"""

from dataclasses import dataclass

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


def work_for(user) -> list[WorkItem]:
    """Every app's items for the user, in the order portal registered the apps."""
    if not getattr(user, "is_authenticated", False):
        return []
    return [item for items in hooks.run(WORK_FOR, user=user) for item in items]
