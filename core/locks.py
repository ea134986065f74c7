"""One lock per job name, held for the length of a run, so runs never overlap anywhere.

On PostgreSQL: a session advisory lock (released by the server if the process dies). Elsewhere
(the SQLite demo): an entry in the cache with an expiry, good enough for a single machine.
"""

import hashlib
from contextlib import contextmanager

from django.core.cache import cache
from django.db import connection

CACHE_LOCK_SECONDS = 6 * 60 * 60


def _key(name: str) -> int:
    digest = hashlib.blake2b(f"linyi-job:{name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


@contextmanager
def exclusive(name: str):
    """Yield True when this process holds the lock for `name`, False when another run does."""
    if connection.vendor == "postgresql":
        key = _key(name)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
            held = cursor.fetchone()[0]
        try:
            yield held
        finally:
            if held:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
        return
    cache_key = f"job-lock:{name}"
    held = cache.add(cache_key, 1, CACHE_LOCK_SECONDS)
    try:
        yield held
    finally:
        if held:
            cache.delete(cache_key)
