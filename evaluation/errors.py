from core.errors import ActionRefused


class EvaluationError(ActionRefused):
    """A refused evaluation action."""
