"""Accounts models: people, organizations and memberships, platform roles, the audit log."""

from .audit import AuditEvent
from .core import Membership, Organization, Region, SignupRole, User, UserManager
from .organizations import Invitation, VerificationDocument
from .profiles import AccountDeletionRequest, BrokerProfile, ExpertProfile

__all__ = [
    "AccountDeletionRequest",
    "AuditEvent",
    "BrokerProfile",
    "ExpertProfile",
    "Invitation",
    "Membership",
    "Organization",
    "Region",
    "SignupRole",
    "User",
    "UserManager",
    "VerificationDocument",
]
