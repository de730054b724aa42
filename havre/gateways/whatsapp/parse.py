"""Reading a WhatsApp webhook payload into Havre's texts and delivery reports.

One payload may hold several changes, each with messages and statuses, for
any of the business account's numbers: those for another number are not this
channel's and are left alone. The payload's `contacts` (profile names,
usernames) are never read, nor any location, contact card or media id: only
how many such items came. A payload that is not what WhatsApp sends is
refused whole, before anything is stored.
"""

from __future__ import annotations

from typing import Any

from havre.conversations.models import Channel
from havre.gateways.handling import DeliveryReport, InboundText
from havre.gateways.meta.graph import WINDOW_CLOSED
from havre.gateways.meta.payload import (
    MalformedPayloadError,
    Parsed,
    as_dict,
    as_id,
    as_list,
    as_str,
)
from havre.gateways.refs import provider_ref
from havre.gateways.whatsapp.wire import (
    ATTACHMENTS,
    CARDS,
    IGNORED,
    OBJECT,
    STATUS_MAP,
)
from havre.vault import addresses
from havre.vault.addresses import AddressKind


def parse(payload: dict[str, Any], channel: Channel) -> Parsed:
    if payload.get("object") != OBJECT:
        raise MalformedPayloadError
    parsed = Parsed([], [])
    for entry in as_list(payload.get("entry")):
        for change in as_list(as_dict(entry).get("changes")):
            change = as_dict(change)
            if change.get("field") != "messages":
                continue
            value = as_dict(change.get("value"))
            metadata = as_dict(value.get("metadata"))
            if as_str(metadata.get("phone_number_id")) != channel.config.get("phone_number_id"):
                continue
            for message in as_list(value.get("messages")):
                text = _message(as_dict(message), channel)
                if text is not None:
                    parsed.texts.append(text)
            for status in as_list(value.get("statuses")):
                parsed.reports.append(_status(as_dict(status), channel))
    return parsed


def _sender(message: dict[str, Any]) -> str:
    # Her number when WhatsApp gives it, else her business-scoped user id.
    raw = message.get("from") or message.get("from_user_id")
    try:
        return addresses.normalize(AddressKind.WHATSAPP, as_str(raw))
    except addresses.InvalidAddressError:
        raise MalformedPayloadError from None


def _message(message: dict[str, Any], channel: Channel) -> InboundText | None:
    wamid = as_id(message.get("id"))
    kind = as_str(message.get("type"))
    if kind in IGNORED:
        return None
    sender = _sender(message)
    body, media = "", 0
    content = message.get(kind)
    if kind == "text":
        body = as_str(as_dict(content).get("body"))
    elif kind in ATTACHMENTS:
        body, media = as_str(as_dict(content).get("caption"), optional=True), 1
    elif kind == "contacts":
        media = max(1, len(as_list(content)))
    elif kind in CARDS:
        media = 1
    elif kind == "reaction":
        body = as_str(as_dict(content).get("emoji"), optional=True)
        if not body:
            return None  # a reaction taken back
    elif kind == "button":
        body = as_str(as_dict(content).get("text"))
    elif kind == "interactive":
        reply = as_dict(content)
        chosen = reply.get("button_reply") or reply.get("list_reply")
        body = as_str(as_dict(chosen).get("title"))
    else:
        # A message WhatsApp could not render for the business ("unsupported"),
        # or a type newer than this code: she sent something Havre cannot show.
        media = 1
    return InboundText(provider_ref(channel.pk, wamid), sender, body, media)


def _status(status: dict[str, Any], channel: Channel) -> DeliveryReport:
    wamid = as_id(status.get("id"))
    name = as_str(status.get("status"))
    code = ""
    for error in as_list(status.get("errors")):
        number = as_dict(error).get("code")
        if isinstance(number, int) and not isinstance(number, bool):
            code = WINDOW_CLOSED if number == 131047 else str(number)
            break
    return DeliveryReport(provider_ref(channel.pk, wamid), STATUS_MAP.get(name), code[:32])
