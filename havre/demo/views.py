"""The phone simulator: play texters writing to the demo helpline.

Texts leave through the demo's fake Twilio, which posts them, signed, to the
demo channel's real webhook over HTTP, so the demo runs the same path as a
real provider. Replies the helpline sends to the fake are shown here.
"""

from __future__ import annotations

import logging

import httpx
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from havre.accounts.api import error, json_body
from havre.demo.fake import demo_fake
from havre.demo.simulator import default_phones, demo_channel, normalise_phone
from havre.demo.strings import simulator_strings
from havre.gateways.registry import webhook_urls

logger = logging.getLogger(__name__)

MAX_TEXT = 1600
MAX_PHONES = 20


def _demo_only() -> None:
    if not (settings.HAVRE_DEMO or settings.HAVRE_TESTING):
        raise Http404


@require_GET
def simulator(request: HttpRequest) -> HttpResponse:
    _demo_only()
    channel = demo_channel()
    config = {
        "send_url": reverse("demo:send"),
        "messages_url": reverse("demo:messages"),
        "csrf_token": get_token(request),
        "default_phones": default_phones(channel),
        "max_text": MAX_TEXT,
        "ready": channel is not None,
    }
    context = {"channel": channel, "config": config, "strings": simulator_strings()}
    return render(request, "demo/simulator.html", context)


@require_POST
def send(request: HttpRequest) -> JsonResponse:
    _demo_only()
    data = json_body(request)
    if data is None:
        return error("bad_request", 400)
    phone = normalise_phone(data.get("phone"))
    body = data.get("body", "")
    photo = data.get("photo", False) is True
    if phone is None:
        return error("invalid_phone", 400)
    if not isinstance(body, str) or len(body) > MAX_TEXT or not (body.strip() or photo):
        return error("invalid_text", 400)
    channel = demo_channel()
    if channel is None:
        return error("no_channel", 409)
    fake = demo_fake()
    form = fake.inbound_form(
        webhook_urls(channel)["sms"],
        sender=phone,
        to=channel.address,
        body=body,
        media=1 if photo else 0,
        account_sid=str(channel.config["account_sid"]),
    )
    try:
        response = fake.post_inbound(form)
    except httpx.HTTPError as exc:
        logger.warning("simulator: the webhook was unreachable (%s)", type(exc).__name__)
        return error("unreachable", 502)
    return JsonResponse(
        {"phone": phone, "status": response.status_code, "sid": form.params["MessageSid"]}
    )


@require_GET
def messages(request: HttpRequest) -> JsonResponse:
    """Texts to and from the given phones, after the `after` sequence number."""
    _demo_only()
    phones = [p for p in (normalise_phone(x) for x in request.GET.getlist("phone")) if p]
    try:
        after = max(0, int(request.GET.get("after", "0")))
    except ValueError:
        return error("bad_request", 400)
    fake = demo_fake()
    found = fake.conversation(phones[:MAX_PHONES], after=after)
    return JsonResponse(
        {
            "last": len(fake.exchanges),
            "messages": [
                {
                    "seq": e.seq,
                    "sid": e.sid,
                    "phone": e.texter,
                    "direction": e.direction,
                    "body": e.body,
                    "media": e.media,
                    "at": e.at.isoformat(),
                }
                for e in found
            ],
        }
    )
