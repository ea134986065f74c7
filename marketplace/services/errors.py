class ListingActionRefused(Exception):
    """A service refused an action; str(exc) is a Chinese message fit for the user."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = str(message)
