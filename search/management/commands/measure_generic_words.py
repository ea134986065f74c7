import json
from pathlib import Path

from django.core.management.base import BaseCommand

from search import generic
from search.indexing import listing_text, published_listings


class Command(BaseCommand):
    help = "Measure the generic words (said in listings of nearly every industry) into a data file."

    def add_arguments(self, parser):
        parser.add_argument(
            "--data",
            action="append",
            help="a labelled set's directory (achievements.jsonl, needs.jsonl) instead of the"
            " published listings; repeatable",
        )

    def handle(self, *args, data=None, **options):
        listings = list(_from_files(data) if data else _published())
        rows = generic.measure(listings)
        industries = len({industry for industry, _ in listings})
        generic.write(rows, listings=len(listings), industries=industries)
        self.stdout.write(f"{len(rows)} generic words from {len(listings)} listings")
        self.stdout.write("、".join(word for word, _, _ in rows))


def _published():
    for listing in published_listings():
        title, keywords, body = listing_text(listing)
        industry = getattr(getattr(listing, "industry", None), "code", "") or ""
        yield industry, " ".join([title, " ".join(keywords), body])


def _from_files(directories):
    for directory in directories:
        for name, body_key in (("achievements.jsonl", "summary"), ("needs.jsonl", "description")):
            for line in (Path(directory) / name).read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    words = " ".join(row.get("keywords") or [])
                    yield row["industry"], " ".join([row["title"], words, row.get(body_key, "")])
