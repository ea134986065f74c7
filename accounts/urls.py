from django.urls import path

from .views import members, organizations, profiles

app_name = "accounts"
urlpatterns = [
    path("welcome/", profiles.welcome, name="welcome"),
    path("me/security/", profiles.security, name="security"),
    path("me/delete/", profiles.deletion_request, name="deletion_request"),
    path("me/delete/withdraw/", profiles.deletion_withdraw, name="deletion_withdraw"),
    path("me/broker/", profiles.broker_edit, name="broker_edit"),
    path("me/broker/submit/", profiles.broker_submit, name="broker_submit"),
    path("brokers/", profiles.broker_list, name="broker_list"),
    path("brokers/<int:pk>/", profiles.broker_profile, name="broker_profile"),
    path("orgs/", organizations.my_organizations, name="org_list"),
    path("orgs/new/", organizations.organization_create, name="org_create"),
    path("orgs/<int:pk>/", organizations.organization_profile, name="org_profile"),
    path("orgs/<int:pk>/settings/", organizations.organization_settings, name="org_settings"),
    path(
        "orgs/<int:pk>/verification/",
        organizations.organization_verification,
        name="org_verification",
    ),
    path(
        "orgs/<int:pk>/verification/submit/",
        organizations.organization_submit_verification,
        name="org_submit_verification",
    ),
    path(
        "orgs/<int:pk>/documents/<int:document_pk>/",
        organizations.verification_document,
        name="org_document",
    ),
    path("orgs/<int:pk>/members/", members.organization_members, name="org_members"),
    path(
        "orgs/<int:pk>/members/<int:membership_pk>/remove/",
        members.member_remove,
        name="member_remove",
    ),
    path(
        "orgs/<int:pk>/members/<int:membership_pk>/role/",
        members.member_role,
        name="member_role",
    ),
    path("orgs/<int:pk>/transfer/", members.transfer_ownership, name="org_transfer"),
    path(
        "orgs/<int:pk>/invitations/<int:invitation_pk>/revoke/",
        members.invitation_revoke,
        name="invitation_revoke",
    ),
    path("invitations/<str:token>/", members.invitation_accept, name="invitation_accept"),
]
