"""A request id in every log line: taken from the proxy's X-Request-ID or made here, echoed back."""

import logging
import re
import uuid
from contextvars import ContextVar

from django.utils.log import log_response

_current: ContextVar[str] = ContextVar("request_id", default="-")
VALID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def current_request_id() -> str:
    return _current.get()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if VALID.match(incoming) else uuid.uuid4().hex
        token = _current.set(request.id)
        try:
            response = self.get_response(request)
            if response.status_code >= 400:
                # Django logs error responses after the middleware returns; log them here, while
                # the id is set (log_response marks the response, so it is logged once).
                log_response(
                    "%s: %s",
                    response.reason_phrase,
                    request.path,
                    response=response,
                    request=request,
                )
        finally:
            _current.reset(token)
        response["X-Request-ID"] = request.id
        return response


def install_record_factory() -> None:
    """Every log record, whichever handler reads it, carries `request_id`."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "adds_request_id", False):
        return

    def factory(*args, **kwargs):
        record = previous(*args, **kwargs)
        record.request_id = _current.get()
        return record

    factory.adds_request_id = True
    logging.setLogRecordFactory(factory)


class RequestIdFilter(logging.Filter):
    """Puts `request_id` on every record ("-" outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = _current.get()
        return True
