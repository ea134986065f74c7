from django_tasks import task


@task()
def flag_overdue_engagements() -> int:
    """Periodic: tell brokers and staff about engagements past their stage's target duration."""
    from .services import flag_overdue_engagements as flag

    return flag()
