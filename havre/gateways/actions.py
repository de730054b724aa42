"""Adding and removing channels, and opening their stored credentials.

Provider credentials are kept only boxed (AES-256-GCM) under a key derived
from HAVRE_SECRET_KEY, which lives outside the database and its backups; the
channel id is the associated data, so a box copied to another row does not
open.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import phonenumbers
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from havre.accounts.models import Program
from havre.audit.actions import record
from havre.gateways.models import Channel, Provider
from havre.gateways.twilio.wire import ACCOUNT_SID_RE
from havre.vault.formats import box, server_key, unbox


class ChannelError(ValueError):
    """A channel cannot be added as asked; the message says why, for the operator."""


def _channel_key() -> bytes:
    return server_key(settings.SECRET_KEY, "channel")


def _aad(channel_id: uuid.UUID) -> bytes:
    return str(channel_id).encode()


def normalise_address(address: str) -> str:
    """The program's number in E.164, or ChannelError."""
    try:
        number = phonenumbers.parse(address, None)
    except phonenumbers.NumberParseException:
        raise ChannelError(
            "the number must be in international form, such as +15145550100"
        ) from None
    # Possible rather than valid: numbering plans change faster than the
    # metadata, and the provider has already accepted this number.
    if not phonenumbers.is_possible_number(number):
        raise ChannelError("the number is not a possible phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def add_channel(
    program: Program, provider: str, *, address: str, account_sid: str, auth_token: str
) -> Channel:
    if provider != Provider.TWILIO:
        raise ChannelError(f"unknown provider {provider!r}")
    address = normalise_address(address)
    account_sid = account_sid.strip()
    auth_token = auth_token.strip()
    if not ACCOUNT_SID_RE.fullmatch(account_sid):
        raise ChannelError("a Twilio account SID is AC followed by 32 hexadecimal digits")
    if not auth_token or any(c.isspace() for c in auth_token):
        raise ChannelError("the auth token is empty or contains spaces")
    channel = Channel(
        id=uuid.uuid4(),
        program=program,
        provider=provider,
        address=address,
        config={"account_sid": account_sid},
    )
    secret = json.dumps({"auth_token": auth_token}).encode()
    channel.secret_box = box(_channel_key(), secret, _aad(channel.id))
    try:
        with transaction.atomic():
            channel.save(force_insert=True)
        record(program, None, "channel.add", channel.id)
    except IntegrityError:
        raise ChannelError("a channel already uses this number; remove it first") from None
    return channel


def remove_channel(channel: Channel) -> None:
    """Stop the channel and forget its credentials.

    The row stays, since conversations and messages point at it; webhooks
    for it are refused from now on.
    """
    with transaction.atomic():
        removed = Channel.objects.filter(pk=channel.pk, removed_at=None).update(
            removed_at=timezone.now(), secret_box=b""
        )
        if removed:
            record(channel.program, None, "channel.remove", channel.id)
    channel.refresh_from_db()


def channel_secret(channel: Channel) -> dict[str, Any]:
    """The channel's provider credentials, such as {"auth_token": ...}."""
    if channel.removed_at is not None or not channel.secret_box:
        raise ChannelError("the channel was removed")
    opened = unbox(_channel_key(), bytes(channel.secret_box), _aad(channel.id))
    secret = json.loads(opened)
    if not isinstance(secret, dict):
        raise ChannelError("the channel's credentials are unreadable")
    return secret
