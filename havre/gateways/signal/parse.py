"""Reading one signal-cli `receive` event into Havre's texts and delivery reports.

A texter is known by her Signal account (its UUID), or by her number only
when Signal gives no UUID. Her profile name (`sourceName`), attachments,
stickers, shared contacts and quoted messages are never kept: attachments
only counted. Group messages, stories, edits, typing, calls and the helpline
account's own sync messages are not conversations with a texter and are left
alone.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from havre.conversations.models import Channel
from havre.gateways.handling import DeliveryReport, InboundText
from havre.gateways.refs import provider_ref
from havre.gateways.signal.wire import inbound_key, outbound_key
from havre.vault import addresses
from havre.vault.addresses import AddressKind

# What a texter can send that Havre cannot show; she gets the kind explanation.
_UNSHOWABLE = ("payment", "pollCreate", "pollVote", "pollTerminate")


class MalformedEventError(ValueError):
    """Not an event signal-cli sends; it is skipped whole."""


@dataclasses.dataclass(frozen=True)
class Parsed:
    texts: list[InboundText]
    reports: list[DeliveryReport]


def _dict(value: object) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise MalformedEventError
    return value


def _list(value: object) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise MalformedEventError
    return value


def _stamp(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise MalformedEventError
    return value


def _source(envelope: dict[str, Any]) -> str:
    raw = envelope.get("sourceUuid") or envelope.get("sourceNumber")
    if not isinstance(raw, str):
        raise MalformedEventError
    try:
        return addresses.normalize(AddressKind.SIGNAL, raw)
    except addresses.InvalidAddressError:
        raise MalformedEventError from None


def parse(data: dict[str, Any], channel: Channel) -> Parsed:
    parsed = Parsed([], [])
    account = data.get("account")
    if account is not None and account != channel.address:
        return parsed
    envelope = data.get("envelope")
    if envelope is None:
        return parsed  # an error signal-cli reports about a message it could not read
    envelope = _dict(envelope)
    if "dataMessage" in envelope:
        text = _data_message(_dict(envelope["dataMessage"]), envelope, channel)
        if text is not None:
            parsed.texts.append(text)
    elif "receiptMessage" in envelope:
        receipt = _dict(envelope["receiptMessage"])
        source = _source(envelope)
        for stamp in _list(receipt.get("timestamps")):
            ref = provider_ref(channel.pk, outbound_key(source, _stamp(stamp)))
            parsed.reports.append(DeliveryReport(ref, "delivered"))
    return parsed


def _data_message(
    message: dict[str, Any], envelope: dict[str, Any], channel: Channel
) -> InboundText | None:
    if message.get("groupInfo") is not None or message.get("remoteDelete") is not None:
        return None
    if message.get("isExpirationUpdate") is True:
        return None
    source = _source(envelope)
    stamp = _stamp(message.get("timestamp", envelope.get("timestamp")))
    body, media = "", 0
    reaction = message.get("reaction")
    if reaction is not None:
        reaction = _dict(reaction)
        emoji = reaction.get("emoji")
        if reaction.get("isRemove") is True or not isinstance(emoji, str) or not emoji:
            return None
        body = emoji
    else:
        text = message.get("message")
        if text is not None and not isinstance(text, str):
            raise MalformedEventError
        body = text or ""
        media = len(_list(message.get("attachments"))) + len(_list(message.get("contacts")))
        if message.get("sticker") is not None:
            media += 1
        if not body and not media:
            if not any(message.get(key) is not None for key in _UNSHOWABLE):
                return None  # a profile key, a timer: nothing she wrote
            media = 1
    ref = provider_ref(channel.pk, inbound_key(source, stamp))
    return InboundText(ref, source, body, media)
