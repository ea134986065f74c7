"""Who may download the exports filed with the science bureau: platform staff only."""

import rules

from accounts.rules import is_staff

rules.add_perm("reports.export", is_staff)
