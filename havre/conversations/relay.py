"""The plaintext of a reply on its way to the provider, and nowhere else.

The browser sends the reply text and number once; the server must hold them
until the provider accepts the message, across retries, without putting them
in the database or a task payload. They wait in the cache (process memory when
embedded, Redis when scaled out), boxed under a key derived from the server
secret, and are dropped as soon as the send succeeds or gives up.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from havre.vault import formats

RELAY_TTL_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Relay:
    to: str
    body: str


def _key() -> bytes:
    return formats.server_key(settings.SECRET_KEY, "relay")


def _cache_key(message_id: uuid.UUID) -> str:
    return f"relay:{message_id}"


def put(message_id: uuid.UUID, relay: Relay) -> None:
    plaintext = json.dumps({"to": relay.to, "body": relay.body}).encode()
    boxed = formats.box(_key(), plaintext, str(message_id).encode())
    cache.set(_cache_key(message_id), boxed, RELAY_TTL_SECONDS)


def get(message_id: uuid.UUID) -> Relay | None:
    boxed = cache.get(_cache_key(message_id))
    if boxed is None:
        return None
    try:
        data = json.loads(formats.unbox(_key(), boxed, str(message_id).encode()))
    except (formats.FormatError, ValueError):
        return None
    return Relay(to=data["to"], body=data["body"])


def drop(message_id: uuid.UUID) -> None:
    cache.delete(_cache_key(message_id))
