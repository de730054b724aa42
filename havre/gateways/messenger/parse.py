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

from typing import Any

from havre.conversations.models import Channel
from havre.gateways.handling import DeliveryReport, InboundText
from havre.gateways.messenger.wire import OBJECT
from havre.gateways.meta.payload import (
    MalformedPayloadError,
    Parsed,
    as_dict,
    as_id,
    as_list,
    as_str,
)
from havre.gateways.refs import provider_ref
from havre.vault import addresses
from havre.vault.addresses import AddressKind


def _psid(value: object) -> str:
    try:
        return addresses.normalize(AddressKind.MESSENGER, as_str(as_dict(value).get("id")))
    except addresses.InvalidAddressError:
        raise MalformedPayloadError from None


def parse(payload: dict[str, Any], channel: Channel) -> Parsed:
    if payload.get("object") != OBJECT:
        raise MalformedPayloadError
    parsed = Parsed([], [])
    for entry in as_list(payload.get("entry")):
        entry = as_dict(entry)
        if as_str(entry.get("id")) != channel.address:
            continue
        for event in as_list(entry.get("messaging")):
            _event(as_dict(event), channel, parsed)
    return parsed


def _event(event: dict[str, Any], channel: Channel, parsed: Parsed) -> None:
    if "message" in event:
        message = as_dict(event["message"])
        mid = as_id(message.get("mid"))
        if message.get("is_echo") is True:
            # The Page's own message, echoed back: the reply has left.
            parsed.reports.append(DeliveryReport(provider_ref(channel.pk, mid), "sent"))
            return
        sender = _psid(event.get("sender"))
        body = as_str(message.get("text"), optional=True)
        media = len(as_list(message.get("attachments")))
        if not body and not media:
            media = 1  # something Messenger did not describe, such as a sticker alone
        parsed.texts.append(InboundText(provider_ref(channel.pk, mid), sender, body, media))
    elif "delivery" in event:
        delivery = as_dict(event["delivery"])
        for mid in as_list(delivery.get("mids")):
            parsed.reports.append(DeliveryReport(provider_ref(channel.pk, as_id(mid)), "delivered"))
    elif "reaction" in event:
        reaction = as_dict(event["reaction"])
        emoji = as_str(reaction.get("emoji"), optional=True)
        if reaction.get("action") != "react" or not emoji:
            return
        sender = _psid(event.get("sender"))
        mid = as_id(reaction.get("mid"))
        stamp = event.get("timestamp")
        if not isinstance(stamp, int) or isinstance(stamp, bool):
            raise MalformedPayloadError
        ref = provider_ref(channel.pk, f"reaction:{mid}:{stamp}")
        parsed.texts.append(InboundText(ref, sender, emoji, 0))
