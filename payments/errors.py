from core.errors import ActionRefused


class PaymentError(ActionRefused):
    """A payment action the rules forbid; the message is translated, fit for the user."""
