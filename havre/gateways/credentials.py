"""Opening a channel's stored provider credentials.

Credentials are kept only boxed (AES-256-GCM) under a key derived from
HAVRE_SECRET_KEY, which lives outside the database and its backups; the
channel id is the associated data, so a box copied to another row does not
open.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.conf import settings

from havre.gateways.models import Channel
from havre.vault.formats import box, server_key, unbox


class ChannelError(ValueError):
    """A channel cannot be added or used as asked; the message says why, for the operator."""


def _channel_key() -> bytes:
    return server_key(settings.SECRET_KEY, "channel")


def _aad(channel_id: uuid.UUID) -> bytes:
    return str(channel_id).encode()


def seal_secret(channel_id: uuid.UUID, secret: dict[str, str]) -> bytes:
    return box(_channel_key(), json.dumps(secret).encode(), _aad(channel_id))


def channel_secret(channel: Channel) -> dict[str, Any]:
    """The channel's provider credentials, such as {"auth_token": ...}."""
    if channel.removed_at is not None or not channel.secret_box:
        raise ChannelError("the channel was removed")
    opened = unbox(_channel_key(), bytes(channel.secret_box), _aad(channel.id))
    secret = json.loads(opened)
    if not isinstance(secret, dict):
        raise ChannelError("the channel's credentials are unreadable")
    return secret
