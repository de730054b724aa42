"""Vonage's webhooks: /hooks/vonage/<channel uuid>/inbound and .../status.

Each checks, in order: the channel exists (404), the body's size (413), the
token Vonage signs with the signature secret and its hash of this very body
(403), the payload's shape (400); only then is the text stored or the status
applied, and it answers 200 once that is done.
"""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from havre.conversations.actions.channels import channel_secret
from havre.conversations.models import Channel
from havre.gateways import handling
from havre.gateways.vonage.parse import MalformedPayloadError, parse_inbound, parse_status
from havre.gateways.vonage.tokens import InvalidTokenError, verify_webhook
from havre.gateways.webhooks import signed_json


def _verified(request: HttpRequest, channel: Channel) -> dict[str, object] | HttpResponse:
    secret = str(channel_secret(channel).get("signature_secret", ""))

    def refusal(body: bytes) -> str | None:
        try:
            claims = verify_webhook(request.headers.get("Authorization"), body, secret)
        except InvalidTokenError:
            return "bad signature"
        application = claims.get("application_id")
        if application is not None and application != channel.config.get("application_id"):
            return "signed for another application"
        return None

    return signed_json(request, channel, refusal)


@csrf_exempt
@require_POST
def inbound(request: HttpRequest, channel_id: uuid.UUID) -> HttpResponse:
    channel = handling.live_channel("vonage", channel_id)
    payload = _verified(request, channel)
    if isinstance(payload, HttpResponse):
        return payload
    try:
        text = parse_inbound(payload, channel)
    except MalformedPayloadError:
        return handling.refuse(channel, 400, "malformed payload")
    return handling.take(channel, [text] if text is not None else [])


@csrf_exempt
@require_POST
def status(request: HttpRequest, channel_id: uuid.UUID) -> HttpResponse:
    channel = handling.live_channel("vonage", channel_id)
    payload = _verified(request, channel)
    if isinstance(payload, HttpResponse):
        return payload
    try:
        report = parse_status(payload, channel)
    except MalformedPayloadError:
        return handling.refuse(channel, 400, "malformed payload")
    return handling.take(channel, [], [report] if report is not None else [])
