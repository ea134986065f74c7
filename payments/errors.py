class PaymentError(Exception):
    """A payment action the rules forbid; str(exc) is a translated message fit for the user."""
