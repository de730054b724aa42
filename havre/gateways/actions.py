"""Adding and removing channels.

A provider's settings are checked by its own folder (see `spec.ProviderSpec`);
its credentials are stored only boxed (see `credentials`).
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from havre.accounts.models import Program
from havre.audit.actions import record
from havre.conversations.models import Conversation, Status
from havre.gateways.credentials import ChannelError, seal_secret
from havre.gateways.models import Channel, EventStream
from havre.gateways.registry import PROVIDERS

__all__ = [
    "ChannelError",
    "Removal",
    "add_channel",
    "advance_stream",
    "claim_stream",
    "release_stream",
    "remove_channel",
    "stream_position",
]


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


def claim_stream(channel: Channel, holder: str, *, seconds: int) -> bool:
    """Take (or keep) the right to read the channel's event stream for a while.

    A conditional UPDATE: the holder keeps its lease, anyone takes an expired
    one, and two processes never both hold it.
    """
    EventStream.objects.get_or_create(channel=channel)
    now = timezone.now()
    claimed = (
        EventStream.objects.filter(channel=channel)
        .filter(Q(holder=holder) | Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .update(holder=holder, lease_until=now + timedelta(seconds=seconds))
    )
    return claimed == 1


def release_stream(channel: Channel, holder: str) -> None:
    EventStream.objects.filter(channel=channel, holder=holder).update(holder="", lease_until=None)


def advance_stream(channel: Channel, holder: str, event_id: str) -> bool:
    """Remember that every event up to `event_id` is stored; False once the lease is lost."""
    moved = EventStream.objects.filter(channel=channel, holder=holder).update(
        last_event_id=event_id[:64]
    )
    return moved == 1


def stream_position(channel: Channel) -> str:
    found = EventStream.objects.filter(channel=channel).values_list("last_event_id", flat=True)
    return next(iter(found), "")
