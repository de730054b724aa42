"""One HTTP client per provider per process, built once and shared by every send.

A client keeps its connections open between sends (and is safe to share
between worker threads), so a burst of replies does not pay a TLS handshake
each.
"""

from __future__ import annotations

import threading

import httpx
from django.conf import settings

DEFAULT_TIMEOUT = httpx.Timeout(15.0, connect=5.0)

_clients: dict[str, httpx.Client] = {}
_lock = threading.Lock()


def client(provider: str) -> httpx.Client:
    """The process's client for this provider."""
    with _lock:
        found = _clients.get(provider)
        if found is None:
            found = _clients[provider] = httpx.Client(
                timeout=DEFAULT_TIMEOUT,
                limits=httpx.Limits(max_connections=20, max_keepalive_connections=10),
                follow_redirects=False,
            )
        return found


def api_base(name: str, default: str) -> str:
    """A provider API's address: its real one, or the fake's that settings name."""
    return str(settings.HAVRE_API_BASES.get(name, default)).rstrip("/")
