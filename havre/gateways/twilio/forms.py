"""Reading Twilio's webhook forms into what Havre's actions take.

Each reader returns None for a form that Twilio would not send to this
channel; the view answers 400 and stores nothing.
"""

from __future__ import annotations

import dataclasses

from django.http import QueryDict

from havre.conversations.models import Channel
from havre.gateways.twilio.wire import (
    ERROR_CODE_RE,
    MAX_MEDIA,
    MESSAGE_SID_RE,
    STATUS_MAP,
)


@dataclasses.dataclass(frozen=True)
class InboundText:
    message_sid: str
    sender: str
    body: str
    media_count: int


@dataclasses.dataclass(frozen=True)
class StatusReport:
    message_sid: str
    twilio_status: str
    # None when Twilio reports a status Havre does not track.
    status: str | None
    error_code: str


def _one(params: QueryDict, name: str) -> str | None:
    """The field's only value; None when it is missing or repeated."""
    values = params.getlist(name)
    return values[0] if len(values) == 1 else None


def _common(params: QueryDict, channel: Channel) -> str | None:
    """The MessageSid when the form is for this channel's account, else None."""
    if _one(params, "AccountSid") != channel.config.get("account_sid"):
        return None
    sid = _one(params, "MessageSid")
    if sid is None or not MESSAGE_SID_RE.fullmatch(sid):
        return None
    return sid


def parse_inbound(params: QueryDict, channel: Channel) -> InboundText | None:
    sid = _common(params, channel)
    sender = _one(params, "From")
    body = _one(params, "Body")
    num_media = _one(params, "NumMedia")
    if sid is None or not sender or body is None or num_media is None:
        return None
    if _one(params, "To") != channel.address:
        return None
    if not num_media.isascii() or not num_media.isdigit() or int(num_media) > MAX_MEDIA:
        return None
    return InboundText(message_sid=sid, sender=sender, body=body, media_count=int(num_media))


def parse_status(params: QueryDict, channel: Channel) -> StatusReport | None:
    sid = _common(params, channel)
    # MessageStatus is the current name; SmsStatus the older one Twilio still sends.
    twilio_status = _one(params, "MessageStatus") or _one(params, "SmsStatus")
    error_code = _one(params, "ErrorCode") or ""
    if sid is None or not twilio_status:
        return None
    if error_code and not ERROR_CODE_RE.fullmatch(error_code):
        return None
    return StatusReport(
        message_sid=sid,
        twilio_status=twilio_status,
        status=STATUS_MAP.get(twilio_status.lower()),
        error_code=error_code,
    )
