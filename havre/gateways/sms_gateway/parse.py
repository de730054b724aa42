"""Reading the gateway's JSON into Havre's shapes; anything else is malformed, and stored not at all."""

from __future__ import annotations

from typing import Any

from havre.conversations.models import Channel
from havre.gateways.handling import DeliveryReport, InboundText
from havre.gateways.refs import provider_ref
from havre.gateways.sms_gateway.wire import ERROR_RE, ID_RE, MAX_MEDIA, STATUSES
from havre.vault import addresses


class MalformedPayloadError(ValueError):
    """Not what the protocol says; nothing of it is stored."""


def _id(payload: dict[str, Any]) -> str:
    """The gateway's id, as it sent it: stored only as a keyed digest (havre.gateways.refs).

    Its shape is the gateway's choice, and one may build it from the number.
    """
    value = payload.get("id")
    if not isinstance(value, str) or not ID_RE.fullmatch(value):
        raise MalformedPayloadError
    return value


def _number(value: object) -> str:
    if not isinstance(value, str) or not value.startswith("+"):
        raise MalformedPayloadError
    try:
        return addresses.e164(value)
    except addresses.InvalidAddressError:
        raise MalformedPayloadError from None


def parse_inbound(payload: dict[str, Any], channel: Channel) -> InboundText:
    message_id = _id(payload)
    if _number(payload.get("to")) != channel.address:
        raise MalformedPayloadError
    sender = _number(payload.get("from"))
    text = payload.get("text", "")
    media = payload.get("media", 0)
    if not isinstance(text, str):
        raise MalformedPayloadError
    if not isinstance(media, int) or isinstance(media, bool) or not 0 <= media <= MAX_MEDIA:
        raise MalformedPayloadError
    return InboundText(provider_ref(channel.pk, message_id), sender, text, media)


def parse_status(payload: dict[str, Any], channel: Channel) -> DeliveryReport:
    message_id = _id(payload)
    status = payload.get("status")
    if not isinstance(status, str) or status not in STATUSES:
        raise MalformedPayloadError
    error = payload.get("error", "")
    if error is None:
        error = ""
    if not isinstance(error, str) or (error and not ERROR_RE.fullmatch(error)):
        raise MalformedPayloadError
    return DeliveryReport(provider_ref(channel.pk, message_id), status, error)
