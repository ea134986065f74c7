"""Writes for accounts, organizations and roles. Every function is keyword-only and atomic."""

from .audit import record_event
from .erasure import erase_due_accounts, withdraw_account_deletion
from .members import (
    accept_invitation,
    change_member_role,
    invite_member,
    remove_member,
    revoke_invitation,
    transfer_ownership,
)
from .organizations import (
    add_verification_document,
    approve_verification,
    create_organization,
    reject_verification,
    submit_verification,
    update_organization,
)
from .profiles import (
    certify_broker,
    reject_broker,
    request_account_deletion,
    save_broker_profile,
    submit_broker_profile,
)

__all__ = [
    "accept_invitation",
    "add_verification_document",
    "approve_verification",
    "certify_broker",
    "change_member_role",
    "create_organization",
    "erase_due_accounts",
    "invite_member",
    "record_event",
    "reject_broker",
    "reject_verification",
    "remove_member",
    "request_account_deletion",
    "revoke_invitation",
    "save_broker_profile",
    "submit_broker_profile",
    "submit_verification",
    "transfer_ownership",
    "update_organization",
    "withdraw_account_deletion",
]
