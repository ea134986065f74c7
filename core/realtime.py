"""Live connections (WebSockets) end when access ends.

Every consumer joins its user's group (`user_group`). A service that ends someone's access
calls `recheck_live_access` for those users (or for a consumer's own group, e.g. a room); on
commit, each of their open sockets is told to check its access again and closes if it lost it.
"""

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)

# The event consumers receive; they handle it in `access_recheck`.
RECHECK_EVENT = "access.recheck"


def user_group(user_id: int) -> str:
    return f"user-{user_id}"


def recheck_live_access(*, user_ids=(), groups=()) -> None:
    """After the current transaction commits, have the named users' sockets re-check access."""
    targets = [*(user_group(pk) for pk in user_ids), *groups]
    if targets:
        transaction.on_commit(lambda: _send(targets))


def _send(groups: list[str]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    send = async_to_sync(layer.group_send)
    for group in dict.fromkeys(groups):
        try:
            send(group, {"type": RECHECK_EVENT})
        except Exception:  # noqa: BLE001 - the change is committed; sockets re-check per frame
            logger.exception("could not ask group %s to re-check access", group)
