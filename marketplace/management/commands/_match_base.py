"""Shared body of match_needs and match_achievements."""

import json

from django.core.management.base import BaseCommand, CommandError


def listing_key(listing) -> str:
    return listing.external_id or str(listing.pk)


def match_key(m) -> str:
    """The external id, else the primary key; a 揭榜挂帅榜单 (no external id, and a primary key
    of its own table) is "challenge:<pk>"."""
    if m.external_id:
        return m.external_id
    return f"{m.model}:{m.pk}" if m.model == "challenge" else str(m.pk)


class MatchCommand(BaseCommand):
    source_key = ""
    target_key = ""

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=10, help="matches per listing")
        parser.add_argument("--format", choices=["jsonl", "text"], default="jsonl")

    def listings(self):
        raise NotImplementedError

    def match(self, listing, limit):
        raise NotImplementedError

    def handle(self, *args, limit=10, format="jsonl", **options):
        if limit < 1:
            raise CommandError("--limit must be at least 1")
        for listing in self.listings():
            matches = self.match(listing, limit)
            if format == "jsonl":
                line = {
                    self.source_key: listing_key(listing),
                    "matches": [
                        {
                            self.target_key: match_key(m),
                            "score": round(m.score, 4),
                            "why": m.why,
                        }
                        for m in matches
                    ],
                }
                self.stdout.write(json.dumps(line, ensure_ascii=False))
            else:
                self.stdout.write(f"{listing_key(listing)}  {listing.title}")
                for rank, m in enumerate(matches, 1):
                    self.stdout.write(f"  {rank:>2}. {m.score:.3f} {m.title} — {'；'.join(m.why)}")
