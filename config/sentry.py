"""Error reports through sentry-sdk (a self-hosted Sentry reachable from the stack)."""

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration


def init_sentry(*, dsn: str, environment: str = "production", traces_sample_rate: float = 0.0):
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        traces_sample_rate=traces_sample_rate,
        # sentry-sdk's default sends no personal data (no cookies, user e-mails or bodies), as
        # 个人信息保护法 wants; do not turn it on.
        integrations=[DjangoIntegration()],
    )
