"""Adding and removing channels.

A provider's settings are checked by its own folder (see `spec.ProviderSpec`);
its credentials are stored only boxed (see `credentials`).
"""

from __future__ import annotations

import dataclasses
import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone

from havre.accounts.models import Program
from havre.audit.actions import record
from havre.conversations.models import Conversation, Status
from havre.gateways.credentials import ChannelError, seal_secret
from havre.gateways.models import Channel
from havre.gateways.registry import PROVIDERS

__all__ = ["ChannelError", "Removal", "add_channel", "remove_channel"]


def add_channel(program: Program, provider: str, **values: str) -> Channel:
    """Connect a provider account to the program, with the settings its folder asks for.

    `address` may stand for `number`, the name most providers give the
    program's own number.
    """
    spec = PROVIDERS.get(provider)
    if spec is None:
        raise ChannelError(f"unknown provider {provider!r}")
    if "address" in values:
        values.setdefault("number", values.pop("address"))
    new = spec.validate(values)
    channel = Channel(
        id=uuid.uuid4(),
        program=program,
        provider=spec.name,
        address_kind=spec.address_kind,
        address=new.address,
        config=new.config,
    )
    channel.secret_box = seal_secret(channel.id, new.secret)
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
            record(channel.program, None, "channel.remove", channel.id)
    channel.refresh_from_db()
    still_open = Conversation.objects.filter(channel=channel, status=Status.OPEN).count()
    return Removal(open_conversations=still_open)
