"""Adding a channel, and reading a provider's event stream without two processes at once.

A provider's settings are checked by its own folder (see `spec.ProviderSpec`)
before the channel is stored; the channel itself, its boxed credentials and
its removal are kept by `havre.conversations.actions.channels`.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from havre.accounts.models import Program
from havre.conversations.actions.channels import (
    ChannelError,
    Removal,
    remove_channel,
    store_channel,
)
from havre.conversations.models import Channel
from havre.gateways.models import EventStream
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
    return store_channel(
        program,
        spec.name,
        address=new.address,
        address_kind=spec.address_kind,
        config=new.config,
        secret=new.secret,
    )


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
