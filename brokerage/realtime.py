"""Names shared by the room consumer and the services that end access to a room."""


def group_name(engagement_id: int) -> str:
    """The channel-layer group of an engagement's negotiation room."""
    return f"engagement-room-{engagement_id}"
