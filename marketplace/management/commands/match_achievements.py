from marketplace.selectors import published_achievements
from search.matching import match_achievement

from ._match_base import MatchCommand


class Command(MatchCommand):
    help = "Print the best needs and challenges for every published achievement, one JSON a line."
    source_key = "achievement"
    target_key = "need"

    def listings(self):
        return published_achievements().order_by("pk")

    def match(self, listing, limit):
        return match_achievement(listing, limit=limit)
