class EvaluationError(Exception):
    """A refused action; the message is Chinese and shown to the user as is."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = str(message)
