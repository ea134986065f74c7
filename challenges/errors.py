from core.errors import ActionRefused


class ChallengeError(ActionRefused):
    """A refused challenge action."""
