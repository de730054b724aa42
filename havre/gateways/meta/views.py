"""The one webhook that WhatsApp and Messenger share: Meta's handshake, then signed events.

POST checks, in order: the channel exists (404), the body's size (413),
Meta's signature over the raw body (403), the payload's shape (400); only
then are its messages stored and its statuses applied, and it answers 200
once they are.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from havre.conversations.actions.channels import channel_secret
from havre.conversations.models import Channel
from havre.gateways import handling
from havre.gateways.meta.payload import MalformedPayloadError, Parsed
from havre.gateways.meta.webhooks import answer_handshake, is_signed
from havre.gateways.webhooks import signed_json

Parser = Callable[[dict[str, Any], Channel], Parsed]


def receive(
    request: HttpRequest, provider: str, channel_id: uuid.UUID, parse: Parser
) -> HttpResponse:
    channel = handling.live_channel(provider, channel_id)
    secret = channel_secret(channel)
    if request.method == "GET":
        return answer_handshake(request, str(secret.get("verify_token", "")))
    app_secret = str(secret.get("app_secret", ""))

    def refusal(body: bytes) -> str | None:
        return None if is_signed(request, body, app_secret) else "bad signature"

    payload = signed_json(request, channel, refusal)
    if isinstance(payload, HttpResponse):
        return payload
    try:
        parsed = parse(payload, channel)
    except MalformedPayloadError:
        return handling.refuse(channel, 400, "malformed payload")
    return handling.take(channel, parsed.texts, parsed.reports)
