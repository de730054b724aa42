"""Storing channels, and opening their stored credentials.

Provider credentials are kept only boxed (AES-256-GCM) under a key derived
from HAVRE_SECRET_KEY, which lives outside the database and its backups; the
channel id is the associated data, so a box copied to another row does not
open. What a provider's credentials look like is checked by its gateway
(`havre.gateways.actions.add_channel`) before they reach this module.
"""

from __future__ import annotations

import dataclasses
import json
import uuid
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from havre.accounts.models import Program
from havre.audit.actions import record
from havre.conversations.models import Channel, Conversation, Status
from havre.vault.addresses import AddressKind
from havre.vault.formats import box, server_key, unbox


class ChannelError(ValueError):
    """A channel cannot be added or used as asked; the message says why, for the operator."""


def _channel_key() -> bytes:
    return server_key(settings.SECRET_KEY, "channel")


def _aad(channel_id: uuid.UUID) -> bytes:
    return str(channel_id).encode()


def store_channel(
    program: Program,
    provider: str,
    *,
    address: str,
    config: dict[str, Any],
    secret: dict[str, Any],
    address_kind: AddressKind = AddressKind.PHONE,
) -> Channel:
    """A new live channel with its credentials boxed; ChannelError if the address is taken."""
    channel = Channel(
        id=uuid.uuid4(),
        program=program,
        provider=provider,
        address_kind=address_kind,
        address=address,
        config=config,
    )
    channel.secret_box = box(_channel_key(), json.dumps(secret).encode(), _aad(channel.id))
    try:
        with transaction.atomic():
            channel.save(force_insert=True)
        record(program, None, "channel.add", channel.id)
    except IntegrityError:
        raise ChannelError("a channel already uses this number; remove it first") from None
    return channel


@dataclasses.dataclass(frozen=True)
class Removal:
    """What removing a channel left behind: its conversations still open."""

    open_conversations: int


def remove_channel(channel: Channel) -> Removal:
    """Stop the channel at once and forget its credentials.

    The row stays, since conversations and messages point at it. Its webhooks
    answer 404 from now on and its event stream is no longer read. Its open
    conversations stay open, readable, but no reply can leave through it; a
    text from the same texter on another channel of the same kind moves her
    conversation there.
    """
    with transaction.atomic():
        removed = Channel.objects.filter(pk=channel.pk, removed_at=None).update(
            removed_at=timezone.now(), secret_box=b""
        )
        if removed:
            record(channel.program_id, None, "channel.remove", channel.id)
    channel.refresh_from_db()
    still_open = Conversation.objects.filter(channel=channel, status=Status.OPEN).count()
    return Removal(open_conversations=still_open)


def channel_secret(channel: Channel) -> dict[str, Any]:
    """The channel's provider credentials, such as {"auth_token": ...}."""
    if channel.removed_at is not None or not channel.secret_box:
        raise ChannelError("the channel was removed")
    opened = unbox(_channel_key(), bytes(channel.secret_box), _aad(channel.id))
    secret = json.loads(opened)
    if not isinstance(secret, dict):
        raise ChannelError("the channel's credentials are unreadable")
    return secret
