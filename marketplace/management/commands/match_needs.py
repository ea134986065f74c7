from marketplace.selectors import published_needs
from search.matching import match_need

from ._match_base import MatchCommand


class Command(MatchCommand):
    help = "Print the best achievements for every published need (and challenge), one JSON a line."
    source_key = "need"
    target_key = "achievement"

    def listings(self):
        return published_needs().order_by("pk")

    def match(self, listing, limit):
        return match_need(listing, limit=limit)
