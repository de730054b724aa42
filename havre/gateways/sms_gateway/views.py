"""The gateway's webhooks: /hooks/gateway/<channel uuid>/sms and .../status.

Each checks, in order: the channel exists (404), the body's size (413), the
signature and its timestamp (403), the payload's shape (400); only then is
the text stored or the status applied, and it answers 200 once that is done.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from havre.conversations.actions.channels import channel_secret
from havre.conversations.models import Channel
from havre.gateways import handling
from havre.gateways.sms_gateway.parse import MalformedPayloadError, parse_inbound, parse_status
from havre.gateways.sms_gateway.wire import SIGNATURE_HEADER, TIMESTAMP_HEADER, is_signed
from havre.gateways.webhooks import signed_json


def _verified(request: HttpRequest, channel: Channel) -> dict[str, Any] | HttpResponse:
    secret = str(channel_secret(channel).get("secret", ""))
    stamp, sent = request.headers.get(TIMESTAMP_HEADER), request.headers.get(SIGNATURE_HEADER)

    def refusal(body: bytes) -> str | None:
        return None if is_signed(secret, stamp, sent, body) else "bad or stale signature"

    return signed_json(request, channel, refusal)


@csrf_exempt
@require_POST
def sms(request: HttpRequest, channel_id: uuid.UUID) -> HttpResponse:
    channel = handling.live_channel("gateway", channel_id)
    payload = _verified(request, channel)
    if isinstance(payload, HttpResponse):
        return payload
    try:
        text = parse_inbound(payload, channel)
    except MalformedPayloadError:
        return handling.refuse(channel, 400, "malformed payload")
    return handling.take(channel, [text])


@csrf_exempt
@require_POST
def status(request: HttpRequest, channel_id: uuid.UUID) -> HttpResponse:
    channel = handling.live_channel("gateway", channel_id)
    payload = _verified(request, channel)
    if isinstance(payload, HttpResponse):
        return payload
    try:
        report = parse_status(payload, channel)
    except MalformedPayloadError:
        return handling.refuse(channel, 400, "malformed payload")
    return handling.take(channel, [], [report])
