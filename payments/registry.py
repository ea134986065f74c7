"""What payments takes deposits for, registered by the app that owns it.

Payments sits below challenges: it must not import them. challenges registers its Challenge in
ready(); payments finds the model here and asks each object its own stated attributes
(`accepts_deposit`, `organization`, `bounty_cny`), never its statuses.
"""

from django.db.models import Model

_deposit_target: type[Model] | None = None


def register_deposit_target(model: type[Model]) -> None:
    global _deposit_target
    _deposit_target = model


def deposit_target() -> type[Model]:
    """The model whose objects take a 揭榜保证金 (challenges.Challenge)."""
    if _deposit_target is None:
        raise LookupError("no app registered a deposit target (challenges does, in ready())")
    return _deposit_target
