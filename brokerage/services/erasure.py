"""Account erasure (accounts.services.erasure runs this through its ERASE_PERSON hook).
Room messages stay: they are part of the contract's record."""

from ..models import ReadPosition, TrainingRecord


def erase_person(*, user, **originals) -> None:
    ReadPosition.objects.filter(user=user).delete()
    TrainingRecord.objects.filter(broker=user).delete()
