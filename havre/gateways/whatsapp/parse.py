"""Reading a WhatsApp webhook payload into Havre's texts and delivery reports.

One payload may hold several changes, each with messages and statuses, for
any of the business account's numbers: those for another number are not this
channel's and are left alone. The payload's `contacts` (profile names,
usernames) are never read, nor any location, contact card or media id: only
how many such items came. A payload that is not what WhatsApp sends is
refused whole, before anything is stored.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from havre.conversations.models import Channel
from havre.gateways.handling import DeliveryReport, InboundText
from havre.gateways.meta.graph import WINDOW_CLOSED
from havre.gateways.refs import provider_ref
from havre.gateways.whatsapp.wire import (
    ATTACHMENTS,
    CARDS,
    IGNORED,
    MAX_ID_LENGTH,
    OBJECT,
    STATUS_MAP,
)
from havre.vault import addresses
from havre.vault.addresses import AddressKind


class MalformedPayloadError(ValueError):
    """Not a payload WhatsApp would send; nothing of it is stored."""


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


def parse(payload: dict[str, Any], channel: Channel) -> Parsed:
    if payload.get("object") != OBJECT:
        raise MalformedPayloadError
    parsed = Parsed([], [])
    for entry in _list(payload.get("entry")):
        for change in _list(_dict(entry).get("changes")):
            change = _dict(change)
            if change.get("field") != "messages":
                continue
            value = _dict(change.get("value"))
            metadata = _dict(value.get("metadata"))
            if _str(metadata.get("phone_number_id")) != channel.config.get("phone_number_id"):
                continue
            for message in _list(value.get("messages")):
                text = _message(_dict(message), channel)
                if text is not None:
                    parsed.texts.append(text)
            for status in _list(value.get("statuses")):
                parsed.reports.append(_status(_dict(status), channel))
    return parsed


def _sender(message: dict[str, Any]) -> str:
    # Her number when WhatsApp gives it, else her business-scoped user id.
    raw = message.get("from") or message.get("from_user_id")
    try:
        return addresses.normalize(AddressKind.WHATSAPP, _str(raw))
    except addresses.InvalidAddressError:
        raise MalformedPayloadError from None


def _message(message: dict[str, Any], channel: Channel) -> InboundText | None:
    wamid = _id(message.get("id"))
    kind = _str(message.get("type"))
    if kind in IGNORED:
        return None
    sender = _sender(message)
    body, media = "", 0
    content = message.get(kind)
    if kind == "text":
        body = _str(_dict(content).get("body"))
    elif kind in ATTACHMENTS:
        body, media = _str(_dict(content).get("caption"), optional=True), 1
    elif kind == "contacts":
        media = max(1, len(_list(content)))
    elif kind in CARDS:
        media = 1
    elif kind == "reaction":
        body = _str(_dict(content).get("emoji"), optional=True)
        if not body:
            return None  # a reaction taken back
    elif kind == "button":
        body = _str(_dict(content).get("text"))
    elif kind == "interactive":
        reply = _dict(content)
        chosen = reply.get("button_reply") or reply.get("list_reply")
        body = _str(_dict(chosen).get("title"))
    else:
        # A message WhatsApp could not render for the business ("unsupported"),
        # or a type newer than this code: she sent something Havre cannot show.
        media = 1
    return InboundText(provider_ref(channel.pk, wamid), sender, body, media)


def _status(status: dict[str, Any], channel: Channel) -> DeliveryReport:
    wamid = _id(status.get("id"))
    name = _str(status.get("status"))
    code = ""
    for error in _list(status.get("errors")):
        number = _dict(error).get("code")
        if isinstance(number, int) and not isinstance(number, bool):
            code = WINDOW_CLOSED if number == 131047 else str(number)
            break
    return DeliveryReport(provider_ref(channel.pk, wamid), STATUS_MAP.get(name), code[:32])
