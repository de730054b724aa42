"""Counting sign-in attempts in Django's cache, to slow down guessing.

A fixed window per key: the first attempt starts it, and once `limit`
attempts are counted the key is refused until the window ends. An attempt is
counted *before* the secret is checked, so that thirty guesses sent at once
are thirty counts, and those over the limit are refused without any work;
an attempt that turns out right is forgiven again.

Which keys count an attempt is the caller's choice (see `signin` and
`devices`): a browser the member signed in from before counts against its
own key only, so guesses from elsewhere cannot lock her out.

Keys are keyed hashes (HMAC under a key derived from HAVRE_SECRET_KEY), so
the cache never holds an email or an IP address in clear, nor a plain hash
that anyone could recompute from a list of addresses (every IPv4 address can
be tried in minutes).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from functools import cache as once

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from havre.vault.formats import server_key

LIMIT = 10
WINDOW_SECONDS = 15 * 60


@once
def _secret(server_secret: str) -> bytes:
    return server_key(server_secret, "attempts")


def key(kind: str, value: str) -> str:
    secret = _secret(settings.SECRET_KEY)
    digest = hmac.new(secret, f"{kind}\x00{value}".encode(), hashlib.sha256).hexdigest()[:32]
    return f"havre:attempts:{kind}:{digest}"


def client_key(request: HttpRequest, kind: str = "address") -> str:
    # The peer's address as havre.proxies settled it: a forwarded-for header
    # counts only when it came from a trusted proxy.
    return key(kind, request.META.get("REMOTE_ADDR", ""))


def _count(name: str, window: int) -> int:
    if cache.add(name, 1, timeout=window):
        return 1
    try:
        return int(cache.incr(name))
    except ValueError:  # expired between add and incr
        cache.add(name, 1, timeout=window)
        return 1


def attempt(keys: Iterable[str], limit: int = LIMIT, window: int = WINDOW_SECONDS) -> bool:
    """Count one attempt against every key; False when any key is past its limit."""
    counts = [_count(name, window) for name in keys]
    return all(count <= limit for count in counts)


def forgive(keys: Iterable[str]) -> None:
    """Take back the attempt just counted, which was right."""
    for name in keys:
        try:
            if int(cache.decr(name)) <= 0:
                cache.delete(name)
        except ValueError:  # already expired
            pass


def is_limited(keys: Iterable[str], limit: int = LIMIT) -> bool:
    counts = cache.get_many(list(keys))
    return any(int(count) >= limit for count in counts.values())


def clear(keys: Iterable[str]) -> None:
    cache.delete_many(list(keys))
