"""Account erasure (accounts.services.erasure runs this through its ERASE_PERSON hook).
Applications and reviews stay (public results and 公示); the person's details go."""

from accounts.services.erasure import ERASED_NAME

from ..models import ConfidentialityPledge, TeamMember


def erase_person(*, user, name: str, **originals) -> None:
    ConfidentialityPledge.objects.filter(user=user).update(ip_address=None)
    if name:
        TeamMember.objects.filter(application__lead=user, name=name).update(name=ERASED_NAME)
