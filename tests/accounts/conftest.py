import pytest


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run on-commit work (emails are enqueued on commit) as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
