"""Error reports through sentry-sdk (a self-hosted Sentry reachable from the stack)."""

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration


def init_sentry(*, dsn: str, environment: str = "production", traces_sample_rate: float = 0.0):
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        traces_sample_rate=traces_sample_rate,
        integrations=[DjangoIntegration()],
        # Personal data stays out of reports (个人信息保护法): no cookies, user e-mails or bodies.
        send_default_pii=False,
    )
