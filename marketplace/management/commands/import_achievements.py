from ._import_base import ImportCommand


class Command(ImportCommand):
    help = "Import achievements from .jsonl/.csv/.xlsx; upserts on external_id, reports bad rows."
    kind = "achievements"
