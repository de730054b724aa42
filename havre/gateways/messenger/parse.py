"""Reading a Messenger webhook payload into Havre's texts and delivery reports.

Each entry is one Page's events; those of another Page are not this
channel's. A `message` event becomes a text (attachments only counted, their
URLs never read); a `delivery` event delivers the messages it lists; an echo
of the Page's own message says it was sent; a reaction keeps its emoji.
Postbacks, reads without message ids, referrals, opt-ins and standby events
are acknowledged and left alone. Messenger's webhooks carry no names, and
Havre never asks the profile API for one.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from havre.conversations.models import Channel
from havre.gateways.handling import DeliveryReport, InboundText
from havre.gateways.messenger.wire import MAX_ID_LENGTH, OBJECT
from havre.gateways.refs import provider_ref
from havre.vault import addresses
from havre.vault.addresses import AddressKind


class MalformedPayloadError(ValueError):
    """Not a payload Messenger would send; nothing of it is stored."""


@dataclasses.dataclass(frozen=True)
class Parsed:
    texts: list[InboundText]
    reports: list[DeliveryReport]


def _list(value: object) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise MalformedPayloadError
    return value


def _dict(value: object) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise MalformedPayloadError
    return value


def _str(value: object, *, optional: bool = False) -> str:
    if value is None and optional:
        return ""
    if not isinstance(value, str):
        raise MalformedPayloadError
    return value


def _id(value: object) -> str:
    text = _str(value)
    if not text or len(text) > MAX_ID_LENGTH:
        raise MalformedPayloadError
    return text


def _psid(value: object) -> str:
    try:
        return addresses.normalize(AddressKind.MESSENGER, _str(_dict(value).get("id")))
    except addresses.InvalidAddressError:
        raise MalformedPayloadError from None


def parse(payload: dict[str, Any], channel: Channel) -> Parsed:
    if payload.get("object") != OBJECT:
        raise MalformedPayloadError
    parsed = Parsed([], [])
    for entry in _list(payload.get("entry")):
        entry = _dict(entry)
        if _str(entry.get("id")) != channel.address:
            continue
        for event in _list(entry.get("messaging")):
            _event(_dict(event), channel, parsed)
    return parsed


def _event(event: dict[str, Any], channel: Channel, parsed: Parsed) -> None:
    if "message" in event:
        message = _dict(event["message"])
        mid = _id(message.get("mid"))
        if message.get("is_echo") is True:
            # The Page's own message, echoed back: the reply has left.
            parsed.reports.append(DeliveryReport(provider_ref(channel.pk, mid), "sent"))
            return
        sender = _psid(event.get("sender"))
        body = _str(message.get("text"), optional=True)
        media = len(_list(message.get("attachments")))
        if not body and not media:
            media = 1  # something Messenger did not describe, such as a sticker alone
        parsed.texts.append(InboundText(provider_ref(channel.pk, mid), sender, body, media))
    elif "delivery" in event:
        delivery = _dict(event["delivery"])
        for mid in _list(delivery.get("mids")):
            parsed.reports.append(DeliveryReport(provider_ref(channel.pk, _id(mid)), "delivered"))
    elif "reaction" in event:
        reaction = _dict(event["reaction"])
        emoji = _str(reaction.get("emoji"), optional=True)
        if reaction.get("action") != "react" or not emoji:
            return
        sender = _psid(event.get("sender"))
        mid = _id(reaction.get("mid"))
        stamp = event.get("timestamp")
        if not isinstance(stamp, int) or isinstance(stamp, bool):
            raise MalformedPayloadError
        ref = provider_ref(channel.pk, f"reaction:{mid}:{stamp}")
        parsed.texts.append(InboundText(ref, sender, emoji, 0))
