from core.errors import ActionRefused


class BrokerageError(ActionRefused):
    """A refused operation; the message is user-facing (already translated)."""


class NotAllowed(BrokerageError):
    """The actor may not do this on this engagement."""
