"""Account erasure (accounts.services.erasure runs this through its ERASE_PERSON hook)."""

from accounts.services.erasure import blank_contact_fields

from ..models import Achievement, Favourite, Inquiry, Need


def erase_person(*, user, email: str, phone: str, name: str) -> None:
    Favourite.objects.filter(user=user).delete()
    # A broker may have acted on an inquiry: the row stays, its words go.
    Inquiry.objects.filter(user=user).update(message="", status=Inquiry.Status.CLOSED)
    for model in (Achievement, Need):
        blank_contact_fields(model, email=email, phone=phone, name=name)
