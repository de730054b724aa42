"""Counting failures in Django's cache, to slow down guessing.

A fixed window per key: the first failure starts it, and the key is refused
once `limit` failures are counted, until the window ends. Counting failures
only means a member who types their passphrase right is never held up by
someone else's guesses at a different address.

Keys are hashed, so the cache never holds an email address in clear.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.core.cache import cache
from django.http import HttpRequest

LIMIT = 10
WINDOW_SECONDS = 15 * 60


def key(kind: str, value: str) -> str:
    digest = hashlib.sha256(f"{kind}\x00{value}".encode()).hexdigest()[:32]
    return f"havre:failures:{kind}:{digest}"


def client_key(request: HttpRequest, kind: str = "address") -> str:
    # REMOTE_ADDR only: a forwarded-for header is whatever the client says, and
    # would let one guesser pose as many addresses.
    return key(kind, request.META.get("REMOTE_ADDR", ""))


def is_limited(keys: Iterable[str], limit: int = LIMIT) -> bool:
    counts = cache.get_many(list(keys))
    return any(int(count) >= limit for count in counts.values())


def note_failure(keys: Iterable[str], window: int = WINDOW_SECONDS) -> None:
    for name in keys:
        if not cache.add(name, 1, timeout=window):
            try:
                cache.incr(name)
            except ValueError:  # expired between add and incr
                cache.add(name, 1, timeout=window)


def clear(keys: Iterable[str]) -> None:
    cache.delete_many(list(keys))
