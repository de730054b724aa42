"""Rate limits on the web chat that remember no visitor.

Counters live in Django's cache (memory, or Redis in scale-out) for a
minute or an hour, never in the database, and are keyed by an HMAC under a
key derived from HAVRE_SECRET_KEY: the cache holds no IP address, and its
keys cannot be reversed by trying every address without the server's
secret. Nothing here is logged but the kind of limit that was reached.

- per visitor: the texts of one chat session, and the sessions started from
  one network address (the address is hashed at once and then forgotten);
- per program: the sessions started on its chat, and how many are open at once.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from havre.vault.formats import server_key

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limit:
    name: str
    count: int
    window_seconds: int


TEXTS_PER_SESSION = Limit("texts", 20, 60)
STARTS_PER_ADDRESS = Limit("starts-address", 6, 3600)
STARTS_PER_PROGRAM = Limit("starts-program", 60, 60)
# Sessions open at once on one program's chat before new ones wait.
OPEN_SESSIONS_PER_PROGRAM = 200


def _key(limit: Limit, subject: str) -> str:
    secret = server_key(settings.SECRET_KEY, "chat-limits")
    digest = hmac.new(secret, f"{limit.name}\x00{subject}".encode(), hashlib.sha256)
    return f"havre:chat:{limit.name}:{digest.hexdigest()[:32]}"


def allow(limit: Limit, subject: str) -> bool:
    """Count one use; False once `limit.count` uses were counted in the window."""
    name = _key(limit, subject)
    if cache.add(name, 1, timeout=limit.window_seconds):
        return True
    try:
        used = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.add(name, 1, timeout=limit.window_seconds)
        return True
    if used > limit.count:
        logger.info("chat rate limit reached: limit=%s", limit.name)
        return False
    return True


def address_of(request: HttpRequest) -> str:
    # The peer's address as havre.proxies settled it; used only as a cache key's input.
    return str(request.META.get("REMOTE_ADDR", ""))
