"""Who may give feedback on match cards (django-rules, composed from accounts' predicates)."""

import rules

from accounts.rules import is_org_member, is_staff

# Members of the listing's organization judge the matches shown for it; staff may curate.
rules.add_perm("portal_search.give_match_feedback", is_org_member | is_staff)
