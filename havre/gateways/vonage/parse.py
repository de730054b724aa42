"""Reading Vonage's inbound and status webhooks into Havre's shapes.

Both carry one message each. Those for another of the application's numbers,
or for a channel other than SMS, are not this channel's and are left alone.
An MMS picture or card is only counted; its URL is never read.
"""

from __future__ import annotations

from typing import Any

from havre.conversations.models import Channel
from havre.gateways.handling import DeliveryReport, InboundText
from havre.gateways.vonage.wire import CHANNELS, ERROR_CODE_RE, MEDIA_TYPES, STATUS_MAP, UUID_RE
from havre.vault import addresses


class MalformedPayloadError(ValueError):
    """Not a payload Vonage would send; nothing of it is stored."""


def _str(value: object, *, optional: bool = False) -> str:
    if value is None and optional:
        return ""
    if not isinstance(value, str):
        raise MalformedPayloadError
    return value


def _uuid(payload: dict[str, Any]) -> str:
    value = _str(payload.get("message_uuid"))
    if not UUID_RE.fullmatch(value):
        raise MalformedPayloadError
    return value


def _number(value: object) -> str:
    # Vonage writes numbers as their digits, without "+".
    text = _str(value)
    if not text.isascii() or not text.isdigit():
        raise MalformedPayloadError
    try:
        return addresses.e164("+" + text)
    except addresses.InvalidAddressError:
        raise MalformedPayloadError from None


def _ours(payload: dict[str, Any], channel: Channel, number_field: str) -> bool:
    if _str(payload.get("channel")) not in CHANNELS:
        return False
    return _number(payload.get(number_field)) == channel.address


def parse_inbound(payload: dict[str, Any], channel: Channel) -> InboundText | None:
    """The text in an inbound webhook; None when it is not this channel's."""
    message_uuid = _uuid(payload)
    if not _ours(payload, channel, "to"):
        return None
    sender = _number(payload.get("from"))
    kind = _str(payload.get("message_type"))
    if kind == "text":
        return InboundText(message_uuid, sender, _str(payload.get("text")))
    if kind in MEDIA_TYPES:
        content = payload.get(kind)
        if not isinstance(content, dict):
            raise MalformedPayloadError
        return InboundText(message_uuid, sender, _str(content.get("caption"), optional=True), 1)
    # A type newer than this code: she sent something Havre cannot show.
    return InboundText(message_uuid, sender, "", 1)


def parse_status(payload: dict[str, Any], channel: Channel) -> DeliveryReport | None:
    """The report in a status webhook; None when it is not this channel's."""
    message_uuid = _uuid(payload)
    if not _ours(payload, channel, "from"):
        return None
    status = _str(payload.get("status"))
    code = ""
    error = payload.get("error")
    if error is not None:
        if not isinstance(error, dict):
            raise MalformedPayloadError
        title, kind = error.get("title"), error.get("type")
        if isinstance(title, int) and not isinstance(title, bool):
            code = str(title)
        elif isinstance(kind, str) and "#" in kind:
            fragment = kind.rsplit("#", 1)[1]
            code = fragment if ERROR_CODE_RE.fullmatch(fragment) else ""
    return DeliveryReport(message_uuid, STATUS_MAP.get(status), code[:32])
