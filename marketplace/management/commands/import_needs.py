from ._import_base import ImportCommand


class Command(ImportCommand):
    help = "Import needs from .jsonl/.csv/.xlsx; upserts on external_id, reports bad rows."
    kind = "needs"
