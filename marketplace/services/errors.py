from core.errors import ActionRefused


class ListingActionRefused(ActionRefused):
    """A refused listing action."""
