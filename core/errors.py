class ActionRefused(Exception):
    """A service refused an action. `message` is translated text fit to show the user as is.

    Every app's refusals subclass this, so a view catches one type whatever the app.
    """

    def __init__(self, message=""):
        super().__init__(str(message))
        self.message = str(message)
