"""JSON endpoints for organization and broker profiles and the caller's own roles."""

from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.security import django_auth

from . import rules, selectors
from .authorization import authorize
from .contacts import contact_card
from .models import BrokerProfile, Membership, Organization

router = Router(tags=["accounts"])


@router.get("/orgs/{org_id}")
def organization_detail(request, org_id: int):
    org = get_object_or_404(Organization, pk=org_id)
    data = {
        "id": org.pk,
        "name": org.name,
        "kind": org.kind,
        "region": org.region,
        "verification_status": org.verification_status,
        "description": org.description,
        "url": org.get_absolute_url(),
    }
    # The code is public only once staff have checked it against the licence.
    if org.is_verified:
        data["credit_code"] = org.credit_code
    data["contact"] = contact_card(request.user, org)
    if request.user.has_perm("accounts.submit_verification", org) or rules.is_staff(request.user):
        data["rejection_reason"] = org.rejection_reason
    return data


@router.get("/brokers/{broker_id}")
def broker_detail(request, broker_id: int):
    profile = get_object_or_404(BrokerProfile.objects.select_related("user"), pk=broker_id)
    authorize(request, "accounts.view_brokerprofile", profile, missing="404")
    return {
        "id": profile.pk,
        "name": profile.user.get_full_name(),
        "certificate_number": profile.certificate_number,
        "certification_status": profile.certification_status,
        "years_of_experience": profile.years_of_experience,
        "specialties": [i.code for i in profile.specialties.all()],
        "service_regions": profile.service_regions,
        "url": profile.get_absolute_url(),
    }


@router.get("/me", auth=django_auth)
def my_roles(request):
    user = request.user
    memberships = selectors.memberships_of(user)
    return {
        "email": user.email,
        "is_staff": rules.is_staff(user),
        "is_broker": rules.is_broker(user),
        "is_certified_broker": rules.is_certified_broker(user),
        "is_expert": rules.is_expert(user),
        "organizations": [
            {
                "id": m.organization_id,
                "name": m.organization.name,
                "role": m.role,
                "is_admin": m.role in Membership.ADMIN_ROLES,
                "can_publish": rules.can_publish_for_org(user, m.organization),
            }
            for m in memberships
        ],
    }
